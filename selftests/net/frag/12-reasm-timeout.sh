#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# A datagram that never completes times out (ipfrag_time_ms, 1000 here):
# its queue and memory go, and Linux gets ICMP time exceeded (fragment
# reassembly, type 11 code 1) quoting the datagram's header, but only
# when the first fragment had come (RFC 1122 3.3.2): the datagram whose
# middle fragment alone came times out silently. Nothing goes before the
# timeout. Last, datagrams still pending when the namespace is deleted
# are freed with it (the kernel log stays clean, kmemleak included).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
check_ok "a 1 s reassembly timeout" cnet_a conf set ipfrag_time_ms 1000

stats_save "$A"
out=$(ns_b env PYTHONPATH="$PYTHONPATH:$HERE" python3 - "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" <<'PY' 2>&1
import struct, sys, time
from reasm_frames import Peer, icmp_listener, wait_icmp

a_mac, b_mac, b_ip, a_ip = sys.argv[1:5]
p = Peer("veth1", a_mac, b_mac, b_ip, a_ip)
lst = icmp_listener()
m = p.echo(0x7171, 1, bytes(56))
p.send_raw(0x3001, 1, 0, True, m[0:32])     # the first fragment only
p.send_raw(0x3002, 1, 16, True, m[16:32])   # a middle fragment only

def exceeded(t, c, i, s, pkt):
    return t == 11

early = wait_icmp(lst, exceeded, 0.5)
print("before the timeout: %d" % len(early))
got = []

def want(t, c, i, s, pkt):
    if t != 11:
        return False
    q = pkt[(pkt[0] & 15) * 4 + 8:]
    got.append("type %d code %d quotes id %#x offset %d" % (
        t, c, struct.unpack("!H", q[4:6])[0],
        struct.unpack("!H", q[6:8])[0] & 0x1fff))
    return True

wait_icmp(lst, want, 5)
print("\n".join(got) if got else "no error")
PY
)
indent <<< "$out"
match_re "$out" '^before the timeout: 0$' "nothing before the timeout"
match "$(grep -c '^type' <<< "$out")" 1 "one error only"
match_re "$out" '^type 11 code 1 quotes id 0x3001 offset 0$' \
	"time exceeded (reassembly) for the datagram whose first fragment came"

wait_for 5000 'test "$(cnet_a conf show | awk "/^ipfrag_queues/ { print \$2 }")" = 0'
stats_deltas
match "${STATS_DELTA[ip_reasm_rx]}" 2 "two fragments in"
match "${STATS_DELTA[ip_reasm_timeouts]}" 2 "both datagrams timed out"
match "${STATS_DELTA[icmp_time_exceeded_tx]}" 1 "one time exceeded sent"
check "cnet_a conf show | awk '/^ipfrag_(mem|queues)/ { printf \"%s \", \$0 }'" \
	"ipfrag_mem 0 ipfrag_queues 0 " "no memory held after the timeout"

# pending when the namespace goes (lib.sh deletes it at exit)
check_ok "the default timeout again" cnet_a conf set ipfrag_time_ms 30000
ns_b env PYTHONPATH="$PYTHONPATH:$HERE" python3 - "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" <<'PY'
import sys
from reasm_frames import Peer
p = Peer("veth1", *sys.argv[1:5])
m = p.echo(0x7272, 1, bytes(56))
for i in range(3):
    p.send_raw(0x3100 + i, 1, 0, True, m[0:32])
PY
wait_for 5000 'test "$(cnet_a conf show | awk "/^ipfrag_queues/ { print \$2 }")" = 3' &&
	pass "three datagrams pending at exit" || fail "not three datagrams pending"
exit_test
