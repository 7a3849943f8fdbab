#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# VLAN isolation: cnet has no VLAN device for tag 5 on its veth, so frames
# tagged 5 are not for it, whatever they carry (as in Linux, which marks
# them PACKET_OTHERHOST when no VLAN device takes them). A packet socket on
# the Linux side sends 802.1Q frames tagged 5: an ARP request for cnet's
# address from a new sender, an ARP reply claiming B's address with another
# MAC, gratuitous ARP claiming an address cnet is probing for (DAD), an
# echo request for cnet's address. cnet learns nothing, its DAD does not
# fail, it answers nothing, and it counts none of them as received.
#
# A priority-tagged frame (802.1p: VLAN 0, priority 5) is untagged traffic
# to 802.1Q and Linux: its echo request is answered, and the reply, which
# is made of the request, leaves without a tag.
#
# The same through a cnet router R: a packet tagged 5 is not forwarded; a
# priority-tagged one is, untagged.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

VID=5
FAKE_MAC=02:00:00:00:05:07

# send NS DEV KIND DST_MAC SRC_MAC SIP TIP TCI [COUNT [INTERVAL_S [FILE]]]:
# from a packet socket on DEV in NS, COUNT frames (1) INTERVAL_S apart
# (0.01); FILE, if given, is made once the first frame is sent.
# KIND: arp-request, arp-reply or echo (ICMP echo request, SIP -> TIP).
# TCI: the 802.1Q tag control (priority << 13 | VLAN id), "none" untagged.
send() {
	ip netns exec "$1" python3 - "${@:2}" <<'PY'
import socket, struct, sys, time
from frames import mac, ipv4, icmp_echo, eth, sender

dev, kind, dmac, smac, sip, tip, tci = sys.argv[1:8]
count = int(sys.argv[8]) if len(sys.argv) > 8 else 1
gap = float(sys.argv[9]) if len(sys.argv) > 9 else 0.01
ready = sys.argv[10] if len(sys.argv) > 10 else None

if kind == "echo":
    ethertype = 0x0800
    payload = ipv4(sip, tip, 1, icmp_echo(0x5656, 1, bytes(range(32))),
                   ident=9)
else:
    ethertype = 0x0806
    op, tha = (1, bytes(6)) if kind == "arp-request" else (2, mac(dmac))
    payload = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, mac(smac),
                          socket.inet_aton(sip), tha, socket.inet_aton(tip))
frame = eth(mac(dmac), mac(smac), ethertype, payload,
            None if tci == "none" else int(tci, 0))
s = sender(dev)
for i in range(count):
    if i:
        time.sleep(gap)
    s.send(frame)
    if ready and not i:
        open(ready, "w").close()
PY
}

# lladdr_of IP: the MAC address cnet's ARP cache in $A has for IP.
lladdr_of() { cnet_a neigh show | awk -v ip="$1" '$1 == ip { print $5 }'; }
# tagged FILE: the frames of a tcpdump -e capture that carry an 802.1Q tag.
# shellcheck disable=SC2317 # called through check
tagged() { grep -aE "802\.1Q|vlan [0-9]" "$1"; }

# ---- a host: A (cnet) -- B (Linux) ----
setup_pair
# cnet learns B from its request and confirms it with a probe once the
# entry is used (DELAY): 200 ms after, not Linux's 5 s
conf_set "$A" neigh_delay_ms 200 || die "cannot set neigh_delay_ms"
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
# let B's reply to the probe come in before counting
wait_for 10000 'test "$(neigh_state "$A" "$B_IP")" = REACHABLE' ||
	die "cnet did not confirm B"
capture_start "$B" veth1 -e "ether src $A_MAC"

stats_save "$A"
send "$B" veth1 arp-request ff:ff:ff:ff:ff:ff "$FAKE_MAC" 10.0.1.7 "$A_IP" \
	$VID || die "cannot send"
send "$B" veth1 arp-reply "$A_MAC" "$FAKE_MAC" "$B_IP" "$A_IP" $VID ||
	die "cannot send"
# DAD of 10.0.1.50 (3 probes 200 ms apart) while VLAN 5 claims it with
# gratuitous ARP every 10 ms, from before the first probe to after the last
conf_set "$A" dad_interval_ms 200
ready=$(mktemp -u)
on_exit "rm -f $ready"
send "$B" veth1 arp-reply ff:ff:ff:ff:ff:ff "$FAKE_MAC" 10.0.1.50 10.0.1.50 \
	$VID 300 0.01 "$ready" &
