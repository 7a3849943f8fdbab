#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the cnet test kernel and print its build directory.
#
# The kernel is Debian's linux-source-6.12 configured as tinyconfig plus
# selftests/vm/kernel.config. It is cached outside the work tree, in
# $CNET_CACHE (default /var/cache/cnet), under a key made of the source
# package version and the config fragment, so a later run reuses it and a
# change of either rebuilds it. A build that was interrupted resumes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${CNET_CACHE:-/var/cache/cnet}
pkg=linux-source-6.12

"$here/deps.sh" kernel >&2

ver=$(dpkg-query -W -f='${Version}' "$pkg")
key=$( { echo "$ver"; cat "$here/kernel.config"; } | sha256sum | cut -c1-16)
out="$cache/kernel-$key"
src="$cache/src/$pkg-$ver"

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

if [ -f "$out/.cnet-built" ]; then
	echo "$out"
	exit 0
fi

log() { echo "build-kernel: $*" >&2; }

if [ ! -f "$src/.cnet-extracted" ]; then
	log "extracting $pkg $ver"
	rm -rf "$src"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" -xf "/usr/src/$pkg.tar.xz"
	mv "$src.tmp/$pkg" "$src"
	rmdir "$src.tmp"
	touch "$src/.cnet-extracted"
fi

mkdir -p "$out"
start=$(date +%s)
if [ ! -f "$out/.config" ] || ! cmp -s "$here/kernel.config" "$out/.cnet-fragment"; then
	log "configuring in $out"
	make -s -C "$src" O="$out" tinyconfig >&2
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
		"$out/.config" "$here/kernel.config" >&2
	make -s -C "$src" O="$out" olddefconfig >&2
	# Every option the fragment asks for must have survived olddefconfig:
	# a silently dropped debug checker would make the tests weaker.
	missing=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) opt=${line%=n}
			if grep -q "^$opt=" "$out/.config"; then
				log "option not disabled: $opt"; missing=1
			fi ;;
		CONFIG_*) if ! grep -qx "$line" "$out/.config"; then
				log "option not applied: $line"; missing=1
			fi ;;
		esac
	done < "$here/kernel.config"
	[ $missing -eq 0 ] || { log "config fragment not satisfiable"; exit 1; }
	cp "$here/kernel.config" "$out/.cnet-fragment"
fi

log "building kernel (first time only; cached in $out)"
make -s -C "$src" O="$out" -j"$(nproc)" bzImage modules >&2
touch "$out/.cnet-built"
log "kernel built in $(( $(date +%s) - start ))s"
echo "$out"
