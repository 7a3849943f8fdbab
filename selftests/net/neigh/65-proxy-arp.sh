#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy ARP: A (cnet) joins B's subnet 10.0.1.0/24 (veth0) and C's
# 10.0.2.0/24 (veth2). B believes 10.0.2.0/24 is on its link and asks for
# C's address: with proxy_arp on veth0 and forwarding on, A answers with
# veth0's MAC (the route to C leaves by veth2); with proxy_arp off, or for
# an address routed back out of veth0, it does not. Needs the routing table
# filled with connected routes (cnet route): skipped without it.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
"$CNET" route show > /dev/null 2>&1 ||
	ip netns exec "$A" "$CNET" route show > /dev/null 2>&1 ||
	skip "no routing table commands (cnet route show) in this build"

setup_ns C
ip link add veth2 netns "$A" type veth peer name veth3 netns "$C" ||
	die "cannot create veth2"
cnet_ns "$A" veth2 10.0.2.1/24 || die "cannot set up veth2"
linux_ns "$C" veth3 10.0.2.2/24 || die "cannot set up C"
ip -n "$C" route add default via 10.0.2.1 || die "C: no default route"
ip -n "$B" route add 10.0.2.0/24 dev veth1 || die "B: no on-link route"
cnet_a conf set forwarding 1 > /dev/null 2>&1 ||
	cnet_a conf set forwarding on > /dev/null 2>&1 ||
	skip "cannot turn forwarding on (cnet conf set forwarding)"
busywait 5000 carrier_up "$C" veth3 || die "veth3 has no carrier"

b_lladdr() { ip -n "$B" neigh show 10.0.2.2 dev veth1 | awk '{ print $3 }'; }

stats_save "$A"
check_err "proxy_arp off: B gets no answer for C" ns_b ping -c 1 -W 1 10.0.2.2
match "$(stat_delta arp_proxy_reply_tx)" 0 "nothing proxied"
ip -n "$B" neigh flush dev veth1

check_ok "proxy_arp on" cnet_a link set veth0 proxy_arp on
check_ok "B pings C through A" ns_b ping -c 1 -W 2 10.0.2.2
match "$(b_lladdr)" "$A_MAC" "B learnt A's MAC for C"
match_re "$(stat_delta arp_proxy_reply_tx)" '^[1-9]' "arp_proxy_reply_tx counted"

# an address routed out of veth0 itself is not proxied
stats_save "$A"
check_err "no answer for an address on B's own link" ns_b ping -c 1 -W 1 10.0.1.99
match "$(stat_delta arp_proxy_reply_tx)" 0 "not proxied"
exit_test
