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

setup_mtu_path 1280
# R's fragmentation needed goes nowhere: the black hole
ip -n "$R" route add blackhole default table 100 &&
	ip -n "$R" rule add ipproto icmp lookup 100 pref 100 ||
	die "cannot drop R's ICMP"
in_ns "$A" "$CNET" conf set tcp_mtu_probing 1 || die "no tcp_mtu_probing 1"

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
