#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# UDP input and ICMP errors, against a Linux peer (B) of the cnet host (A):
# a datagram to a closed port of A comes back as a port unreachable (type 3
# code 3) from A's address, quoting the datagram's IP and UDP headers; the
# Linux socket that sent it, connected, sees ECONNREFUSED. A datagram to
# A's subnet broadcast gets no error; one with a bad checksum, or a UDP
# length beyond the packet, is dropped and counted, with no error. An IP
# packet of a protocol cnet does not know gets a protocol unreachable (type
# 3 code 2), unless a raw socket of that protocol on A takes it.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

# B: send a datagram (connected UDP socket, port 33434 of A), catch the
# ICMP error with a raw socket, print what it says.
stats_save "$A"
out=$(ns_b python3 - "$A_IP" <<'PY' 2>&1
import socket, struct, sys
a = sys.argv[1]
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
icmp.settimeout(5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.connect((a, 33434))
sport = u.getsockname()[1]
u.send(b"cnet-udp-probe")
while True:
    d = icmp.recv(2048)
    ihl = (d[0] & 15) * 4
    src = socket.inet_ntoa(d[12:16])
    t, c = d[ihl], d[ihl + 1]
    q = d[ihl + 8:]
    qihl = (q[0] & 15) * 4
    if t == 3:
        break
qs, qd = struct.unpack("!HH", q[qihl:qihl + 4])
print("from %s type %d code %d" % (src, t, c))
print("quoted proto %d dst %s" % (q[9], socket.inet_ntoa(q[16:20])))
print("quoted ports %s" % ("ok" if (qs, qd) == (sport, 33434) else (qs, qd)))
print("quoted data %s" % q[qihl + 8:].decode(errors="replace"))
print("icmp len %d" % (len(d) - ihl))
u.settimeout(2)
try:
    u.recv(100)
    print("socket: no error")
except ConnectionRefusedError:
    print("socket: ECONNREFUSED")
except Exception as e:
    print("socket: %r" % e)
PY
)
match_re "$out" "^from $A_IP type 3 code 3$" "port unreachable from A" ||
	indent <<< "$out"
match_re "$out" "^quoted proto 17 dst $A_IP$" "it quotes the IP header"
match_re "$out" "^quoted ports ok$" "it quotes the UDP header"
match_re "$out" "^quoted data cnet-udp-probe$" "and the whole (short) datagram"
match_re "$out" "^icmp len 50$" "8 + 20 + 8 + 14 bytes of ICMP"
match_re "$out" "^socket: ECONNREFUSED$" "Linux's connected socket sees ECONNREFUSED"
stats_deltas
match "${STATS_DELTA[udp_rx]}" 1 "udp_rx grew by 1"
match "${STATS_DELTA[udp_drop_no_port]}" 1 "udp_drop_no_port grew by 1"
match "${STATS_DELTA[icmp_dest_unreach_tx]}" 1 "icmp_dest_unreach_tx grew by 1"

# Broadcast, bad checksum, bad length: no error comes back.
stats_save "$A"
out=$(ns_b python3 - "$A_IP" "$A_MAC" "$B_MAC" <<'PY' 2>&1
import socket, struct, sys, time
from frames import mac, csum, ipv4, sender
a, amac, bmac = sys.argv[1:4]
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
icmp.settimeout(1.5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
u.sendto(b"to all", ("10.0.1.255", 33434))

def ip(payload, proto=17):
    return ipv4("10.0.1.2", a, proto, payload)

def udp(data, ulen=None, check=None):
    ulen = 8 + len(data) if ulen is None else ulen
    h = struct.pack("!HHHH", 40000, 33434, ulen, 0)
    if check is None:
        ph = struct.pack("!4s4sBBH", socket.inet_aton("10.0.1.2"),
                         socket.inet_aton(a), 0, 17, 8 + len(data))
        check = csum(ph + h + data) or 0xFFFF
    return h[:6] + struct.pack("!H", check) + data

dst, src = mac(amac), mac(bmac)
p = sender("veth1")
good = udp(b"checksummed")
bad = good[:6] + struct.pack("!H", struct.unpack("!H", good[6:8])[0] ^ 0x0101) + good[8:]
for f in (ip(bad), ip(udp(b"long", ulen=100)), ip(udp(b"x")[:6])):
    p.send(dst + src + b"\x08\x00" + f)
try:
    d = icmp.recv(2048)
    print("got ICMP type %d" % d[(d[0] & 15) * 4])
except socket.timeout:
    print("no ICMP")
# a valid, checksummed one is answered
p.send(dst + src + b"\x08\x00" + ip(good))
icmp.settimeout(5)
d = icmp.recv(2048)
print("checksummed: type %d code %d" % (d[(d[0] & 15) * 4], d[(d[0] & 15) * 4 + 1]))
PY
)
match_re "$out" "^no ICMP$" "no error about broadcast or malformed datagrams" ||
	indent <<< "$out"
match_re "$out" "^checksummed: type 3 code 3$" "a datagram with a good checksum is answered"
stats_deltas
match "${STATS_DELTA[icmp_nosend_dst_bcast]}" 1 "icmp_nosend_dst_bcast grew by 1"
match "${STATS_DELTA[udp_drop_csum]}" 1 "udp_drop_csum grew by 1"
match "${STATS_DELTA[udp_drop_len]}" 1 "udp_drop_len grew by 1"
match "${STATS_DELTA[udp_drop_short]}" 1 "udp_drop_short grew by 1"
match "${STATS_DELTA[icmp_dest_unreach_tx]}" 1 "icmp_dest_unreach_tx grew by 1 (the good one)"

# An unknown protocol: protocol unreachable, quoting it.
proto_probe() {
	ns_b python3 - "$A_IP" <<'PY' 2>&1
import socket, sys
a = sys.argv[1]
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
icmp.settimeout(2)
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
r.sendto(b"experimental", (a, 0))
try:
    while True:
        d = icmp.recv(2048)
        ihl = (d[0] & 15) * 4
        if d[ihl] == 3:
            break
    q = d[ihl + 8:]
    print("type %d code %d quoted proto %d" % (d[ihl], d[ihl + 1], q[9]))
except socket.timeout:
    print("no ICMP")
PY
}
stats_save "$A"
out=$(proto_probe)
match "$out" "type 3 code 2 quoted proto 253" "protocol unreachable for protocol 253"
match "$(stat_delta ip_drop_proto)" 1 "ip_drop_proto grew by 1"

# A raw socket of protocol 253 on A takes it instead, IPv4 header first.
ready=$(mktemp)
on_exit "rm -f $ready"
ns_a python3 - "$ready" > "$ready.out" 2>&1 <<'PY' &
import socket, sys
s = socket.socket(19, socket.SOCK_RAW, 253)
s.settimeout(10)
open(sys.argv[1], "w").write("open")
d = s.recv(2048)
print("raw got proto %d from %s data %s" % (d[9], socket.inet_ntoa(d[12:16]),
                                            d[(d[0] & 15) * 4:].decode()))
PY
pid=$!
on_exit "kill $pid 2>/dev/null; rm -f $ready.out"
busywait 10000 test -s "$ready" || fail "the raw socket did not open"
out=$(proto_probe)
match "$out" "no ICMP" "no protocol unreachable while a raw socket takes 253"
wait $pid
match "$(< "$ready.out")" "raw got proto 253 from $B_IP data experimental" \
	"the raw socket got the packet"
exit_test
