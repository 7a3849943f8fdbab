#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Martian addresses (RFC 1122 3.2.1.3, as Linux's ip_route_input_slow and
# ip_route_output_key_hash_rcu), with a default route via the Linux peer so
# that a wrong answer would have somewhere to go:
#  - input: echo requests from 0.0.0.0 and from the subnet's broadcast
#    10.0.1.255 are not answered and are counted in ip_drop_martian_src;
#    a datagram from 0.0.0.0 to the limited broadcast (a DHCP client's) is
#    still received;
#  - output: a ping socket and a raw socket sending to 0.0.0.0, 0.1.2.3
#    and 224.0.0.1 get EINVAL, EINVAL and ENETUNREACH (no multicast yet);
#    to 127.0.0.1 they send (lo delivers it); and nothing leaves.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

SEND_ECHO=selftests/progs/send_echo
[ -x "$SEND_ECHO" ] || skip "$SEND_ECHO is not built"

n=3
setup_pair
cnet_a route add default via "$B_IP" || die "cannot add the default route"
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
capture_start "$B" veth1 -e "ether src $A_MAC and not arp"

stats_save "$A"
ns_b python3 - "$A_MAC" "$B_MAC" "$n" <<'PY' || die "cannot send the frames"
import struct, sys
from frames import mac, ipv4 as ip, icmp_echo, sender

dst, src = mac(sys.argv[1]), mac(sys.argv[2])
count = int(sys.argv[3])

echo = icmp_echo(0x4242, 1, bytes(24))
# UDP without a checksum (0): from a DHCP client's port to a closed port
udp = struct.pack("!HHHH", 68, 9, 8 + 4, 0) + b"dhcp"
bcast = b"\xff" * 6

frames = [
    dst + src + b"\x08\x00" + ip("0.0.0.0", "10.0.1.1", 1, echo),
    dst + src + b"\x08\x00" + ip("10.0.1.255", "10.0.1.1", 1, echo),
    bcast + src + b"\x08\x00" + ip("0.0.0.0", "255.255.255.255", 17, udp),
]
s = sender("veth1")
for f in frames:
    for _ in range(count):
        s.send(f)
PY

# the broadcast datagrams are the last sent: when they are in, all are
wait_for 10000 'test "$(stat_delta udp_rx)" -ge $n'
stats_deltas
match "${STATS_DELTA[ip_drop_martian_src]}" $((2 * n)) \
	"echoes from 0.0.0.0 and 10.0.1.255 counted in ip_drop_martian_src"
match "${STATS_DELTA[icmp_echo_req_rx]}" 0 "neither reached ICMP"
match "${STATS_DELTA[icmp_echo_reply_tx]}" 0 "neither was answered"
match "${STATS_DELTA[udp_rx]}" $n "0.0.0.0 to 255.255.255.255 is received"

for sock in "" -r; do
	what=${sock:+raw}
	what=${what:-ping}
	for t in 0.0.0.0:EINVAL 0.1.2.3:EINVAL 127.0.0.1:ok \
		 224.0.0.1:ENETUNREACH; do
		check "ns_a $SEND_ECHO $sock ${t%:*}" "${t#*:}" \
			"$what socket to ${t%:*}: ${t#*:}"
	done
done
# something that does go out, so the capture is known to work
check "ns_a $SEND_ECHO $B_IP" ok "ping socket to $B_IP: ok"
wait_for 5000 "grep -q '> $B_IP: ICMP echo request' $CAP"
got=$(grep -v "> $B_IP: ICMP echo request" "$CAP")
match "$got" "" "nothing else left cnet"
exit_test
