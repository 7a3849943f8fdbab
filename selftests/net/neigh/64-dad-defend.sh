#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 5227 2.4 (b): an address in use hears another host claim it (ARP
# with its address as sender, another MAC): A counts the conflict, defends
# with one announcement, and at most once per DEFEND_INTERVAL (10 s); the
# claim is not learnt. A probe for A's address is answered as a request.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
# Resolve both ways first, so ARP traffic does not mix with the counts.
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

cap=$(mktemp)
on_exit "rm -f $cap"
run_bg ip netns exec "$B" tcpdump -i veth1 -e -n -l "arp and ether src $A_MAC" \
	> "$cap" 2>&1
busywait 10000 grep -q "listening on" "$cap" || die "tcpdump did not start"

# send_arp OP SENDER_IP TARGET_IP: one ARP packet from B's MAC, broadcast
send_arp() {
	ns_b python3 - "$B_MAC" "$@" <<'PY'
import socket, struct, sys
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
op, sip, tip = int(sys.argv[2]), sys.argv[3], sys.argv[4]
arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, mac,
                  socket.inet_aton(sip), bytes(6), socket.inet_aton(tip))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
s.send(b"\xff" * 6 + mac + b"\x08\x06" + arp)
PY
}

stats_save "$A"
send_arp 1 "$A_IP" "$A_IP" || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_conflict)" -ge 1'
match "$(stat_delta arp_conflict)" 1 "a conflicting announcement is counted"
match "$(stat_delta arp_defend_tx)" 1 "and defended"
send_arp 2 "$A_IP" 10.0.1.99 || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_conflict)" -ge 2'
match "$(stat_delta arp_conflict)" 2 "a conflicting reply is counted"
match "$(stat_delta arp_defend_tx)" 1 "but not defended again within 10 s"
match "$(neigh_state "$A" "$A_IP")" "" "the claim was not learnt"
sleep 0.3
match "$(grep -c "Request who-has $A_IP tell $A_IP," "$cap")" 1 \
	"one announcement on the wire"

# a probe (sender 0) for A's address in use: answered, not a conflict
send_arp 1 0.0.0.0 "$A_IP" || die "cannot send"
busywait 5000 grep -q "Reply $A_IP is-at $A_MAC" "$cap"
match_re "$(< "$cap")" "Reply $A_IP is-at $A_MAC" "a probe for A's address is answered"
match "$(stat_delta arp_conflict)" 2 "and is no conflict"
check_re 'cnet_a addr show dev veth0' "^veth0 $A_IP/24 brd 10\\.0\\.1\\.255\$" \
	"the address stays usable"
exit_test
