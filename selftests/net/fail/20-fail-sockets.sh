#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# Allocation failures in a socket's life and on the receive path, with the
# kernel's fault injection limited to cnet's call chains (faults.py). In
# one python under cnet-run (fail_sockets.py):
# - each allocation that a UDP echo and a TCP echo exchange with Linux
#   (B), and a UDP echo and a TCP connection over cnet's loopback, make in
#   cnet's code fails in turn (/proc/thread-self/fail-nth). Each failure
#   is refused with ENOMEM or ENOBUFS, or a datagram is lost, or TCP goes
#   on; none is another error, and nothing hangs.
# - then 5 % of cnet's allocations fail, in every context (the receive
#   path runs in softirq), while 256 KiB go each way between two connections
#   to socat in B, made before, and B pings A: the sends wait for memory
#   rather than fail, both copies arrive whole, and mem_drop_nomem counts
#   the packets dropped.
# Once it is off, a ping and a new connection work; at the end every
# socket is gone and the module's references are back (tcp_mem_track).
# run-tests.sh fails the test on any KASAN, lockdep or kmemleak report.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
NC=$REPO/tools/cnet-nc
FAULTS=$REPO/selftests/net/fail/faults.py
[ -e /proc/self/fail-nth ] || skip "the kernel has no CONFIG_FAULT_INJECTION"
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"

# shellcheck disable=SC2317 # busywait calls it
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

setup_pair
# at exit: every socket gone, the module's references back
tcp_mem_track -t 2000 "$A"
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
on_exit "/usr/bin/python3 $FAULTS restore"

# ---- each allocation of an exchange, in turn; then 5 % of them ----------
kib=256
head -c $((kib * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
echo7_start "$B" "$B_IP"
ns_b timeout 250 socat -u "TCP4-LISTEN:7100,bind=$B_IP,reuseaddr" - |
	sha256sum > "$tmp/up" &
up_pid=$!
ns_b timeout 250 socat -u "OPEN:$tmp/data" \
	"TCP4-LISTEN:7101,bind=$B_IP,reuseaddr" &
for port in 7100 7101; do
	busywait 20000 tcp_listening "$B" $port || die "socat did not listen"
done
stats_save "$A"
# B pings A meanwhile, the stream's part above all
ns_b ping -q -c 400 -i 0.05 -W 1 "$A_IP" > "$tmp/ping" 2>&1 &
ping_pid=$!
out=$(CNET=$CNET ns_a timeout 240 "$RUN" /usr/bin/python3 \
	"$REPO/selftests/net/fail/fail_sockets.py" "$B_IP" "$tmp/data" 5 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "fail_sockets.py: every check passed"
match "$(grep -c '^PASS' <<< "$out")" 11 "fail_sockets.py: 11 checks ran"
wait $up_pid
kill -INT $ping_pid 2> /dev/null
wait $ping_pid
match "$(< "$tmp/up")" "$want" "B got the $kib KiB whole"
stats_deltas
log "mem_drop_nomem +${STATS_DELTA[mem_drop_nomem]:-0}," \
	"tcp_retrans +${STATS_DELTA[tcp_retrans]:-0};" \
	"ping: $(grep -o '[0-9]* received' "$tmp/ping")"
if [ "${STATS_DELTA[mem_drop_nomem]:-0}" -gt 0 ]; then
	pass "mem_drop_nomem counted the drops"
else
	fail "mem_drop_nomem did not grow"
fi

# ---- and after it ------------------------------------------------------
check_ok "B pings A afterwards" ns_b ping -c 1 -W 2 -q "$A_IP"
out=$(ns_a "$NC" -N "$B_IP" 7 < "$tmp/data" 2>&1 | sha256sum)
match "$out" "$want" "a new connection echoes $kib KiB afterwards"
exit_test
