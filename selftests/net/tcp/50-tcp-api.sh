#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# The socket calls of a cnet TCP client against a Linux echo server
# (socat on B), as selftests/progs/tcp_api checks them: a refused
# non-blocking connect (EINPROGRESS, poll, SO_ERROR), recv()
# with MSG_DONTWAIT, MSG_PEEK and MSG_WAITALL, FIONREAD, poll() events
# through a half-close, getsockname()/getpeername(); close() with
# SO_LINGER 0 sends a RST (tcpdump on B sees it).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_api
[ -x "$PROG" ] || skip "tcp_api is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tcp_mem_track -t 2000 "$A"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

run_bg ip netns exec "$B" socat TCP4-LISTEN:7400,reuseaddr,fork PIPE
busywait 30000 tcp_listening "$B" 7400 || die "socat did not listen"
capture_start "$B" veth1 -c 20 "tcp port 7400 and tcp[tcpflags] & tcp-rst != 0"
stats_save "$A"
out=$(ns_a timeout 120 "$PROG" "$B_IP" 7400 7499)
rc=$?
echo "$out" | indent
match "$rc" 0 "tcp_api: every check passed" || echo "$out" | grep "^not ok" | indent
busywait 10000 grep -q "Flags \[R" "$CAP"
match_re "$(grep -m1 "Flags \[R" "$CAP")" "$A_IP\.[0-9]+ > $B_IP\.7400: Flags \[R\.\]" \
	"tcpdump: close with SO_LINGER 0 sent a RST" || indent < "$CAP"
stats_deltas
match "${STATS_DELTA[tcp_rst_tx]}" 1 "tcp_rst_tx grew by 1"
exit_test
