#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Path MTU discovery (RFC 1191): A (cnet, 10.4.1.1) -- R (Linux router,
# 10.4.1.2 | 10.4.2.1) -- B (Linux, 10.4.2.2), the link R-B with MTU 1000.
#
# cnet-ping -s 1400 from A leaves with DF (IP_PMTUDISC_WANT, it fits A's
# MTU 1500); R answers fragmentation needed, MTU 1000; A learns it before
# the error reaches the socket: `cnet route get` shows "mtu 1000", the
# next datagrams to B that are longer leave in fragments of 1000 without
# DF (B reassembles them: its counters say so; its fragmented reply is
# reassembly's business, not checked here), a connected socket reads
# IP_MTU 1000 and gets EMSGSIZE over it with IP_PMTUDISC_DO (a ping socket,
# then a UDP one). A report
# below 552 is taken as 552 (Linux's min_pmtu). (Lowering only, expiry and
# the cache's bound are KUnit's: cnet_pmtu.)
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PMTU_PROG=$REPO/selftests/progs/pmtu
[ -x "$PMTU_PROG" ] || skip "selftests/progs/pmtu is not built"

snmp() {
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 == p && !h { for (i = 2; i <= NF; i++) c[$i] = i; h = 1; next }
		$1 == p { print $c[f] }' /proc/net/snmp
}

A_IP=10.4.1.1
R1_IP=10.4.1.2
R2_IP=10.4.2.1
B_IP=10.4.2.2
setup_ns A R B
ip link add a0 netns "$A" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name b0 netns "$B" ||
	die "cannot create the veth pairs"
ip -n "$R" link set r1 mtu 1000 && ip -n "$B" link set b0 mtu 1000 ||
	die "cannot set the MTU 1000"
cnet_ns "$A" a0 "$A_IP/24" || die "cannot set up cnet in A"
linux_ns "$R" r0 "$R1_IP/24" && linux_ns "$R" r1 "$R2_IP/24" &&
	linux_ns "$B" b0 "$B_IP/24" || die "cannot set up Linux in R and B"
in_ns "$R" sysctl -qw net.ipv4.ip_forward=1 || die "no forwarding in R"
ip -n "$B" route add default via "$R2_IP" || die "no default route in B"
in_ns "$A" "$CNET" route add default via "$R1_IP" ||
	die "no default route in A"
busywait 5000 carrier_up "$R" r0 || die "r0 has no carrier"
busywait 5000 carrier_up "$B" b0 || die "b0 has no carrier"
in_ns "$A" "$CNET_PING" -c 1 -W 2 "$B_IP" > /dev/null ||
	die "A cannot ping B through R"

check_re 'in_ns "$A" "$CNET" route get $B_IP' "^$B_IP via $R1_IP dev a0 src $A_IP\$" \
	"nothing learned yet: no mtu"

# ---- learned from R's fragmentation needed ----
capture_start "$R" r0 -Q in -v "ip src $A_IP and ip proto 1"
stats_save "$A"
txt=$(in_ns "$A" "$CNET_PING" -c 1 -W 2 -s 1400 "$B_IP" 2>&1)
echo "$txt" | indent
match_re "$txt" "From $R1_IP icmp_seq=1 Frag needed and DF set \(mtu = 1000\)" \
	"the first 1400 bytes, DF set: R says frag needed"
check 'stat_delta ip_pmtu_learned' 1 "A learned a path MTU"
check_re 'in_ns "$A" "$CNET" route get $B_IP' \
	"^$B_IP via $R1_IP dev a0 src $A_IP mtu 1000\$" \
	"cnet route get shows the path MTU 1000"
check_re 'in_ns "$A" "$CNET" -j route get $B_IP' '"mtu": ?1000' \
	"and so does its JSON"
check_re 'in_ns "$A" "$CNET" route get $R1_IP' "^$R1_IP dev a0 src $A_IP\$" \
	"per destination: none for R itself"
match_re "$(< "$CAP")" "offset 0, flags \[DF\], proto ICMP \(1\), length 1428\)" \
	"that request left whole, with DF"

# ---- used by the next datagrams ----
capture_start "$R" r0 -Q in -v "ip src $A_IP and ip proto 1"
reasm=$(snmp "$B" Ip ReasmOKs)
in_ns "$A" "$CNET_PING" -c 1 -W 2 -s 1400 "$B_IP" > /dev/null 2>&1
busywait 5000 grep -q "offset 976" "$CAP"
txt=$(< "$CAP")
match_re "$txt" "offset 0, flags \[\+\], proto ICMP \(1\), length 996\)" \
	"the next one leaves in fragments of the path MTU, without DF"
match_re "$txt" "offset 976, flags \[none\], proto ICMP \(1\), length 452\)" \
	"its last fragment at 976"
check 'echo $(( $(snmp "$B" Ip ReasmOKs) - reasm ))' 1 \
	"B reassembled it"
capture_start "$R" r0 -Q in -v "ip src $A_IP and ip proto 1"
in_ns "$A" "$CNET_PING" -c 1 -W 2 -s 900 "$B_IP" > /dev/null 2>&1
busywait 5000 grep -q "length 928" "$CAP"
match_re "$(< "$CAP")" "flags \[DF\], proto ICMP \(1\), length 928\)" \
	"one that fits the path MTU still says DF"

txt=$(in_ns "$A" "$PMTU_PROG" "$B_IP" 1000 2>&1)
echo "$txt" | indent
match_re "$txt" "^ok" "pmtu ran"
check 'grep -c "^not ok" <<< "$txt"' 0 \
	"a connected socket: IP_MTU 1000, EMSGSIZE over it with IP_PMTUDISC_DO"
# the same with a UDP socket, to a port that listens (no port unreachable)
run_bg ip netns exec "$B" socat -u UDP4-RECV:5009 /dev/null
busywait 10000 sh -c "ip netns exec $B ss -Huln 'sport = :5009' | grep -q ." ||
	fail "socat did not listen on B"
txt=$(in_ns "$A" "$PMTU_PROG" "$B_IP" 1000 udp 5009 2>&1)
echo "$txt" | indent
match_re "$txt" "^ok" "pmtu ran on a UDP socket"
check 'grep -c "^not ok" <<< "$txt"' 0 \
	"a connected UDP socket: IP_MTU 1000, EMSGSIZE over it with IP_PMTUDISC_DO"

# ---- not below 552 ----
ip -n "$R" link set r1 mtu 500 && ip -n "$B" link set b0 mtu 500
in_ns "$A" "$CNET_PING" -c 1 -W 2 -s 900 "$B_IP" > /dev/null 2>&1
check_re 'in_ns "$A" "$CNET" route get $B_IP' "mtu 552\$" \
	"frag needed with MTU 500: taken as 552 (min_pmtu)"
exit_test
