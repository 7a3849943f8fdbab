#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# UDP both ways between cnet (A) and Linux's own tools (B): socat sends to
# a cnet socket, and receives what a cnet socket sends, with
# datagrams of 1 and 1472 bytes (the most one 1500-byte frame holds);
# the checksum cnet computes when the device does not offload it, as
# tcpdump on the Linux side checks it.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair

out=$(mktemp)
on_exit "rm -f $out"
# port_open NS PORT: a UDP socket of NS listens on PORT
port_open() { ip netns exec "$1" ss -Huln "sport = :$2" | grep -q .; }
big=$(head -c 1472 /dev/zero | tr '\0' x)

# Linux -> cnet: socat sends, a cnet socket on 0.0.0.0:5000 receives.
stats_save "$A"
run_bg ip netns exec "$A" "$PROG" recv 0.0.0.0 5000 2 60 > "$out"
busywait 30000 grep -q listening "$out" || die "the cnet receiver did not start"
printf 1 | ns_b socat -u - "UDP4-SENDTO:$A_IP:5000,sourceport=4000"
printf %s "$big" | ns_b socat -u - "UDP4-SENDTO:$A_IP:5000,sourceport=4000"
wait "$BG_PID"
match "$(sed -n 2p "$out")" "1 bytes from $B_IP:4000: 1" "socat's 1-byte datagram reached cnet"
match_re "$(sed -n 3p "$out")" "^1472 bytes from $B_IP:4000: x{64}$" \
	"socat's 1472-byte datagram reached cnet"
stats_deltas
match "${STATS_DELTA[udp_delivered]}" 2 "udp_delivered grew by 2"

# cnet -> Linux: socat listens, a cnet socket sends (each from a port of
# its own: socat's UDP4-RECV takes any sender).
ncout=$(mktemp)
on_exit "rm -f $ncout"
run_bg ip netns exec "$B" socat -u UDP4-RECV:6000 STDOUT > "$ncout"
busywait 30000 port_open "$B" 6000 || die "socat did not start"
stats_save "$A"
ns_a "$PROG" send "$B_IP" 6000 "hello from cnet"
ns_a "$PROG" send "$B_IP" 6000 "$big"
wait_for 30000 'test "$(wc -c < "$ncout")" -ge $((15 + 1472))'
kill "$BG_PID"
match "$(head -c 15 "$ncout")" "hello from cnet" "socat got cnet's datagram"
match "$(wc -c < "$ncout")" $((15 + 1472)) "and the 1472-byte one"
match "$(stat_delta udp_tx)" 2 "udp_tx grew by 2"


# Without the device's checksum offload, cnet computes it: tcpdump -vv
# verifies it on B (veth hands B what A's device got, unsummed).
ns_a python3 -c '
import ctypes, fcntl, socket, struct
ev = ctypes.create_string_buffer(struct.pack("II", 0x17, 0))  # ETHTOOL_STXCSUM off
ifr = struct.pack("16sP", b"veth0", ctypes.addressof(ev))
fcntl.ioctl(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 0x8946, ifr)  # SIOCETHTOOL
' || fail "cannot turn veth0's checksum offload off"
capture_start "$B" veth1 -vv -c 2 udp port 6003
ns_a "$PROG" send "$B_IP" 6003 "summed by cnet"
ns_a "$PROG" send "$B_IP" 6003 "$big"
wait_for 30000 'test "$(grep -c "udp sum ok" "$CAP")" -ge 2'
match "$(grep -c 'udp sum ok' "$CAP")" 2 "tcpdump: the checksums of both datagrams are right" ||
	indent < "$CAP"
exit_test
