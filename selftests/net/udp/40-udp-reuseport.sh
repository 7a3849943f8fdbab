#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# SO_REUSEPORT: four cnet sockets of one owner on 0.0.0.0:5002 share the
# datagrams of 200 flows (Linux sends one datagram from each of 200
# source ports) by flow hash: each gets some, none is lost, and a flow
# sent twice goes to one socket both times.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
setup_pair

out=$(mktemp) go=$(mktemp -u)
on_exit "rm -f $out $go"

# reuseport PORT PYTHON: 4 sockets on PORT; B runs PYTHON (the address as
# argument) sending N datagrams; once cnet delivered N, the counts.
reuseport() {
	local want=$3

	stats_save "$A"
	rm -f "$go"
	run_bg ip netns exec "$A" "$PROG" reuseport 4 0.0.0.0 "$1" "$go" > "$out"
	busywait 30000 grep -q listening "$out" || die "the cnet receivers did not start"
	ns_b python3 -c "$2" "$A_IP" "$1"
	wait_for 60000 '[ "$(stat_delta udp_delivered)" -ge "$want" ]'
	touch "$go"
	wait "$BG_PID"
	tail -n1 "$out"
}

counts=$(reuseport 5002 '
import socket, sys
for i in range(200):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(b"flow %d" % i, (sys.argv[1], int(sys.argv[2])))
    s.close()
' 200)
log "datagrams per socket: $counts"
read -r c1 c2 c3 c4 <<< "$counts"
match $((c1 + c2 + c3 + c4)) 200 "all 200 arrived"
for c in $c1 $c2 $c3 $c4; do
	[ "$c" -gt 10 ] || { fail "a socket got only $c"; break; }
done
[ "$RET" = 0 ] && pass "each socket got a share"

# One flow, twice: the same socket (the 4 counts are 2 and three 0).
counts=$(reuseport 5003 '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 4321))
s.sendto(b"one", (sys.argv[1], int(sys.argv[2])))
s.sendto(b"two", (sys.argv[1], int(sys.argv[2])))
' 2)
match "$(tr ' ' '\n' <<< "$counts" | sort -n | tr '\n' ' ')" "0 0 0 2 " \
	"one flow stays on one socket"
exit_test
