#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
#
# cnet as a router: A (cnet host, 10.1.1.2) -- R (cnet, forwarding,
# 10.1.1.1 | 10.1.2.1) -- B (Linux host, 10.1.2.2).
#
# Off by default; when on, A and B reach each other through R with the TTL
# one lower and a valid header checksum; traceroute (cnet's from A, Linux's
# from B) shows R as hop 1. R answers what it cannot forward as RFC 792/1812
# say: time exceeded, net unreachable (no route), host unreachable and
# "filtered" (unreachable and prohibit routes), fragmentation needed with
# the next hop's MTU, a redirect when a packet leaves by the interface it
# came in on; a blackhole route stays silent. ICMP errors to one peer are
# rate limited with a token bucket (icmp_burst, icmp_ratelimit).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

A_IP=10.1.1.2
R1_IP=10.1.1.1
R2_IP=10.1.2.1
B_IP=10.1.2.2
setup_ns A R B
ip link add a0 netns "$A" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name b0 netns "$B" ||
	die "cannot create the veth pairs"
cnet_ns "$A" a0 "$A_IP/24" && cnet_ns "$R" r0 "$R1_IP/24" &&
	cnet_ns "$R" r1 "$R2_IP/24" || die "cannot set up cnet in A and R"
linux_ns "$B" b0 "$B_IP/24" || die "cannot set up Linux in B"
ip -n "$B" route add default via "$R2_IP" || die "no default route in B"
in_ns "$A" "$CNET" route add default via "$R1_IP" ||
	die "no default route in A"
busywait 5000 carrier_up "$B" b0 || die "b0 has no carrier"
busywait 5000 carrier_up "$R" r0 || die "r0 has no carrier"
cnet_r() { in_ns "$R" "$CNET" "$@"; }

# ---- on and off ----
check 'cnet_r forwarding' "forwarding off" "forwarding is off by default"
stats_save "$R"
check_err "no forwarding while off" in_ns "$B" ping -c 1 -W 1 "$A_IP"
check 'stat_delta ip_drop_not_ours' 1 "R dropped B's request, silently"
check_ok "forwarding on" cnet_r forwarding on
check 'cnet_r forwarding' "forwarding on" "forwarding is on"

# ---- through R ----
capture_start "$B" b0 -v icmp
check_ok "cnet-ping A -> B through R" \
	in_ns "$A" "$CNET_PING" -c 2 -W 2 "$B_IP"
check_ok "Linux ping B -> A through R" in_ns "$B" ping -c 2 -W 2 "$A_IP"
busywait 5000 grep -q "ttl 63" "$CAP"
check_re 'cat "$CAP"' "ttl 63, .*proto ICMP" \
	"B sees A's packets with TTL 64 - 1"
check 'grep -c "bad cksum" "$CAP"' 0 \
	"the incrementally updated header checksums are right"

out=$(in_ns "$B" traceroute -n -q 1 -w 2 -m 5 "$A_IP" 2>&1)
echo "$out" | indent
match_re "$out" "^ 1  $R2_IP " "Linux traceroute B -> A: hop 1 is R"
match_re "$out" "^ 2  $A_IP " "Linux traceroute B -> A: hop 2 is A"
out=$(in_ns "$A" "$REPO/tools/cnet-traceroute" -I -n -q 1 -w 2 -m 5 \
	"$B_IP" 2>&1)
echo "$out" | indent
match_re "$out" "^ 1  $R1_IP " "cnet-traceroute -I A -> B: hop 1 is R"
match_re "$out" "^ 2  $B_IP " "cnet-traceroute -I A -> B: hop 2 is B"
out=$(in_ns "$A" "$REPO/tools/cnet-traceroute" -n -q 1 -w 2 -m 5 "$B_IP" 2>&1)
echo "$out" | indent
match_re "$out" "^ 1  $R1_IP " "cnet-traceroute (UDP) A -> B: hop 1 is R"
match_re "$out" "^ 2  $B_IP " "cnet-traceroute (UDP) A -> B: hop 2 is B"

# ---- what R cannot forward ----
check_re 'in_ns "$A" "$CNET_PING" -c 1 -W 2 -t 1 $B_IP' \
	"From $R1_IP icmp_seq=1 Time to live exceeded" \
	"TTL 1 from A: time exceeded from R's near side"
