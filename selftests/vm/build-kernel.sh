#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the cnet test kernel and print its build directory.
#
#   build-kernel.sh           the test kernel (debug checkers on): make check
#   build-kernel.sh --bench   the bench kernel (checkers off, pktgen): make bench
#   build-kernel.sh --kcsan   the KCSAN kernel (KCSAN in place of KASAN):
#                             make check KERNEL=kcsan
#
# The kernel is Debian's linux-source-6.12 configured as tinyconfig plus
# selftests/vm/kernel.config, and for the bench and KCSAN kernels
# selftests/vm/kernel-bench.config or kernel-kcsan.config on top (its
# options win). It is cached outside the work tree, in $CNET_CACHE (default
# /var/cache/cnet), under a key made of the source package version and the
# config fragments (kernel-KEY, kernel-bench-KEY, kernel-kcsan-KEY), so a
# later run reuses it and a change of either rebuilds it. A build that was
# interrupted resumes. Each kernel has its own lock: one may build while
# another is used.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${CNET_CACHE:-/var/cache/cnet}
pkg=linux-source-6.12

flavour="test"
fragments=("$here/kernel.config")
case "${1:-}" in
"") ;;
--bench) flavour=bench; fragments+=("$here/kernel-bench.config") ;;
--kcsan) flavour=kcsan; fragments+=("$here/kernel-kcsan.config") ;;
*) echo "usage: $0 [--bench|--kcsan]" >&2; exit 2 ;;
esac

"$here/deps.sh" kernel >&2

ver=$(dpkg-query -W -f='${Version}' "$pkg")
key=$( { echo "$ver"; cat "${fragments[@]}"; } | sha256sum | cut -c1-16)
src="$cache/src/$pkg-$ver"
if [ $flavour = test ]; then
	out="$cache/kernel-$key"
	lock="$cache/.lock"
else
	out="$cache/kernel-$flavour-$key"
	lock="$cache/.lock-$flavour"
fi

mkdir -p "$cache"
exec 9>"$lock"
flock 9

if [ -f "$out/.cnet-built" ]; then
	echo "$out"
	exit 0
fi

log() { echo "build-kernel: $*" >&2; }

# The sources are shared: extracted under the test kernel's lock.
[ $flavour = test ] || exec 8>"$cache/.lock"
[ $flavour = test ] || flock 8
if [ ! -f "$src/.cnet-extracted" ]; then
	log "extracting $pkg $ver"
	rm -rf "$src"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" -xf "/usr/src/$pkg.tar.xz"
	mv "$src.tmp/$pkg" "$src"
	rmdir "$src.tmp"
	touch "$src/.cnet-extracted"
fi
[ $flavour = test ] || exec 8>&-

# The options asked for: each one's last setting in the fragments.
wanted() {
	cat "${fragments[@]}" | awk -F= '/^CONFIG_/ {
		if (!($1 in v)) order[++n] = $1; v[$1] = $0 }
		END { for (i = 1; i <= n; i++) print v[order[i]] }'
}

mkdir -p "$out"
start=$(date +%s)
if [ ! -f "$out/.config" ] || ! cat "${fragments[@]}" | cmp -s - "$out/.cnet-fragment"; then
	log "configuring the $flavour kernel in $out"
	make -s -C "$src" O="$out" tinyconfig >&2
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
		"$out/.config" "${fragments[@]}" >&2
	make -s -C "$src" O="$out" olddefconfig >&2
	# Every option the fragments ask for must have survived olddefconfig:
	# a silently dropped debug checker would make the tests weaker, a
	# checker left on would make the benchmarks measure it.
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
	done < <(wanted)
	[ $missing -eq 0 ] || { log "config fragment not satisfiable"; exit 1; }
	cat "${fragments[@]}" > "$out/.cnet-fragment"
fi

log "building the $flavour kernel (first time only; cached in $out)"
make -s -C "$src" O="$out" -j"$(nproc)" bzImage modules >&2
touch "$out/.cnet-built"
log "kernel built in $(( $(date +%s) - start ))s"
echo "$out"
