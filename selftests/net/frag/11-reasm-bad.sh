#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Fragments crafted to attack reassembly are dropped and counted, and
# nothing is answered: overlapping fragments (RFC 5722: the datagram
# goes), teardrop (a second fragment inside the first, ending before it),
# RFC 1858's overlapping "tiny fragment" rewrite of a header, invalid
# tiny fragments (empty, or a middle one of 4 bytes), a second last
# fragment with another end, and the ping of death (data past 65 535
# bytes). A fragment invalid on its own (empty, 4 bytes with MF, past
# 65 535) is dropped alone: the rest of its datagram completes without it
# (and is answered) or times out. Legal tiny fragments (8 bytes each) are
# reassembled and answered. The kernel log stays clean (run-tests.sh checks), and once
# the leftover fragments time out (ipfrag_time_ms 1000) no memory is held.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
check_ok "a short reassembly timeout" cnet_a conf set ipfrag_time_ms 1000

stats_save "$A"
out=$(ns_b env PYTHONPATH="$PYTHONPATH:$HERE" python3 - "$A_MAC" "$B_MAC" "$B_IP" "$A_IP" <<'PY' 2>&1
import sys
from reasm_frames import Peer, icmp_listener, wait_icmp

a_mac, b_mac, b_ip, a_ip = sys.argv[1:5]
p = Peer("veth1", a_mac, b_mac, b_ip, a_ip)
lst = icmp_listener()
data = bytes(range(56))
ID = 0x6161

def msg(seq):
    return p.echo(ID, seq, data)        # 64 bytes of ICMP

# (name, seq, list of (offset, more, bytes)); each a whole datagram's worth
m = {s: msg(s) for s in range(1, 10)}
cases = [
    # 0..24 and 16..40 overlap; the rest would complete it
    ("overlap", 1, [(0, True, m[1][0:24]), (16, True, m[1][16:40]),
                    (40, False, m[1][40:64])]),
    # teardrop: 0..32, then 16..20 inside it (last), ends before it
    ("teardrop", 2, [(0, True, m[2][0:32]), (16, False, m[2][16:20])]),
    # RFC 1858 3.2: a first fragment of 16 bytes, then one at offset 8
    # that rewrites the header it carried, then the rest
    ("tiny overlap", 3, [(0, True, m[3][0:16]), (8, True, b"\xff" * 16),
                         (24, False, m[3][24:64])]),
    # a second last fragment with another end
    ("two ends", 4, [(0, True, m[4][0:32]), (48, False, m[4][48:56]),
                     (56, False, m[4][56:64])]),
]
invalid_alone = [
    ("empty", 5, [(0, True, m[5][0:32]), (32, True, b""),
                  (32, False, m[5][32:64])]),
    ("4-byte middle", 6, [(0, True, m[6][0:32]), (32, True, m[6][32:36]),
                          (32, False, m[6][32:64])]),
]
# ping of death: an echo request whose last fragment ends past 65535
pod = [(0, True, m[7][0:64]), (65528, False, bytes(16))]
legal_tiny = [(o, o + 8 < 64, m[8][o:o + 8]) for o in range(0, 64, 8)]

for name, seq, frags in cases + invalid_alone + [("ping of death", 7, pod),
                                                ("legal tiny", 8, legal_tiny)]:
    for off, more, chunk in frags:
        p.send_raw(0x100 + seq, 1, off, more, chunk)
got = wait_icmp(lst, lambda t, c, i, s, pkt: t == 0 and i == ID, 4)
print("replies: %s" % " ".join(str(s) for _, _, _, s in sorted(got)))
PY
)
indent <<< "$out"
match_re "$out" '^replies: 5 6 8$' \
	"answered: the datagrams rid of a bad fragment, and the legal tiny ones"

# leftovers of the dropped datagrams time out
wait_for 10000 'test "$(cnet_a conf show | awk "/^ipfrag_queues/ { print \$2 }")" = 0'
stats_deltas
# What the drops left behind times out: 40..64 of "overlap" and 24..64 of
# "tiny overlap" (no first fragment: no ICMP), the first fragment of the
# ping of death (ICMP time exceeded).
declare -A want=(
	[ip_reasm_reassembled]=3	# empty, 4-byte middle, legal tiny
	[ip_reasm_overlaps]=3		# overlap, teardrop, tiny overlap
	[ip_reasm_invalid]=3		# two ends, empty, 4-byte middle
	[ip_reasm_oversize]=1		# ping of death
	[ip_reasm_duplicates]=0
	[ip_reasm_timeouts]=3
	[icmp_time_exceeded_tx]=1
	[icmp_echo_reply_tx]=3
)
for c in "${!want[@]}"; do
	match "${STATS_DELTA[$c]-missing}" "${want[$c]}" "$c grew by ${want[$c]}"
done
check "cnet_a conf show | awk '/^ipfrag_(mem|queues)/ { printf \"%s \", \$0 }'" \
	"ipfrag_mem 0 ipfrag_queues 0 " "no memory held at the end"
check_ok "Linux still pings cnet" ns_b ping -c 1 -W 2 "$A_IP"
exit_test
