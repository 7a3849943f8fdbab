#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# The memory budget: with ipfrag_high_thresh 30000 and ipfrag_low_thresh
# 15000 bytes, the first fragments of 60 datagrams are more than it holds.
# Past the high threshold the oldest queues are evicted (counted) until
# memory is under the low one, so it never stays above the high one; the
# youngest datagram survives and completes (answered), the oldest was
# evicted and does not (its last fragment starts a new queue, which times
# out). A threshold of 0 turns reassembly off: fragments are dropped and
# counted. Memory is back to zero at the end.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
check_ok "a small memory budget" cnet_a conf set ipfrag_high_thresh 30000 \
	ipfrag_low_thresh 15000 ipfrag_time_ms 8000

py() {	# py PHASE: the Linux side's part of phase PHASE
	ns_b env PYTHONPATH="$PYTHONPATH:$HERE" python3 - "$A_MAC" "$B_MAC" \
		"$B_IP" "$A_IP" "$1" <<'PY' 2>&1
import sys
from reasm_frames import Peer, icmp_listener, wait_icmp

a_mac, b_mac, b_ip, a_ip, phase = sys.argv[1:6]
p = Peer("veth1", a_mac, b_mac, b_ip, a_ip)
lst = icmp_listener()
data = bytes(range(56))
ID = 0x8181

def m(seq):
    return p.echo(ID, seq, data)

if phase == "fill":
    for seq in range(1, 61):
        p.send_raw(0x4000 + seq, 1, 0, True, m(seq)[0:32])
elif phase == "complete":
    for seq in (60, 1):
        p.send_raw(0x4000 + seq, 1, 32, False, m(seq)[32:64])
    got = wait_icmp(lst, lambda t, c, i, s, pkt: t == 0 and i == ID, 3)
    print("replies: %s" % " ".join(str(s) for _, _, _, s in sorted(got)))
elif phase == "off":
    p.send_raw(0x5000, 1, 0, True, m(99)[0:32])
    p.send_raw(0x5000, 1, 32, False, m(99)[32:64])
    got = wait_icmp(lst, lambda t, c, i, s, pkt: t == 0 and i == ID, 2)
    print("replies: %d" % len(got))
PY
}
ipfrag() {	# ipfrag NAME: reassembly's mem or queues, from conf show
	cnet_a conf show | awk -v n="ipfrag_$1" '$1 == n { print $2 }'
}

stats_save "$A"
py fill
stats_deltas
mem=$(ipfrag mem)
queues=$(ipfrag queues)
log "after 60 first fragments: ipfrag_mem $mem, ipfrag_queues $queues," \
	"evicted ${STATS_DELTA[ip_reasm_evicted]}"
[ "$mem" -le 30000 ] && pass "memory under the high threshold ($mem)" ||
	fail "memory over the high threshold: $mem"
[ "${STATS_DELTA[ip_reasm_evicted]}" -gt 0 ] &&
	[ "$queues" -gt 0 ] && [ "$queues" -lt 60 ] &&
	pass "some queues evicted, some kept" ||
	fail "evicted ${STATS_DELTA[ip_reasm_evicted]}, kept $queues of 60"
match "$(( queues + STATS_DELTA[ip_reasm_evicted] ))" 60 \
	"every queue is kept or evicted"

out=$(py complete)
indent <<< "$out"
match_re "$out" '^replies: 60$' "the youngest completes, the oldest was evicted"

# reassembly off: a fragment makes no queue
check_ok "reassembly off" cnet_a conf set ipfrag_low_thresh 0 ipfrag_high_thresh 0
stats_save "$A"
out=$(py off)
match_re "$out" '^replies: 0$' "nothing reassembled with a budget of 0"
stats_deltas
match "${STATS_DELTA[ip_reasm_drop_nomem]}" 2 "both fragments dropped and counted"
check_ok "reassembly back on" cnet_a conf set ipfrag_high_thresh 4194304 \
	ipfrag_low_thresh 3145728

wait_for 20000 'test "$(ipfrag queues)" = 0'
check "echo \$(ipfrag mem) \$(ipfrag queues)" "0 0" "no memory held at the end"
exit_test
