#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# Simultaneous open and simultaneous close between two cnet hosts (RFC
# 9293 3.5, figures 8 and 13). A binds port 7300 and connects to C's
# 7301 while C binds 7301 and connects to A's 7300, with 1.5 s of netem
# delay each way so that the SYNs cross: each side sees the other's SYN
# before any SYN-ACK (tcpdump on both ends: SYN-SENT, then SYN-RECEIVED),
# both connections establish and a line goes each way; both then shut
# down at once, each FIN crossing the other, so both go through CLOSING
# (cnet sock show, polled) to TIME-WAIT.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
PING=$REPO/tools/cnet-ping
[ -x "$NC" ] || skip "cnet-nc is not built"
[ -x "$PING" ] || skip "cnet-ping is not built"
setup_ns A C
ip link add veth0 netns "$A" type veth peer name veth1 netns "$C" ||
	die "cannot create the veth pair"
cnet_ns "$A" veth0 10.0.1.1/24 || die "cannot set up cnet in $A"
cnet_ns "$C" veth1 10.0.1.3/24 || die "cannot set up cnet in $C"
busywait 5000 carrier_up "$C" veth1 || die "veth1 has no carrier"
# both neighbours known before the delay: the SYNs leave at once
ns_a "$PING" -c 1 -W 5 10.0.1.3 > /dev/null || die "A cannot ping C"
ip netns exec "$C" "$PING" -c 1 -W 5 10.0.1.1 > /dev/null || die "C cannot ping A"
ns_a tc qdisc add dev veth0 root netem delay 1500ms 2>/dev/null ||
	skip "no netem qdisc"
ip netns exec "$C" tc qdisc add dev veth1 root netem delay 1500ms ||
	die "cannot add netem on C"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
echo "from A" > "$tmp/a"
echo "from C" > "$tmp/c"

capture_start "$A" veth0 -c 40 "tcp port 7300"
cap_a=$CAP
capture_start "$C" veth1 -c 40 "tcp port 7300"
cap_c=$CAP

# watch NS OUT: cnet sock show's CLOSING sockets of NS, until $tmp/stop
watch_closing() {
	while [ ! -e "$tmp/stop" ]; do
		ip netns exec "$1" "$CNET" sock show -t state closing >> "$2"
		sleep 0.1
	done
}
run_bg watch_closing "$A" "$tmp/closing-a"
watch_a=$BG_PID
run_bg watch_closing "$C" "$tmp/closing-c"
watch_c=$BG_PID

# each sends its line, shuts down (-N) and reads until the other's FIN
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout 60 "$0" -N -p 7300 10.0.1.3 7301 < "$1"' \
	"$NC" "$tmp/a" > "$tmp/got-a"
nc_a=$BG_PID
# shellcheck disable=SC2016
run_bg ip netns exec "$C" sh -c 'exec timeout 60 "$0" -N -p 7301 10.0.1.1 7300 < "$1"' \
	"$NC" "$tmp/c" > "$tmp/got-c"
nc_c=$BG_PID
wait "$nc_a"
match "$?" 0 "A: connect() from 7300 to C's 7301 succeeded, and the exchange"
wait "$nc_c"
match "$?" 0 "C: connect() from 7301 to A's 7300 succeeded, and the exchange"
match "$(< "$tmp/got-a")" "from C" "A received C's line"
match "$(< "$tmp/got-c")" "from A" "C received A's line"

# both ends in TIME-WAIT once the ACKs of the FINs arrive, the 4-tuple
# as each sees it
tw_a() { ns_a "$CNET" sock show -t state time-wait | grep -c '10.0.1.1:7300 *10.0.1.3:7301'; }
tw_c() { ip netns exec "$C" "$CNET" sock show -t state time-wait | grep -c '10.0.1.3:7301 *10.0.1.1:7300'; }
wait_for 20000 'test "$(tw_a)" = 1'
wait_for 20000 'test "$(tw_c)" = 1'
check "ns_a $CNET sock show -t state time-wait | grep -c '10.0.1.1:7300 *10.0.1.3:7301'" 1 \
	"A: the connection is in TIME-WAIT"
check "ip netns exec $C $CNET sock show -t state time-wait | grep -c '10.0.1.3:7301 *10.0.1.1:7300'" 1 \
	"C: the connection is in TIME-WAIT"
touch "$tmp/stop"
wait "$watch_a" "$watch_c"
grep -q '^CLOSING .*10.0.1.1:7300 *10.0.1.3:7301' "$tmp/closing-a"
match "$?" 0 "A went through CLOSING (simultaneous close)"
grep -q '^CLOSING .*10.0.1.3:7301 *10.0.1.1:7300' "$tmp/closing-c"
match "$?" 0 "C went through CLOSING (simultaneous close)"

# first_line CAP PATTERN: the number of the first line of CAP matching
first_line() { grep -n -m1 -- "$2" "$1" | cut -d: -f1; }
# crossed CAP ME PEER: in CAP, the peer's bare SYN came before we sent
# our SYN-ACK, and the peer sent a SYN-ACK too
crossed() {
	local cap=$1 me=$2 peer=$3 syn synack peer_synack
	syn=$(first_line "$cap" "$peer > $me: Flags \[S\],")
	synack=$(first_line "$cap" "$me > $peer: Flags \[S\.\],")
	peer_synack=$(first_line "$cap" "$peer > $me: Flags \[S\.\],")
	[ -n "$syn" ] && [ -n "$synack" ] && [ -n "$peer_synack" ] &&
		[ "$syn" -lt "$synack" ]
}
fins() { grep -c 'Flags \[F' "$1"; }
wait_for 10000 'test "$(fins "$cap_a")" -ge 2'
wait_for 10000 'test "$(fins "$cap_c")" -ge 2'
crossed "$cap_a" 10.0.1.1.7300 10.0.1.3.7301
match "$?" 0 "A saw C's SYN before it sent its SYN-ACK (SYN-SENT to SYN-RECEIVED)" ||
	indent < "$cap_a"
crossed "$cap_c" 10.0.1.3.7301 10.0.1.1.7300
match "$?" 0 "C saw A's SYN before it sent its SYN-ACK (SYN-SENT to SYN-RECEIVED)" ||
	indent < "$cap_c"
exit_test
