#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lint the module (make lint): checkpatch --strict on module/ (with
# module/tests/ and the uapi header), a W=1 build and a sparse (C=2) pass
# against kernel KDIR, and a check that the pure files include no skb or
# socket header (see "pure files" below).
# Any checkpatch error, warning or check, any compiler or sparse warning,
# and any such include, fails.
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
	module/compat/*/*.h module/include/uapi/linux/*.h; do
	[ -f "$f" ] && [[ $f != *.mod.c ]] && files+=("$f")
done
if [ ! -f "$checkpatch" ]; then
	note "checkpatch: NOT RUN (no scripts/checkpatch.pl in $src)"
	problems=$((problems + 1))
else
	echo "== checkpatch --strict (${#files[@]} files)"
	# module/compat.h is the one file that tests the kernel's version
	# (LINUX_VERSION_CODE), the others may not.
	cp_args=(--strict --no-tree --terse --show-types --color=never)
	mapfile -t others < <(printf '%s\n' "${files[@]}" |
		grep -vx -e module/compat.h -e module/cnet_trace.h)
	out=$(perl "$checkpatch" "${cp_args[@]}" -f "${others[@]}" 2>&1)
	rc=$?
	if [ -f module/compat.h ]; then
		out+=$'\n'$(perl "$checkpatch" "${cp_args[@]}" \
			--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON \
			-f module/compat.h 2>&1)
		rc=$((rc | $?))
	fi
	# The trace header has the layout of include/trace/events/, which
	# --strict's alignment and macro checks do not know (the kernel's own
	# trace headers draw the same).
	if [ -f module/cnet_trace.h ]; then
		out+=$'\n'$(perl "$checkpatch" "${cp_args[@]}" \
			--ignore OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT,COMPLEX_MACRO \
			-f module/cnet_trace.h 2>&1)
		rc=$((rc | $?))
	fi
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

# ---- pure files ------------------------------------------------------------
# Pure files hold decisions and wire code: no skb, no socket, no lock, so
# KUnit drives them directly. They may not include skbuff.h or sock.h,
# directly or through another header: the compiler's dependency list of
# each pure .c (the .cmd file kbuild leaves) says what it pulled in. A pure
# .h is checked through the .c of the same name, which must include it.
# A pure header with no .c of its own (tcp_seq.h) is checked through a pure
# .c that includes it.
# A new pure file: name it PROTO_hdr.[ch], or add it to pure_extra.
pure_extra=(module/ratelimit.c module/ratelimit.h module/tcp_seq.h
	module/forward_verdict.c module/forward_verdict.h
	module/ip_fragq.c module/ip_fragq.h
	module/tcp_ofo.c module/tcp_ofo.h
	module/tcp_fsm.c module/tcp_fsm.h
	module/tcp_mini.c module/tcp_mini.h)
# duplicate address detection's decisions
pure_extra+=(module/dad.c module/dad.h)
pure_banned='/include/(linux/skbuff|net/sock)\.h'
# TCP's RTO estimator, congestion control and loss recovery
pure_extra+=(module/tcp_rto.c module/tcp_rto.h module/tcp_cong.c
	module/tcp_cong.h module/tcp_recovery.c)
# SYN cookies
pure_extra+=(module/tcp_cookie.c module/tcp_cookie.h)
# TCP timestamps and PAWS
pure_extra+=(module/tcp_ts.c module/tcp_ts.h)
# ECN's decisions
pure_extra+=(module/tcp_ecn.c module/tcp_ecn.h)
# TCP pacing's rate, departure times and burst size
pure_extra+=(module/tcp_pacing.c module/tcp_pacing.h)

# pure_cmd FILE.c: the .cmd file kbuild left for FILE.c's object.
pure_cmd() {
	echo "$tmp/$(dirname "$1")/.$(basename "${1%.c}").o.cmd"
}

# pure_chain FILE.c: print the chain of includes from FILE.c to the first
# banned header, by compiling it again as kbuild did, with -H.
pure_chain() {
	local cmd
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$(pure_cmd "$1")")
	(cd "$kdir" && eval "$cmd -H -fsyntax-only" 2>&1 > /dev/null) |
	awk -v bad="$pure_banned\$" -v tmp="$tmp/" '
		/^\.+ / {
			d = length($1); p = $2
			if (index(p, tmp) == 1)
				p = substr(p, length(tmp) + 1)
			else
				sub(/.*\/include\//, "include/", p)
			chain[d] = p
			if ($2 ~ bad) {
				for (i = 1; i <= d; i++)
					printf " -> %s", chain[i]
				print ""
				exit
			}
		}'
}

echo "== pure files (no skbuff.h, no sock.h)"
declare -A pure_c=()
npure=0
pure_bad=0
# A pure header with no .c of its own is checked through this .c.
declare -A pure_via=([module/tcp_seq.h]=module/tcp_hdr.c)
for f in module/*_hdr.[ch] "${pure_extra[@]}"; do
	[ -f "$f" ] || continue
	npure=$((npure + 1))
	c=${pure_via[$f]:-${f%.[ch]}.c}
	if [[ $f == *.h && ! -f $c ]]; then
		c=$(grep -l "^#include \"${f##*/}\"" module/*_hdr.c \
			"${pure_extra[@]/%.h/.c}" 2> /dev/null | head -n 1)
		c=${c:-${f%.h}.c}
	fi
	pure_c[$c]=1
	if [[ $f == *.h ]] &&
	   ! grep -q "^#include \"${f##*/}\"" "$c" 2> /dev/null; then
		echo "$f: no $c including it, through which to check it"
		pure_bad=$((pure_bad + 1))
	fi
done
for c in "${!pure_c[@]}"; do
	[ -f "$c" ] || continue
	if [ ! -f "$(pure_cmd "$c")" ]; then
		echo "$c: not built (is it in module/Kbuild?)"
		pure_bad=$((pure_bad + 1))
	elif grep -qE "$pure_banned( |$)" "$(pure_cmd "$c")"; then
		echo "$c: includes what a pure file may not:"
		echo "   $c$(pure_chain "$c")"
		pure_bad=$((pure_bad + 1))
	fi
done
if [ $pure_bad -gt 0 ]; then
	problems=$((problems + pure_bad))
	note "pure files: $pure_bad problems"
else
	note "pure files: clean ($npure files)"
fi

echo "== summary"
printf '%s\n' "${summary[@]}"
if [ $problems -gt 0 ]; then
	echo "lint: FAILED"
	exit 1
fi
echo "lint: clean"
