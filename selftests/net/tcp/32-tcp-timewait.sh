#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# TIME-WAIT on cnet, the side that closes first: a connection leaves a
# small entry (conf show's tcp_tw_count), which holds its port (bind() is
# EADDRINUSE, but SO_REUSEADDR lets a new listener have it, as Linux);
# the client's new SYN on the same 4-tuple takes the entry over (RFC
# 6191) and is served; entries expire after tcp_tw_timeout_ms (shortened
# to 10 s here, long enough for the checks in a slow VM) and the port is
# free again; with tcp_max_tw_buckets 0 a
# connection closes without TIME-WAIT, counted.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_listen
CLIENTS=$REPO/selftests/net/tcp/tcp_clients.py
[ -x "$PROG" ] || skip "tcp_listen is not built"
setup_pair
tcp_mem_track "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

# serve_one PORT: a cnet listener (SO_REUSEADDR) answers one client from
# B's port 40000, then closes first; prints what the client saw
serve_one() {
	run_bg ip netns exec "$A" "$PROG" serve 0.0.0.0 "$1" 4 1 0 > "$tmp/srv"
	busywait 30000 grep -q listening "$tmp/srv" || die "tcp_listen serve did not start"
	ns_b /usr/bin/python3 "$CLIENTS" "$A_IP" "$1" 1 request 30 40000
	wait "$BG_PID"
}

check_ok "conf set tcp_tw_timeout_ms 10000" cnet_a conf set tcp_tw_timeout_ms 10000
check "cnet_a conf show | awk '\$1 ~ /^tcp_(tw_timeout_ms|max_tw_buckets)\$/'" \
	"tcp_tw_timeout_ms 10000
tcp_max_tw_buckets 262144" "conf show: the TIME-WAIT settings"

stats_save "$A"
match "$(serve_one 8300)" "served 1" "a client was served; cnet closed first"
match "$(stat_delta tcp_tw_created)" 1 "the connection left a TIME-WAIT entry"
match "$(tcp_tw_count "$A")" 1 "conf show: tcp_tw_count 1"
tw_line=$(cnet_a sock show -t state time-wait -o)
match "$(echo "$tw_line" | grep -c "^TIME-WAIT .* $A_IP:8300 *$B_IP:40000 timer:(timewait,")" 1 \
	"sock show: the entry, its 4-tuple and its timer" || echo "$tw_line"
check "ns_a $PROG bind 0.0.0.0 8300 noreuse" "Address already in use" \
	"TIME-WAIT holds the port: bind() without SO_REUSEADDR is EADDRINUSE"
check "ns_a $PROG bind $A_IP 8300 noreuse" "Address already in use" \
	"on the connection's own address too"
check "ns_a $PROG bind 0.0.0.0 8300 reuse" ok \
	"SO_REUSEADDR lets a listener have the port meanwhile"

# The same client 4-tuple again: the entry gives way to the new SYN.
stats_save "$A"
match "$(serve_one 8300)" "served 1" "the same 4-tuple again is served"
match "$(( $(stat_delta tcp_tw_recycled) + $(stat_delta tcp_tw_killed) ))" 1 \
	"the old entry gave way (tcp_tw_recycled or tcp_tw_killed)"
match "$(tcp_tw_count "$A")" 1 "one TIME-WAIT entry: the new connection's"

# Expiry after 10 s: the port is free.
wait_for 30000 'test "$(tcp_tw_count "$A")" = 0'
match "$(tcp_tw_count "$A")" 0 "the entry expired"
match "$(stat_delta tcp_tw_expired)" 1 "tcp_tw_expired grew by 1"
check "ns_a $PROG bind 0.0.0.0 8300 noreuse" ok "the port is free again"

# No TIME-WAIT at all past tcp_max_tw_buckets.
check_ok "conf set tcp_max_tw_buckets 0" cnet_a conf set tcp_max_tw_buckets 0
stats_save "$A"
match "$(serve_one 8301)" "served 1" "a client was served"
match "$(stat_delta tcp_tw_overflow)" 1 "over the cap: no entry, tcp_tw_overflow grew by 1"
match "$(tcp_tw_count "$A")" 0 "conf show: tcp_tw_count 0"
check "ns_a $PROG bind 0.0.0.0 8301 noreuse" ok "the port is free at once"
exit_test
