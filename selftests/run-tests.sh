#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cnet test suite, run as root inside the test VM from the repository
# root (selftests/check.sh starts it there). Prints TAP version 13:
#
#   1. insmod module/cnet.ko (if it fails, the rest is skipped), then one
#      line per KUnit case of the module's suites (named cnet*), read from
#      the KTAP the suites print in the kernel log when the module loads;
#   2. one line per selftest, selftests/net/AREA/NAME.sh, in sorted order
#      of its path and named AREA/NAME (e.g. icmp/50-udp-unreach), each run
#      with a timeout (TEST_TIMEOUT seconds, default 180, or what a line
#      "# timeout: SECONDS" in the test says, or with SOAK=1 a line
#      "# soak-timeout: SECONDS"); exit status 0 is a
#      pass, 4 a skip (kselftest convention), anything else a failure;
#      its output goes to .vm/logs/AREA-NAME.log and is shown (as "# "
#      lines) when it fails. A kernel splat logged while it ran fails it
#      too. A test with a line "# subtests: tap" adds one TAP line per
#      "ok N - WHAT" / "not ok N - WHAT" line it printed, named NAME: WHAT
#      (before its own line);
#   3. rmmod cnet, which must succeed.
#
# Usage: selftests/run-tests.sh [PATTERN...]
#        selftests/run-tests.sh --list [PATTERN...]
# A PATTERN that names an area (a directory of selftests/net, e.g. icmp)
# selects that area's tests; any other selects the tests whose name
# contains it (e.g. dad, or neigh/6). Without one, every test runs; KUnit
# and rmmod always do. A PATTERN that selects nothing is a failure: its
# own TAP line, or with --list (which prints the selected names and runs
# nothing, on the host too) exit status 2 and a message.
# SOAK=1 (make soak): the tests that read it run their long versions, and
# the area soak/ (left out otherwise) is there too.
# Exit status: 0 when nothing failed.
set -u
cd "$(dirname "$0")/.." || exit 1

# ---- which selftests ------------------------------------------------------
testdir=selftests/net
list=0
if [ "${1:-}" = --list ]; then
	list=1
	shift
