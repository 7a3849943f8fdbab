#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# ICMP errors are rate limited per peer (a token bucket: icmp_burst tokens,
# one more every icmp_ratelimit ms; defaults 6 and 1000 as Linux): a burst
# of 20 UDP datagrams to a closed port, sent within a second, gets exactly
# 6 port unreachables (7 if a token accrued meanwhile), and every one not
# answered is counted in icmp_nosend_ratelimit. Another peer has its own
# bucket. (Only the defaults: the settings' netlink command is not on this
# branch.)
#
# A flood from 300 spoofed sources, one datagram each, more than the 256
# peers the table holds, does not starve a peer that comes next: it gets
# a bucket of its own (the table makes room) and its 6 or 7 errors. The
# namespace's global limit (icmp_msgs_per_sec 1000, burst 50, as Linux)
# counts what it held back in icmp_nosend_global_limit.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
# a second Linux address on B: another peer for A
ip -n "$B" addr add 10.0.1.3/24 dev veth1 || die "cannot add 10.0.1.3"
# ... which A has resolved, so no error waits for ARP
ns_b ping -I 10.0.1.3 -c 1 -W 2 "$A_IP" > /dev/null ||
	die "cnet does not answer 10.0.1.3"

burst() {	# burst SRC: 20 datagrams from SRC; print the errors that came
	ns_b python3 - "$A_IP" "$1" <<'PY' 2>&1
import socket, sys, time
a, src = sys.argv[1:3]
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((src, 0))
t0 = time.monotonic()
for i in range(20):
    u.sendto(b"burst %d" % i, (a, 33434))
took = time.monotonic() - t0
icmp.settimeout(1.5)
n = 0
try:
    while True:
        d = icmp.recv(2048)
        ihl = (d[0] & 15) * 4
        if d[ihl] == 3 and d[ihl + 1] == 3 and socket.inet_ntoa(d[16:20]) == src:
            n += 1
except socket.timeout:
    pass
print("%d %s" % (n, "fast" if took < 1 else "slow %.2f" % took))
PY
}

stats_save "$A"
out=$(burst "$B_IP")
read -r got speed <<< "$out"
[ "$speed" = fast ] || log "the burst took long: $out"
if [ "${got:-0}" -ge 6 ] && [ "${got:-0}" -le 7 ]; then
	pass "6 or 7 of 20 answered ($got)"
else
	fail "6 or 7 of 20 answered: got \"$out\""
fi
stats_deltas
match "${STATS_DELTA[icmp_dest_unreach_tx]}" "${got:-x}" "icmp_dest_unreach_tx counts what came"
match "${STATS_DELTA[icmp_nosend_ratelimit]}" "$((20 - ${got:-0}))" \
	"icmp_nosend_ratelimit counts the rest"
match "${STATS_DELTA[udp_drop_no_port]}" 20 "all 20 reached UDP"

# another peer's bucket is full
out=$(burst 10.0.1.3)
read -r got speed <<< "$out"
if [ "${got:-0}" -ge 6 ] && [ "${got:-0}" -le 7 ]; then
	pass "another peer has its own bucket ($got)"
else
	fail "another peer has its own bucket: got \"$out\""
fi

# after a pause the first peer's bucket has refilled a little
sleep 2
out=$(burst "$B_IP")
read -r got speed <<< "$out"
if [ "${got:-0}" -ge 2 ] && [ "${got:-0}" -le 6 ]; then
	pass "tokens came back at about one a second ($got after 2+ s)"
else
	fail "tokens came back at about one a second: got \"$out\""
fi

# Spoofed sources from B's MAC, straight to A's closed port: 300 new peers.
ip -n "$B" addr add 10.0.1.4/24 dev veth1 || die "cannot add 10.0.1.4"
ns_b ping -I 10.0.1.4 -c 1 -W 2 "$A_IP" > /dev/null ||
	die "cnet does not answer 10.0.1.4"
stats_save "$A"
took=$(ns_b python3 - "$A_MAC" "$B_MAC" <<'PY'
import socket, struct, sys, time
dst = bytes.fromhex(sys.argv[1].replace(":", ""))
src = bytes.fromhex(sys.argv[2].replace(":", ""))

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

frames = []
for i in range(300):
    udp = struct.pack("!HHHH", 40000, 33434, 8 + 8, 0) + b"spoofed!"
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                    socket.inet_aton("10.9.%d.%d" % (i // 200, i % 200 + 1)),
                    socket.inet_aton("10.0.1.1"))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    frames.append(dst + src + b"\x08\x00" + h + udp)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
t0 = time.monotonic()
for f in frames:
    s.send(f)
print("%d" % int((time.monotonic() - t0) * 1000 + 1))
PY
) || die "cannot send the spoofed flood"
wait_for 10000 'test "$(stat_delta udp_drop_no_port)" -ge 300'
stats_deltas
log "flood of 300 sent in ${took} ms: ${STATS_DELTA[icmp_dest_unreach_tx]} errors sent," \
	"${STATS_DELTA[icmp_nosend_ratelimit]} held back per peer," \
	"${STATS_DELTA[icmp_nosend_global_limit]-missing} globally"
match $(( STATS_DELTA[icmp_dest_unreach_tx] + STATS_DELTA[icmp_nosend_ratelimit] +
	  ${STATS_DELTA[icmp_nosend_global_limit]-0} )) 300 \
	"each of the 300 was answered or counted as held back"
# at most the burst, plus 1000 a second while the flood lasted (+1 a jiffy)
most=$(( 50 + took + took / 4 + 10 ))
if [ "${STATS_DELTA[icmp_dest_unreach_tx]}" -le "$most" ]; then
	pass "the global limit held the flood to at most $most errors"
else
	fail "the global limit held the flood to at most $most errors: got ${STATS_DELTA[icmp_dest_unreach_tx]}"
fi
# the global bucket refills (50 tokens in 50 ms); then a new peer's burst
sleep 0.3
out=$(burst 10.0.1.4)
read -r got speed <<< "$out"
if [ "${got:-0}" -ge 6 ] && [ "${got:-0}" -le 7 ]; then
	pass "a new peer after a spoofed flood has its own bucket ($got)"
else
	fail "a new peer after a spoofed flood has its own bucket: got \"$out\""
fi
exit_test
