#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 127.0.0.0/8 is lo's only: on a wire it is martian, as in Linux's
# ip_route_input_slow(). Echo requests that come from the Linux peer on
# veth0 from 127.0.0.1, or to 127.0.0.1 (to cnet's MAC), are dropped and
# counted (ip_drop_martian_src, ip_drop_martian_dst), never reach ICMP or
# lo, and nothing answers them. An ARP request for 127.0.0.1 is not
# answered either (arp_drop_not_ours), as Linux's arp_process().
# timeout: 400
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

n=3
setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
capture_start "$B" veth1 -e "ether src $A_MAC and not arp"

stats_save "$A"
ns_b python3 - "$A_MAC" "$B_MAC" "$n" <<'PY' || die "cannot send the frames"
import socket, struct, sys
from frames import mac, ipv4 as ip, icmp_echo, sender

dst, src = mac(sys.argv[1]), mac(sys.argv[2])
count = int(sys.argv[3])
echo = icmp_echo(0x4243, 1, bytes(24))
# who has 127.0.0.1? tell 10.0.1.2
arp = (struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + src +
       socket.inet_aton("10.0.1.2") + bytes(6) + socket.inet_aton("127.0.0.1"))
frames = [
    dst + src + b"\x08\x00" + ip("127.0.0.1", "10.0.1.1", 1, echo),
    dst + src + b"\x08\x00" + ip("10.0.1.2", "127.0.0.1", 1, echo),
    dst + src + b"\x08\x00" + ip("127.0.0.1", "127.0.0.1", 1, echo),
    b"\xff" * 6 + src + b"\x08\x06" + arp,
]
s = sender("veth1")
for f in frames:
    for _ in range(count):
        s.send(f)
PY

wait_for 10000 'test "$(stat_delta arp_request_rx)" -ge $n'
stats_deltas
match "${STATS_DELTA[ip_rx]}" $((3 * n)) "all $((3 * n)) reached IPv4 input"
match "${STATS_DELTA[ip_drop_martian_src]}" $((2 * n)) \
	"from 127.0.0.1: counted in ip_drop_martian_src"
match "${STATS_DELTA[ip_drop_martian_dst]}" "$n" \
	"to 127.0.0.1: counted in ip_drop_martian_dst"
match "${STATS_DELTA[icmp_echo_req_rx]}/${STATS_DELTA[icmp_echo_reply_tx]}" 0/0 \
	"none reached ICMP, none was answered"
match "${STATS_DELTA[lo_tx]}/${STATS_DELTA[lo_rx]}" 0/0 "none went through lo"
match "${STATS_DELTA[arp_request_rx]}/${STATS_DELTA[arp_drop_not_ours]}" "$n/$n" \
	"ARP requests for 127.0.0.1: not answered (arp_drop_not_ours)"
# something that does go out, so the capture is known to work
ns_a "$CNET_PING" -c 1 "$B_IP" > /dev/null || fail "cnet cannot ping $B_IP"
wait_for 5000 "grep -q '> $B_IP: ICMP echo request' $CAP"
match "$(grep -v "> $B_IP: ICMP echo request" "$CAP")" "" "nothing else left cnet"
exit_test