fi
pats=()
for p in "$@"; do [ -n "$p" ] && pats+=("$p"); done
# selects NAME PATTERN: whether PATTERN selects the test named NAME.
selects() {
	local name=$1 p=${2%/}
	if [ -n "$p" ] && [ -d "$testdir/$p" ]; then
		[[ $name == "$p"/* ]]
	else
		[[ $name == *"$p"* ]]
	fi
}
tests=()	# the selected tests' paths
names=()	# and names: the path in $testdir, without .sh
declare -A used	# the patterns that selected some test
while IFS= read -r t; do
	name=${t#"$testdir"/}
	name=${name%.sh}
	# soak/ runs only in make soak
	[[ $name == soak/* ]] && [ "${SOAK:-0}" != 1 ] && continue
	sel=0
	[ ${#pats[@]} -eq 0 ] && sel=1
	for p in "${pats[@]}"; do
		selects "$name" "$p" && { sel=1; used[$p]=1; }
	done
	[ $sel = 1 ] || continue
	tests+=("$t")
	names+=("$name")
done < <(find "$testdir" -type f -name '*.sh' | LC_ALL=C sort)
unused=()
for p in "${pats[@]}"; do [ -n "${used[$p]:-}" ] || unused+=("$p"); done
areas=$(find "$testdir" -mindepth 1 -type d -printf '%P\n' | LC_ALL=C sort |
	tr '\n' ' ')
no_match() {	# no_match PATTERN: the message when PATTERN selects nothing
	echo "no selftest matches \"$1\" (areas: ${areas% }; or a part of a" \
		"test's name, as in selftests/run-tests.sh --list)"
}

if [ $list = 1 ]; then
	[ ${#names[@]} -gt 0 ] && printf '%s\n' "${names[@]}"
	for p in "${unused[@]}"; do echo "run-tests: $(no_match "$p")" >&2; done
	[ ${#unused[@]} -eq 0 ] || exit 2
	exit 0
fi

timeout_s=${TEST_TIMEOUT:-180}
logdir=.vm/logs
mkdir -p "$logdir"
rm -f "$logdir"/*

n=0
failed=0
tap() {	# tap ok|not-ok DESCRIPTION [DIRECTIVE]
	n=$((n + 1))
	local dir=${3:+ # $3}
	if [ "$1" = ok ]; then
		echo "ok $n $2$dir"
	else
		echo "not ok $n $2$dir"
		failed=$((failed + 1))
	fi
}
indent() { sed 's/^/# /'; }
kmsg() { echo "run-tests: $*" > /dev/kmsg; }
# What a splat looks like (splat_re, ignore_re, splat_line).
# shellcheck source=selftests/vm/splat.sh
source selftests/vm/splat.sh
# In the emulated VM every process costs a tenth of a second or more, and
# what runs between two tests runs a hundred times: it is done in the
# shell, with one dmesg and one awk per test, and run.sh --scan only for
# a log that has a splat in it.
kcsan_kernel=0
[ -e /sys/kernel/debug/kcsan ] && kcsan_kernel=1
# On the KCSAN kernel, how many data races it has counted so far: a race
# is counted even when it is not printed (the same race again within
# KCSAN_REPORT_ONCE_IN_MS, or a watched value that did not change with
# KCSAN_REPORT_VALUE_CHANGE_ONLY=y), so each test's line says how many
# happened during it. Nothing on other kernels.
kcsan_races() {
	[ $kcsan_kernel = 1 ] &&
		awk -F': ' '$1 == "data_races" { print $2 }' /sys/kernel/debug/kcsan 2>/dev/null
}
# klog_slice MARKER: the kernel log's lines after the last one that ends
# with "run-tests: MARKER" (all of them when the log has wrapped past it),
# in the array KLOG; klog_since MARKER prints them.
# (awk, not a loop of the shell's over the whole log: that took 0.8 s a
# test at the start of a run, and more as the log grew; this, 0.4 s.)
klog_slice() {
	mapfile -t KLOG < <(dmesg | awk -v m="run-tests: $1" '
		length($0) >= length(m) &&
		substr($0, length($0) - length(m) + 1) == m { n = 0; next }
		{ line[n++] = $0 }
		END { for (i = 0; i < n; i++) print line[i] }')
}
klog_since() {
	klog_slice "$1"
	[ ${#KLOG[@]} -eq 0 ] || printf '%s\n' "${KLOG[@]}"
}
# test_header FILE: what a test's own lines "# timeout: SECONDS",
# "# soak-timeout: SECONDS" and "# subtests: tap" say (the first of each),
# in T_TIMEOUT, T_SOAK_TIMEOUT (empty when it has none) and T_SUBTESTS (0
# or 1).
test_header() {
	local line lines re='^# (soak-)?timeout: ([0-9]+)$'
	T_TIMEOUT='' T_SOAK_TIMEOUT='' T_SUBTESTS=0
	mapfile -t lines < "$1"
	for line in "${lines[@]}"; do
		[[ $line == '# '* ]] || continue
		if [[ $line =~ $re ]]; then
			if [ -n "${BASH_REMATCH[1]}" ]; then
				T_SOAK_TIMEOUT=${T_SOAK_TIMEOUT:-${BASH_REMATCH[2]}}
			else
				T_TIMEOUT=${T_TIMEOUT:-${BASH_REMATCH[2]}}
			fi
		elif [ "$line" = '# subtests: tap' ]; then
			T_SUBTESTS=1
		fi
	done
}

echo "TAP version 13"
races=$(kcsan_races)
[ -n "$races" ] && echo "# kcsan: $races data races counted before the tests (at boot)"

# ---- 1. load the module; its KUnit suites run at load -------------------
# (CNET_KO: one built for another kernel, as make compat-run's)
ko=${CNET_KO:-module/cnet.ko}
loaded=0
if [ ! -f $ko ]; then
	tap not-ok "insmod $ko" && echo "# $ko is not built (make module)"
else
	rmmod cnet 2>/dev/null
	kmsg "insmod"
	if out=$(insmod $ko 2>&1); then
		tap ok "insmod $ko"
		loaded=1
	else
		tap not-ok "insmod $ko"
		echo "$out" | indent
		klog_since insmod | tail -n 40 | indent
	fi
fi

# KTAP, as KUnit prints it: a suite is "    # Subtest: NAME", "    1..N",
# its cases "    ok N name" (4 spaces; parameters nested deeper) and its
# result "ok N NAME" (no indent). The kernel log is read from the marker;
# when it is no longer there (log wrapped), from KUnit's debugfs results.
kunit_lines() {
	local d
	if dmesg | grep -q 'run-tests: insmod'; then
		klog_since insmod | sed -E 's/^\[[ 0-9.]+\] ?//'
		return
	fi
	for d in /sys/kernel/debug/kunit/cnet*; do
		[ -r "$d/results" ] && cat "$d/results"
	done
}

if [ $loaded = 1 ]; then
	suites=0
	while IFS=$'\t' read -r kind a b c; do
		case $kind in
		case) tap "$a" "kunit: $b" "$c" ;;
		suite) suites=$((suites + 1)) ;;
		bad) tap not-ok "kunit: $a" && echo "# $b" ;;
		diag) echo "# $a" ;;
		esac
	done < <(kunit_lines | awk '
		function flush() {
			if (suite != "" && ncase != plan)
				printf "bad\t%s\tplan 1..%d but %d cases reported\n",
					suite, plan, ncase
			suite = ""
		}
		/^    # Subtest: / {
			flush()
			name = substr($0, 16)
			nd = 0
			if (name ~ /^cnet/) { suite = name; ncase = 0; plan = -1;
				print "suite\t" name }
			next
		}
		suite == "" { next }
		/^    1\.\.[0-9]+/ { plan = substr($1, 4) + 0; next }
		# What a case printed (its failed expectations): shown if it fails.
		/^     *# / && !/# Subtest:|# module:/ { diag[nd++] = $0; next }
		/^    (not )?ok [0-9]+ / {
			line = substr($0, 5)
			st = "ok"
			if (line ~ /^not ok /) { st = "not-ok"; line = substr(line, 8) }
			else line = substr(line, 4)
			sub(/^[0-9]+ /, "", line)
			dir = ""
			if (match(line, / # /)) {
				dir = substr(line, RSTART + 3); line = substr(line, 1, RSTART - 1)
			}
			ncase++
			if (dir !~ /^SKIP/) dir = ""
			printf "case\t%s\t%s.%s\t%s\n", st, suite, line, dir
			for (i = 0; i < nd && st == "not-ok"; i++)
				printf "diag\t%s\n", diag[i]
			nd = 0
			next
		}
		/^(not )?ok [0-9]+ / { flush() }
		END { flush() }')
	if [ $suites -eq 0 ]; then
		if [ ! -d /sys/module/kunit ]; then
			# a distribution's kernel (make compat-run)
			tap ok "kunit" "SKIP the kernel has no KUnit"
		elif ls module/tests/*.c > /dev/null 2>&1; then
			tap not-ok "kunit: cnet suites ran"
			echo "# no KUnit suite named cnet* in the kernel log after insmod"
		else
			tap ok "kunit" "SKIP the module has no KUnit tests"
		fi
	fi
fi

# ---- 2. the selftests ---------------------------------------------------
# On the KCSAN kernel (it has /sys/kernel/debug/kcsan) a data race wholly
# in core kernel code fails no test: only cnet's do (selftests/vm/run.sh).
scan_opts=()
[ $kcsan_kernel = 1 ] && scan_opts=(--kcsan)
splat_scan() { selftests/vm/run.sh --scan "${scan_opts[@]}" "$@"; }

for p in "${unused[@]}"; do
	tap not-ok "selftests matching \"$p\""
	echo "# $(no_match "$p")"
done

for i in "${!tests[@]}"; do
	t=${tests[$i]}
	name=${names[$i]}
	# one flat directory of logs: icmp/50-udp-unreach -> icmp-50-udp-unreach
	base=$logdir/${name//\//-}
	log=$base.log
	if [ $loaded = 0 ]; then
		tap ok "$name" "SKIP the module did not load"
		continue
	fi
	if [ ! -d /sys/module/cnet ]; then
		echo "# cnet was unloaded by an earlier test: loading it again"
		insmod $ko 2>&1 | indent
	fi

	test_header "$t"
	limit=
	[ "${SOAK:-0}" = 1 ] && limit=$T_SOAK_TIMEOUT
	limit=${limit:-${T_TIMEOUT:-$timeout_s}}
	kmsg "begin $name"
	start=$SECONDS
	races=
	[ $kcsan_kernel = 1 ] && races=$(kcsan_races)
	timeout -k 10 "$limit" bash "$t" > "$log" 2>&1 < /dev/null
	rc=$?
	secs=$((SECONDS - start))
	klog_since "begin $name" > "$base.dmesg"
	# Namespaces a test left behind would disturb the next ones.
	left=
	for ns in /run/netns/*; do
		[ -e "$ns" ] || continue
		left+=${left:+ }${ns##*/}
		ip netns del "${ns##*/}"
	done

	splat=
	if { [ $kcsan_kernel = 1 ] || splat_line "${KLOG[@]}"; } &&
	   ! splat_scan "$base.dmesg" > "$base.splat"; then
		splat=1
	elif [ -e "$base.splat" ]; then	# (no rm when there is none)
		rm -f "$base.splat"
	fi
	# A test with the line "# subtests: tap" prints one "ok N - WHAT" or
	# "not ok N - WHAT" line per case it checks (at the start of a line
	# of its output): each is a TAP line of its own, "NAME: WHAT".
	if [ "$T_SUBTESTS" = 1 ]; then
		while IFS=$'\t' read -r st what; do
			tap "$st" "$name: $what"
		done < <(sed -nE 's/^(not )?ok [0-9]+ - (.*)$/\1\t\2/p' "$log" |
			sed -E 's/^not \t/not-ok\t/; s/^\t/ok\t/')
	fi
	if [ $rc -eq 0 ] && [ -z "$splat" ]; then
		tap ok "$name"
	elif [ $rc -eq 4 ] && [ -z "$splat" ]; then
		reason=$(grep -m1 -oE 'SKIP:? .*' "$log" | sed -E 's/^SKIP:? //')
		tap ok "$name" "SKIP ${reason:-no reason given}"
	else
		tap not-ok "$name"
		case $rc in
		0) ;;
		124|137) echo "# timed out after ${limit}s" ;;
		*) echo "# exit status $rc" ;;
		esac
		indent < "$log"
		[ -n "$splat" ] && indent < "$base.splat"
	fi
	[ -n "$left" ] && echo "# $name left namespaces behind: $left"
	[ $kcsan_kernel = 1 ] && races_now=$(kcsan_races)
	echo "# $name: ${secs}s${races:+, $((races_now - races)) KCSAN data races counted}"
done

# ---- 3. unload ----------------------------------------------------------
if [ $loaded = 1 ]; then
	if [ ! -d /sys/module/cnet ]; then
		tap not-ok "rmmod cnet"
		echo "# cnet was not loaded any more"
	elif out=$(timeout 120 rmmod cnet 2>&1); then
		tap ok "rmmod cnet"
	else
		tap not-ok "rmmod cnet"
		echo "$out" | indent
		grep -E '^cnet ' /proc/modules | indent
	fi
fi

# On the KCSAN kernel, how much it watched (a run without a report is
# evidence only if it set up watchpoints) and how many races it found. A
# race counted in data_races is not printed when it is a repeat within
# KCSAN_REPORT_ONCE_IN_MS, when the other side had already left
# (report_races), or when two addresses only shared a watchpoint slot
# (encoding_false_positives).
if [ -r /sys/kernel/debug/kcsan ]; then
	echo "# kcsan: $(awk -F': ' '$1 ~ /^(setup_watchpoints|data_races|races_unknown_origin|no_capacity|report_races|encoding_false_positives)$/ {
		printf "%s%s %s", sep, $1, $2; sep = ", " }' /sys/kernel/debug/kcsan)"
fi

echo "1..$n"
[ $failed -eq 0 ]
