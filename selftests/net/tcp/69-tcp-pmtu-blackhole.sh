#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# A path MTU black hole (RFC 4821, RFC 2923 2.1): A (cnet, 10.5.1.1) --
# R (Linux router) -- B (Linux, 10.5.2.2), R's link to B with MTU 1280,
# and R's own ICMP dropped (a policy rule sends what R originates over
# ICMP to a blackhole route: this kernel has no netfilter), so cnet's
# 1500-byte segments vanish with no fragmentation needed. With
# tcp_mtu_probing 1, the fourth retransmission timeout in a row (about
# 3 s, as Linux's tcp_retries1) takes it for a black hole
# (tcp_mtu_blackhole): the MSS falls to tcp_base_mss (1024), everything
# in flight goes again cut to it, and 1 MiB reaches B byte for byte.
# Probes then search for the path's MTU (tcp_mtu_probe_sent): one above
# 1280 is lost, smaller ones get through and the MSS grows to them.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"

A_IP=10.5.1.1
R1_IP=10.5.1.2
R2_IP=10.5.2.1
B_IP=10.5.2.2
setup_ns A R B
ip link add a0 netns "$A" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name b0 netns "$B" ||
	die "cannot create the veth pairs"
ip -n "$R" link set r1 mtu 1280 || die "cannot set the MTU 1280"
cnet_ns "$A" a0 "$A_IP/24" || die "cannot set up cnet in A"
linux_ns "$R" r0 "$R1_IP/24" && linux_ns "$R" r1 "$R2_IP/24" &&
	linux_ns "$B" b0 "$B_IP/24" || die "cannot set up Linux in R and B"
in_ns "$R" sysctl -qw net.ipv4.ip_forward=1 || die "no forwarding in R"
# R's fragmentation needed goes nowhere: the black hole
ip -n "$R" route add blackhole default table 100 &&
	ip -n "$R" rule add ipproto icmp lookup 100 pref 100 ||
	die "cannot drop R's ICMP"
ip -n "$B" route add default via "$R2_IP" || die "no default route in B"
in_ns "$A" "$CNET" route add default via "$R1_IP" ||
	die "no default route in A"
in_ns "$A" "$CNET" conf set tcp_mtu_probing 1 || die "no tcp_mtu_probing 1"
busywait 5000 carrier_up "$R" r0 || die "r0 has no carrier"
busywait 5000 carrier_up "$B" b0 || die "b0 has no carrier"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/data"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

run_bg ip netns exec "$B" socat -u TCP4-LISTEN:7200,reuseaddr \
	"OPEN:$tmp/got,creat,trunc"
srv=$BG_PID
busywait 30000 tcp_listening "$B" 7200 || die "socat did not listen"
stats_save "$A"
t0=$(now_ms)
in_ns "$A" timeout 120 "$NC" -N "$B_IP" 7200 < "$tmp/data"
match "$?" 0 "cnet-nc sent 1 MiB through the black hole"
wait "$srv"
log "1 MiB in $(( $(now_ms) - t0 )) ms"
match "$(sha256sum < "$tmp/got")" "$(sha256sum < "$tmp/data")" \
	"B received it byte for byte"
stats_deltas
match "${STATS_DELTA[icmp_err_rx]}" 0 "no ICMP error reached cnet"
match_re "${STATS_DELTA[tcp_mtu_blackhole]}" "^[1-9][0-9]*$" \
	"the black hole was detected (tcp_mtu_blackhole grew by ${STATS_DELTA[tcp_mtu_blackhole]})"
match_re "${STATS_DELTA[tcp_mtu_probe_sent]}" "^[1-9][0-9]*$" \
	"probes were sent (tcp_mtu_probe_sent grew by ${STATS_DELTA[tcp_mtu_probe_sent]})"
log "probes: ${STATS_DELTA[tcp_mtu_probe_ok]} got through," \
	"${STATS_DELTA[tcp_mtu_probe_fail]} were lost;" \
	"the MSS grew ${STATS_DELTA[tcp_pmtu_mss_raised]} times"
match "${STATS_DELTA[tcp_timeout]}" 0 "no connection timed out"
exit_test
