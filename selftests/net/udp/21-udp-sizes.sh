#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# UDP datagrams of 1, 1472, 1473, 8000 and 65 507 bytes from a cnet socket
# (A) to a Linux echo server (B) and back, byte for byte, at MTU 1500 and
# then 576: what does not fit one frame leaves A in fragments (cnet's
# output, Linux reassembles) and comes back in fragments (Linux's output,
# cnet reassembles). Counts: how many datagrams cnet fragmented and
# reassembled, and no reassembly memory held at the end.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_sizes
[ -x "$PROG" ] || skip "udp_sizes is not built"
setup_pair

out=$(mktemp)
on_exit "rm -f $out"
run_bg ip netns exec "$B" /usr/bin/python3 "$(dirname "$0")/echo.py" 7000 > "$out"
busywait 30000 grep -q ready "$out" || die "the echo server did not start"
# Resolve B's address first: ARP holds a few packets, not 45 fragments.
check_ok "cnet pings B" ns_a "$CNET_PING" -c 1 -W 5 "$B_IP"

sizes="1 1472 1473 8000 65507"
for mtu in 1500 576; do
	ip -n "$A" link set veth0 mtu $mtu
	ip -n "$B" link set veth1 mtu $mtu
	stats_save "$A"
	# shellcheck disable=SC2086 # one argument per size
	check_ok "MTU $mtu: every size there and back intact" \
		ns_a "$PROG" "$B_IP" 7000 $sizes
	stats_deltas
	# at 1500: 1473, 8000 and 65507 need fragments; at 576 1472 too
	want=$([ $mtu = 1500 ] && echo 3 || echo 4)
	match "${STATS_DELTA[ip_frag_ok]}" "$want" "MTU $mtu: cnet fragmented $want datagrams"
	match "${STATS_DELTA[ip_reasm_reassembled]}" "$want" \
		"MTU $mtu: cnet reassembled $want echoes"
	match "${STATS_DELTA[udp_drop_rcvbuf]:-0}" 0 "MTU $mtu: none dropped for lack of room"
done

check "cnet_a conf show | awk '/^ipfrag_(mem|queues)/ { printf \"%s \", \$0 }'" \
	"ipfrag_mem 0 ipfrag_queues 0 " "no reassembly memory held at the end"
exit_test
