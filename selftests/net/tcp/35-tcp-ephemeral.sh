#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 200
#
# Ephemeral ports and TIME-WAIT (RFC 6056 with Linux's
# __inet_hash_connect() rule): with one ephemeral port, a connection
# closed first by cnet leaves a TIME-WAIT entry on it, and a connect() to
# another peer port still gets that port (another 4-tuple); a connect()
# to the same peer port again is refused (EADDRNOTAVAIL: the 4-tuple is
# the entry's, and without timestamps it is never reused).
#
# Both ends run on CPU 0. B's ACK of cnet's FIN (sent from the softirq
# that took the FIN) and B's own FIN (from python's close()) otherwise may
# leave from two CPUs, through two backlogs, and reach cnet in the other
# order: the late ACK, older than the FIN, then draws an ACK from the
# TIME-WAIT entry (it fails PAWS), B (its socket gone) answers with a
# RST, and the RST ends the entry, as it would end Linux's (tcp_rfc1337
# 0). That is TIME-WAIT assassination (RFC 1337), not what this test is
# about.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
setup_pair
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# B: accept on 8601 and 8602, close each connection at the client's FIN
run_bg ns_b taskset -c 0 /usr/bin/python3 -c '
import selectors, socket, sys, time
sel = selectors.DefaultSelector()
for p in (8601, 8602):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", p))
    s.listen(8)
    sel.register(s, selectors.EVENT_READ, "listener")
end = time.monotonic() + 100
while time.monotonic() < end:
    for k, _ in sel.select(1):
        if k.data == "listener":
            c, _ = k.fileobj.accept()
            sel.register(c, selectors.EVENT_READ, "conn")
        elif not k.fileobj.recv(100):
            sel.unregister(k.fileobj)
            k.fileobj.close()'
busywait 20000 tcp_listening "$B" 8602 || die "the Linux listeners did not start"
# the entries of A's port 40000 (TIME-WAIT, or FIN-WAIT-2 before)
entries() { cnet_a sock show -t state time-wait state fin-wait-2 | grep -c " $A_IP:40000 *$B_IP:$1 *$"; }

# what went on the wire, shown if a check fails
capture_start "$B" veth1 -tt tcp
check_ok "conf set ip_local_port_range 40000-40000" \
	cnet_a conf set ip_local_port_range 40000-40000
stats_save "$A"
check_ok "connect to B:8601 from the one ephemeral port" \
	ns_a taskset -c 0 timeout 30 "$NC" -z "$B_IP" 8601
wait_for 20000 'test "$(entries 8601)" = 1'
match "$(entries 8601)" 1 "the connection left its entry on port 40000"
check_ok "connect to B:8602: the same port, another 4-tuple" \
	ns_a taskset -c 0 timeout 30 "$NC" -z "$B_IP" 8602
wait_for 20000 'test "$(entries 8602)" = 1'
match "$(entries 8602)" 1 "that connection is on port 40000 too"
check_re "ns_a taskset -c 0 timeout 30 $NC -z -v $B_IP 8601" \
	"connect $B_IP:8601 \\(tcp\\): Cannot assign requested address" \
	"connect to B:8601 again: its 4-tuple is in TIME-WAIT: EADDRNOTAVAIL"
stats_deltas
match "${STATS_DELTA[tcp_tw_killed]}" 0 "no TIME-WAIT entry was killed"
# B's FIN right behind its ACK of cnet's (when both wait in the backlog
# of cnet's close()) goes to the FIN-WAIT-2 entry that ACK made, not lost
match "${STATS_DELTA[tcp_drop_closed]}" 0 "no segment met a closed socket and was lost"
if [ "$RET" != 0 ]; then
	log "the counters that moved:"
	for k in "${!STATS_DELTA[@]}"; do
		[ "${STATS_DELTA[$k]}" = 0 ] || echo "$k ${STATS_DELTA[$k]}"
	done | sort | indent
	log "the segments B saw:"
	indent < "$CAP"
fi
exit_test
