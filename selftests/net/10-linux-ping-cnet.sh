#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Linux pings cnet: `ping -c 5 -i 0.2` from the Linux namespace to the cnet
# one loses nothing, and a capture on the Linux side sees the five echo
# replies come from 10.0.1.1. cnet counts the requests and the replies.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../lib.sh"

setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

run_bg ip netns exec "$B" tcpdump -n -l -i veth1 icmp > "$tmp/cap" 2> "$tmp/cap.err"
busywait 30000 grep -q "listening on" "$tmp/cap.err" ||
	die "tcpdump did not start: $(cat "$tmp/cap.err")"

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
exit_test
