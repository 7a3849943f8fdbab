#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# cnet as a router onto a smaller link: H1 (Linux, 10.3.1.2) -- R (cnet,
# forwarding, 10.3.1.1 | 10.3.2.1) -- H2 (Linux, 10.3.2.2), the link to
# H2 with MTU 576.
#
# A packet too big for the link to H2 with DF clear is fragmented by R
# (RFC 791 3.2): Linux's `ping -M dont -s 1400` gets its answers (H2
# reassembles; its reply, fragmented by H2 already, fits the way back),
# every fragment fits 576, offsets are multiples of 8 with MF on all but
# the last, header checksums are right, and a record route option (not
# copied, RFC 791) is only in the first fragment. With DF set R answers
# fragmentation needed with the next-hop MTU.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

H1_IP=10.3.1.2
R1_IP=10.3.1.1
R2_IP=10.3.2.1
H2_IP=10.3.2.2
setup_ns H1 R H2
ip link add h1 netns "$H1" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name h2 netns "$H2" ||
	die "cannot create the veth pairs"
ip -n "$R" link set r1 mtu 576 && ip -n "$H2" link set h2 mtu 576 ||
	die "cannot set the MTU 576"
cnet_ns "$R" r0 "$R1_IP/24" && cnet_ns "$R" r1 "$R2_IP/24" ||
	die "cannot set up cnet in R"
linux_ns "$H1" h1 "$H1_IP/24" && linux_ns "$H2" h2 "$H2_IP/24" ||
	die "cannot set up Linux in H1 and H2"
ip -n "$H1" route add default via "$R1_IP" &&
	ip -n "$H2" route add default via "$R2_IP" || die "no default routes"
busywait 5000 carrier_up "$H1" h1 || die "h1 has no carrier"
busywait 5000 carrier_up "$H2" h2 || die "h2 has no carrier"
in_ns "$R" "$CNET" forwarding on || die "cannot turn forwarding on"
in_ns "$H1" ping -c 1 -W 2 "$H2_IP" > /dev/null ||
	die "H1 cannot ping H2 through R"

# ---- DF clear: fragmented by R ----
capture_start "$H2" h2 -Q in -v "icmp or (ip[6:2] & 0x1fff != 0)"
stats_save "$R"
check_re 'in_ns "$H1" ping -c 2 -W 3 -M dont -s 1400 $H2_IP' \
	"2 packets transmitted, 2 received" \
	"ping -M dont -s 1400 through R onto MTU 576: answered"
stats_deltas
match "${STATS_DELTA[ip_frag_ok]}" 2 "R fragmented both requests"
# 1408 bytes of ICMP: 552 + 552 + 304
match "${STATS_DELTA[ip_frag_created]}" 6 "in three fragments each"
match "${STATS_DELTA[ip_frag_fail]}" 0 "no fragmentation failed"
busywait 5000 grep -q "offset 1104" "$CAP"
txt=$(< "$CAP")
match_re "$txt" "ttl 63, id [0-9]+, offset 0, flags \[\+\], proto ICMP \(1\), length 572\)" \
	"first fragment: 552 bytes of data, MF"
match_re "$txt" "ttl 63, id [0-9]+, offset 552, flags \[\+\], proto ICMP \(1\), length 572\)" \
	"second fragment: at 552, MF"
match_re "$txt" "ttl 63, id [0-9]+, offset 1104, flags \[none\], proto ICMP \(1\), length 324\)" \
	"last fragment: at 1104, 304 bytes, no MF"
check 'grep -c "bad cksum" <<< "$txt"' 0 "fragment header checksums are right"
check 'grep -c "flags \[DF" <<< "$txt"' 0 "no fragment says DF"

# ---- options: record route is not copied into later fragments ----
capture_start "$H2" h2 -Q in -v "ip[6:2] & 0x3fff != 0"
check_re 'in_ns "$H1" ping -c 1 -W 3 -M dont -R -s 1400 $H2_IP' \
	"1 packets transmitted, 1 received" \
	"ping -R -M dont -s 1400 (record route) through R: answered"
busywait 5000 grep -q "flags \[none\]" "$CAP"
txt=$(< "$CAP")
# 60-byte header in the first (RR is 39 bytes + padding), 20 in the rest
match_re "$txt" "offset 0, flags \[\+\], proto ICMP \(1\), length 572, options \((NOP,)*RR" \
	"the first fragment carries the record route option"
check 'grep -E "offset [1-9][0-9]*, " <<< "$txt" | grep -c options' 0 \
	"the later fragments carry no option"
n=$(grep -cE "offset [1-9][0-9]*, " <<< "$txt")
if [ "$n" -ge 2 ]; then
	pass "later fragments seen: $n"
else
	fail "later fragments seen: $n, expected at least 2"
	indent <<< "$txt"
fi

# ---- DF set: fragmentation needed with the next-hop MTU ----
stats_save "$R"
check_re 'in_ns "$H1" ping -c 1 -W 2 -M do -s 1400 $H2_IP' \
	"From $R1_IP icmp_seq=1 Frag needed and DF set \(mtu = 576\)" \
	"ping -M do -s 1400: fragmentation needed, MTU 576"
check 'stat_delta fwd_drop_too_big' 1 "R counted the DF packet it refused"
check 'stat_delta ip_frag_ok' 0 "and did not fragment it"
exit_test
