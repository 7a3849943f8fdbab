#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 150
#
# RACK-TLP (RFC 8985), cnet's loss detection when SACK is on (the
# namespace's tcp_recovery 1, the default), against Linux; one segment
# per packet, so that netem reorders and drops segments:
# (a) reordering without loss: netem on cnet's side delays each segment
#     20 ms +- 1 ms, so that segments overtake each other by up to 2 ms,
#     well inside RACK's reordering window (min_rtt / 4). 256 KiB go up
#     exactly; RACK sees the reordering (tcp_rack_reo_seen) and the
#     retransmissions stay a handful (the one or two needless ones that
#     the RFC 6675 DupThresh fallback sends before reordering is seen),
#     where tcp_recovery 0 retransmits on every reordering three deep.
# (b) a tail loss: netem on cnet's side holds at most 8 packets (50 ms
#     delay), so a flight of 9 segments loses its last one. A tail loss
#     probe repairs it: tcp_tlp_sent moves, the retransmission timer
#     never expires (tcp_rto), the data arrives exactly, and the ACK of
#     the data sent next says the probe repaired a loss
#     (tcp_tlp_recovered).
# (c) tcp_recovery 0: the same two transfers with RFC 6675 alone (no
#     RACK counter moves, no probe: the tail waits for the RTO), the
#     data still exact. The retransmissions of (a) and (c) are logged.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"

kib=${TCP_RACK_KIB:-256}
limit=60
burst=12000	# 9 segments of 1448 bytes or fewer: the last one is lost
more=1000

