#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# TCP socket options of cnet (A) with Linux (B): the get/set rules of the
# keepalive, timeout and listener options (Linux's defaults, ranges,
# EINVAL); SO_RCVLOWAT (poll() and recv() wait for the mark); a small window
# over lo (segments of half of it, no stall);
# connect(AF_UNSPEC) aborts a connection with a RST and the socket
# connects again; TCP_DEFER_ACCEPT: accept() returns only once a Linux
# client's data is there, or when the defer time ends without data.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_opts
[ -x "$PROG" ] || skip "tcp_opts is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# run_prog NAME ARGS...: tcp_opts ARGS in A, must pass
run_prog() {
	local name=$1 out rc
	shift
	out=$(ns_a timeout 60 "$PROG" "$@" 2>&1)
	rc=$?
	indent <<< "$out"
	match "$rc" 0 "$name"
}

run_prog "options: Linux's defaults, ranges and EINVAL" options

run_bg ip netns exec "$B" socat TCP4-LISTEN:7700,reuseaddr,fork PIPE
busywait 30000 tcp_listening "$B" 7700 || die "socat did not listen"
run_prog "SO_RCVLOWAT: poll() and recv() wait for the mark" rcvlowat "$B_IP" 7700
run_prog "a window far below lo's MSS: segments of half of it, no stall" smallwin

capture_start "$B" veth1 "src host $A_IP and tcp port 7700 and tcp[tcpflags] & tcp-rst != 0"
run_prog "connect(AF_UNSPEC) disconnects; the socket connects again" \
	unspec "$B_IP" 7700
busywait 5000 grep -q "Flags \[R" "$CAP"
match_re "$(< "$CAP")" "$A_IP\.[0-9]+ > $B_IP\.7700: Flags \[R" \
	"tcpdump on B: connect(AF_UNSPEC) sent a RST"

# TCP_DEFER_ACCEPT: a Linux client connects, and sends after 2 s or not
cat > "$tmp/client.py" <<'PY'
import socket, sys, time
c = socket.create_connection((sys.argv[1], int(sys.argv[2])))
time.sleep(float(sys.argv[3]))
if sys.argv[4] == "data":
    c.send(b"hello")
time.sleep(1)
c.close()
PY
defer() {	# defer PORT SECONDS data|nodata DELAY MSG
	ip netns exec "$A" timeout 60 "$PROG" defer "$1" "$2" "$3" > "$tmp/out" 2>&1 &
	local pid=$!
	busywait 20000 grep -q '^listening' "$tmp/out" || die "tcp_opts defer did not listen"
	ip netns exec "$B" /usr/bin/python3 "$tmp/client.py" "$A_IP" "$1" "$4" "$3" &
	local cpid=$!
	wait "$pid"
	local rc=$?
	indent < "$tmp/out"
	match "$rc" 0 "$5"
	wait "$cpid"
}
stats_save "$A"
defer 7701 5 data 2 "TCP_DEFER_ACCEPT 5: accept() once the data came (2 s)"
defer 7702 1 nodata 4 "TCP_DEFER_ACCEPT 1: no data, accept() after the defer time"
stats_deltas
match_re "${STATS_DELTA[tcp_defer_accept_drop]}" '^[1-9][0-9]*$' \
	"bare ACKs held back (tcp_defer_accept_drop ${STATS_DELTA[tcp_defer_accept_drop]})"
exit_test