check_re 'in_ns "$B" ping -c 1 -W 2 -t 1 $A_IP' \
	"From $R2_IP icmp_seq=1 Time to live exceeded" \
	"TTL 1 from B: time exceeded from R's near side"
check_re 'in_ns "$B" ping -c 1 -W 2 10.99.0.1' \
	"From $R2_IP icmp_seq=1 Destination Net Unreachable" \
	"no route: net unreachable"

check_ok "blackhole route" cnet_r route add blackhole 10.98.0.0/16
check_ok "unreachable route" cnet_r route add unreachable 10.97.0.0/16
check_ok "prohibit route" cnet_r route add prohibit 10.96.0.0/16
stats_save "$R"
pout=$(in_ns "$B" ping -c 1 -W 1 10.98.0.1 2>&1)
match_re "$pout" "1 packets transmitted, 0 received, 100% packet loss" \
	"blackhole: no answer"
check 'grep -c "^From" <<< "$pout"' 0 "blackhole: no ICMP error"
check 'stat_delta fwd_drop_blackhole' 1 "blackhole: counted"
check_re 'in_ns "$B" ping -c 1 -W 2 10.97.0.1' \
	"From $R2_IP icmp_seq=1 Destination Host Unreachable" \
	"unreachable route: host unreachable"
check_re 'in_ns "$B" ping -c 1 -W 2 10.96.0.1' \
	"From $R2_IP icmp_seq=1 Packet filtered" \
	"prohibit route: communication administratively prohibited"

ip -n "$R" link set r0 mtu 1000
check_re 'in_ns "$B" ping -c 1 -W 2 -M do -s 1200 $A_IP' \
	"From $R2_IP icmp_seq=1 Frag needed and DF set \(mtu = 1000\)" \
	"too big with DF: fragmentation needed, next-hop MTU 1000"
ip -n "$R" link set r0 mtu 1500

# A route back out of the interface a packet came in on: R forwards it and
# tells B (RFC 1812 5.2.7.2) to use that next hop directly.
check_ok "route back to B's link" cnet_r route add 10.95.0.0/16 via "$B_IP"
capture_start "$B" b0 "icmp[icmptype] == icmp-redirect"
in_ns "$B" ping -c 1 -W 1 10.95.0.1 > /dev/null 2>&1
busywait 5000 grep -q redirect "$CAP"
check_re 'cat "$CAP"' "$R2_IP > $B_IP: ICMP redirect 10\.95\.0\.1 to host $B_IP" \
	"redirect to the better next hop"

# ---- rate limit: a burst of 20 gets icmp_burst errors, then 1/s ----
# B's bucket, drawn on by the errors above, refills: at one token a
# millisecond, at the next error (which takes one of the six); back at
# one a second, the sixth comes back a second later.
check_ok "refill at 1 ms a token" cnet_r conf set icmp_ratelimit 1
check_re 'in_ns "$B" ping -c 1 -W 2 10.99.0.1' \
	"From $R2_IP icmp_seq=1 Destination Net Unreachable" \
	"an error that refills B's bucket"
check_ok "back to 1000 ms a token" cnet_r conf set icmp_ratelimit 1000
nap 1
out=$(in_ns "$B" ping -c 20 -i 0.01 -W 1 10.99.0.2 2>&1)
n=$(grep -c "Destination Net Unreachable" <<< "$out")
if [ "$n" -ge 6 ] && [ "$n" -le 7 ]; then
	pass "rate limit: $n errors for 20 packets (burst 6)"
else
	fail "rate limit: $n errors for 20 packets, expected 6 or 7"
fi
check_ok "no rate limit" cnet_r conf set icmp_ratelimit 0
pout=$(in_ns "$B" ping -c 20 -i 0.01 -W 1 10.99.0.3 2>&1)
check 'grep -c "Destination Net Unreachable" <<< "$pout"' 20 \
	"rate limit 0: every packet gets its error"

check_ok "forwarding off" cnet_r forwarding off
check_err "no forwarding once off again" in_ns "$B" ping -c 1 -W 1 "$A_IP"
exit_test
