#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# UDP sockets of AF_CUSTOM against a Linux echo server (echo.py): every
# call of the API with its errnos as Linux's AF_INET UDP gives them
# (selftests/progs/udp_api.c: bind, connect, send and receive, MSG_PEEK,
# MSG_TRUNC, timeouts, shutdown, poll and epoll, ECONNREFUSED after
# Linux's port unreachable, the error queue, options and control
# messages, SO_BROADCAST, UDP_CORK, SO_BINDTODEVICE, a full send buffer),
# then the counters that moved.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
setup_pair
# a device cnet does not have, for SO_BINDTODEVICE
ip -n "$A" link add vx0 type veth peer name vx1 || die "cannot add vx0"

out=$(mktemp)
on_exit "rm -f $out"
run_bg ip netns exec "$B" /usr/bin/python3 "$REPO/selftests/net/udp/echo.py" 7 > "$out"
busywait 30000 grep -q ready "$out" || die "the echo server did not start"

# Linux's UDP counters: InDatagrams, InCsumErrors
linux_udp() {
	ns_b awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) k[$i] = i; h = 1 }
		else print $k["InDatagrams"], $k["InCsumErrors"] }' /proc/net/snmp
}
read -r in0 csum0 < <(linux_udp)
stats_save "$A"
if ns_a "$PROG" api "$A_IP" "$B_IP" veth0 > "$out.api" 2>&1; then
	pass "udp_api: $(grep -c '^ok' "$out.api") checks"
else
	fail "udp_api:"
	grep -v '^ok' "$out.api" | indent
fi
rm -f "$out.api"
stats_deltas
for c in udp_tx udp_delivered udp_icmp_err_rx; do
	[ "${STATS_DELTA[$c]:-0}" -gt 0 ] && pass "$c grew (${STATS_DELTA[$c]})" ||
		fail "$c did not grow"
done
read -r in1 csum1 < <(linux_udp)
[ $((in1 - in0)) -gt 10 ] && pass "Linux took $((in1 - in0)) datagrams" ||
	fail "Linux took $((in1 - in0)) datagrams"
match $((csum1 - csum0)) 0 "Linux found no bad checksum in them"
exit_test
