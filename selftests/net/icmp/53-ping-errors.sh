#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# ICMP errors about a ping socket's echo requests reach it: Linux (B)
# proxy-ARPs for 10.0.1.50 and .51, which it routes out of a second veth;
# cnet-ping from A with TTL 1 to .50 gets B's "Time to live exceeded", and
# to .51 (nobody answers B's ARP there) "Destination Host Unreachable",
# read from the ping socket's error queue and printed as iputils does,
# with "+N errors" in the summary and exit status 1 (nothing answered).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ns_b ip link add veth2 type veth peer name veth3 || die "no second veth pair"
ns_b ip link set veth2 up && ns_b ip link set veth3 up || die "veth2 down"
ns_b ip route add 10.0.1.50/32 dev veth2 || die "no route to .50"
ns_b ip route add 10.0.1.51/32 dev veth2 || die "no route to .51"
ns_b sysctl -qw net.ipv4.ip_forward=1 || die "cannot enable forwarding"
ns_b sysctl -qw net.ipv4.conf.veth1.proxy_arp=1 || die "no proxy ARP"
ns_b sysctl -qw net.ipv4.neigh.veth1.proxy_delay=0
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

stats_save "$A"
out=$(ns_a "$CNET_PING" -c 2 -i 0.5 -t 1 10.0.1.50 2>&1)
rc=$?
match_re "$out" "^From $B_IP icmp_seq=1 Time to live exceeded$" \
	"TTL 1: time exceeded from B, for sequence 1" || indent <<< "$out"
match_re "$out" "^From $B_IP icmp_seq=2 Time to live exceeded$" \
	"and for sequence 2"
match_re "$out" "2 packets transmitted, 0 received, \+2 errors, 100% packet loss" \
	"the summary counts 2 errors"
match "$rc" 1 "exit status 1: nothing answered"
stats_deltas
match "${STATS_DELTA[icmp_err_queued]}" 2 "two errors queued on the ping socket"

out=$(ns_a "$CNET_PING" -c 1 -W 8 10.0.1.51 2>&1)
match_re "$out" "^From $B_IP icmp_seq=1 Destination Host Unreachable$" \
	"host unreachable from B" || indent <<< "$out"

# the raw socket sees the error itself
out=$(ns_a "$CNET_PING" -R -c 1 -t 1 10.0.1.50 2>&1)
match_re "$out" "^From $B_IP icmp_seq=1 Time to live exceeded$" \
	"with a raw socket too" || indent <<< "$out"
check_ok "cnet still pings Linux" ns_a "$CNET_PING" -c 1 "$B_IP"
exit_test
