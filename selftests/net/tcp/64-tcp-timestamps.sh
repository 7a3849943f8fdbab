#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 90
#
# TCP timestamps (RFC 7323) between cnet (A) and Linux (B, socat) over
# veth. Both handshakes negotiate them (tcpdump on B: cnet's SYN offers
# them, its SYN-ACK echoes Linux's SYN) and a transfer each way carries
# them on every segment cnet sends; with `cnet conf set tcp_timestamps 0`
# cnet neither offers nor answers them and the transfers still complete.
# tcp_paws.py: on a live connection, TCP_INFO shows them and the 1448-byte
# send MSS, and a segment forged with an old TSval is dropped by PAWS
# (tcp_paws_drop), answered with a duplicate ACK, and never read.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
PAWS=$REPO/selftests/net/tcp/tcp_paws.py
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((64 * 1024)) /dev/urandom > "$tmp/data"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# up PORT: cnet-nc sends the data to socat on B:PORT
up() {
	run_bg ip netns exec "$B" socat -u "TCP4-LISTEN:$1,reuseaddr" \
		"OPEN:$tmp/got,creat,trunc"
	busywait 10000 tcp_listening "$B" "$1" || die "socat did not listen"
	ns_a timeout 30 "$NC" -N "$B_IP" "$1" < "$tmp/data"
	match "$?" 0 "cnet-nc sent 64 KiB to Linux on port $1"
	wait "$BG_PID"
	match "$(sha256sum < "$tmp/got")" "$(sha256sum < "$tmp/data")" \
		"Linux received them byte for byte (port $1)"
}

# to_cnet PORT: socat on B sends the data to a cnet listener on PORT,
# once it listens (connections refused until then)
to_cnet() {
	local _
	for _ in $(seq 60); do
		ns_b timeout 30 socat -u "OPEN:$tmp/data" "TCP4:$A_IP:$1" \
			2> "$tmp/socat.err" && return 0
		grep -q "Connection refused" "$tmp/socat.err" || return 1
		sleep 0.2
	done
	return 1
}

# ---- timestamps on (the default) -------------------------------------------
capture_start "$B" veth1 -S -c 2000 "tcp port 7400 or tcp port 7401"
up 7400
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout 30 "$0" -l 7401 > "$1"' \
	"$NC" "$tmp/got-down"
srv=$BG_PID
to_cnet 7401
match "$?" 0 "socat sent 64 KiB to cnet-nc -l"
wait "$srv"
match "$(sha256sum < "$tmp/got-down")" "$(sha256sum < "$tmp/data")" \
	"cnet received them byte for byte"

wait_for 5000 'test "$(grep -c "Flags \[F" "$CAP")" -ge 4'
syn=$(grep -m1 "$A_IP\.[0-9]* > $B_IP\.7400: Flags \[S\]," "$CAP")
match_re "$syn" "options \[mss 1460,sackOK,TS val [0-9]+ ecr 0,nop,wscale [0-9]+\]" \
	"cnet's SYN offers timestamps (TSecr 0), laid out as Linux's" ||
	indent < "$CAP"
synack=$(grep -m1 "$B_IP\.7400 > $A_IP\.[0-9]*: Flags \[S\.\]," "$CAP")
match_re "$synack" "TS val [0-9]+ ecr [1-9][0-9]*," \
	"Linux's SYN-ACK answers them"
# (the last SYN: socat tried until cnet-nc listened)
lsyn=$(grep "$B_IP\.[0-9]* > $A_IP\.7401: Flags \[S\]," "$CAP" | tail -1)
lts=$(sed -nE 's/.*TS val ([0-9]+) .*/\1/p' <<< "$lsyn")
csynack=$(grep -m1 "$A_IP\.7401 > $B_IP\.[0-9]*: Flags \[S\.\]," "$CAP")
match_re "$csynack" "TS val [0-9]+ ecr $lts," \
	"cnet's SYN-ACK answers Linux's SYN, echoing its TSval"
# (but the RSTs refusing socat's first tries, stateless as Linux's)
fromA=$(grep "^[0-9:.]* IP $A_IP\.[0-9]* > $B_IP\.[0-9]*:" "$CAP" |
	grep -v "Flags \[R")
match "$(grep -vc "TS val" <<< "$fromA")" 0 \
	"every one of the $(grep -c . <<< "$fromA") segments cnet sent carries a timestamp" ||
	grep -v "TS val" <<< "$fromA" | indent
match_re "$(grep -m1 -E "$A_IP\.[0-9]* > $B_IP\.7400: Flags \[P?\.\], seq [0-9]+:" "$CAP")" \
	"TS val [0-9]+ ecr [1-9][0-9]*\], length" "cnet's data carries TSval and an echo"
bg_stop

# ---- timestamps off ---------------------------------------------------------
check_ok "conf set tcp_timestamps 0" cnet_a conf set tcp_timestamps 0
capture_start "$B" veth1 -S -c 2000 "tcp port 7402 or tcp port 7403"
up 7402
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout 30 "$0" -l 7403 > "$1"' \
	"$NC" "$tmp/got-down"
srv=$BG_PID
to_cnet 7403
match "$?" 0 "socat sent 64 KiB to cnet-nc -l (no timestamps)"
wait "$srv"
match "$(sha256sum < "$tmp/got-down")" "$(sha256sum < "$tmp/data")" \
	"cnet received them byte for byte (no timestamps)"
wait_for 5000 'test "$(grep -c "Flags \[F" "$CAP")" -ge 4'
syn=$(grep -m1 "$A_IP\.[0-9]* > $B_IP\.7402: Flags \[S\]," "$CAP")
match_re "$syn" "options \[mss 1460,nop,nop,sackOK,nop,wscale [0-9]+\]" \
	"tcp_timestamps 0: cnet's SYN offers none" || indent < "$CAP"
csynack=$(grep -m1 "$A_IP\.7403 > $B_IP\.[0-9]*: Flags \[S\.\]," "$CAP")
match_re "$csynack" "options \[mss 1460,nop,nop,sackOK,nop,wscale [0-9]+\]" \
	"tcp_timestamps 0: cnet's SYN-ACK answers none"
match "$(grep "^[0-9:.]* IP $A_IP\.[0-9]* > $B_IP\.[0-9]*:" "$CAP" | grep -c "TS val")" 0 \
	"tcp_timestamps 0: no segment of cnet's carries one"
match "$(grep "^[0-9:.]* IP $B_IP\.[0-9]* > $A_IP\.[0-9]*: Flags \[[^S]" "$CAP" | grep -c "TS val")" 0 \
	"tcp_timestamps 0: nor does Linux after the SYN"
bg_stop
check_ok "conf set tcp_timestamps 1" cnet_a conf set tcp_timestamps 1

# ---- PAWS -------------------------------------------------------------------
stats_save "$A"
out=$(timeout 60 /usr/bin/python3 "$PAWS" "$A" "$B" veth1 "$A_IP" "$A_MAC" \
	"$B_IP" "$B_MAC" 7404 2>&1)
rc=$?
indent <<< "$out"
match "$rc" 0 "tcp_paws.py: every check passed"
match "$(grep -c '^ok' <<< "$out")" 11 "tcp_paws.py: 11 checks ran"
stats_deltas
match "${STATS_DELTA[tcp_paws_drop]}" 1 "tcp_paws_drop grew by 1"
exit_test
