#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# A cnet listener's queues against many Linux clients at once: with
# backlog 4, 100 connects started together (tcp_clients.py on B) while
# the listener waits before its first accept(): the queues overflow
# (past the SYN queue's, SYN cookies), handshakes are dropped and counted
# (tcp_listen_drops...), the clients
# retry, and every one is served or refused cleanly (a RST, or its
# connect() timing out), none left hanging. Then a listener that
# closes with 5 connections nobody accepted resets each of them.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_listen
CLIENTS=$REPO/selftests/net/tcp/tcp_clients.py
[ -x "$PROG" ] || skip "tcp_listen is not built"
setup_pair
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
refs=$(cnet_refs)

# 100 clients, backlog 4.
N=100
stats_save "$A"
# The listener accepts nothing until the queues have overflowed (it
# serves its connections side by side, and would keep up otherwise):
# then a SIGUSR1 ends its wait (30 s at most).
run_bg ip netns exec "$A" "$PROG" serve 0.0.0.0 8100 4 $N 30000 > "$tmp/srv"
srv=$BG_PID
busywait 30000 grep -q listening "$tmp/srv" || die "tcp_listen serve did not start"
run_bg ns_b /usr/bin/python3 "$CLIENTS" "$A_IP" 8100 $N request 120 > "$tmp/cli"
cli=$BG_PID
wait_for 30000 'test "$(stat_delta tcp_listen_drops)" -gt 0' ||
	log "tcp_listen_drops did not grow in 30 s"
kill -USR1 "$srv"
wait "$cli"
wait "$srv"
out=$(< "$tmp/cli")
log "clients: $(tr '\n' ' ' <<< "$out"); server: $(tail -1 "$tmp/srv")"
served=$(awk '$1 == "served" { print $2 }' <<< "$out")
match "$(awk '$1 !~ /^(served|refused|reset|timeout|closed)$/' <<< "$out")" "" \
	"every client was served, refused, reset, timed out or closed: nothing else"
# A client whose "x" was lost with the handshake's last ACK (the accept
# queue was full) resends it only after its backed-off timeout; the
# server may give up on it first (10 s) and close: the client reads the
# FIN ("closed"). Only those.
closed=$(awk '$1 == "closed" { print $2 }' <<< "$out")
gave_up=$(awk '$1 == "gave" { print $3 }' "$tmp/srv")
if [ "${closed:-0}" -le "${gave_up:-0}" ]; then
	pass "clients saw a close (${closed:-0}) only where the server gave up (${gave_up:-0})"
else
	fail "${closed:-0} clients saw a close, the server gave up on ${gave_up:-0}"
fi
match "$(awk '{ n += $2 } END { print n }' <<< "$out")" $N "$N outcomes"
match "$(tail -1 "$tmp/srv")" "served ${served:-0}" \
	"the listener served as many as the clients say were served"
# With SYN cookies (the default, tcp_syncookies 1) a full SYN queue does
# not drop SYNs, the full accept queue drops the handshakes' ACKs and the
# clients retry; without them (tcp/33) a burst gets about one queue's
# worth in per wave of SYN retransmissions. The listener gives up 20 s
# after its last connection, and the SYNs after that are refused.
if [ "${served:-0}" -ge 5 ]; then
	pass "at least a full accept queue's worth of clients were served (${served:-0})"
else
	fail "only ${served:-0} of $N clients were served"
fi
stats_deltas
log "tcp_listen_drops ${STATS_DELTA[tcp_listen_drops]}," \
	"tcp_listen_overflows ${STATS_DELTA[tcp_listen_overflows]}," \
	"tcp_drop_synq_full ${STATS_DELTA[tcp_drop_synq_full]}," \
	"tcp_synack_retrans ${STATS_DELTA[tcp_synack_retrans]}," \
	"tcp_passive_open ${STATS_DELTA[tcp_passive_open]}"
if [ "${STATS_DELTA[tcp_listen_drops]}" -gt 0 ]; then
	pass "the queues overflowed and tcp_listen_drops counted it"
else
	fail "tcp_listen_drops did not grow"
fi
match "$(( STATS_DELTA[tcp_listen_overflows] + STATS_DELTA[tcp_drop_synq_full] ))" \
	"${STATS_DELTA[tcp_listen_drops]}" \
	"tcp_listen_drops = tcp_listen_overflows + tcp_drop_synq_full"
if [ "${STATS_DELTA[tcp_passive_open]}" -ge "${served:-0}" ]; then
	pass "tcp_passive_open counts every connection served"
else
	fail "tcp_passive_open ${STATS_DELTA[tcp_passive_open]} < ${served:-0}"
fi

# A listener closing with connections nobody accepted resets them.
stats_save "$A"
run_bg ip netns exec "$A" "$PROG" hold 0.0.0.0 8101 4 8000 > "$tmp/hold"
busywait 30000 grep -q listening "$tmp/hold" || die "tcp_listen hold did not start"
out=$(ns_b /usr/bin/python3 "$CLIENTS" "$A_IP" 8101 5 reset 30)
match "$out" "reset 5" "5 connections never accepted: the listener's close reset them"
match "$(stat_delta tcp_listen_close_reset)" 5 "tcp_listen_close_reset grew by 5"

wait_for 30000 'test "$(cnet_refs)" = "$refs"'
match "$(cnet_refs)" "$refs" "every cnet TCP socket was freed"
exit_test
