#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# SACK (RFC 2018, RFC 6675, RFC 2883) between cnet and Linux over netem
# (loss 2 %, duplication 3 %, delay 10 ms each way; GSO packets of one
# segment, so that netem drops and copies segments, not 64 KiB bursts):
# 512 KiB go up (cnet connects and sends: its SYN offers SACK-permitted,
# its sender recovers from the SACK blocks Linux sends) while 512 KiB
# come down (Linux connects to a
# cnet listener: the SYN-ACK answers SACK-permitted, cnet's ACKs carry
# SACK blocks of what waits out of order, and D-SACK blocks for the
# duplicates). Both arrive byte for byte (sha256); the capture shows
# SACK-permitted both ways and SACK blocks in cnet's ACKs; the counters
# show SACK recoveries, D-SACKs both ways and no bogus block. The same
# upload alone, then with `cnet conf set tcp_sack 0` (no SACK-permitted on
# cnet's SYN, NewReno only, the data still exact): their times are logged.
# Last, reordering without loss (netem reorder 25 % on cnet's side): the
# recoveries it provokes are needless, Linux's D-SACKs say so and cnet
# undoes them (tcp_dsack_undo).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
command -v tcpdump > /dev/null || skip "tcpdump is not installed"

kib=${TCP_SACK_KIB:-512}
limit=60

setup_pair
# one segment per packet both ways (cnet and Linux read it at connect)
ns_a ip link set dev veth0 gso_max_segs 1 || die "cannot set gso_max_segs"
ns_b ip link set dev veth1 gso_max_segs 1 || die "cannot set gso_max_segs"
ns_a tc qdisc add dev veth0 root netem delay 10ms loss 2% duplicate 3% \
	2>/dev/null || skip "no netem qdisc"
