#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cnet test suite (make check): boots the test VM on kernel KDIR, runs
# selftests/run-tests.sh there (KUnit cases, selftests/net/AREA/*.sh, rmmod),
# adds the TAP line "kernel log clean" (no splat or leak in the guest's
# kernel log), then on the host the tools' offline tests (make -C tools
# check) and one line per fuzz target, its corpus
# replayed without fuzzing (fuzz/run.sh --replay; only when no PATTERN is
# given, or with FUZZ_REPLAY=1), and a short second VM boot from a clone in
# a path with spaces under /tmp (vm/check-anywhere.sh; only when no PATTERN
# is given, or with ANYWHERE_CHECK=1), and ends with the line "N passed, N
# failed" (", N skipped" when some were). The whole output is kept in
# .vm/check.log, each test's in .vm/logs/. On the KCSAN kernel a line
# before the summary counts its data-race reports (selftests/vm/run.sh).
# With the tools' tests runs one more host test: the module built against
# Debian 12's own kernel headers, 6.1 (compat-check.sh).
#
# Usage: selftests/check.sh KDIR [PATTERN...]
# PATTERNs select selftests, as run-tests.sh says: an area (icmp) or a part
# of a test's name (dad). One that selects nothing stops it before the VM
# boots, with a message.
# Exit status: 0 when tests ran and none failed; 2 for a bad command line.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 KDIR [PATTERN...]" >&2; exit 2; }
kdir=$1
shift

mkdir -p "$repo/.vm"
out=$repo/.vm/check.log
: > "$out"
rm -f "$repo/.vm/compat-check.rc" "$repo/.vm/fuzz-build.rc"
# run.sh writes it on the KCSAN kernel: none left from an earlier run.
rm -f "$repo/.vm/kcsan.log"

if ! err=$("$here/run-tests.sh" --list "$@" 2>&1 > /dev/null); then
	echo "$err" | tee -a "$out"
	echo "# no test ran" | tee -a "$out"
	exit 2
fi

# run.sh joins CMD's words for bash -c: quote the patterns.
cmd=(selftests/run-tests.sh)
# The sizes of the tests that have a long version go into the VM: SOAK=1
# (make soak, run-tests.sh) or one of them alone (Documentation/testing.rst).
for v in SOAK SOAK_SECS SOAK_CHURN SOAK_LONG_MIB SOAK_MIB TCP_NETEM_KIB TCP_BULK_MIB \
	 TCP_MANY UDP_MANY CYCLES ROUNDS LIFE_LOADS LIFE_NETNS STORM_FRAMES \
	 STORM_SEED; do
	[ -n "${!v:-}" ] && cmd=("$v=$(printf %q "${!v}")" "${cmd[@]}")
done
for p in "$@"; do cmd+=("$(printf %q "$p")"); done
# The kernel source tree KDIR was built from, for the tests that use its
# tools (net/conf/45-ynl.sh: tools/net/ynl); they skip without it.
ksrc=$(readlink -f "$kdir/source" 2>/dev/null) && [ -d "$ksrc" ] &&
	cmd=("CNET_KSRC=$(printf %q "$ksrc")" "${cmd[@]}")

host_tests=0
[ $# -eq 0 ] || [ "${FUZZ_REPLAY:-0}" = 1 ] && host_tests=1

# The whole suite takes minutes with KVM, but can take half an hour in an
# emulated (TCG) VM on a busy machine.
export VM_TIMEOUT=${VM_TIMEOUT:-3600}
# The guest's plan line is left out: one more test is added here.
"$here/vm/run.sh" "$kdir" -- "${cmd[@]}" 2>&1 |
	grep --line-buffered -avE '^1\.\.[0-9]+$' | tee -a "$out"
rc=${PIPESTATUS[0]}

pass=0
fail=0
skip=0
n=0
while read -r line; do
	n=$((n + 1))
	case $line in
	"not ok "*) fail=$((fail + 1)) ;;
	*" # SKIP"*|*" # skip"*) skip=$((skip + 1)) ;;
	*) pass=$((pass + 1)) ;;
	esac
done < <(grep -aE '^(not )?ok [0-9]+ ' "$out")

say() { echo "$*" | tee -a "$out"; }
result() {	# result ok|not-ok DESCRIPTION
	n=$((n + 1))
	if [ "$1" = ok ]; then
		pass=$((pass + 1)); say "ok $n $2"
	else
		fail=$((fail + 1)); say "not ok $n $2"
	fi
}

case $rc in
0) ;;
124) result not-ok "VM finished (timed out)" ;;
125) result not-ok "VM finished (it stopped before the tests ended, or did not start)" ;;
*) [ $fail -eq 0 ] && [ ! -e "$repo/.vm/splat.log" ] &&
	result not-ok "run-tests.sh succeeded (exit status $rc)" ;;
