#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# TCP between cnet (A, cnet-nc) and Linux (B, socat) over veth: 1 MiB
# each way, checked by sha256; the handshake and both FINs as tcpdump sees
# them on B (flags, sequence numbers, the SYN's options); a connect() to a
# closed port refused by Linux's RST (ECONNREFUSED).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/up"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/down"
# tcp_listening NS PORT: a Linux TCP socket of NS listens on PORT
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
refs=$(cnet_refs)

# cnet -> Linux: 1 MiB up, cnet closes first (-N), captured on B.
capture_start "$B" veth1 -S -c 200 "tcp port 7000 and tcp[tcpflags] & (tcp-syn|tcp-fin|tcp-rst) != 0"
run_bg ip netns exec "$B" socat -u TCP4-LISTEN:7000,reuseaddr "OPEN:$tmp/got-up,creat,trunc"
srv=$BG_PID
busywait 30000 tcp_listening "$B" 7000 || die "socat did not listen"
stats_save "$A"
ns_a timeout 120 "$NC" -N "$B_IP" 7000 < "$tmp/up"
match "$?" 0 "cnet-nc sent 1 MiB and closed"
wait "$srv"
match "$(sha256sum < "$tmp/got-up")" "$(sha256sum < "$tmp/up")" \
	"Linux received the 1 MiB cnet sent, byte for byte"
stats_deltas
match "${STATS_DELTA[tcp_active_open]}" 1 "tcp_active_open grew by 1"
match "${STATS_DELTA[tcp_established]}" 1 "tcp_established grew by 1"

# The capture: SYN (MSS 1460, SACK-permitted, timestamps, window scale),
# SYN-ACK, then a FIN each way.
wait_for 10000 'test "$(grep -c "Flags \[F" "$CAP")" -ge 2'
syn=$(grep -m1 "$A_IP\.[0-9]* > $B_IP\.7000: Flags \[S\]," "$CAP")
match_re "$syn" "seq [0-9]+, win [0-9]+, options \[mss 1460,sackOK,TS val [0-9]+ ecr 0,nop,wscale [0-9]+\]" \
	"tcpdump: cnet's SYN carries MSS 1460, SACK-permitted, timestamps and a window scale" ||
	indent < "$CAP"
iss=$(sed -nE 's/.*Flags \[S\], seq ([0-9]+),.*/\1/p' <<< "$syn")
synack=$(grep -m1 "$B_IP\.7000 > $A_IP\.[0-9]*: Flags \[S\.\]," "$CAP")
match_re "$synack" "ack $((iss + 1)), " "tcpdump: Linux's SYN-ACK acknowledges ISS + 1" ||
	indent < "$CAP"
# the FIN alone, or on the last data (seq FIRST:END, the FIN's at END)
fin=$(grep -m1 -E "$A_IP\.[0-9]* > $B_IP\.7000: Flags \[FP?\.\]," "$CAP")
match_re "$fin" "seq ([0-9]+:)?$((iss + 1 + 1024 * 1024))," \
	"tcpdump: cnet's FIN comes after exactly 1 MiB" || indent < "$CAP"
match "$(grep -c "Flags \[R" "$CAP")" 0 "tcpdump: no RST"

# Linux -> cnet: 1 MiB down, Linux closes first.
run_bg ip netns exec "$B" socat -u "OPEN:$tmp/down" TCP4-LISTEN:7001,reuseaddr
srv=$BG_PID
busywait 30000 tcp_listening "$B" 7001 || die "socat did not listen"
ns_a timeout 120 "$NC" "$B_IP" 7001 < /dev/null > "$tmp/got-down"
match "$?" 0 "cnet-nc received until Linux closed"
wait "$srv"
match "$(sha256sum < "$tmp/got-down")" "$(sha256sum < "$tmp/down")" \
	"cnet received the 1 MiB Linux sent, byte for byte"

# A closed port: Linux answers the SYN with a RST.
out=$(ns_a timeout 60 "$NC" "$B_IP" 7999 2>&1)
match "$?/$out" "1/cnet-nc: connect $B_IP:7999 (tcp): Connection refused" \
	"connect to a closed port: ECONNREFUSED"

# Every connection ends (cnet's TIME_WAIT holds for 60 s): the sockets go.
wait_for 90000 'test "$(cnet_refs)" = "$refs"'
match "$(cnet_refs)" "$refs" "every cnet TCP socket was freed"
exit_test
