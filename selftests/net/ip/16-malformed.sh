#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed frames: a packet socket on the Linux side sends frames to the
# cnet host's MAC address: a short ARP packet, a short IPv4 header, a bad
# IP version, a bad IHL, a bad header checksum, a total length larger than
# the frame (and one smaller than the header). Each is dropped and counted
# by its own counter, by exactly the number sent, and no other drop counter
# moves. A valid packet with Ethernet padding after it is answered, and
# normal pings still work afterwards.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

n=3
setup_pair
# Resolve both ways first, so ARP traffic does not mix with the counts.
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

stats_save "$A"
ns_b python3 - "$A_MAC" "$B_MAC" "$n" <<'PY' || die "cannot send the frames"
import socket, struct, sys
from frames import mac, ipv4, icmp_echo, eth as eth_frame, sender

dst, src = mac(sys.argv[1]), mac(sys.argv[2])
count = int(sys.argv[3])

echo = icmp_echo(0x4242, 1, bytes(range(24)))

def ip(payload, **kw):
    return ipv4("10.0.1.2", "10.0.1.1", 1, payload, **kw)

arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, src,
                  socket.inet_aton("10.0.1.2"), bytes(6), socket.inet_aton("10.0.1.1"))

def eth(ethertype, payload):
    return eth_frame(dst, src, ethertype, payload)

frames = [
    eth(0x0806, arp[:10]),                      # arp_drop_short
    eth(0x0800, ip(echo)[:12]),                 # ip_drop_short
    eth(0x0800, ip(echo, ver=6)),               # ip_drop_version
    eth(0x0800, ip(echo, ihl=4)),               # ip_drop_ihl
    eth(0x0800, ip(echo, good_csum=False)),     # ip_drop_csum
    eth(0x0800, ip(echo, tot=1000)),            # ip_drop_len
    eth(0x0800, ip(echo, tot=16)),              # ip_drop_len
    eth(0x0800, ip(echo) + bytes(18)),          # valid, padded: answered
]
s = sender("veth1")
for f in frames:
    for _ in range(count):
        s.send(f)
PY

declare -A want=(
	[arp_drop_short]=$n
	[ip_drop_short]=$n
	[ip_drop_version]=$n
	[ip_drop_ihl]=$n
	[ip_drop_csum]=$n
	[ip_drop_len]=$((2 * n))
	[icmp_echo_req_rx]=$n
	[icmp_echo_reply_tx]=$n
)
# Frames are handled as they arrive; wait for the last kind to be counted.
wait_for 10000 'test "$(stat_delta icmp_echo_reply_tx)" -ge $n'
stats_deltas
for c in "${!want[@]}"; do
	match "${STATS_DELTA[$c]-missing}" "${want[$c]}" "$c grew by ${want[$c]}"
done
moved=
for c in "${!STATS_DELTA[@]}"; do
	[[ $c == *drop* ]] && [ -z "${want[$c]+x}" ] &&
		[ "${STATS_DELTA[$c]}" != 0 ] && moved+=" $c+${STATS_DELTA[$c]}"
done
match "$moved" "" "no other drop counter moved"

check_ok "Linux still pings cnet" ns_b ping -c 2 -i 0.2 -W 2 "$A_IP"
check_ok "cnet still pings Linux" ns_a "$CNET_PING" -c 2 -i 0.2 "$B_IP"
exit_test
