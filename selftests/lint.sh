#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lint the module (make lint): checkpatch --strict on module/ (with
# module/tests/ and the uapi header), a W=1 build and a sparse (C=2) pass
# against kernel KDIR.
# Any checkpatch error, warning or check, and any compiler or sparse
# warning, fails.
#
# The builds are made in a scratch copy of the module's sources, so that
# every file is compiled (an up-to-date tree would compile nothing and warn
# about nothing) and the work tree's module/cnet.ko is left alone.
#
# Usage: selftests/lint.sh KDIR
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 KDIR" >&2; exit 2; }
kdir=$1
[ -f "$kdir/Makefile" ] || { echo "lint: no kernel build at $kdir" >&2; exit 2; }
src=$kdir/source
[ -d "$src/scripts" ] || src=$kdir
checkpatch=$src/scripts/checkpatch.pl
cd "$repo" || exit 1

problems=0
summary=()
note() { summary+=("$1"); }

# ---- checkpatch --------------------------------------------------------
files=()
for f in module/*.c module/*.h module/tests/*.c module/tests/*.h \
	module/include/uapi/linux/*.h; do
	[ -f "$f" ] && [[ $f != *.mod.c ]] && files+=("$f")
done
if [ ! -f "$checkpatch" ]; then
	note "checkpatch: NOT RUN (no scripts/checkpatch.pl in $src)"
	problems=$((problems + 1))
else
	echo "== checkpatch --strict (${#files[@]} files)"
	out=$(perl "$checkpatch" --strict --no-tree --terse --show-types \
		--color=never -f "${files[@]}" 2>&1)
	rc=$?
	n=$(grep -cE ': (ERROR|WARNING|CHECK):' <<< "$out")
	if [ $rc -ne 0 ] || [ "$n" -gt 0 ]; then
		grep -v '^total: ' <<< "$out"
		problems=$((problems + n + (n == 0)))
		note "checkpatch: $n problems ($(grep -cE ': ERROR:' <<< "$out") errors, $(grep -cE ': WARNING:' <<< "$out") warnings, $(grep -cE ': CHECK:' <<< "$out") checks)"
	else
		note "checkpatch: clean (${#files[@]} files)"
	fi
fi

# ---- W=1 and sparse builds in a scratch copy -----------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp Kbuild "$tmp/"
find module \( -name '*.[ch]' ! -name '*.mod.c' -o -name Kbuild \
	-o -name Makefile \) -print0 | xargs -0 cp --parents -t "$tmp"

# build NAME MAKE-ARGS...: build the scratch copy, count warning lines.
build() {
	local name=$1 out n
	shift
	echo "== $name"
	out=$(make -C "$kdir" M="$tmp" "$@" modules 2>&1)
	local rc=$?
	out=${out//$tmp\//}
	n=$(grep -cE '(warning|error):' <<< "$out")
	if [ "$rc" -ne 0 ] || [ "$n" -gt 0 ]; then
		grep -E '(warning|error):' -A3 <<< "$out" | head -n 200
		[ "$rc" -ne 0 ] && [ "$n" -eq 0 ] && tail -n 20 <<< "$out"
		problems=$((problems + n + (rc != 0)))
		note "$name: $n warning/error lines$([ "$rc" -ne 0 ] && echo ", build failed")"
	else
		note "$name: clean"
	fi
}
build "make W=1" W=1
if command -v sparse > /dev/null; then
	# C=2: sparse on every file, compiled or not. With W=1 again, so that
	# nothing is recompiled and only sparse's findings are printed.
	build "sparse (C=2)" W=1 C=2
else
	note "sparse (C=2): NOT RUN (sparse not installed: selftests/vm/deps.sh lint)"
	problems=$((problems + 1))
fi

echo "== summary"
printf '%s\n' "${summary[@]}"
if [ $problems -gt 0 ]; then
	echo "lint: FAILED"
	exit 1
fi
echo "lint: clean"
