#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static (PERMANENT) neighbours: add, overwrite, delete; the errors, each
# with a message; flush keeps them unless "all"; ARP from the network does
# not change them; packets queued on an unresolved entry are sent when the
# administrator sets its address; detach removes them.
# timeout: 150
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
conf_set "$A" neigh_gc_ms 600000
M1=02:00:00:00:00:51
M2=02:00:00:00:00:52
# B must not ask for A on its own (its entry ageing) while we look at A's
# cache: give it a permanent entry for A.
ip -n "$B" neigh replace "$A_IP" lladdr "$A_MAC" dev veth1 nud permanent ||
	die "cannot set B's entry for A"

# refused REGEX MSG ARGS...: `cnet neigh ARGS` in $A fails with a message
refused() {
	local re=$1 msg=$2 out
	shift 2
	if out=$(cnet_a neigh "$@" 2>&1); then
		fail "$msg: cnet neigh $* succeeded"
	else
		match_re "$out" "$re" "$msg: $out"
	fi
}

check_ok "add 10.0.1.50" cnet_a neigh add 10.0.1.50 lladdr $M1 dev veth0
check 'cnet_a neigh show' "10.0.1.50 dev veth0 lladdr $M1 PERMANENT" \
	"shown PERMANENT with its lladdr"
check_ok "add again: overwrites" cnet_a neigh add 10.0.1.50 lladdr $M2 dev veth0
check 'cnet_a neigh show' "10.0.1.50 dev veth0 lladdr $M2 PERMANENT" \
	"the new lladdr"
check_re 'cnet_a -j neigh show' '"state": ?"PERMANENT"' "-j shows PERMANENT"

refused "unicast and not zero" "zero lladdr" \
	add 10.0.1.51 lladdr 00:00:00:00:00:00 dev veth0
refused "unicast and not zero" "multicast lladdr" \
	add 10.0.1.51 lladdr 01:00:5e:00:00:01 dev veth0
refused "unicast and not zero" "broadcast lladdr" \
	add 10.0.1.51 lladdr ff:ff:ff:ff:ff:ff dev veth0
refused "not neighbour addresses" "address 0.0.0.0" \
	add 0.0.0.0 lladdr $M1 dev veth0
refused "not neighbour addresses" "limited broadcast" \
	add 255.255.255.255 lladdr $M1 dev veth0
refused "not neighbour addresses" "multicast address" \
	add 224.0.0.1 lladdr $M1 dev veth0
refused "not neighbour addresses" "loopback address" \
	add 127.0.0.1 lladdr $M1 dev veth0
ip -n "$A" link add dummy0 type dummy || die "cannot create dummy0"
refused "not attached" "device not attached" \
	add 10.0.1.51 lladdr $M1 dev dummy0
refused "no neighbour entry" "delete a missing entry" del 10.0.1.51 dev veth0
check 'cnet_a neigh show' "10.0.1.50 dev veth0 lladdr $M2 PERMANENT" \
	"the errors changed nothing"

# flush: dynamic entries only, unless "all"
check_ok "cnet-ping to $B_IP" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
match "$(neigh_state "$A" "$B_IP")" REACHABLE "a dynamic entry for B"
check_ok "flush" cnet_a neigh flush dev veth0
check 'cnet_a neigh show' "10.0.1.50 dev veth0 lladdr $M2 PERMANENT" \
	"flush removed B's entry and kept the permanent one"
check_ok "flush all" cnet_a neigh flush all
check 'cnet_a neigh show' "" "flush all removed it"

# ARP from B does not change a permanent entry, even with another MAC
check_ok "B's address, wrong MAC" cnet_a neigh add "$B_IP" lladdr $M1 dev veth0
ip -n "$B" neigh del "$A_IP" dev veth1	# so that B asks for A
stats_save "$A"
ns_b ping -c 1 -W 1 "$A_IP" > /dev/null 2>&1
match $? 1 "B's ping fails: A answers to the wrong MAC"
match_re "$(stat_delta arp_request_rx)" '^[1-9]' "A saw B's ARP request"
check 'cnet_a neigh show' "$B_IP dev veth0 lladdr $M1 PERMANENT" \
	"the permanent entry did not change"
check_ok "delete it" cnet_a neigh del "$B_IP" dev veth0
check 'cnet_a neigh show' "" "deleted"
check_ok "cnet-ping to $B_IP again" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"

# A packet waiting on an unresolved entry goes out when it is made static
cap=$(mktemp)
on_exit "rm -f $cap"
run_bg ip netns exec "$B" tcpdump -i veth1 -e -n -l icmp > "$cap" 2>&1
busywait 10000 grep -q "listening on" "$cap" || die "tcpdump did not start"
conf_set "$A" neigh_retrans_ms 3000
ns_a "$CNET_PING" -c 1 -W 4 10.0.1.77 > /dev/null 2>&1 &
pid=$!
wait_for 5000 'test "$(neigh_state "$A" 10.0.1.77)" = INCOMPLETE'
check_ok "make the INCOMPLETE entry static" \
	cnet_a neigh add 10.0.1.77 lladdr "$B_MAC" dev veth0
busywait 5000 grep -q "> 10.0.1.77: ICMP echo request" "$cap"
match_re "$(< "$cap")" "$A_MAC > $B_MAC, .* $A_IP > 10.0.1.77: ICMP echo request" \
	"the queued echo request went to the static address"
wait $pid

# detach removes them
check_ok "add before detach" cnet_a neigh add 10.0.1.60 lladdr $M1 dev veth0
check_ok "detach" cnet_a link detach veth0
check 'cnet_a neigh show' "" "detach removed the permanent entries"
exit_test