claims=$!
busywait 30000 test -e "$ready" || die "the claims did not start"
check_ok "add 10.0.1.50 while VLAN $VID claims it" \
	cnet_a addr add 10.0.1.50/24 dev veth0
busywait 15000 addr_settled "$A" veth0
check_ok "the claims went on for all of DAD" kill -0 $claims
wait $claims || die "cannot send the claims"
send "$B" veth1 echo "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" $VID 3 ||
	die "cannot send"
nap 1

check 'neigh_state "$A" 10.0.1.7' "" "no entry for VLAN $VID's ARP request"
check 'lladdr_of "$B_IP"' "$B_MAC" \
	"B's entry is not overwritten by VLAN $VID's ARP reply"
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.50/24 brd 10\.0\.1\.255$' \
	"DAD does not fail on VLAN $VID's claims"
stats_deltas
for c in eth_rx arp_rx arp_dad_failed arp_conflict icmp_echo_req_rx \
	icmp_echo_reply_tx; do
	match "${STATS_DELTA[$c]-missing}" 0 "$c did not move for VLAN $VID"
done
log "capture:"
indent < "$CAP"
check 'grep -c "is-at" "$CAP"' 0 "no ARP reply to VLAN $VID"
check 'grep -ac "ICMP echo reply" "$CAP"' 0 "no echo reply to VLAN $VID"
check 'tagged "$CAP"' "" "nothing tagged leaves cnet"

# priority-tagged: untagged traffic
stats_save "$A"
: > "$CAP"
send "$B" veth1 echo "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" $((5 << 13)) 3 ||
	die "cannot send"
wait_for 5000 'test "$(grep -ac "ICMP echo reply" "$CAP")" -ge 3'
log "capture:"
indent < "$CAP"
check 'grep -ac "ICMP echo reply" "$CAP"' 3 \
	"priority-tagged echo requests are answered"
check 'tagged "$CAP"' "" "the replies leave untagged"
match "$(stat_delta icmp_echo_reply_tx)" 3 "3 replies counted"

# ---- a router: S (Linux, frames only) -- R (cnet) -- D (Linux) ----
setup_ns S R D
ip link add s0 netns "$S" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name d0 netns "$D" ||
	die "cannot create the veth pairs"
ip -n "$S" link set s0 up || die "cannot set s0 up"
cnet_ns "$R" r0 10.1.1.1/24 && cnet_ns "$R" r1 10.1.2.1/24 ||
	die "cannot set up cnet in R"
linux_ns "$D" d0 10.1.2.2/24 || die "cannot set up Linux in D"
busywait 5000 carrier_up "$D" d0 || die "d0 has no carrier"
busywait 5000 carrier_up "$S" s0 || die "s0 has no carrier"
in_ns "$R" "$CNET" forwarding on || die "cannot turn forwarding on"
# D must send R nothing while R's counters are watched: no ARP probe of R
# when the entry its ping reply used goes stale (it did, 5 s later)
ip -n "$D" neigh replace 10.1.2.1 lladdr "$(mac_of "$R" r1)" dev d0 \
	nud permanent || die "cannot pin R in D's ARP cache"
# R knows D's MAC, so a forwarded packet leaves at once
in_ns "$R" "$CNET_PING" -c 1 -W 2 10.1.2.2 > /dev/null || die "R cannot ping D"
R0_MAC=$(mac_of "$R" r0)
S_MAC=$(mac_of "$S" s0)
capture_start "$D" d0 -e "ether src $(mac_of "$R" r1) and not arp"

stats_save "$R"
send "$S" s0 echo "$R0_MAC" "$S_MAC" 10.1.1.2 10.1.2.2 $VID 3 ||
	die "cannot send"
nap 1
match "$(stat_delta fwd_tx)" 0 "R forwards nothing from VLAN $VID"
match "$(stat_delta eth_rx)" 0 "R receives nothing from VLAN $VID"
send "$S" s0 echo "$R0_MAC" "$S_MAC" 10.1.1.2 10.1.2.2 $((5 << 13)) 3 ||
	die "cannot send"
wait_for 5000 'test "$(grep -ac "ICMP echo request" "$CAP")" -ge 3'
log "capture:"
indent < "$CAP"
check 'grep -ac "ICMP echo request" "$CAP"' 3 \
	"the priority-tagged requests, and only they, are forwarded"
check 'tagged "$CAP"' "" "forwarded packets leave untagged"
exit_test
