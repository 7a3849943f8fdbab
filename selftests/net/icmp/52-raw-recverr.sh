#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# Raw sockets of any protocol and the error queue: a raw UDP socket on the
# cnet host sends to a closed port of the Linux peer; its port unreachable
# reaches the socket's error queue with IP_RECVERR (selftests/progs/icmp_err
# checks each field), sets the error of a connected socket without it,
# and nothing otherwise. A raw UDP socket also receives the UDP datagrams
# sent to the host, IPv4 header first, before the port unreachable goes.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

[ -x selftests/progs/icmp_err ] || skip "selftests/progs/icmp_err is not built"
setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

stats_save "$A"
out=$(ns_a selftests/progs/icmp_err "$A_IP" "$B_IP" 2>&1)
rc=$?
indent <<< "$out"
[ $rc -eq 0 ] && pass "icmp_err: all checks passed" ||
	fail "icmp_err: $(grep -c '^not ok' <<< "$out") checks failed"
stats_deltas
match "${STATS_DELTA[icmp_err_rx]}" 4 "four errors came in"
match "${STATS_DELTA[icmp_err_queued]}" 2 "two were queued (IP_RECVERR on)"

# a raw UDP socket sees an incoming datagram, IPv4 header first
ready=$(mktemp)
on_exit "rm -f $ready $ready.out"
ns_a python3 - "$ready" > "$ready.out" 2>&1 <<'PY' &
import socket, struct, sys
s = socket.socket(19, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.settimeout(10)
open(sys.argv[1], "w").write("open")
d = s.recv(2048)
ihl = (d[0] & 15) * 4
print("proto %d from %s dport %d data %s" % (
    d[9], socket.inet_ntoa(d[12:16]), struct.unpack("!H", d[ihl + 2:ihl + 4])[0],
    d[ihl + 8:].decode()))
PY
pid=$!
on_exit "kill $pid 2>/dev/null"
busywait 10000 test -s "$ready" || fail "the raw socket did not open"
ns_b python3 -c '
import socket, sys
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"seen raw", (sys.argv[1], 4321))
' "$A_IP"
wait $pid
match "$(< "$ready.out")" "proto 17 from $B_IP dport 4321 data seen raw" \
	"the raw UDP socket got the datagram"

# an ICMP error sent to the broadcast address is dropped (as Linux does)
stats_save "$A"
ns_b python3 - <<'PY' || fail "cannot send the broadcast error"
import socket, struct

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

q = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28, 1, 0, 64, 17, 0,
                socket.inet_aton("10.0.1.1"), socket.inet_aton("10.0.1.2"))
q = q[:10] + struct.pack("!H", csum(q)) + q[12:] + struct.pack("!HHHH", 40000, 9, 8, 0)
m = struct.pack("!BBHI", 3, 3, 0, 0) + q
m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.sendto(m, ("10.0.1.255", 0))
PY
wait_for 5000 'test "$(stat_delta icmp_drop_err_bcast)" -ge 1'
match "$(stat_delta icmp_drop_err_bcast)" 1 "an error to the broadcast address is dropped"
exit_test
