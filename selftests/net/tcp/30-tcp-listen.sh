#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# TCP's passive side against Linux clients (socat on B): a cnet listener
# (cnet-nc -l on A) receives 1 MiB and, on another connection, sends 1 MiB,
# both checked by sha256; its SYN-ACK acknowledges the SYN and carries
# MSS and window scale (tcpdump on B); a SYN to a closed cnet port draws a
# RST (socat: Connection refused); listen() and accept4() as Linux
# (tcp_listen api: errnos, O_NONBLOCK, poll(), SOCK_NONBLOCK, SOCK_CLOEXEC).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
PROG=$REPO/selftests/progs/tcp_listen
[ -x "$NC" ] || skip "cnet-nc is not built"
[ -x "$PROG" ] || skip "tcp_listen is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/up"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/down"
refs=$(cnet_refs)

# socat_retry ARGS...: socat on B, again while cnet-nc does not listen
# yet (a refused connect is retried for up to 30 s)
socat_retry() {
	local i
	for i in $(seq 60); do
		ns_b socat "$@" 2> "$tmp/socat.err" && return 0
		grep -q "Connection refused" "$tmp/socat.err" || return 1
		sleep 0.5
	done
	return 1
}

# Linux -> cnet: 1 MiB up to a cnet listener, the handshake captured on B.
capture_start "$B" veth1 -S -c 20 "tcp port 8000 and tcp[tcpflags] & (tcp-syn|tcp-rst) != 0"
run_bg ip netns exec "$A" timeout 120 "$NC" -l 8000 < /dev/null > "$tmp/got-up"
srv=$BG_PID
socat_retry -u "OPEN:$tmp/up" "TCP4:$A_IP:8000"
match "$?" 0 "socat sent 1 MiB to cnet-nc -l"
wait "$srv"
match "$?" 0 "cnet-nc -l accepted and received until socat closed"
match "$(sha256sum < "$tmp/got-up")" "$(sha256sum < "$tmp/up")" \
	"cnet received the 1 MiB Linux sent, byte for byte"

busywait 10000 grep -q "$A_IP\.8000 > $B_IP\.[0-9]*: Flags \[S\.\]" "$CAP"
syn=$(grep "$B_IP\.[0-9]* > $A_IP\.8000: Flags \[S\]," "$CAP" | tail -1)
iss=$(sed -nE 's/.*Flags \[S\], seq ([0-9]+),.*/\1/p' <<< "$syn")
synack=$(grep -m1 "$A_IP\.8000 > $B_IP\.[0-9]*: Flags \[S\.\]," "$CAP")
tsval=$(sed -nE 's/.*TS val ([0-9]+) .*/\1/p' <<< "$syn")
match_re "$synack" "ack $((iss + 1)), win [0-9]+, options \[mss 1460,sackOK,TS val [0-9]+ ecr $tsval,nop,wscale [0-9]+\]" \
	"tcpdump: cnet's SYN-ACK acknowledges the SYN, with MSS 1460, SACK-permitted, timestamps echoing the SYN's and a window scale" ||
	indent < "$CAP"

# cnet -> Linux: 1 MiB down from a cnet listener, which closes first.
stats_save "$A"
# (a background job's standard input is /dev/null: the file goes in by sh)
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout 120 "$0" -l -N 8001 < "$1"' \
	"$NC" "$tmp/down"
srv=$BG_PID
socat_retry -u "TCP4:$A_IP:8001" "OPEN:$tmp/got-down,creat,trunc"
match "$?" 0 "socat received from cnet-nc -l"
wait "$srv"
match "$(sha256sum < "$tmp/got-down")" "$(sha256sum < "$tmp/down")" \
	"Linux received the 1 MiB cnet sent, byte for byte"
stats_deltas
match "${STATS_DELTA[tcp_passive_open]}" 1 "tcp_passive_open grew by 1"
match "${STATS_DELTA[tcp_synack_tx]}" 1 "tcp_synack_tx grew by 1"
match "${STATS_DELTA[tcp_tw_created]}" 1 \
	"cnet closed first: its connection left a TIME-WAIT entry"

# A closed port: cnet answers the SYN with a RST.
stats_save "$A"
out=$(ns_b timeout 30 socat -u /dev/null "TCP4:$A_IP:8999" 2>&1)
match_re "$out" "Connection refused" "connect to a closed cnet port: ECONNREFUSED"
match "$(stat_delta tcp_rst_tx)" 1 "tcp_rst_tx grew by 1"

# listen() and accept4() as Linux; one connection from socat.
run_bg ip netns exec "$A" "$PROG" api "$A_IP" 8002 > "$tmp/api"
api=$BG_PID
busywait 30000 grep -q listening "$tmp/api" || die "tcp_listen api did not start"
ns_b timeout 30 socat -u /dev/null "TCP4:$A_IP:8002"
wait "$api"
match "$?" 0 "tcp_listen api: every check passed" || indent < "$tmp/api"
match "$(grep -c '^ok' "$tmp/api")" 19 "tcp_listen api: 19 checks ran" ||
	indent < "$tmp/api"

# Every connection ended and every TIME-WAIT entry is small: the sockets go.
wait_for 30000 'test "$(cnet_refs)" = "$refs"'
match "$(cnet_refs)" "$refs" "every cnet TCP socket was freed"
exit_test
