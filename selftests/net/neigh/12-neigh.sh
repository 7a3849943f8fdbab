#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet's ARP cache: after a ping, `cnet neigh show` lists the Linux peer
# with its MAC address, REACHABLE; with short timers (settings of A's) the
# entry turns STALE, then is garbage-collected. An address nobody has goes
# INCOMPLETE, then FAILED after the namespace's neigh_max_probes requests,
# neigh_retrans_ms apart, and is collected too.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
# Short timers, but long enough for a slow (emulated) VM to see each state.
conf_set "$A" neigh_reachable_ms 5000 neigh_gc_ms 5000 neigh_retrans_ms 300

check_ok "cnet-ping to $B_IP" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $B_MAC REACHABLE" \
	"neigh show: $B_IP with B's MAC, REACHABLE"
check_re 'cnet_a -j neigh show' "\"dst\": ?\"$B_IP\"" "neigh show -j"

# is_stale: the entry is STALE; the line is kept in $line.
# shellcheck disable=SC2317 # called through busywait
is_stale() { line=$(cnet_a neigh show); [[ $line == *" STALE" ]]; }
line=
busywait 20000 is_stale
match "$line" "$B_IP dev veth0 lladdr $B_MAC STALE" "the entry turns STALE"

wait_for 20000 'test -z "$(neigh_state "$A" "$B_IP")"'
check 'cnet_a neigh show' "" "the STALE entry is garbage-collected"

# Nobody has 10.0.1.99: INCOMPLETE while asking, FAILED, then collected.
# Keep FAILED entries while they are looked at: on a loaded emulated VM a
# 5 s lifetime can end between two commands. Collection is checked after.
# A's own neigh_max_probes (5, not 3) and neigh_retrans_ms (300): as many
# requests, at least that far apart (B's capture, in seconds).
conf_set "$A" neigh_gc_ms 600000 neigh_max_probes 5
capture_start "$B" veth1 -tt "arp and arp[24:4] = 0x0a000163"
ns_a "$CNET_PING" -c 1 -W 1 10.0.1.99 > /dev/null 2>&1 &
pid=$!
wait_for 5000 'test -n "$(neigh_state "$A" 10.0.1.99)"'
state=$(neigh_state "$A" 10.0.1.99)
case $state in
INCOMPLETE|FAILED) pass "unanswered address: $state" ;;
*) fail "unanswered address: state \"$state\"" ;;
esac
wait $pid
match $? 1 "cnet-ping to a missing host exits 1"
wait_for 10000 'test "$(neigh_state "$A" 10.0.1.99)" = FAILED'
check 'cnet_a neigh show dev veth0' "10.0.1.99 dev veth0 FAILED" \
	"after the retries the entry is FAILED (no lladdr)"
times=$(awk '/Request who-has 10\.0\.1\.99/ { print $1 }' "$CAP")
match "$(grep -c . <<< "$times")" 5 "neigh_max_probes 5: five requests"
gaps=$(awk 'NR > 1 { printf "%d ", ($1 - t) * 1000 } { t = $1 }' <<< "$times")
match "$(awk '{ for (i = 1; i <= NF; i++) if ($i < 290) n++ } END { print n + 0 }' \
	<<< "$gaps")" 0 "neigh_retrans_ms 300: requests at least 300 ms apart ($gaps ms)"
conf_set "$A" neigh_gc_ms 1000
wait_for 20000 'test -z "$(neigh_state "$A" 10.0.1.99)"'
check 'cnet_a neigh show' "" "the FAILED entry is garbage-collected"
exit_test
