#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the module against Debian 12's own kernel headers (Linux 6.1) with
# W=1, in a scratch copy of its sources (module/ keeps the test kernel's
# objects), and fail on any compiler or modpost warning: cnet builds where
# users are, not only on the test kernel. module/compat.h holds what
# differs between the two.
#
#   compat-check.sh [KDIR]
#
# KDIR defaults to the newest /usr/src/linux-headers-6.1.*-amd64, which
# deps.sh installs (linux-headers-amd64, Debian 12's) when there is none.
# Prints a line "compat: ..." saying what was built and how it went.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
[ $# -le 1 ] || { echo "usage: $0 [KDIR]" >&2; exit 2; }

kdir=${1:-}
[ -n "$kdir" ] || kdir=$("$here/vm/headers-6.1.sh")
if [ ! -f "$kdir/Makefile" ]; then
	echo "compat: no kernel headers at '${kdir:-/usr/src/linux-headers-6.1.*-amd64}'" >&2
	echo "compat: FAILED"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$repo" || exit 1
cp Kbuild "$tmp/"
find module \( -name '*.[ch]' ! -name '*.mod.c' -o -name Kbuild \) -print0 |
	xargs -0 cp --parents -t "$tmp"

start=$SECONDS
out=$(make -C "$kdir" M="$tmp" W=1 -j"$(nproc)" modules 2>&1)
rc=$?
out=${out//$tmp\//}
n=$(grep -cE '(warning|error|WARNING|ERROR):' <<< "$out")
name=$(basename "$kdir")
if [ $rc -ne 0 ] || [ "$n" -gt 0 ]; then
	grep -E '(warning|error|WARNING|ERROR):' -A3 <<< "$out" | head -n 100
	[ $rc -ne 0 ] && [ "$n" -eq 0 ] && tail -n 20 <<< "$out"
	echo "compat: $name: $n warning/error lines$([ $rc -ne 0 ] && echo ", build failed")"
	echo "compat: FAILED"
	exit 1
fi
echo "compat: $name: W=1 clean ($((SECONDS - start)) s)"