ns_b tc qdisc add dev veth1 root netem delay 10ms loss 2% duplicate 3% ||
	die "cannot set netem in B"
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((kib * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
# shellcheck disable=SC2317 # called by busywait
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
# socat_retry ARGS...: socat in B, again while cnet-nc does not listen yet
socat_retry() {
	local _
	for _ in $(seq 60); do
		ns_b timeout $limit socat "$@" 2> "$tmp/socat.err" && return 0
		grep -q "Connection refused" "$tmp/socat.err" || return 1
		sleep 0.2
	done
	return 1
}

# up PORT: cnet-nc sends the data to socat in B; its sha256 in $tmp/up.PORT
up() {
	local pid

	ip netns exec "$B" timeout $limit socat -u \
		TCP4-LISTEN:"$1",bind="$B_IP",reuseaddr - |
		sha256sum > "$tmp/up.$1" &
	pid=$!
	busywait 30000 tcp_listening "$B" "$1" || die "socat did not listen"
	ip netns exec "$A" timeout $limit "$NC" -N "$B_IP" "$1" \
		< "$tmp/data" 2> "$tmp/nc-up.$1"
	echo $? > "$tmp/rc-up.$1"
	wait $pid
}

capture_start "$B" veth1 "tcp and (tcp[13] & 2 != 0 or (src host $A_IP and len <= 200))"

# ---- SACK on: up (cnet connects) and down (Linux connects) at once ----
stats_save "$A"
t0=$(now_ms)
up 7201 &
uppid=$!
ip netns exec "$A" timeout $limit "$NC" -l -N "$A_IP" 7202 < /dev/null \
	2> "$tmp/nc-down" | sha256sum > "$tmp/down" &
downpid=$!
socat_retry -u "OPEN:$tmp/data" "TCP4:$A_IP:7202"
match "$?" 0 "SACK on: socat sent all (down)"
wait $uppid
t_both=$(( $(now_ms) - t0 ))
wait $downpid
stats_deltas

match "$(< "$tmp/rc-up.7201")" 0 "SACK on: cnet-nc sent all (up)"
match "$(< "$tmp/up.7201")" "$want" "SACK on: $kib KiB up arrived exactly"
match "$(< "$tmp/down")" "$want" "SACK on: $kib KiB down arrived exactly"
log "SACK on: $kib KiB up and down at once in $t_both ms"

# cnet's SYN (to 7201) and SYN-ACK (from 7202) offer SACK-permitted
match_re "$(grep "$A_IP\.[0-9]* > $B_IP\.7201: Flags \[S\]" "$CAP")" \
	"sackOK" "cnet's SYN offers SACK-permitted"
match_re "$(grep "$A_IP\.7202 > $B_IP\.[0-9]*: Flags \[S\.\]" "$CAP")" \
	"sackOK" "cnet's SYN-ACK answers SACK-permitted"
match_re "$(grep "$A_IP\.7202 > " "$CAP")" "sack [1-4] " \
	"cnet's ACKs carry SACK blocks"
for k in tcp_sack_recovery tcp_sack_retrans tcp_sack_tx tcp_dsack_tx \
	tcp_dsack_rx; do
	match_re "${STATS_DELTA[$k]}" "^[1-9][0-9]*$" \
		"$k moved (${STATS_DELTA[$k]})"
done
match "${STATS_DELTA[tcp_sack_bad_block]}" 0 "no bogus SACK block"
log "tcp_sack_recovery ${STATS_DELTA[tcp_sack_recovery]}" \
    "tcp_sack_retrans ${STATS_DELTA[tcp_sack_retrans]}" \
    "tcp_fast_retrans ${STATS_DELTA[tcp_fast_retrans]}" \
    "tcp_retrans ${STATS_DELTA[tcp_retrans]}" \
    "tcp_dsack_rx ${STATS_DELTA[tcp_dsack_rx]}" \
    "tcp_dsack_tx ${STATS_DELTA[tcp_dsack_tx]}" \
    "tcp_dsack_undo ${STATS_DELTA[tcp_dsack_undo]}" \
    "tcp_timeout ${STATS_DELTA[tcp_timeout]}"

# ---- the upload alone, with SACK, then without ----
stats_save "$A"
t0=$(now_ms)
up 7204
t_sack=$(( $(now_ms) - t0 ))
stats_deltas
match "$(< "$tmp/up.7204")" "$want" "SACK on: $kib KiB up alone arrived exactly"
log "SACK on: $kib KiB up alone in $t_sack ms; fast retransmits" \
    "${STATS_DELTA[tcp_fast_retrans]}, retransmissions" \
    "${STATS_DELTA[tcp_retrans]}, timeouts ${STATS_DELTA[tcp_timeout]}," \
    "D-SACKs received ${STATS_DELTA[tcp_dsack_rx]}"

check_ok "conf set tcp_sack 0" cnet_a conf set tcp_sack 0
stats_save "$A"
t0=$(now_ms)
up 7203
t_reno=$(( $(now_ms) - t0 ))
stats_deltas
match "$(< "$tmp/rc-up.7203")" 0 "SACK off: cnet-nc sent all"
match "$(< "$tmp/up.7203")" "$want" "SACK off: $kib KiB up arrived exactly"
syn=$(grep "$A_IP\.[0-9]* > $B_IP\.7203: Flags \[S\]" "$CAP")
match_re "$syn" "mss" "cnet's SYN captured"
if [[ "$syn" == *sackOK* ]]; then
	fail "SACK off: cnet's SYN still offers SACK-permitted"
else
	pass "SACK off: cnet's SYN offers no SACK-permitted"
fi
match "${STATS_DELTA[tcp_sack_recovery]} ${STATS_DELTA[tcp_sack_tx]}" "0 0" \
	"SACK off: no SACK recovery, no SACK block sent"
log "SACK off: $kib KiB up in $t_reno ms (SACK on: $t_sack ms);" \
    "fast retransmits" \
    "${STATS_DELTA[tcp_fast_retrans]}, retransmissions" \
    "${STATS_DELTA[tcp_retrans]}, timeouts ${STATS_DELTA[tcp_timeout]}"
check_ok "conf set tcp_sack 1" cnet_a conf set tcp_sack 1

# ---- reordering, no loss: needless recoveries undone on D-SACKs ----
ns_a tc qdisc change dev veth0 root netem delay 10ms reorder 25% 50%
ns_b tc qdisc change dev veth1 root netem delay 10ms
stats_save "$A"
up 7205
stats_deltas
match "$(< "$tmp/up.7205")" "$want" "reordered: $kib KiB up arrived exactly"
match_re "${STATS_DELTA[tcp_dsack_rx]}" "^[1-9][0-9]*$" \
	"reordered: Linux D-SACKed needless retransmissions (${STATS_DELTA[tcp_dsack_rx]})"
# every recovery here is needless: if reordering started one, an undo
# must follow (a run whose reordering fooled no recovery has none to undo)
if [ "${STATS_DELTA[tcp_sack_recovery]}" -gt 0 ]; then
	match_re "${STATS_DELTA[tcp_dsack_undo]}" "^[1-9][0-9]*$" \
		"reordered: recoveries undone (${STATS_DELTA[tcp_dsack_undo]} of ${STATS_DELTA[tcp_sack_recovery]})"
else
	pass "reordered: no recovery started, none to undo"
fi

exit_test