esac
if [ -e "$repo/.vm/splat.log" ]; then
	result not-ok "kernel log clean"
	say "# see .vm/splat.log, .vm/dmesg.log and .vm/logs/*.dmesg"
elif [ -s "$repo/.vm/dmesg.log" ] || [ -s "$repo/.vm/console.log" ]; then
	result ok "kernel log clean"
else
	result not-ok "kernel log clean (no kernel log: the VM did not run)"
fi

# The fuzz targets' corpora (fuzz/): each input run once, on the host, in
# seconds; a target is one test, "fuzz/NAME". Building them needs clang
# (built beside tools_check).
fuzz_replay() {
	local line blog=$repo/.vm/fuzz-build.log
	if [ "$(cat "$repo/.vm/fuzz-build.rc" 2>/dev/null)" != 0 ]; then
		result not-ok "fuzz: targets built"
		tail -n 20 "$blog" | sed 's/^/# /' | tee -a "$out"
		return
	fi
	while IFS= read -r line; do
		case $line in
		"ok "*" # SKIP"*)
			n=$((n + 1)) skip=$((skip + 1))
			say "ok $n ${line#ok }" ;;
		"ok "*) result ok "${line#ok }" ;;
		"not ok "*) result not-ok "${line#not ok }" ;;
		*) say "$line" ;;
		esac
	done < <(make -s --no-print-directory -C "$repo/fuzz" replay)
}
# The module built against Debian 12's own kernel headers (6.1), W=1, no
# warning (selftests/compat-check.sh): one test, on the host (built beside
# tools_check).
compat_check() {
	local clog=$repo/.vm/compat-check.log
	if [ "$(cat "$repo/.vm/compat-check.rc" 2>/dev/null)" = 0 ]; then
		result ok "module: builds warning-free against Linux 6.1 headers"
	else
		result not-ok "module: builds warning-free against Linux 6.1 headers"
		tail -n 20 "$clog" | sed 's/^/# /' | tee -a "$out"
	fi
}
# The tools' offline tests and the man pages' lint and drift check
# (make -C tools check), on the host: one test, in seconds.
tools_check() {
	local tlog=$repo/.vm/tools-check.log
	if make -C "$repo/tools" check > "$tlog" 2>&1; then
		result ok "tools: make -C tools check"
	else
		result not-ok "tools: make -C tools check"
		tail -n 20 "$tlog" | sed 's/^/# /' | tee -a "$out"
	fi
}
# The VM from a clone under /tmp in a path with spaces (check-anywhere.sh):
# one test, one short VM boot.
anywhere_check() {
	local alog=$repo/.vm/anywhere.log
	if "$here/vm/check-anywhere.sh" "$kdir" > "$alog" 2>&1; then
		result ok "vm: runs from a clone in /tmp/cnet path test.*"
	else
		result not-ok "vm: runs from a clone in /tmp/cnet path test.*"
		tail -n 20 "$alog" | sed 's/^/# /' | tee -a "$out"
	fi
}
# The host tests: what compat_check and fuzz_replay need is built while
# tools_check runs, on the host's other core (one after the other, they
# took half a minute more); tools_check alone rebuilds programs in tools/.
# The packages of all three are installed first, in one apt run: two at
# once would fight over its lock (a step whose packages could not be
# installed asks again, and says why it fails).
if [ $host_tests = 1 ]; then
	"$here/vm/deps.sh" man ynl headers-6.1 fuzz > "$repo/.vm/host-deps.log" 2>&1
	(
		"$here/compat-check.sh" > "$repo/.vm/compat-check.log" 2>&1
		echo $? > "$repo/.vm/compat-check.rc"
		{ "$here/vm/deps.sh" fuzz &&
		  make -C "$repo/fuzz" all seeds; } > "$repo/.vm/fuzz-build.log" 2>&1
		echo $? > "$repo/.vm/fuzz-build.rc"
	) &
	host_builds=$!
	tools_check
	wait "$host_builds"
	compat_check
	fuzz_replay
fi
if [ $# -eq 0 ] || [ "${ANYWHERE_CHECK:-0}" = 1 ]; then
	anywhere_check
fi

say "1..$n"
[ $n -le 1 ] && say "# no test ran"
# On the KCSAN kernel: how many data races it reported, cnet's (already
# failures: "kernel log clean") and core kernel code's (listed only).
if [ -e "$repo/.vm/kcsan.log" ]; then
	counts=$(head -n 1 "$repo/.vm/kcsan.log")
	say "# KCSAN: ${counts#*: }; see .vm/kcsan.log"
fi
line="$pass passed, $fail failed"
[ $skip -gt 0 ] && line+=", $skip skipped"
say "$line"

[ $fail -eq 0 ] && [ $n -gt 1 ] && [ "$rc" -eq 0 ]
