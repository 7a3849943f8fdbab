#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# A full receive buffer: a cnet socket with an 8 KiB receive buffer that
# reads nothing while Linux sends it 200 datagrams keeps what fits, and
# each of the others is dropped and counted (udp_drop_rcvbuf); no ICMP
# error is sent for them.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
setup_pair

out=$(mktemp) go=$(mktemp -u)
on_exit "rm -f $out $go"
stats_save "$A"
# it reads nothing until the file $go exists
run_bg ip netns exec "$A" "$PROG" rcvbuf 0.0.0.0 5001 "$go" > "$out"
busywait 30000 grep -q listening "$out" || die "the cnet receiver did not start"
ns_b python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(200):
    s.sendto(b"d" * 1000, (sys.argv[1], 5001))
' "$A_IP"
wait_for 60000 '[ "$(stat_delta udp_rx)" -ge 200 ]'
touch "$go"
wait "$BG_PID"
q=$(sed -nE 's/^queued ([0-9]+)$/\1/p' "$out")
log "$(head -n1 "$out"), queued ${q:-?} of 200"
stats_deltas
match "${STATS_DELTA[udp_rx]}" 200 "all 200 reached UDP"
[ -n "$q" ] && [ "$q" -gt 0 ] && [ "$q" -lt 100 ] &&
	pass "the socket kept what fit ($q)" || fail "queued: ${q:-nothing}"
match "${STATS_DELTA[udp_delivered]}" "$q" "udp_delivered counts the kept ones"
match "${STATS_DELTA[udp_drop_rcvbuf]}" $((200 - q)) "udp_drop_rcvbuf counts the others"
match "${STATS_DELTA[icmp_dest_unreach_tx]:-0}" 0 "no port unreachable for them"
exit_test
