#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Many bound UDP sockets, on ports of two addresses: all bind, and a
# datagram to the last one is delivered to it. The lookup is hash tables
# all the way (sock_table.c), so this is about memory and the table
# growing, not about search time. 20 000 sockets in make check (the
# table has grown several times by then), 100 000 with SOAK=1 (make soak)
# or UDP_MANY.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
setup_pair
A2_IP=10.0.1.3
cnet_a addr add "$A2_IP/24" dev veth0 nodad || die "cannot add $A2_IP"

if [ "${SOAK:-0}" = 1 ]; then
	N=${UDP_MANY:-100000}
else
	N=${UDP_MANY:-20000}
fi
last_port=$((10000 + (N - 1) / 2))
out=$(mktemp)
on_exit "rm -f $out"
run_bg ip netns exec "$A" "$PROG" many $N "$A_IP" "$A2_IP" 10000 > "$out"
busywait 240000 grep -q bound "$out" || die "binding $N sockets failed: $(< "$out")"
log "$(head -n1 "$out")"
pass "$N sockets bound"
ns_b python3 -c '
import socket, sys
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"to the last",
                                                       (sys.argv[1], int(sys.argv[2])))
' "$A2_IP" "$last_port"
wait "$BG_PID"
match "$(tail -n1 "$out")" "last got: to the last" \
	"the datagram to $A2_IP:$last_port reached the last socket"
exit_test
