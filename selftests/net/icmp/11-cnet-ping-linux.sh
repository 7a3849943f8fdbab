#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet pings Linux: `cnet-ping -c 5 -i 0.2` from the cnet namespace to the
# Linux one exits 0 with no loss and prints iputils' summary and rtt lines;
# a large payload (-s 1400) and the raw-socket mode (-R) work too.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair

out=$(ns_a "$CNET_PING" -c 5 -i 0.2 "$B_IP" 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "cnet-ping exits 0"
match_re "$out" '^5 packets transmitted, 5 received, 0% packet loss' \
	"cnet-ping: 5 sent, 5 received"
match_re "$out" '^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$' \
	"cnet-ping prints the rtt line"
match "$(grep -cE "^64 bytes from $B_IP: icmp_seq=[1-5] ttl=64 time=[0-9.]+ ms$" <<< "$out")" 5 \
	"one reply line per request"

out=$(ns_a "$CNET_PING" -c 2 -i 0.2 -s 1400 "$B_IP" 2>&1)
match_re "$out" '^2 packets transmitted, 2 received' "cnet-ping -s 1400"

out=$(ns_a "$CNET_PING" -R -c 2 -i 0.2 "$B_IP" 2>&1)
match_re "$out" '^2 packets transmitted, 2 received' "cnet-ping -R (raw socket)"
exit_test
