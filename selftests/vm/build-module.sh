#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build cnet.ko for another kernel than the test kernel (the bench kernel)
# and print its path.
#
#   build-module.sh KDIR
#
# Kbuild writes an external module's objects next to its sources, so
# building module/ itself for a second kernel would replace the test
# kernel's objects (and the next `make check` would rebuild them all). This
# builds a copy instead, in .vm/module-NAME/ (NAME: KDIR's last component,
# which carries the kernel's cache key). The copy is brought up to date
# file by file: a source that changed is copied (with a new time, so make
# rebuilds what depends on it), one that is gone is removed, the others
# are left alone, so a second build only compiles what changed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 KDIR" >&2; exit 2; }
kdir=$1
[ -f "$kdir/Makefile" ] || { echo "build-module: no kernel build in $kdir" >&2; exit 1; }
out=$repo/.vm/module-$(basename "$kdir")

# The sources: Kbuild files and C files, not what a build made.
sources() {
	(cd "$1" && find Kbuild module -type f \
		\( -name Kbuild -o -name '*.[ch]' \) ! -name '*.mod.c' | sort)
}

mkdir -p "$out"
while IFS= read -r f; do
	if ! cmp -s "$repo/$f" "$out/$f"; then
		mkdir -p "$(dirname "$out/$f")"
		cp "$repo/$f" "$out/$f"
	fi
done < <(sources "$repo")
comm -13 <(sources "$repo") <(sources "$out") | while IFS= read -r f; do
	rm -f "$out/$f"
done

make -s -C "$kdir" M="$out" modules >&2
echo "$out/module/cnet.ko"
