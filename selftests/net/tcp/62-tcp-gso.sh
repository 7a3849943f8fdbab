#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# TCP's large segments between cnet (A) and Linux (B) over veth, 2 MiB a
# transfer, each checked by sha256:
#  - cnet sends GSO packets of several MSS (tcp_tx_gso): with TSO on
#    veth0 they cross the veth whole, and tcpdump on B sees frames longer
#    than the MTU;
#  - with TSO off on veth0 the GSO layer cuts them: B sees no frame
#    longer than the MTU, and the data still arrives;
#  - Linux's TSO packets arrive at cnet as one segment of many MSS
#    (tcp_rx_gro), and so do veth0's GRO aggregates of the MSS-sized
#    segments Linux sends with TSO off on veth1.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
FEATURE=$(dirname "$0")/ethtool_feature.py
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((2 * 1024 * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
# feature NS DEV tso|gro on|off: set a device feature, check it took
feature() {
	match "$(ip netns exec "$1" /usr/bin/python3 "$FEATURE" "$2" "$3" "$4")" \
		"$4" "$2 in $1: $3 $4"
}

# up PORT: cnet-nc sends the data to socat on B; both end well.
up() {
	rm -f "$tmp/got"
	run_bg ip netns exec "$B" socat -u TCP4-LISTEN:"$1",reuseaddr \
		"OPEN:$tmp/got,creat,trunc"
	local srv=$BG_PID
	busywait 30000 tcp_listening "$B" "$1" || die "socat did not listen"
	ns_a timeout 120 "$NC" -N "$B_IP" "$1" < "$tmp/data"
	match "$?" 0 "cnet-nc sent 2 MiB to port $1"
	wait "$srv"
	match "$(sha256sum < "$tmp/got")" "$want" \
		"Linux received them byte for byte"
}

# down PORT: socat on B sends the data to cnet-nc.
down() {
	run_bg ip netns exec "$B" socat -u "OPEN:$tmp/data" \
		TCP4-LISTEN:"$1",reuseaddr
	local srv=$BG_PID
	busywait 30000 tcp_listening "$B" "$1" || die "socat did not listen"
	ns_a timeout 120 "$NC" "$B_IP" "$1" < /dev/null > "$tmp/got"
	match "$?" 0 "cnet-nc received 2 MiB from port $1"
	wait "$srv"
	match "$(sha256sum < "$tmp/got")" "$want" \
		"cnet received them byte for byte"
}

# frames of cnet's data longer than the 1514 bytes of a 1500 MTU
big_frames() {
	grep -c "$A_IP\.[0-9]* > $B_IP\.$1: " "$CAP"
}

# 1. cnet -> Linux, veth0 offers TSO: GSO packets cross the veth whole.
feature "$B" veth1 gro off
capture_start "$B" veth1 -s 80 "src host $A_IP and tcp dst port 7100 and greater 1600"
stats_save "$A"
up 7100
stats_deltas
match_re "${STATS_DELTA[tcp_tx_gso]}" "^[1-9][0-9]*$" \
	"cnet sent GSO packets (tcp_tx_gso grew by ${STATS_DELTA[tcp_tx_gso]})"
wait_for 10000 'test "$(big_frames 7100)" -gt 0'
match_re "$(big_frames 7100)" "^[1-9][0-9]*$" \
	"tcpdump on B: frames longer than the MTU, as cnet sent them"
kill "$BG_PID" 2> /dev/null

# 2. TSO off on veth0: the GSO layer cuts them into segments of the MSS.
feature "$A" veth0 tso off
capture_start "$B" veth1 -s 80 "src host $A_IP and tcp dst port 7101 and greater 1600"
stats_save "$A"
up 7101
stats_deltas
match_re "${STATS_DELTA[tcp_tx_gso]}" "^[1-9][0-9]*$" \
	"without TSO cnet still builds GSO packets"
match "$(big_frames 7101)" 0 "tcpdump on B: no frame longer than the MTU"

# 3. Linux -> cnet: Linux's TSO packets are one segment each for cnet.
stats_save "$A"
down 7102
stats_deltas
match_re "${STATS_DELTA[tcp_rx_gro]}" "^[1-9][0-9]*$" \
	"cnet took Linux's TSO packets whole (tcp_rx_gro grew by ${STATS_DELTA[tcp_rx_gro]})"
match "${STATS_DELTA[tcp_drop_csum]}" 0 "no checksum drop"

# 4. TSO off on veth1, GRO on veth0: cnet takes veth0's GRO aggregates.
feature "$B" veth1 tso off
feature "$A" veth0 gro on
stats_save "$A"
down 7103
stats_deltas
match_re "${STATS_DELTA[tcp_rx_gro]}" "^[1-9][0-9]*$" \
	"cnet took veth0's GRO aggregates (tcp_rx_gro grew by ${STATS_DELTA[tcp_rx_gro]})"
match "${STATS_DELTA[tcp_drop_csum]}" 0 "no checksum drop"
exit_test
