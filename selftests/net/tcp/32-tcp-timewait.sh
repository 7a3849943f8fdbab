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
# connection closes without TIME-WAIT, counted. Then cnet as the client:
# a connect() takes its own entry over, as Linux's tcp_tw_reuse says
# (from a port bind() chose at once, from its own search with
# tcp_tw_reuse 1, or 2 on loopback; never without timestamps), and the
# new SYN's sequence number is 65537 past the old connection's.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_listen
CLIENTS=$REPO/selftests/net/tcp/tcp_clients.py
NC=$REPO/tools/cnet-nc
[ -x "$PROG" ] || skip "tcp_listen is not built"
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
command -v tcpdump > /dev/null || skip "tcpdump is not installed"
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

# ---- a connect() takes the entry over (tcp_tw_reuse) ----
# cnet is the client now and closes first (its FIN first; socat in B
# closes on it), so the entry is cnet's.
check_ok "conf set tcp_max_tw_buckets, tcp_tw_timeout_ms" cnet_a conf set \
	tcp_max_tw_buckets 262144 tcp_tw_timeout_ms 60000
run_bg ns_b socat -u TCP4-LISTEN:8302,bind="$B_IP",reuseaddr,fork OPEN:/dev/null
wait_for 30000 'ns_b ss -Htln "sport = :8302" | grep -q .' ||
	die "socat did not listen"
capture_start "$B" veth1 -S "tcp port 8302 and tcp[13] & 3 != 0"
# conn: a connection to B:8302 that cnet closes first, from a port
# connect() chooses; its output (nothing when it worked). conn_from PORT:
# the same from PORT (bound with SO_REUSEADDR, which the entry allows):
# "ok", or the call that failed and its error.
conn() { ns_a timeout 10 "$NC" -N "$B_IP" 8302 < /dev/null 2>&1; }
conn_from() { ns_a timeout 10 "$PROG" connect "$B_IP" 8302 "$1" 2>&1; }
# syn_fin_seqs PORT: cnet's SYNs and FINs from PORT, "S SEQ" or "F SEQ"
# (tcpdump -S: absolute), in the capture's order
syn_fin_seqs() {
	local line out= re="$A_IP\\.$1 > .*Flags \\[([SF])[^]]*\\], seq ([0-9]+)"
	while read -r line; do
		[[ $line =~ $re ]] && out+="${BASH_REMATCH[1]} ${BASH_REMATCH[2]} "
	done < "$CAP"
	echo "$out"
}

# A port bind() chose: the 4-tuple again at once.
stats_save "$A"
match "$(conn_from 41000)" ok "from port 41000: connected, closed first"
wait_for 10000 'test "$(tcp_tw_count "$A")" = 1'
match "$(conn_from 41000)" ok "from port 41000 again: the entry gave way"
match "$(stat_delta tcp_tw_reused)" 1 "tcp_tw_reused grew by 1"
match "$(tcp_tw_count "$A")" 1 "one TIME-WAIT entry: the new connection's"
# The new ISS is 65537 past the entry's snd_nxt (its FIN's seq + 1).
wait_for 10000 '[[ $(syn_fin_seqs 41000) =~ ^S\ [0-9]+\ F\ [0-9]+\ S\ [0-9]+\ F ]]'
read -r _ _ _ fin _ syn2 _ <<< "$(syn_fin_seqs 41000)"
match "$(( (syn2 - fin - 1) & 0xffffffff ))" 65537 \
	"the new SYN's sequence number is 65537 past the old connection's"

# Without timestamps there is no safe reuse, bound or not.
check_ok "conf set tcp_timestamps 0" cnet_a conf set tcp_timestamps 0
match "$(conn_from 41001)" ok "from port 41001, no timestamps: connected"
wait_for 10000 'test "$(tcp_tw_count "$A")" = 2'
match "$(conn_from 41001)" "connect: Cannot assign requested address" \
	"from port 41001 again: EADDRNOTAVAIL, no timestamps to make it safe"
check_ok "conf set tcp_timestamps 1" cnet_a conf set tcp_timestamps 1

# A port connect() chose: as tcp_tw_reuse says (one port in the range).
check_ok "conf set ip_local_port_range 41002-41002" cnet_a conf set \
	ip_local_port_range 41002-41002
stats_save "$A"
match "$(conn)" "" "from the one ephemeral port: connected"
wait_for 10000 'test "$(tcp_tw_count "$A")" = 3'
match_re "$(conn)" "Cannot assign requested address" \
	"tcp_tw_reuse 2 (the default), not loopback: EADDRNOTAVAIL"
check_ok "conf set tcp_tw_reuse 1" cnet_a conf set tcp_tw_reuse 1
# the peer's last timestamp must be from an earlier second
sleep 1
match "$(conn)" "" "tcp_tw_reuse 1: the entry gave way"
check_ok "conf set tcp_tw_reuse 0" cnet_a conf set tcp_tw_reuse 0
sleep 1
match_re "$(conn)" "Cannot assign requested address" "tcp_tw_reuse 0: EADDRNOTAVAIL"
match "$(stat_delta tcp_tw_reused)" 1 "tcp_tw_reused grew by 1"
exit_test
