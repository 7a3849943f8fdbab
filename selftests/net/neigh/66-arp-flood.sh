#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARP cache exhaustion. A flood of requests for A's address from spoofed
# senders: those off A's subnets make no entry (A still answers them); the
# on-subnet ones fill the table to neigh_max_entries and no further. Once
# they are idle for 5 s, a new next hop still resolves: entries nothing
# uses (STALE, FAILED) are evicted under pressure, as Linux's forced GC
# does, long before neigh_gc_ms. Packets held for an unresolved neighbour
# are bounded in bytes (neigh_queue_bytes), not only in number.
# timeout: 200
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

MAX=32
setup_pair
conf_set "$A" neigh_max_entries $MAX
conf_set "$A" neigh_gc_ms 600000	# the periodic GC must not be what helps

# flood FIRST_SENDER COUNT: COUNT broadcast requests for A's address, from
# consecutive sender addresses and made-up MACs
flood() {
	ns_b python3 - "$A_IP" "$1" "$2" <<'PY'
import ipaddress, socket, struct, sys
tip = socket.inet_aton(sys.argv[1])
first = int(ipaddress.IPv4Address(sys.argv[2]))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
for i in range(int(sys.argv[3])):
    sip = ipaddress.IPv4Address(first + i).packed
    mac = bytes([0x02, 0x00, 0x5e, 0x10, i >> 8, i & 0xff])
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, sip,
                      bytes(6), tip)
    s.send(b"\xff" * 6 + mac + b"\x08\x06" + arp)
PY
}
entries() { cnet_a neigh show | grep -c .; }

stats_save "$A"
flood 10.9.0.1 150 || die "cannot send the off-subnet flood"
wait_for 10000 'test "$(stat_delta arp_request_rx)" -ge 150'
match "$(stat_delta arp_request_rx)" 150 "150 off-subnet requests received"
match "$(stat_delta arp_tx)" 150 "each one answered"
match "$(entries)" 0 "off-subnet senders make no entry"

flood 10.0.1.100 100 || die "cannot send the on-subnet flood"
wait_for 10000 'test "$(stat_delta arp_request_rx)" -ge 250'
n=$(entries)
if [ "$n" -le $MAX ] && [ "$n" -ge $((MAX - 1)) ]; then
	pass "100 on-subnet senders fill the table to $n entries (max $MAX)"
else
	fail "$n entries after 100 on-subnet senders (max $MAX)"
fi

# Nothing answers for these entries; B itself is a new next hop.
sleep 6
check_ok "a new next hop resolves with the table full" \
	ns_a "$CNET_PING" -c 1 -W 3 "$B_IP"
match "$(neigh_state "$A" "$B_IP")" REACHABLE "B's entry is REACHABLE"
match_re "$(stat_delta neigh_gc_forced)" '^[1-9]' "neigh_gc_forced counted"
n=$(entries)
if [ "$n" -le $MAX ]; then
	pass "still at most $MAX entries ($n)"
else
	fail "$n entries, more than $MAX"
fi

# neigh_queue_bytes: 8 packets of 1428 bytes for a neighbour that does not
# answer; at most 10000 bytes of them (by truesize) are held.
conf_set "$A" neigh_queue_bytes 10000
stats_save "$A"
ns_a "$CNET_PING" -c 8 -i 0.05 -s 1400 -W 1 10.0.1.77 > /dev/null 2>&1
wait_for 15000 'test "$(neigh_state "$A" 10.0.1.77)" = FAILED'
held=$(stat_delta neigh_drop_unresolved)
dropped=$(stat_delta neigh_drop_queue_full)
match $((held + dropped)) 8 "all 8 packets accounted for ($held held, $dropped dropped)"
if [ "$held" -ge 1 ] && [ $((held * 1428)) -le 10000 ]; then
	pass "the queue held $held packets, within 10000 bytes"
else
	fail "the queue held $held packets of 1428 bytes: more than 10000 bytes"
fi
exit_test
