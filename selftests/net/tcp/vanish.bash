#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A cnet client in A (selftests/progs/tcp_opts) of a Linux echo server in
# B (socat on port 7600) that may vanish: netem drops all B sends. Sourced
# after lib.sh by the tests of what ends a connection
# (tcp/60-tcp-keepalive.sh, soak/20-tcp-retries.sh): vanish_setup makes
# the pair and the server, vanish and come_back drop B's sends or stop,
# prog_start and prog_go run tcp_opts, retries_case and orphan_case let a
# retry limit end a connection.

PROG=$REPO/selftests/progs/tcp_opts
PROG_TIMEOUT=${PROG_TIMEOUT:-60}	# seconds tcp_opts may take

tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
vanish() { ns_b tc qdisc replace dev veth1 root netem loss 100%; }
come_back() { ns_b tc qdisc del dev veth1 root 2>/dev/null; }

vanish_setup() {
	[ -x "$PROG" ] || skip "tcp_opts is not built"
	command -v socat > /dev/null || skip "socat is not installed"
	setup_pair
	ns_b tc qdisc add dev veth1 root netem delay 1ms 2>/dev/null ||
		skip "no netem qdisc"
	ns_b tc qdisc del dev veth1 root
	tmp=$(mktemp -d)
	on_exit "rm -rf $tmp"
	run_bg ip netns exec "$B" socat TCP4-LISTEN:7600,reuseaddr,fork PIPE
	busywait 30000 tcp_listening "$B" 7600 || die "socat did not listen"
}

# prog_start ARGS...: tcp_opts ARGS in A, in the background; returns once
# it is connected. prog_go: let it go on, wait for it (status in $PROG_RC).
prog_start() {
	rm -f "$tmp/go" "$tmp/out"
	mkfifo "$tmp/go"
	ip netns exec "$A" timeout "$PROG_TIMEOUT" "$PROG" "$@" < "$tmp/go" \
		> "$tmp/out" 2>&1 &
	PROG_PID=$!
	exec 3> "$tmp/go"
	busywait 20000 grep -q '^connected' "$tmp/out" ||
		{ cat "$tmp/out"; die "tcp_opts $1 did not connect"; }
}
prog_go() {
	echo go >&3
	exec 3>&-
	wait "$PROG_PID"
	PROG_RC=$?
	indent < "$tmp/out"
}

# give_up N: the connection tcp_opts just made: its RTO in $rto, and when
# N retransmissions end it (tcp_give_up: Linux's model, the first of its
# own timeouts at or past it, and how late the timer wheel may make
# those) in $model, $when and $late, in ms
give_up() {
	rto=$(tcp_rto_ms "$A" "$B_IP:7600") || die "no RTO for the connection"
	read -r model when late < <(tcp_give_up "$1" "$rto")
}
# gave_up_in TIME WHAT: TIME (ms) is at or past the model, and no later
# than the timeout past it, as late as the timer wheel may make it, and 3 s
# for the tail loss probe that comes first and the emulated VM
gave_up_in() {
	match_re "$(( ${1:-0} >= model && ${1:-0} <= when + late + 3000 ))/$1" "^1/" \
		"$2: at the first timeout past Linux's model ($model ms): $when ms (+$late) with an RTO of $rto ms ($1 ms)"
}

# retries_case N [EHOSTUNREACH]: data unacknowledged by the vanished B
# ends with ETIMEDOUT at the first timeout past Linux's model of N
# retransmissions (the namespace's tcp_retries2 being N), after N of them;
# with EHOSTUNREACH, with that error instead (ARP failed on the way, and
# the ICMP it left is the connection's soft error, as in Linux)
retries_case() {
	local n=$1 err=${2:-ETIMEDOUT} dt

	stats_save "$A"
	prog_start retries "$B_IP" 7600 ${2:+"$2"}
	give_up "$n"
	vanish
	prog_go
	come_back
	match "$PROG_RC" 0 "tcp_retries2 $n: $err"
	dt=$(sed -n "s/.*# $err after \([0-9]*\) ms\$/\1/p" "$tmp/out")
	gave_up_in "$dt" "tcp_retries2 $n ($err)"
	stats_deltas
	match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" "1/$n" \
		"tcp_retries2 $n ($err): $n timeouts retransmitted, the next ended it (tcp_timeout/tcp_rto)"
}

# orphans: A's sockets to B:7600 in FIN-WAIT-1, their local ports in ORPHANS
orphans() {
	mapfile -t ORPHANS < <(cnet_a sock show -t state fin-wait-1 |
		sed -nE "s/.* $A_IP:([0-9]+) +$B_IP:7600( .*)?\$/\1/p")
	echo ${#ORPHANS[@]}
}

# orphan_case N: an orphan (closed with 1000 bytes and its FIN in flight)
# whose peer vanished is gone at the first timeout past Linux's model of N
# retransmissions (tcp_orphan_retries N, or 8 for 0), after N of them,
# and its end sends no RST
orphan_case() {
	local n=$1 t0 dt port

	capture_start "$B" veth1 "src host $A_IP and tcp port 7600 and tcp[tcpflags] & tcp-rst != 0"
	stats_save "$A"
	prog_start orphan "$B_IP" 7600
	give_up "$n"
	vanish
	t0=$(now_ms)
	prog_go
	match "$PROG_RC" 0 "orphan: closed with 1000 bytes and its FIN unacknowledged"
	orphans > /dev/null
	match "${#ORPHANS[@]}" 1 "orphan: in FIN-WAIT-1 after close"
	port=${ORPHANS[0]:-none}
	wait_for $(( when * 2 + 15000 )) 'test "$(orphans)" = 0'
	dt=$(( $(now_ms) - t0 ))
	match "$(orphans)" 0 "orphan: gone once its $n retransmissions ran out"
	gave_up_in "$dt" "orphan"
	stats_deltas
	match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" "1/$n" \
		"orphan: $n timeouts retransmitted, the next ended it (tcp_timeout/tcp_rto)"
	match "$(grep -c "$A_IP\.$port > $B_IP\.7600: Flags \[R" "$CAP")" 0 \
		"tcpdump on B: the orphan's timeout sent no RST"
	come_back
}
