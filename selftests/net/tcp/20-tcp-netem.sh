#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
#
# TCP between cnet (A) and Linux (B) on a bad link: netem on both ends of
# the veth pair loses 1 % and 5 % of the packets, then reorders 25 %.
# Each way, 512 KiB must arrive byte for byte (sha256): retransmission by
# timeout and by three duplicate ACKs (NewReno), the out-of-order queue.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
ns_a tc qdisc add dev veth0 root netem delay 1ms 2>/dev/null ||
	skip "no netem qdisc"
ns_a tc qdisc del dev veth0 root

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((512 * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
port=7100

# netem_set ARGS...: the same netem on both ends
netem_set() {
	ns_a tc qdisc replace dev veth0 root netem "$@" &&
		ns_b tc qdisc replace dev veth1 root netem "$@"
}

# transfer NAME: 512 KiB up (cnet -> Linux), then down (Linux -> cnet)
transfer() {
	local name=$1 t0

	port=$((port + 1))
	run_bg ip netns exec "$B" socat -u TCP4-LISTEN:$port,reuseaddr "OPEN:$tmp/up,creat,trunc"
	busywait 30000 tcp_listening "$B" $port || die "socat did not listen"
	t0=$(now_ms)
	ns_a timeout 200 "$NC" -N "$B_IP" $port < "$tmp/data"
	match "$?" 0 "$name: cnet-nc sent 512 KiB"
	wait "$BG_PID"
	match "$(sha256sum < "$tmp/up")" "$want" "$name: Linux got it byte for byte"
	log "$name: up in $(( $(now_ms) - t0 )) ms"

	port=$((port + 1))
	run_bg ip netns exec "$B" socat -u "OPEN:$tmp/data" TCP4-LISTEN:$port,reuseaddr
	busywait 30000 tcp_listening "$B" $port || die "socat did not listen"
	t0=$(now_ms)
	ns_a timeout 200 "$NC" "$B_IP" $port < /dev/null > "$tmp/down"
	match "$?" 0 "$name: cnet-nc received until Linux closed"
	wait "$BG_PID"
	match "$(sha256sum < "$tmp/down")" "$want" "$name: cnet got it byte for byte"
	log "$name: down in $(( $(now_ms) - t0 )) ms"
}

stats_save "$A"
netem_set loss 1% || die "cannot set netem"
transfer "loss 1%"
netem_set loss 5%
transfer "loss 5%"
stats_deltas
match_re "${STATS_DELTA[tcp_retrans]}" "^[1-9][0-9]*$" "cnet retransmitted (tcp_retrans grew)"
stats_save "$A"
netem_set delay 5ms reorder 25% 50%
transfer "reorder 25%"
stats_deltas
match_re "${STATS_DELTA[tcp_ofo_queued]}" "^[1-9][0-9]*$" \
	"cnet kept segments out of order (tcp_ofo_queued grew)"
exit_test
