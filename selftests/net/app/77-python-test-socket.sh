#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 220
#
# CPython's own socket test suite as a peer's test suite: the classes of
# test.test_socket (Debian's libpython3.11-testsuite, unmodified) that use
# AF_INET TCP and UDP sockets, run on the Linux stack in namespace L and
# under cnet-run in namespace C, at the same time (the tests mostly wait
# on timeouts). The tests talk to themselves over 127.0.0.1: in C that is
# cnet's lo (every namespace has it); Linux's lo is up in both, for the
# tests' IPv6 parts (IPv6 stays Linux's under cnet-run).
#
# Checks: both stacks ran the same tests; cnet's lo, TCP and UDP counters
# moved and Linux's IPv4 in C received nothing (the traffic was cnet's);
# every test that failed on cnet is in KNOWN below, each with its reason
# in Documentation/userspace-api.rst ("CPython's test_socket on cnet").
# The counts of both stacks are printed class by class.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
PY=/usr/bin/python3
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
# (the file, not an import: importing test.test_socket takes 9 s in the
# emulated VM, and the runner does it anyway)
suite=(/usr/lib/python3*/test/test_socket.py)
[ -f "${suite[0]}" ] ||
	skip "python3's test.test_socket is not installed (libpython3.11-testsuite)"

CLASSES=(
	GeneralModuleTests
	BasicTCPTest BasicTCPTest2 BasicUDPTest
	SendmsgTCPTest RecvmsgTCPTest RecvmsgIntoTCPTest
	SendmsgUDPTest RecvmsgUDPTest RecvmsgIntoUDPTest
	InterruptedRecvTimeoutTest InterruptedSendTimeoutTest
	TCPCloserTest NonBlockingTCPTests
	FileObjectClassTestCase UnbufferedFileObjectClassTestCase
	LineBufferedFileObjectClassTestCase SmallBufferedFileObjectClassTestCase
	UnicodeReadFileObjectClassTestCase UnicodeWriteFileObjectClassTestCase
	UnicodeReadWriteFileObjectClassTestCase
	NetworkConnectionNoServer NetworkConnectionAttributesTest
	NetworkConnectionBehaviourTest
	TCPTimeoutTest UDPTimeoutTest
	BufferIOTest ContextManagersTest InheritanceTest NonblockConstantTest
	CreateServerTest CreateServerFunctionalTest TestExceptions
	SendfileUsingSendTest SendfileUsingSendfileTest
)
LIMIT=150	# seconds, each stack

# Tests that fail on cnet and pass on Linux, each explained in
# Documentation/userspace-api.rst: "KIND Class.test_method".
KNOWN=(
)

TMP=$(mktemp -d)
on_exit "rm -rf $TMP"
L=; C=
setup_ns L C
ip -n "$L" link set lo up || die "cannot set lo up in $L"
ip -n "$C" link set lo up || die "cannot set lo up in $C"

# Linux's IPv4 packets received in namespace $1
# shellcheck disable=SC2016 # awk's fields
ip_in() { ip netns exec "$1" awk '$1 == "Ip:" && $4 ~ /^[0-9]+$/ { print $4 }' /proc/net/snmp; }

stats_save "$C"
ip4_before=$(ip_in "$C")
# the tests write their files (test.support's TESTFN) where they run
cd "$TMP" || die "cannot cd to $TMP"
start=$(now_ms)
run_bg ip netns exec "$L" timeout "$LIMIT" $PY "$REPO/selftests/net/app/test-socket-run.py" \
	"$TMP/linux.log" "${CLASSES[@]}" > "$TMP/linux.sum" 2> "$TMP/linux.err"
lpid=$BG_PID
in_ns "$C" timeout "$LIMIT" "$RUN" $PY "$REPO/selftests/net/app/test-socket-run.py" \
	"$TMP/cnet.log" "${CLASSES[@]}" > "$TMP/cnet.sum" 2> "$TMP/cnet.err"
