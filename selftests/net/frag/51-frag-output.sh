#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# cnet fragments what it sends (RFC 791 3.2, RFC 1122 3.3.2): A (cnet,
# 10.0.1.1) -- B (Linux, 10.0.1.2).
#
# cnet-ping -s 3000 from A: the 3008-byte echo request leaves in fragments
# of the device MTU (1480 + 1480 + 48 bytes of data) without DF, with one
# identifier, and Linux reassembles it (its counters: ReasmOKs, InEchos)
# and answers. Linux's answer is fragmented too: taking it in is
# reassembly's business (not this slice's), so it is not checked here.
# The same at MTU 576. IP identifiers to one destination differ from
# datagram to datagram. IP_MTU_DISCOVER's default and range, IP_MTU, and
# EMSGSIZE for IP_PMTUDISC_DO over the device MTU (selftests/progs/pmtu).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PMTU_PROG=$REPO/selftests/progs/pmtu
[ -x "$PMTU_PROG" ] || skip "selftests/progs/pmtu is not built"

# snmp NS PROTO FIELD: a counter of Linux's /proc/net/snmp in NS.
snmp() {
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 == p && !h { for (i = 2; i <= NF; i++) c[$i] = i; h = 1; next }
		$1 == p { print $c[f] }' /proc/net/snmp
}

setup_pair
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "B cannot ping A"

# ---- cnet-ping -s 3000 at MTU 1500 ----
capture_start "$B" veth1 -Q in -v "ip src $A_IP and ip proto 1"
stats_save "$A"
reasm=$(snmp "$B" Ip ReasmOKs)
echos=$(snmp "$B" Icmp InEchos)
ns_a "$CNET_PING" -c 1 -W 2 -s 3000 "$B_IP" > /dev/null 2>&1
busywait 5000 grep -q "offset 2960" "$CAP"
txt=$(< "$CAP")
match_re "$txt" "id ([0-9]+), offset 0, flags \[\+\], proto ICMP \(1\), length 1500\)" \
	"first fragment: 1480 bytes, MF, no DF"
match_re "$txt" "offset 1480, flags \[\+\], proto ICMP \(1\), length 1500\)" \
	"second fragment: at 1480, MF"
match_re "$txt" "offset 2960, flags \[none\], proto ICMP \(1\), length 68\)" \
	"last fragment: at 2960, 48 bytes, no MF"
ids=$(grep -oE "id [0-9]+, offset" <<< "$txt" | sort -u | wc -l)
match "$ids" 1 "the three fragments share one identifier"
check 'grep -c "bad cksum" <<< "$txt"' 0 "fragment header checksums are right"
check 'echo $(( $(snmp "$B" Ip ReasmOKs) - reasm ))' 1 \
	"Linux reassembled the echo request"
check 'echo $(( $(snmp "$B" Icmp InEchos) - echos ))' 1 \
	"Linux took it as one echo request"
stats_deltas
match "${STATS_DELTA[ip_frag_ok]}" 1 "cnet counted one datagram fragmented"
match "${STATS_DELTA[ip_frag_created]}" 3 "in three fragments"

# ---- identifiers: one destination, several datagrams ----
capture_start "$B" veth1 -Q in -v "ip src $A_IP and icmp[icmptype] == icmp-echo"
ns_a "$CNET_PING" -c 3 -i 0.2 -W 1 "$B_IP" > /dev/null 2>&1
wait_for 5000 'test "$(grep -c "proto ICMP" "$CAP")" -ge 3'
ids=$(grep -oE "id [0-9]+, offset" "$CAP" | sort -u | wc -l)
match "$ids" 3 "three echo requests, three identifiers"
# small datagrams that fit leave with DF (IP_PMTUDISC_WANT, as Linux)
check 'grep -c "flags \[DF\]" "$CAP"' 3 "datagrams that fit say DF"

# ---- socket options, EMSGSIZE over the device MTU ----
txt=$(ns_a "$PMTU_PROG" "$B_IP" 1500 2>&1)
echo "$txt" | indent
match_re "$txt" "^ok" "pmtu ran"
check 'grep -c "^not ok" <<< "$txt"' 0 \
	"IP_MTU_DISCOVER, IP_MTU 1500, EMSGSIZE with IP_PMTUDISC_DO"

# ---- MTU 576 ----
ip -n "$A" link set veth0 mtu 576 && ip -n "$B" link set veth1 mtu 576 ||
	die "cannot set the MTU 576"
capture_start "$B" veth1 -Q in -v "ip src $A_IP and ip proto 1"
reasm=$(snmp "$B" Ip ReasmOKs)
ns_a "$CNET_PING" -c 1 -W 2 -s 1400 "$B_IP" > /dev/null 2>&1
busywait 5000 grep -q "offset 1104" "$CAP"
txt=$(< "$CAP")
match_re "$txt" "offset 0, flags \[\+\], proto ICMP \(1\), length 572\)" \
	"MTU 576: first fragment 552 bytes"
match_re "$txt" "offset 1104, flags \[none\], proto ICMP \(1\), length 324\)" \
	"MTU 576: last fragment at 1104"
check 'echo $(( $(snmp "$B" Ip ReasmOKs) - reasm ))' 1 \
	"MTU 576: Linux reassembled it"
txt=$(ns_a "$PMTU_PROG" "$B_IP" 576 2>&1)
check 'grep -c "^not ok" <<< "$txt"' 0 "MTU 576: IP_MTU 576, EMSGSIZE over it"
exit_test
