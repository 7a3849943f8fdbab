#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 120
#
# SYN cookies (RFC 4987) of a cnet listener (A) under a SYN flood from
# the Linux side (B): spoofed SYNs from addresses nobody answers for
# (198.18.0.0/15) fill a backlog-4 listener's SYN queue, and then
#   - with tcp_syncookies 1 (the default) the rest are answered with
#     cookies, a legitimate Linux client still connects and exchanges a
#     byte each way (its ACK validated as a cookie), with the timestamps,
#     SACK and window scaling its SYN offered (they ride in the cookie
#     SYN-ACK's TSval and come back in the ACK's TSecr), and an ACK with a
#     wrong cookie makes nothing and counts as failed;
#   - with tcp_syncookies 0 the legitimate client's SYNs are dropped
#     while the queue is full: its connect() times out.
# The flood and the forged ACKs are frames sent from a packet socket
# (selftests/frames.py: faster to start than scapy under TCG).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_listen
[ -x "$PROG" ] || skip "tcp_listen is not built"
setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
refs=$(cnet_refs)

cat > "$tmp/flood.py" <<'PY'
# flood.py DEV SRC_MAC DST_MAC DST_IP PORT NSYN NACK ACK_SRC_IP: NSYN
# SYNs from spoofed sources, then NACK ACKs with made-up cookies
import random, socket, struct, sys
import frames

dev, smac, dmac, dst, port, nsyn, nack = sys.argv[1:8]
port, nsyn, nack = int(port), int(nsyn), int(nack)
out = frames.sender(dev)
rnd = random.Random(4987)

def tcp(saddr, sport, seq, ack, flags, opts=b""):
    hlen = 20 + len(opts)
    h = struct.pack("!HHIIBBHHH", sport, port, seq, ack, hlen // 4 << 4,
                    flags, 64240, 0, 0) + opts
    pseudo = socket.inet_aton(saddr) + socket.inet_aton(dst) + \
        struct.pack("!BBH", 0, 6, len(h))
    return frames.with_csum(pseudo + h, 12 + 16)[12:]

for i in range(nsyn + nack):
    if i < nsyn:
        src = "198.18.%d.%d" % (i // 250, i % 250 + 1)
        seg = tcp(src, 1024 + i, rnd.getrandbits(32), 0, 0x02,
                  struct.pack("!BBH", 2, 4, 1460))
    else:
        src = sys.argv[8]
        seg = tcp(src, 40000 + i, rnd.getrandbits(32), rnd.getrandbits(32),
                  0x10)
    out.send(frames.eth(frames.mac(dmac), frames.mac(smac), 0x0800,
                        frames.ipv4(src, dst, 6, seg)))
PY
# shellcheck disable=SC2016 # wait_for evaluates its test afresh
flood() {	# flood PORT NSYN NACK
	ns_b env PYTHONPATH="$REPO/selftests" /usr/bin/python3 "$tmp/flood.py" \
		veth1 "$B_MAC" "$A_MAC" "$A_IP" "$@" "$B_IP" > /dev/null
}

cat > "$tmp/client.py" <<'PY'
import socket, sys
try:
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])),
                                 timeout=float(sys.argv[3]))
    c.settimeout(10)
    c.send(b"x")
    print("answer", c.recv(1).decode() or "none")
except OSError as e:
    print("failed", type(e).__name__)
PY
client() { ns_b /usr/bin/python3 "$tmp/client.py" "$A_IP" "$1" "$2"; }

# ---- tcp_syncookies 1: the flood gets cookies, the client gets in ----
match "$(cnet_a conf show | awk '$1 == "tcp_syncookies" { print $2 }')" 1 \
	"tcp_syncookies is 1 by default"
stats_save "$A"
run_bg ip netns exec "$A" "$PROG" serve 0.0.0.0 8300 4 1 0 > "$tmp/srv"
srv=$BG_PID
busywait 30000 grep -q listening "$tmp/srv" || die "tcp_listen serve did not start"
# 5 requests fill a backlog of 4, the other 55 SYNs get cookies; then
# three forged handshake ACKs, with cookies nobody made
flood 8300 60 3
wait_for 20000 '[ "$(stat_delta tcp_syncookies_failed)" -ge 3 ]' ||
	fail "the flood drew $(stat_delta tcp_syncookies_sent) cookies, $(stat_delta tcp_syncookies_failed) failed"
match "$(client 8300 10)" "answer y" \
	"a Linux client connects through the flood and exchanges data"
wait "$srv"
match "$(tail -1 "$tmp/srv")" "served 1" "the listener accepted it"
match_re "$(grep '^conn' "$tmp/srv")" "^conn ts sack wscale [0-9]+,[1-9][0-9]*$" \
	"the cookie's connection has the SYN's timestamps, SACK and window scaling"
stats_deltas
log "tcp_syncookies_sent ${STATS_DELTA[tcp_syncookies_sent]}," \
	"tcp_syncookies_recv ${STATS_DELTA[tcp_syncookies_recv]}," \
	"tcp_syncookies_failed ${STATS_DELTA[tcp_syncookies_failed]}," \
	"tcp_passive_open ${STATS_DELTA[tcp_passive_open]}"
match "${STATS_DELTA[tcp_syncookies_sent]}" 56 \
	"55 flood SYNs and the client's SYN were answered with cookies"
match "${STATS_DELTA[tcp_syncookies_recv]}" 1 "the client's ACK carried a valid cookie"
match "${STATS_DELTA[tcp_syncookies_failed]}" 3 "the 3 forged ACKs failed"
match "${STATS_DELTA[tcp_passive_open]}" 1 \
	"only the client made a connection (none from a forged ACK)"
match "${STATS_DELTA[tcp_drop_synq_full]}" 0 "no SYN was dropped"
match "${STATS_DELTA[tcp_rst_tx]}" 3 "each forged ACK was answered with a RST"
if dmesg 2> /dev/null | grep -q "Possible SYN flooding on port 0.0.0.0:8300. Sending cookies."; then
	pass "logged: Possible SYN flooding on port 0.0.0.0:8300. Sending cookies."
elif dmesg > /dev/null 2>&1; then
	fail "no \"Possible SYN flooding\" line in the kernel log"
fi

# ---- tcp_syncookies 0: while the queue is full, the client fails ----
check_ok "tcp_syncookies 0" cnet_a conf set tcp_syncookies 0
stats_save "$A"
run_bg ip netns exec "$A" "$PROG" hold 0.0.0.0 8301 4 30000 > "$tmp/hold"
busywait 30000 grep -q listening "$tmp/hold" || die "tcp_listen hold did not start"
flood 8301 20 0
wait_for 20000 '[ "$(stat_delta tcp_drop_synq_full)" -ge 15 ]'
match "$(client 8301 2.5)" "failed TimeoutError" \
	"without cookies the client's connect() times out while the SYN queue is full"
stats_deltas
match "${STATS_DELTA[tcp_syncookies_sent]}" 0 "no cookie was sent"
if [ "${STATS_DELTA[tcp_drop_synq_full]}" -ge 17 ]; then
	pass "the client's SYNs were dropped too (tcp_drop_synq_full ${STATS_DELTA[tcp_drop_synq_full]})"
else
	fail "tcp_drop_synq_full ${STATS_DELTA[tcp_drop_synq_full]}, want 15 of the flood and 2 of the client (0 and 1 s)"
fi
bg_stop

wait_for 30000 'test "$(cnet_refs)" = "$refs"'
match "$(cnet_refs)" "$refs" "every cnet TCP socket was freed"
exit_test