setup_pair
ns_a ip link set dev veth0 gso_max_segs 1 || die "cannot set gso_max_segs"
ns_a tc qdisc add dev veth0 root netem delay 20ms 1ms 2>/dev/null ||
	skip "no netem qdisc"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((kib * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
# shellcheck disable=SC2317 # called by busywait
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# sink PORT: socat in B takes one connection's data; its sha256 goes to
# $tmp/got.PORT. Returns once it listens; $sink_pid is it.
sink() {
	ip netns exec "$B" timeout $limit socat -u \
		TCP4-LISTEN:"$1",bind="$B_IP",reuseaddr - |
		sha256sum > "$tmp/got.$1" &
	sink_pid=$!
	busywait 30000 tcp_listening "$B" "$1" || die "socat did not listen"
}

# up PORT: cnet-nc sends the data to B
up() {
	sink "$1"
	ip netns exec "$A" timeout $limit "$NC" -N "$B_IP" "$1" \
		< "$tmp/data" 2> "$tmp/nc.$1"
	echo $? > "$tmp/rc.$1"
	wait "$sink_pid"
}

# tail PORT: tcp_tail.py sends a burst whose last segment the queue drops
tail_loss() {
	sink "$1"
	ip netns exec "$A" timeout $limit /usr/bin/python3 \
		"$(dirname "$0")/tcp_tail.py" "$A" "$B_IP" "$1" $burst $more \
		> "$tmp/sent.$1" 2> "$tmp/py.$1"
	echo $? > "$tmp/rc.$1"
	wait "$sink_pid"
}

# ---- (a) reordering, RACK on ----
match "$(cnet_a conf show | awk '$1 == "tcp_recovery" { print $2 }')" 1 \
	"tcp_recovery is 1 by default"
stats_save "$A"
up 7301
stats_deltas
match "$(< "$tmp/rc.7301")" 0 "RACK, reordered: cnet-nc sent all"
match "$(< "$tmp/got.7301")" "$want" "RACK, reordered: $kib KiB arrived exactly"
match_re "${STATS_DELTA[tcp_rack_reo_seen]}" "^[1-9][0-9]*$" \
	"RACK saw the reordering (tcp_rack_reo_seen ${STATS_DELTA[tcp_rack_reo_seen]})"
rack_retrans=${STATS_DELTA[tcp_retrans]}
if [ "$rack_retrans" -le 8 ]; then
	pass "RACK, reordered: no retransmission storm ($rack_retrans)"
else
	fail "RACK, reordered: $rack_retrans retransmissions (at most 8)"
fi
match "${STATS_DELTA[tcp_rto]}" 0 "RACK, reordered: no timeout"
log "RACK, reordered: retransmissions $rack_retrans," \
    "recoveries ${STATS_DELTA[tcp_sack_recovery]}," \
    "marked lost ${STATS_DELTA[tcp_rack_lost]}," \
    "reorder timeouts ${STATS_DELTA[tcp_rack_reo_timeout]}," \
    "D-SACKs ${STATS_DELTA[tcp_dsack_rx]}, undone ${STATS_DELTA[tcp_dsack_undo]}," \
    "probes ${STATS_DELTA[tcp_tlp_sent]}"

# ---- (b) a tail loss, RACK on ----
ns_a tc qdisc change dev veth0 root netem delay 50ms limit 8 ||
	die "cannot change netem"
stats_save "$A"
tail_loss 7302
stats_deltas
match "$(< "$tmp/rc.7302")" 0 "TLP: the client sent all"
match "$(< "$tmp/got.7302")" "$(< "$tmp/sent.7302")  -" \
	"TLP: the burst and what followed arrived exactly"
match_re "${STATS_DELTA[tcp_tlp_sent]}" "^[1-9][0-9]*$" \
	"TLP: a probe went (tcp_tlp_sent ${STATS_DELTA[tcp_tlp_sent]})"
match "${STATS_DELTA[tcp_rto]}" 0 "TLP: the retransmission timer never expired"
match_re "${STATS_DELTA[tcp_tlp_recovered]}" "^[1-9][0-9]*$" \
	"TLP: the probe repaired the loss (tcp_tlp_recovered ${STATS_DELTA[tcp_tlp_recovered]})"
log "TLP: retransmissions ${STATS_DELTA[tcp_retrans]}," \
    "probes ${STATS_DELTA[tcp_tlp_sent]}, timeouts ${STATS_DELTA[tcp_rto]}," \
    "recoveries ${STATS_DELTA[tcp_sack_recovery]}," \
    "marked lost ${STATS_DELTA[tcp_rack_lost]}," \
    "D-SACKs ${STATS_DELTA[tcp_dsack_rx]}"

# ---- (c) tcp_recovery 0: RFC 6675 alone ----
check_ok "conf set tcp_recovery 0" cnet_a conf set tcp_recovery 0
stats_save "$A"
tail_loss 7303
stats_deltas
match "$(< "$tmp/got.7303")" "$(< "$tmp/sent.7303")  -" \
	"tcp_recovery 0, tail loss: arrived exactly"
match "${STATS_DELTA[tcp_tlp_sent]}" 0 "tcp_recovery 0: no probe"
match_re "${STATS_DELTA[tcp_rto]}" "^[1-9][0-9]*$" \
	"tcp_recovery 0: the timeout repaired the tail (tcp_rto ${STATS_DELTA[tcp_rto]})"

ns_a tc qdisc change dev veth0 root netem delay 20ms 1ms ||
	die "cannot change netem"
stats_save "$A"
up 7304
stats_deltas
match "$(< "$tmp/rc.7304")" 0 "tcp_recovery 0, reordered: cnet-nc sent all"
match "$(< "$tmp/got.7304")" "$want" \
	"tcp_recovery 0, reordered: $kib KiB arrived exactly"
match "${STATS_DELTA[tcp_rack_lost]} ${STATS_DELTA[tcp_rack_reo_seen]} ${STATS_DELTA[tcp_tlp_sent]}" \
	"0 0 0" "tcp_recovery 0: no RACK counter moved"
log "reordered: $rack_retrans retransmissions with RACK," \
    "${STATS_DELTA[tcp_retrans]} with tcp_recovery 0" \
    "(recoveries ${STATS_DELTA[tcp_sack_recovery]}," \
    "undone ${STATS_DELTA[tcp_dsack_undo]})"
check_ok "conf set tcp_recovery 1" cnet_a conf set tcp_recovery 1

exit_test
