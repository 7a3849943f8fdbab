#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 200
#
# cnet sock show's Recv-Q and Send-Q of TCP sockets are what ss shows:
# a listener's accept queue and backlog; a connection's bytes received
# and not read (1000 sent by a Linux client to a cnet listener that
# accepts nothing) and bytes written and not acknowledged (3000 sent by
# cnet-nc while netem drops every segment of the Linux peer, 0 once its
# ACKs pass again) -- not the memory charged to the buffers.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
PROG=$REPO/selftests/progs/tcp_listen
[ -x "$NC" ] || skip "cnet-nc is not built"
[ -x "$PROG" ] || skip "tcp_listen is not built"
setup_pair
ns_b tc qdisc add dev veth1 root netem delay 1ms 2>/dev/null || skip "no netem qdisc"
ns_b tc qdisc del dev veth1 root

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
# queues STATE LOCAL PEER: "Recv-Q Send-Q" of the cnet socket of A (PEER
# may be a pattern)
queues() {
	cnet_a sock show -t state all |
		awk -v s="$1" -v l="^$2$" -v p="$3" '$1 == s && $4 ~ l && $5 ~ p { print $2, $3 }'
}

# Linux -> cnet: 1000 bytes nobody reads, the connection not accepted
run_bg ip netns exec "$A" "$PROG" hold 0.0.0.0 8500 4 30000 > "$tmp/hold"
busywait 30000 grep -q listening "$tmp/hold" || die "tcp_listen hold did not start"
run_bg ns_b /usr/bin/python3 -c '
import socket, sys, time
s = socket.create_connection((sys.argv[1], 8500))
s.sendall(b"x" * 1000)
time.sleep(20)' "$A_IP"
wait_for 20000 'test "$(queues ESTAB "$A_IP:8500" "^$B_IP:")" = "1000 0"'
match "$(queues ESTAB "$A_IP:8500" "^$B_IP:")" "1000 0" \
	"a connection's Recv-Q: the 1000 bytes received and not read"
match "$(queues LISTEN "0.0.0.0:8500" .)" "1 4" \
	"a listener's Recv-Q and Send-Q: one connection to accept, backlog 4"

# cnet -> Linux: 3000 bytes the peer does not acknowledge
run_bg ns_b /usr/bin/python3 -c '
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8501))
s.listen(1)
c, _ = s.accept()
time.sleep(30)'
busywait 20000 tcp_listening "$B" 8501 || die "the Linux listener did not start"
mkfifo "$tmp/in"
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout 60 "$0" "$1" 8501 < "$2"' \
	"$NC" "$B_IP" "$tmp/in"
exec 3> "$tmp/in"
wait_for 20000 'test "$(queues ESTAB "$A_IP:[0-9]*" "^$B_IP:8501")" = "0 0"' ||
	die "cnet-nc did not connect"
ns_b tc qdisc add dev veth1 root netem loss 100%
head -c 3000 /dev/zero >&3
wait_for 20000 'test "$(queues ESTAB "$A_IP:[0-9]*" "^$B_IP:8501")" = "0 3000"'
match "$(queues ESTAB "$A_IP:[0-9]*" "^$B_IP:8501")" "0 3000" \
	"a connection's Send-Q: the 3000 bytes not acknowledged"
ns_b tc qdisc del dev veth1 root
wait_for 30000 'test "$(queues ESTAB "$A_IP:[0-9]*" "^$B_IP:8501")" = "0 0"'
match "$(queues ESTAB "$A_IP:[0-9]*" "^$B_IP:8501")" "0 0" \
	"Send-Q 0 once the peer's ACKs pass again"
exec 3>&-
exit_test
