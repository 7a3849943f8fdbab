#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lo: 127.0.0.0/8 and the host's own addresses are delivered inside cnet,
# as by Linux's lo, without a frame on any device.
#  - `cnet link show` lists lo first (index 1, MTU 65536), `cnet addr show`
#    its 127.0.0.1/8; `cnet route get` says local ... dev lo.
#  - cnet-ping 127.0.0.1 and 127.1.2.3 are answered (ping and raw socket),
#    cnet-traceroute's UDP probes to 127.0.0.1 with port unreachables, not
#    rate limited (as Linux does not limit ICMP errors on lo);
#    and so is the host's own address 10.0.1.1, with nothing seen on veth0
#    (tcpdump), eth_rx/eth_tx still, lo_tx/lo_rx two per echo, and Linux's
#    own lo (down in this namespace) untouched.
#  - a loopback source goes to this host only: a socket bound to 127.0.0.1
#    gets EINVAL for 10.0.1.2 (as Linux), ok for 127.0.0.1 and 10.0.1.1.
#  - lo is not the user's to change: detach, addresses, routes,
#    neighbours and proxy ARP on lo are refused with a message.
#  - a full queue (lo_queue_len 0) drops and counts in lo_drop_queue_full.
# timeout: 400
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

SEND_ECHO=selftests/progs/send_echo
[ -x "$SEND_ECHO" ] || skip "$SEND_ECHO is not built"

setup_pair

check "cnet_a link show | head -n 1" "1: lo mtu 65536" "link show: lo first"
match_re "$(cnet_a link show)" '^[0-9]+: veth0 lladdr' "link show: veth0 too"
check "cnet_a addr show dev lo" "lo 127.0.0.1/8" "addr show: lo 127.0.0.1/8"
match_re "$(cnet_a addr show)" "^veth0 $A_IP/24" "addr show: veth0's address too"
check "cnet_a route get 127.1.2.3" "local 127.1.2.3 dev lo src 127.0.0.1" \
	"route get 127.1.2.3: local, dev lo, from 127.0.0.1"
check "cnet_a route get $A_IP" "local $A_IP dev lo src $A_IP" \
	"route get $A_IP: local, dev lo"

lo_stat() { ns_a cat "/sys/class/net/lo/statistics/$1"; }
linux_lo_rx=$(lo_stat rx_packets)
linux_lo_tx=$(lo_stat tx_packets)

for dst in 127.0.0.1 127.1.2.3; do
	for sock in "" -R; do
		out=$(ns_a "$CNET_PING" $sock -c 3 -i 0.2 "$dst" 2>&1)
		rc=$?
		match "$rc" 0 "cnet-ping $sock $dst exits 0"
		match_re "$out" '^3 packets transmitted, 3 received, 0% packet loss' \
			"cnet-ping $sock $dst: 3 sent, 3 received"
		match "$(grep -cE "^64 bytes from $dst: icmp_seq=[1-3] ttl=64" <<< "$out")" 3 \
			"cnet-ping $sock $dst: each reply from $dst"
	done
done

# Our own address: no frame on veth0, lo counts.
capture_start "$A" veth0 -e icmp
stats_save "$A"
out=$(ns_a "$CNET_PING" -c 3 -i 0.2 "$A_IP" 2>&1)
match_re "$out" '^3 packets transmitted, 3 received, 0% packet loss' \
	"cnet-ping $A_IP (our own address): 3 received"
stats_deltas
match "${STATS_DELTA[lo_tx]}" 6 "lo_tx: 3 requests and 3 replies"
match "${STATS_DELTA[lo_rx]}" 6 "lo_rx: 3 requests and 3 replies"
match "${STATS_DELTA[eth_rx]}/${STATS_DELTA[eth_tx]}" 0/0 "eth_rx, eth_tx did not move"
match "${STATS_DELTA[icmp_echo_reply_tx]}" 3 "3 echo replies sent"
# something that does cross veth0, so the capture is known to work
ns_a "$CNET_PING" -c 1 "$B_IP" > /dev/null || fail "cnet cannot ping $B_IP"
wait_for 5000 "grep -q '> $B_IP: ICMP echo request' $CAP"
match "$(grep -c "$A_IP > $A_IP" "$CAP")" 0 "tcpdump on veth0 saw no looped packet"
match "$(lo_stat rx_packets)/$(lo_stat tx_packets)" "$linux_lo_rx/$linux_lo_tx" \
	"Linux's lo was not used"

