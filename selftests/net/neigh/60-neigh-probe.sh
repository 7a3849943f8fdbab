#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The neighbour walk of RFC 1122 2.3.2.1 with short timers: REACHABLE ->
# STALE -> (a ping uses it) DELAY, the packet going out at once with the
# cached address -> no confirmation within the delay: PROBE, one unicast
# request to B's MAC -> B answers: REACHABLE. A capture in B shows the
# first (INCOMPLETE) request broadcast and the PROBE one unicast to B.
# timeout: 150
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
conf_set "$A" neigh_reachable_ms 2000 neigh_delay_ms 4000 \
	neigh_retrans_ms 1000 neigh_gc_ms 600000

cap=$(mktemp)
on_exit "rm -f $cap"
run_bg ip netns exec "$B" tcpdump -i veth1 -e -n -l "arp and ether src $A_MAC" \
	> "$cap" 2>&1
busywait 10000 grep -q "listening on" "$cap" || die "tcpdump did not start"

check_ok "cnet-ping to $B_IP" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
match "$(neigh_state "$A" "$B_IP")" REACHABLE "resolved: REACHABLE"

wait_for 20000 'test "$(neigh_state "$A" "$B_IP")" = STALE'
match "$(neigh_state "$A" "$B_IP")" STALE "after the reachable time: STALE"

# The reply to the probe draws a new reachable time from this: long, so
# the entry stays REACHABLE while we look at it.
conf_set "$A" neigh_reachable_ms 60000
stats_save "$A"
check_ok "cnet-ping with a STALE entry goes out at once" \
	ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
match "$(stat_delta neigh_ucast_probe_tx)" 0 "no probe before the delay is over"
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $B_MAC DELAY" \
	"used while STALE: DELAY, with the cached address"

wait_for 20000 'test "$(stat_delta neigh_ucast_probe_tx)" -ge 1'
match "$(stat_delta neigh_ucast_probe_tx)" 1 "the delay passed: one unicast probe"
wait_for 10000 'test "$(neigh_state "$A" "$B_IP")" = REACHABLE'
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $B_MAC REACHABLE" \
	"B answered the probe: REACHABLE"

sleep 0.5
log "capture:"
indent < "$cap"
match_re "$(< "$cap")" \
	"$A_MAC > ff:ff:ff:ff:ff:ff, .* Request who-has $B_IP tell $A_IP" \
	"the INCOMPLETE request was broadcast"
match_re "$(< "$cap")" \
	"$A_MAC > $B_MAC, .* Request who-has $B_IP \\($B_MAC\\) tell $A_IP" \
	"the PROBE request was unicast to B's MAC"
match "$(grep -c "Request who-has $B_IP" "$cap")" 2 "two requests in all"
exit_test
