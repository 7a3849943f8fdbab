#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARP and what a frame was sent to. In promiscuous mode, ARP frames unicast
# to another MAC are dropped (arp_drop_otherhost): not answered, not learnt.
# An unsolicited reply (no request of ours outstanding) makes an entry
# STALE, not REACHABLE. Within the lock time (neigh_locktime_ms, 1 s) after
# an entry's address changed, another ARP message does not overwrite it.
# timeout: 120
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
conf_set "$A" neigh_gc_ms 600000
ip -n "$A" link set veth0 promisc on || die "cannot set veth0 promiscuous"
M1=02:00:00:00:00:61
M2=02:00:00:00:00:62
M3=02:00:00:00:00:63
OTHER=02:00:00:00:00:99

# send_arp [OP SENDER_IP SENDER_MAC ETH_DST]...: ARP messages for A's
# address, all from one process, so that they arrive microseconds apart
# (starting python in an emulated VM can take longer than the lock time)
send_arp() {
	ns_b python3 - "$A_IP" "$@" <<'PY'
import socket, struct, sys
tip = socket.inet_aton(sys.argv[1])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
args = sys.argv[2:]
for i in range(0, len(args), 4):
    op, sip = int(args[i]), socket.inet_aton(args[i + 1])
    sha = bytes.fromhex(args[i + 2].replace(":", ""))
    dst = bytes.fromhex(args[i + 3].replace(":", ""))
    tha = dst if op == 2 else bytes(6)
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, sha, sip,
                      tha, tip)
    s.send(dst + sha + b"\x08\x06" + arp)
PY
}
lladdr_of() {
	cnet_a neigh show | awk -v ip="$1" '$1 == ip { print $5 }'
}

# ---- frames for another host ----
stats_save "$A"
send_arp 1 10.0.1.60 $M1 $OTHER 1 10.0.1.60 $M1 $OTHER \
	1 10.0.1.60 $M1 $OTHER || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_rx)" -ge 3'
stats_deltas
match "${STATS_DELTA[arp_drop_otherhost]:-}" 3 "3 requests to another MAC dropped as arp_drop_otherhost"
match "${STATS_DELTA[arp_tx]}" 0 "none answered"
match "$(neigh_state "$A" 10.0.1.60)" "" "no entry learnt from them"
send_arp 2 10.0.1.60 $M1 $OTHER || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_rx)" -ge 4'
match "$(stat_delta arp_reply_rx)" 0 "a reply to another MAC is not taken"

# ---- unsolicited replies ----
send_arp 1 10.0.1.61 $M1 ff:ff:ff:ff:ff:ff || die "cannot send"
wait_for 5000 'test "$(neigh_state "$A" 10.0.1.61)" = STALE'
match "$(neigh_state "$A" 10.0.1.61)" STALE "a request for us: STALE entry"
sleep 1.2
stats_save "$A"
send_arp 2 10.0.1.61 $M1 "$A_MAC" || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_reply_rx)" -ge 1'
match "$(neigh_state "$A" 10.0.1.61)" STALE "an unsolicited reply leaves it STALE"

# ---- lock time ----
send_arp 2 10.0.1.61 $M2 "$A_MAC" 1 10.0.1.61 $M3 ff:ff:ff:ff:ff:ff ||
	die "cannot send"
wait_for 5000 'test "$(stat_delta arp_rx)" -ge 3'
match "$(lladdr_of 10.0.1.61)" $M2 "past the lock time the address changes; within it, not"
match "$(neigh_state "$A" 10.0.1.61)" STALE "an unsolicited reply with a new address: STALE"
sleep 1.2
send_arp 1 10.0.1.61 $M3 ff:ff:ff:ff:ff:ff || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_rx)" -ge 4'
match "$(lladdr_of 10.0.1.61)" $M3 "after the lock time it changes again"

# ---- a solicited reply still confirms ----
check_ok "cnet-ping B" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
match "$(neigh_state "$A" "$B_IP")" REACHABLE "B's reply to our request: REACHABLE"
exit_test