# UDP to a closed port of 127.0.0.1: port unreachable, by lo, for each of
# 10 probes (no rate limit on lo, as Linux; its burst is 6).
TR=$REPO/tools/cnet-traceroute
stats_save "$A"
out=$(ns_a "$TR" -n -q 10 -w 2 127.0.0.1 2>&1)
rtt='[0-9]+\.[0-9]{3} ms'
match_re "$out" "^ 1  127\.0\.0\.1( +$rtt){10}\$" \
	"cnet-traceroute -q 10 127.0.0.1: 10 answers at hop 1"
stats_deltas
match "${STATS_DELTA[icmp_dest_unreach_tx]}/${STATS_DELTA[icmp_nosend_ratelimit]}" 10/0 \
	"10 port unreachables sent, none held back"

# A loopback source stays on this host.
check "ns_a $SEND_ECHO -b 127.0.0.1 $B_IP" EINVAL "bound to 127.0.0.1, to $B_IP: EINVAL"
check "ns_a $SEND_ECHO -r -b 127.0.0.1 $B_IP" EINVAL "raw, bound to 127.0.0.1, to $B_IP: EINVAL"
check "ns_a $SEND_ECHO -b 127.0.0.1 127.0.0.1" ok "bound to 127.0.0.1, to 127.0.0.1: ok"
check "ns_a $SEND_ECHO -b 127.0.0.1 $A_IP" ok "bound to 127.0.0.1, to $A_IP: ok"
check "ns_a $SEND_ECHO -b $A_IP 127.9.9.9" ok "bound to $A_IP, to 127.9.9.9: ok"

# lo is cnet's: nothing to attach, detach or configure.
refused() {
	local re=$1 msg=$2 out rc
	shift 2
	out=$(cnet_a "$@" 2>&1)
	rc=$?
	if [ "$rc" = 1 ] && grep -qiE -- "$re" <<< "$out"; then
		pass "$msg: $out"
	else
		fail "$msg: cnet $* -> status $rc, \"$out\" (want 1, /$re/)"
	fi
}
refused "loopback" "detach lo" link detach lo
refused "loopback" "attach lo" link attach lo
refused "loopback" "delete 127.0.0.1/8 from lo" addr del 127.0.0.1/8 dev lo
refused "loopback" "add an address to lo" addr add 10.9.9.9/32 dev lo nodad
refused "loopback" "proxy_arp on lo" link set lo proxy_arp on
refused "loopback" "neighbour on lo" neigh add 10.9.9.9 lladdr 02:00:00:00:00:01 dev lo
refused "through lo" "route through lo" route add 10.9.0.0/16 dev lo
check "cnet_a link show | head -n 1" "1: lo mtu 65536" "lo is still there"
check "cnet_a addr show dev lo" "lo 127.0.0.1/8" "with 127.0.0.1/8"

# A full queue drops, counts, and the sender is not told.
param_set lo_queue_len 0
stats_save "$A"
check "ns_a $SEND_ECHO 127.0.0.1" ok "lo_queue_len 0: sendto still ok"
stats_deltas
match "${STATS_DELTA[lo_drop_queue_full]}/${STATS_DELTA[lo_tx]}/${STATS_DELTA[lo_rx]}" 1/0/0 \
	"lo_queue_len 0: counted in lo_drop_queue_full, nothing queued"
echo 1000 > /sys/module/cnet/parameters/lo_queue_len
out=$(ns_a "$CNET_PING" -c 1 127.0.0.1 2>&1)
match_re "$out" '^1 packets transmitted, 1 received' "lo_queue_len 1000: answered again"
exit_test
