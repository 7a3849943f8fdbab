#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Reassembly of what Linux sends: ICMP echo requests cut by hand into
# fragments (8, 16 and 24 bytes...) arrive in order, reversed, shuffled,
# and with every fragment but the completing one twice; each is
# reassembled and answered (the reply fits the MTU), and
# the counters say so: one datagram reassembled per request, duplicates
# counted, nothing dropped. Then Linux's own fragments: a 3000-byte UDP
# datagram that Linux cuts at MTU 1500 reaches a cnet raw UDP socket whole.
# Memory held by reassembly is back to zero at the end.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"

stats_save "$A"
out=$(ns_b env PYTHONPATH="$PYTHONPATH:$HERE" python3 - "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" <<'PY' 2>&1
import random, sys
from reasm_frames import Peer, icmp_listener, wait_icmp

a_mac, b_mac, b_ip, a_ip = sys.argv[1:5]
p = Peer("veth1", a_mac, b_mac, b_ip, a_ip)
lst = icmp_listener()
data = bytes(range(64, 64 + 48))          # 8 + 48 = 56 bytes of ICMP
msg = p.echo(0x5151, 0, data)
L = len(msg)
pieces = [(0, 8, True), (8, 16, True), (16 + 8, 24, True), (48, L - 48, False)]
rnd = random.Random(7)
shuffled = pieces[:]
while shuffled == pieces:
    rnd.shuffle(shuffled)
cases = [
    ("in order", pieces),
    ("reversed", pieces[::-1]),
    ("shuffled", shuffled),
    # a copy after completion would start a new datagram: none of that
    ("duplicated", [pieces[0], pieces[0], pieces[1], pieces[1],
                    pieces[3], pieces[3], pieces[2]]),
]
for seq, (name, order) in enumerate(cases, 1):
    msg = p.echo(0x5151, seq, data)
    p.send_frags(100 + seq, 1, msg, order)
    got = wait_icmp(lst, lambda t, c, i, s, pkt: t == 0 and i == 0x5151 and
                    s == seq and pkt[(pkt[0] & 15) * 4 + 8:] == data, 5)
    print("%s: %s" % (name, "answered" if got else "no reply"))
PY
)
indent <<< "$out"
for name in "in order" "reversed" "shuffled" "duplicated"; do
	match_re "$out" "^$name: answered\$" "$name: reassembled and answered"
done
stats_deltas
match "${STATS_DELTA[ip_reasm_rx]}" 19 "19 fragments came in"
match "${STATS_DELTA[ip_reasm_reassembled]}" 4 "4 datagrams reassembled"
match "${STATS_DELTA[ip_reasm_duplicates]}" 3 "3 duplicates"
match "${STATS_DELTA[icmp_echo_reply_tx]}" 4 "4 replies"
moved=
for c in "${!STATS_DELTA[@]}"; do
	[[ $c == *drop* || $c == ip_reasm_overlaps || $c == ip_reasm_invalid ||
	   $c == ip_reasm_oversize || $c == ip_reasm_timeouts ||
	   $c == ip_reasm_evicted ]] &&
		[ "${STATS_DELTA[$c]}" != 0 ] && moved+=" $c+${STATS_DELTA[$c]}"
done
match "$moved" "" "nothing dropped"

# ---- Linux's own fragments, seen whole by a raw socket ----------------------
ready=$(mktemp)
on_exit "rm -f $ready $ready.out"
ns_a python3 - "$ready" > "$ready.out" 2>&1 <<'PY' &
import socket, sys
s = socket.socket(19, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.settimeout(20)
open(sys.argv[1], "w").write("open")
d = s.recv(65535)
ihl = (d[0] & 15) * 4
body = d[ihl + 8:]
print("len %d frag_off %d data %s" % (
    int.from_bytes(d[2:4], "big"), int.from_bytes(d[6:8], "big") & 0x3fff,
    "intact" if body == bytes(i % 251 for i in range(3000)) else "CORRUPT"))
PY
pid=$!
on_exit "kill $pid 2>/dev/null"
busywait 10000 test -s "$ready" || fail "the raw socket did not open"
stats_save "$A"
ns_b python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(bytes(i % 251 for i in range(3000)), (sys.argv[1], 4321))
' "$A_IP"
wait $pid
match "$(< "$ready.out")" "len 3028 frag_off 0 data intact" \
	"a 3000-byte UDP datagram from Linux, whole on a raw socket"
stats_deltas
match "${STATS_DELTA[ip_reasm_rx]}" 3 "it came in 3 fragments"
match "${STATS_DELTA[ip_reasm_reassembled]}" 1 "reassembled once"

check "cnet_a conf show | awk '/^ipfrag_(mem|queues)/ { printf \"%s \", \$0 }'" \
	"ipfrag_mem 0 ipfrag_queues 0 " "no memory held at the end"
exit_test
