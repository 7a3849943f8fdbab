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
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
setup_pair
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# B: accept on 8601 and 8602, close each connection at the client's FIN
run_bg ns_b /usr/bin/python3 -c '
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

check_ok "conf set ip_local_port_range 40000-40000" \
	cnet_a conf set ip_local_port_range 40000-40000
# No tail loss probe: B acknowledges cnet's FIN with its own, when python
# closes; in a loaded VM that can come after the probe timeout (2 SRTT +
# 200 ms with one segment out), and the FIN the probe sends again can
# reach B after its socket is gone. B's RST then ends cnet's TIME-WAIT
# (as it would Linux's, tcp_rfc1337 0), which this test is not about.
check_ok "conf set tcp_recovery 0" cnet_a conf set tcp_recovery 0
stats_save "$A"
check_ok "connect to B:8601 from the one ephemeral port" \
	ns_a timeout 30 "$NC" -z "$B_IP" 8601
wait_for 20000 'test "$(entries 8601)" = 1'
match "$(entries 8601)" 1 "the connection left its entry on port 40000"
check_ok "connect to B:8602: the same port, another 4-tuple" \
	ns_a timeout 30 "$NC" -z "$B_IP" 8602
wait_for 20000 'test "$(entries 8602)" = 1'
match "$(entries 8602)" 1 "that connection is on port 40000 too"
check_re "ns_a timeout 30 $NC -z -v $B_IP 8601" \
	"connect $B_IP:8601 \\(tcp\\): Cannot assign requested address" \
	"connect to B:8601 again: its 4-tuple is in TIME-WAIT: EADDRNOTAVAIL"
stats_deltas
match "${STATS_DELTA[tcp_tw_killed]}/${STATS_DELTA[tcp_tlp_sent]}" 0/0 \
	"no TIME-WAIT entry killed, no probe sent"
exit_test