crc=$?
wait "$lpid"
lrc=$?
cd "$REPO" || die "cannot cd back to $REPO"
log "both runs took $(( $(now_ms) - start )) ms"
stats_deltas
ip4_after=$(ip_in "$C")

# (124: killed by timeout; the log ends with every thread's traceback)
match "$lrc/$crc" "0/0" "the runner ended normally on both stacks" ||
	for s in linux cnet; do
		log "$s: stderr, then the end of unittest's report"
		{ cat "$TMP/$s.err"; tail -n 40 "$TMP/$s.log"; } | indent
	done

# the table: class, then run/pass/fail/error/skip on each stack
log "$(printf '%-40s %-22s %s' class 'linux run/ok/F/E/skip' 'cnet run/ok/F/E/skip')"
declare -A lsum csum
lt=(0 0 0 0 0); ct=(0 0 0 0 0)	# the totals (the same five counts)
while read -r kind name run ok f e s; do
	[ "$kind" = class ] || continue
	lsum[$name]="$run/$ok/$f/$e/$s"
	lt=($((lt[0] + run)) $((lt[1] + ok)) $((lt[2] + f)) $((lt[3] + e)) $((lt[4] + s)))
done < "$TMP/linux.sum"
while read -r kind name run ok f e s; do
	[ "$kind" = class ] || continue
	csum[$name]="$run/$ok/$f/$e/$s"
	ct=($((ct[0] + run)) $((ct[1] + ok)) $((ct[2] + f)) $((ct[3] + e)) $((ct[4] + s)))
done < "$TMP/cnet.sum"
for name in "${!csum[@]}"; do
	log "$(printf '%-40s %-22s %s' "$name" "${lsum[$name]-}" "${csum[$name]}")"
done | sort
log "$(printf '%-40s %-22s %s' total "$(IFS=/; echo "${lt[*]}")" "$(IFS=/; echo "${ct[*]}")")"
printf '# linux: %d run, %d passed, %d failed, %d errors, %d skipped\n' "${lt[@]}"
printf '# cnet:  %d run, %d passed, %d failed, %d errors, %d skipped\n' "${ct[@]}"
match "${ct[0]}" "${lt[0]}" "both stacks ran the same number of tests"

# the traffic was cnet's
log "cnet in $C: lo_tx +${STATS_DELTA[lo_tx]} tcp_active_open +${STATS_DELTA[tcp_active_open]} udp_delivered +${STATS_DELTA[udp_delivered]}; Linux IPv4 received +$(( ip4_after - ip4_before ))"
match "$(( STATS_DELTA[lo_tx] > 1000 && STATS_DELTA[tcp_active_open] > 50 &&
	   STATS_DELTA[udp_delivered] > 10 ))" 1 \
	"cnet's lo carried the tests' TCP and UDP"
match "$(( ip4_after - ip4_before ))" 0 "Linux's IPv4 in $C received nothing"

# every failure on cnet is a known difference
unknown=()
while read -r kind tid; do
	known=0
	for k in "${KNOWN[@]}"; do
		[ "$k" = "$kind $tid" ] && known=1
	done
	[ $known = 1 ] || unknown+=("$kind $tid")
done < <(grep -E '^(FAIL|ERROR) ' "$TMP/cnet.sum")
if [ ${#unknown[@]} -eq 0 ]; then
	pass "every failure on cnet is a known difference (${#KNOWN[@]} known)"
else
	fail "failures on cnet not in KNOWN: ${unknown[*]}"
	# their tracebacks, from unittest's report
	awk '/^(FAIL|ERROR): /{ p = 1 } /^Ran [0-9]+ test/{ p = 0 } p' \
		"$TMP/cnet.log" | head -n 400 | indent
fi
for k in "${KNOWN[@]}"; do
	grep -qxF "$k" "$TMP/cnet.sum" || log "known difference now passes: $k"
done
# Linux's own failures, if any, are shown (the environment, not cnet)
grep -E '^(FAIL|ERROR) ' "$TMP/linux.sum" | sed 's/^/# linux: /'
exit_test
