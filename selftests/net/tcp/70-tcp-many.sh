#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
# soak-timeout: 3600
#
# Many concurrent established connections between cnet (A) and Linux (B),
# selftests/progs/tcp_many on both ends: cnet clients to a Linux server,
# then Linux clients to a cnet server. While they all live, cnet sock
# show lists each one ESTABLISHED and each holds a module reference;
# then a byte goes each way on each, they are closed, and every socket
# and TIME-WAIT entry goes (tcp_mem_track). 1 000 each way in make check
# (a thousand at once, about 25 s of connections in the emulated VM),
# 10 000 with SOAK=1 (make soak), or TCP_MANY.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_many
[ -x "$PROG" ] || skip "tcp_many is not built"
if [ "${SOAK:-0}" = 1 ]; then
	n=${TCP_MANY:-10000}
	secs=1800
else
	n=${TCP_MANY:-1000}
	secs=200
fi
setup_pair
tcp_mem_track -t 3000 "$A"
refs=$(cnet_refs)

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
ns_b sysctl -qw net.core.somaxconn=4096 net.ipv4.tcp_max_syn_backlog=4096

# many SERVER_NS SERVER_FAMILY CLIENT_NS CLIENT_FAMILY ADDR PORT WHAT:
# N connections from the client to the server; the checks named WHAT
many() {
	local sns=$1 sfam=$2 cns=$3 cfam=$4 addr=$5 port=$6 what=$7 t0 cli srv
	local up

	run_bg ip netns exec "$sns" "$PROG" server "$sfam" "$addr" "$port" "$n" "$secs" \
		> "$tmp/srv" 2>&1
	srv=$BG_PID
	busywait 30000 grep -q listening "$tmp/srv" || die "tcp_many server did not start"
	t0=$(now_ms)
	run_bg ip netns exec "$cns" "$PROG" client "$cfam" "$addr" "$port" "$n" "$secs" \
		> "$tmp/cli" 2>&1
	cli=$BG_PID
	busywait $((secs * 1000)) grep -q "established\|tcp_many:" "$tmp/cli"
	up=$(( $(now_ms) - t0 ))
	match "$(< "$tmp/cli")" "established $n" "$what: $n connections established" ||
		return 1
	wait_for 30000 'test "$(tcp_socks "$A" established)" = "$n"'
	match "$(tcp_socks "$A" established)" "$n" \
		"$what: cnet sock show lists $n ESTABLISHED"
	if [ $(( $(cnet_refs) - refs )) -ge "$n" ]; then
		pass "$what: each cnet socket holds a module reference"
	else
		fail "$what: $(( $(cnet_refs) - refs )) module references for $n sockets"
	fi
	t0=$(now_ms)
	kill -USR1 "$cli"
	wait "$cli"
	match "$?" 0 "$what: a byte each way on each connection, then closed" ||
		indent < "$tmp/cli"
	wait "$srv"
	match "$?" 0 "$what: the server echoed and closed every connection" ||
		indent < "$tmp/srv"
	match "$(tail -1 "$tmp/srv")" "closed $n" "$what: the server saw $n ends"
	log "$what: $n connections up in $up ms; echoed and closed in" \
		"$(( $(now_ms) - t0 )) ms"
}

stats_save "$A"
many "$B" inet "$A" cnet "$B_IP" 7700 "cnet -> Linux"
stats_deltas
match "${STATS_DELTA[tcp_active_open]}" "$n" "tcp_active_open grew by $n"
stats_save "$A"
many "$A" cnet "$B" inet "$A_IP" 7701 "Linux -> cnet"
stats_deltas
match "${STATS_DELTA[tcp_passive_open]}" "$n" "tcp_passive_open grew by $n"
exit_test
