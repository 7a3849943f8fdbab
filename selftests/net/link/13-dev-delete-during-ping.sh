#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The device goes away under traffic: Linux pings cnet and cnet-ping pings
# Linux, and the veth pair is deleted midway. Both pings stop at Ctrl-C
# (nothing hangs), cnet no longer lists the device or its address, and a
# new device attached afterwards works. (That the module still unloads is
# checked by the runner's final rmmod, leaks by its kmemleak scan.)
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

stats_save "$A"
run_bg ip netns exec "$B" ping -c 300 -i 0.2 -W 1 "$A_IP" > "$tmp/linux-ping" 2>&1
linux_pid=$BG_PID
run_bg ip netns exec "$A" "$CNET_PING" -c 300 -i 0.2 -W 1 "$B_IP" > "$tmp/cnet-ping" 2>&1
cnet_pid=$BG_PID

# Both pings are under way once cnet has answered 3 requests from Linux
# and seen 3 replies to cnet-ping (their output is buffered: it shows only
# at their end).
# shellcheck disable=SC2317 # called through busywait
both_going() {
	stats_deltas
	[ "${STATS_DELTA[icmp_echo_reply_tx]:-0}" -ge 3 ] &&
		[ "${STATS_DELTA[icmp_echo_reply_rx]:-0}" -ge 3 ]
}
busywait 30000 both_going ||
	fail "no traffic both ways before the delete: $(declare -p STATS_DELTA)"

# shellcheck disable=SC2317 # called through busywait
gone() { ! kill -0 "$1" 2>/dev/null; }
gone $linux_pid && fail "Linux ping ended before the delete"
gone $cnet_pid && fail "cnet-ping ended before the delete"

check_ok "delete the veth pair under traffic" ip -n "$A" link del veth0
# Let both pings run into the missing device a few times, then stop them
# as a user would, with Ctrl-C: both must end at once (a process stuck in
# the kernel would not).
sleep 2
kill -INT $linux_pid $cnet_pid
busywait 10000 gone $linux_pid || fail "Linux ping does not end (hung?)"
busywait 10000 gone $cnet_pid || fail "cnet-ping does not end (hung?)"
wait $cnet_pid
rc=$?
log "Linux ping:"; tail -n 3 "$tmp/linux-ping" | indent
log "cnet-ping (exit status $rc):"; tail -n 3 "$tmp/cnet-ping" | indent
# cnet-ping: 0 when replies came (they did), 1 when none did, 2 on error.
case $rc in
0|1) pass "cnet-ping ended normally (status $rc)" ;;
*) fail "cnet-ping ended with status $rc" ;;
esac

check 'cnet_a link show' "1: lo mtu 65536" "cnet link show no longer lists veth0, lo only"
check 'cnet_a addr show' "lo 127.0.0.1/8" "cnet addr show no longer lists 10.0.1.1, lo's only"
check 'cnet_a neigh show' "" "no ARP entry left for the deleted device"
check_ok "cnet stats still answer" cnet_a stats

# The stack is usable again with a new device of the same name.
ip link add veth0 netns "$A" type veth peer name veth1 netns "$B" ||
	die "cannot create the second veth pair"
cnet_ns "$A" veth0 "$A_IP/24" || fail "cannot attach the new veth0"
linux_ns "$B" veth1 "$B_IP/24"
busywait 5000 carrier_up "$B" veth1
check_ok "Linux pings cnet on the new device" ns_b ping -c 2 -i 0.2 -W 2 "$A_IP"
check_ok "cnet pings Linux on the new device" ns_a "$CNET_PING" -c 2 -i 0.2 "$B_IP"
exit_test
