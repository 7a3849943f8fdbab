#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Reassembly under a bad link: netem on the Linux side reorders,
# duplicates and loses fragments of 40 UDP datagrams of 1 500 to 6 000
# bytes that Linux fragments itself. A cnet raw UDP socket receives them:
# every one it gets is whole and intact, most get through, and what could
# not be completed times out (ipfrag_time_ms 1000), leaving no memory
# held.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

command -v tc > /dev/null || skip "tc is not installed"
setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
check_ok "a 1 s reassembly timeout" cnet_a conf set ipfrag_time_ms 1000
ns_b tc qdisc add dev veth1 root netem delay 10ms reorder 50% \
	duplicate 20% loss 3% || skip "no netem"

stats_save "$A"
ready=$(mktemp)
on_exit "rm -f $ready $ready.out"
ns_a python3 - "$ready" > "$ready.out" 2>&1 <<'PY' &
import socket, struct, sys
s = socket.socket(19, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.settimeout(5)
open(sys.argv[1], "w").write("open")
seen, bad = set(), 0
try:
    while True:
        d = s.recv(65535)
        ihl = (d[0] & 15) * 4
        body = d[ihl + 8:]
        seq, n = struct.unpack("!HH", body[:4])
        if len(body) != n or body[4:] != bytes((seq + i) % 256 for i in range(n - 4)):
            bad += 1
        seen.add(seq)
except socket.timeout:
    pass
print("received %d corrupt %d" % (len(seen), bad))
PY
pid=$!
on_exit "kill $pid 2>/dev/null"
busywait 10000 test -s "$ready" || fail "the raw socket did not open"
ns_b python3 - "$A_IP" <<'PY'
import socket, struct, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for seq in range(40):
    n = 1500 + seq * 115
    s.sendto(struct.pack("!HH", seq, n) + bytes((seq + i) % 256 for i in range(n - 4)),
             (sys.argv[1], 4321))
    time.sleep(0.02)
PY
wait $pid
out=$(< "$ready.out")
log "$out"
read -r _ got _ bad <<< "$out"
match "$bad" 0 "every datagram received is intact"
[ "${got:-0}" -ge 20 ] && pass "most datagrams got through ($got of 40)" ||
	fail "only ${got:-0} of 40 datagrams got through"

ns_b tc qdisc del dev veth1 root
wait_for 10000 'test "$(cnet_a conf show | awk "/^ipfrag_queues/ { print \$2 }")" = 0'
stats_deltas
log "reassembled ${STATS_DELTA[ip_reasm_reassembled]}," \
	"duplicates ${STATS_DELTA[ip_reasm_duplicates]}," \
	"timeouts ${STATS_DELTA[ip_reasm_timeouts]}," \
	"overlaps ${STATS_DELTA[ip_reasm_overlaps]}"
[ "${STATS_DELTA[ip_reasm_reassembled]}" -ge "${got:-0}" ] &&
	pass "counted as reassembled" || fail "reassembled counter too low"
if [ "${got:-0}" -lt 40 ]; then
	[ "${STATS_DELTA[ip_reasm_timeouts]}" -gt 0 ] &&
		pass "the incomplete ones timed out" ||
		fail "datagrams were lost but nothing timed out"
fi
match "${STATS_DELTA[ip_reasm_overlaps]}" 0 "no overlap (netem copies whole fragments)"
check "cnet_a conf show | awk '/^ipfrag_(mem|queues)/ { printf \"%s \", \$0 }'" \
	"ipfrag_mem 0 ipfrag_queues 0 " "no memory held at the end"
exit_test
