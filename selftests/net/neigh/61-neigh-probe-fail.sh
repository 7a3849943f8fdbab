#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A neighbour that goes away: the STALE entry is used (DELAY), nobody
# confirms it, neigh_ucast_probes unicast requests go unanswered (PROBE),
# and the entry FAILS.
# timeout: 150
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
conf_set "$A" neigh_reachable_ms 2000 neigh_delay_ms 4000 \
	neigh_retrans_ms 2000 neigh_ucast_probes 3 neigh_gc_ms 600000

check_ok "cnet-ping to $B_IP" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
wait_for 20000 'test "$(neigh_state "$A" "$B_IP")" = STALE'
match "$(neigh_state "$A" "$B_IP")" STALE "the entry turns STALE"

# B is gone: it answers neither pings nor ARP for its old address.
ip -n "$B" addr del "$B_IP/24" dev veth1 || die "cannot remove B's address"
stats_save "$A"
ns_a "$CNET_PING" -c 1 -W 1 "$B_IP" > /dev/null 2>&1
match $? 1 "cnet-ping gets no answer"
match "$(stat_delta ip_tx)" 1 "the echo request was sent with the cached address"
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $B_MAC DELAY" "DELAY"

wait_for 15000 'test "$(neigh_state "$A" "$B_IP")" = PROBE'
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $B_MAC PROBE" \
	"no confirmation: PROBE"
wait_for 20000 'test "$(neigh_state "$A" "$B_IP")" = FAILED'
check 'cnet_a neigh show' "$B_IP dev veth0 FAILED" "probes unanswered: FAILED"
match "$(stat_delta neigh_ucast_probe_tx)" 3 "3 unicast probes were sent"
exit_test
