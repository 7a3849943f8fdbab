#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# cnet as a host behind a Linux router: A (cnet, 10.0.1.1) -- B (Linux
# router, 10.0.1.2 | 10.0.2.1) -- C (Linux, 10.0.2.2).
#
# Without a route, C is unreachable; with `cnet route add default via B`
# it answers, ARP resolves the gateway (not C), and `route get` says so.
# A preferred source on a route is the source C sees. Taking the device
# down removes every route through it; bringing it up again restores the
# connected route only, as Linux does; a subnet's route passes between
# addresses and devices as they come and go.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

C_IP=10.0.2.2
setup_pair
setup_ns C
ip link add veth2 netns "$B" type veth peer name veth3 netns "$C" ||
	die "cannot create the B-C veth pair"
linux_ns "$B" veth2 10.0.2.1/24 || die "cannot set up B's second link"
linux_ns "$C" veth3 "$C_IP/24" || die "cannot set up C"
ip -n "$C" route add default via 10.0.2.1 || die "no default route in C"
ns_b sysctl -qw net.ipv4.ip_forward=1 || die "cannot make B a router"
busywait 5000 carrier_up "$C" veth3 || die "veth3 has no carrier"

check 'cnet_a route show' \
	"10.0.1.0/24 dev veth0 proto kernel scope link src $A_IP" \
	"the address brings its connected route"
check 'ns_a "$CNET_PING" -c 1 -W 1 $C_IP 2>&1 | grep -c "Network is unreachable"' 1 \
	"no route to C: Network is unreachable"

check_ok "route add default via B" cnet_a route add default via "$B_IP"
check 'cnet_a route get $C_IP' "$C_IP via $B_IP dev veth0 src $A_IP" \
	"route get: C is reached through B"
check 'cnet_a route get $B_IP' "$B_IP dev veth0 src $A_IP" \
	"route get: B is on-link"
check_ok "cnet-ping reaches C through B" \
	ns_a "$CNET_PING" -c 2 -W 2 "$C_IP"
check_ok "Linux C pings cnet A back through B" \
	in_ns "$C" ping -c 2 -W 2 "$A_IP"
check 'neigh_state "$A" $C_IP' "" "ARP never asked for C itself"
match_re "$(neigh_state "$A" "$B_IP")" '^(REACHABLE|STALE|DELAY|PROBE)$' \
	"ARP resolved the gateway"

# A more specific route with a preferred source wins over the default.
check_ok "second address" cnet_a addr add 10.0.1.5/24 dev veth0
check_ok "route to C's subnet with src" \
	cnet_a route add 10.0.2.0/24 via "$B_IP" src 10.0.1.5
check 'cnet_a route get $C_IP' "$C_IP via $B_IP dev veth0 src 10.0.1.5" \
	"route get: the longer prefix and its source"
capture_start "$C" veth3 "icmp[icmptype] == icmp-echo"
check_ok "cnet-ping from the preferred source" \
	ns_a "$CNET_PING" -c 1 -W 2 "$C_IP"
busywait 5000 grep -q "ICMP echo request" "$CAP"
check_re 'cat "$CAP"' "IP 10\.0\.1\.5 > $C_IP: ICMP echo request" \
	"C sees the preferred source"

# Down: every route through the device goes; up: the connected one returns.
ip -n "$A" link set veth0 down
check 'cnet_a route show' "" "link down: no route left"
ip -n "$A" link set veth0 up
check 'cnet_a route show' \
	"10.0.1.0/24 dev veth0 proto kernel scope link src $A_IP" \
	"link up: the connected route is back, the static ones are not"

# The same subnet on a second device: the first address keeps the route;
# when its device goes down the route passes to the other device, and it
# comes back when that device is detached.
ip -n "$A" link add dm0 type dummy && ip -n "$A" link set dm0 up ||
	die "cannot create dm0"
check_ok "attach dm0" cnet_a link attach dm0
check_ok "the same subnet on dm0" cnet_a addr add 10.0.1.7/24 dev dm0 nodad
check 'cnet_a route show' \
	"10.0.1.0/24 dev veth0 proto kernel scope link src $A_IP" \
	"the first address keeps the subnet's route"
ip -n "$A" link set veth0 down
check 'cnet_a route show' \
	"10.0.1.0/24 dev dm0 proto kernel scope link src 10.0.1.7" \
	"veth0 down: dm0 takes the subnet's route"
ip -n "$A" link set veth0 up
check 'cnet_a route show' \
	"10.0.1.0/24 dev dm0 proto kernel scope link src 10.0.1.7" \
	"veth0 up: dm0 keeps it"
check_ok "detach dm0" cnet_a link detach dm0
check 'cnet_a route show' \
	"10.0.1.0/24 dev veth0 proto kernel scope link src $A_IP" \
	"dm0 detached: the route is back on veth0"

# Deleting the address that owns the connected route hands it to the
# other address of the subnet.
check_ok "delete the first address" cnet_a addr del "$A_IP/24" dev veth0
check 'cnet_a route show' \
	"10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.5" \
	"the subnet's route moves to the remaining address"
check_ok "delete the last address" cnet_a addr del 10.0.1.5/24 dev veth0
check 'cnet_a route show' "" "no address, no connected route"
exit_test
