#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-timeout: 1500
#
# What ends a connection to a vanished peer with the default settings, the
# long way (make soak only; tcp/60 runs both with short settings): netem
# drops all B sends, and
# - an orphan (a cnet socket closed with 1000 bytes and its FIN in
#   flight), with tcp_orphan_retries 0 (Linux's 8 retransmissions while
#   the RTO is short of its maximum), is gone at its first timeout past
#   200 ms x (2^9 - 1) = 102.2 s, with 8 retransmissions and no RST;
# - a connection with data unacknowledged, with tcp_retries2 15, ends
#   with ETIMEDOUT at its first timeout past Linux's model of 15
#   retransmissions: 200 ms doubling to 102.4 s, then 120 s (the RTO's
#   maximum) 6 times, 924.6 s.
# The timeouts are the connection's: its RTO, SRTT above 200 ms, doubling
# (219 ms in the emulated VM: 112 s and 944 s). A has a static entry for B:
# otherwise B's ARP replies, which netem drops too, stop coming, the entry
# fails, the retransmissions draw a host unreachable, and the connection
# ends with EHOSTUNREACH instead, as on Linux (tcp_write_err() gives the
# soft error first).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_opts
[ -x "$PROG" ] || skip "tcp_opts is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
cnet_a neigh add "$B_IP" lladdr "$B_MAC" dev veth0 || die "cannot add B's static entry"
ns_b tc qdisc add dev veth1 root netem delay 1ms 2>/dev/null || skip "no netem qdisc"
ns_b tc qdisc del dev veth1 root
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
vanish() { ns_b tc qdisc replace dev veth1 root netem loss 100%; }
come_back() { ns_b tc qdisc del dev veth1 root 2>/dev/null; }
match "$(cnet_a conf show | grep -E '^tcp_(retries2|orphan_retries) ' | tr '\n' ' ')" \
	"tcp_retries2 15 tcp_orphan_retries 0 " "the defaults: tcp_retries2 15, tcp_orphan_retries 0"

# prog_start ARGS...: tcp_opts ARGS in A, in the background; returns once
# it is connected. prog_go: let it go on, wait for it (status in $PROG_RC).
prog_start() {
	rm -f "$tmp/go" "$tmp/out"
	mkfifo "$tmp/go"
	ip netns exec "$A" timeout 1200 "$PROG" "$@" < "$tmp/go" > "$tmp/out" 2>&1 &
	PROG_PID=$!
	exec 3> "$tmp/go"
	busywait 20000 grep -q '^connected' "$tmp/out" || { cat "$tmp/out"; die "tcp_opts $1 did not connect"; }
}
prog_go() {
	echo go >&3
	exec 3>&-
	wait "$PROG_PID"
	PROG_RC=$?
	indent < "$tmp/out"
}

run_bg ip netns exec "$B" socat TCP4-LISTEN:7600,reuseaddr,fork PIPE
busywait 30000 tcp_listening "$B" 7600 || die "socat did not listen"

# ---- an orphan: 8 retransmissions, 102.2 s
# orphans: A's sockets to B:7600 in FIN-WAIT-1, their local ports in ORPHANS
orphans() {
	mapfile -t ORPHANS < <(cnet_a sock show -t state fin-wait-1 |
		sed -nE "s/.* $A_IP:([0-9]+) +$B_IP:7600( .*)?\$/\1/p")
	echo ${#ORPHANS[@]}
}
capture_start "$B" veth1 "src host $A_IP and tcp port 7600 and tcp[tcpflags] & tcp-rst != 0"
stats_save "$A"
prog_start orphan "$B_IP" 7600
rto=$(tcp_rto_ms "$A" "$B_IP:7600") || die "no RTO for the connection"
read -r model when < <(tcp_give_up 8 "$rto")
vanish
t0=$(now_ms)
prog_go
match "$PROG_RC" 0 "orphan: closed with 1000 bytes and its FIN unacknowledged"
orphans > /dev/null
match "${#ORPHANS[@]}" 1 "orphan: in FIN-WAIT-1 after close"
port=${ORPHANS[0]:-none}
wait_for 130000 'test "$(orphans)" = 0'
dt=$(( $(now_ms) - t0 ))
match "$(orphans)" 0 "orphan: gone once its 8 retransmissions ran out"
match_re "$(( dt >= model && dt <= when + when / 100 + 3000 ))/$dt" "^1/" \
	"orphan: gone at the timeout past Linux's model ($model ms): $when ms with an RTO of $rto ms ($dt ms)"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" 1/8 \
	"orphan: eight timeouts retransmitted, the ninth ended it (tcp_timeout/tcp_rto)"
match "$(grep -c "$A_IP\.$port > $B_IP\.7600: Flags \[R" "$CAP")" 0 \
	"tcpdump on B: the orphan's timeout sent no RST"
come_back

# ---- a connection: 15 retransmissions, 924.6 s
stats_save "$A"
prog_start retries "$B_IP" 7600
rto=$(tcp_rto_ms "$A" "$B_IP:7600") || die "no RTO for the connection"
read -r model when < <(tcp_give_up 15 "$rto")
vanish
prog_go
come_back
match "$PROG_RC" 0 "tcp_retries2 15: ETIMEDOUT"
dt=$(sed -n 's/.*# ETIMEDOUT after \([0-9]*\) ms$/\1/p' "$tmp/out")
match_re "$(( ${dt:-0} >= model && ${dt:-0} <= when + when / 100 + 3000 ))/$dt" "^1/" \
	"tcp_retries2 15: at the timeout past Linux's model ($model ms): $when ms with an RTO of $rto ms ($dt ms)"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" 1/15 \
	"tcp_retries2 15: fifteen timeouts retransmitted, the sixteenth ended it (tcp_timeout/tcp_rto)"
exit_test
