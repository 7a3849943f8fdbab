#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Linux pings cnet: `ping -c 5 -i 0.2` from the Linux namespace to the cnet
# one loses nothing, and a capture on the Linux side sees the five echo
# replies come from 10.0.1.1. cnet counts the requests and the replies.
# Large patterned requests come back intact, also with a raw socket open.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

run_bg ip netns exec "$B" tcpdump -n -l -i veth1 icmp > "$tmp/cap" 2> "$tmp/cap.err"
busywait 30000 grep -q "listening on" "$tmp/cap.err" ||
	die "tcpdump did not start: $(< "$tmp/cap.err")"

stats_save "$A"
out=$(ns_b ping -c 5 -i 0.2 -W 2 "$A_IP" 2>&1)
echo "$out"
match_re "$out" '^5 packets transmitted, 5 received, 0% packet loss' \
	"ping from Linux: 5 sent, 5 received"

replies() { grep -c "IP $A_IP > $B_IP: ICMP echo reply" "$tmp/cap"; }
wait_for 5000 'test "$(replies)" -ge 5'
check replies 5 "capture on veth1: 5 echo replies from $A_IP"
check 'stat_delta icmp_echo_req_rx' 5 "cnet counted 5 echo requests"
check 'stat_delta icmp_echo_reply_tx' 5 "cnet counted 5 echo replies"

# The reply is the request turned around in place: a large one with a
# pattern comes back byte for byte (ping checks the data and checksum),
# also while a raw ICMP socket holds a clone of the request.
ready=$tmp/raw
ns_a python3 - "$ready" > "$ready.out" 2>&1 <<'PY' &
import socket, sys
s = socket.socket(19, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.settimeout(20)
open(sys.argv[1], "w").write("open")
d = s.recv(4096)
print("type %d len %d" % (d[(d[0] & 15) * 4], len(d)))
PY
pid=$!
wait_for 10000 'test -s "$ready"' || fail "the raw socket did not open"
out=$(ns_b ping -c 2 -i 0.2 -W 2 -s 1400 -p c0ffee "$A_IP" 2>&1)
echo "$out"
match_re "$out" '^2 packets transmitted, 2 received, 0% packet loss' \
	"1400-byte pings with a pattern: 2 sent, 2 received"
match "$(grep -c -i "wrong\|bad\|dup" <<< "$out")" 0 \
	"no wrong data, bad checksum or duplicate reply"
wait $pid
check 'cat "$ready.out"' "type 8 len 1428" \
	"the raw socket got its copy of the request, unchanged"
exit_test
