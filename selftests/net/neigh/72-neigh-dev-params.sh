#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A device's own neighbour settings (cnet link set DEV neigh_...), as
# Linux's net.ipv4.neigh.DEV.*: A runs cnet on veth0 and veth2. veth0 gets
# neigh_retrans_ms 100 and neigh_max_probes 1 of its own; the namespace
# says 3000 and 2. Pinging an address nobody has on each link at once, the
# entry on veth0 fails after its one request while the one on veth2 still
# waits for its second, which comes 3 s later. Then the namespace says 100
# and 3: veth2 follows it (3 requests), veth0 keeps its own (1). link show
# lists veth0's own settings, in text and JSON, and none on veth2.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ip link add veth2 netns "$A" type veth peer name veth3 netns "$B" ||
	die "cannot create the second veth pair"
cnet_ns "$A" veth2 10.0.2.1/24 || die "cannot set up cnet on veth2"
linux_ns "$B" veth3 10.0.2.2/24 || die "cannot set up Linux on veth3"

conf_set "$A" neigh_retrans_ms 3000 neigh_max_probes 2 ||
	die "cannot set the namespace's ARP settings"
check_ok "cnet link set veth0 neigh_retrans_ms 100 neigh_max_probes 1" \
	cnet_a link set veth0 neigh_retrans_ms 100 neigh_max_probes 1
check_re 'cnet_a link show dev veth0' \
	"^[0-9]+: veth0 lladdr $A_MAC mtu 1500 neigh_retrans_ms 100 neigh_max_probes 1$" \
	"link show: veth0's own settings"
check_re 'cnet_a link show dev veth2' '^[0-9]+: veth2 lladdr [0-9a-f:]+ mtu 1500$' \
	"link show: veth2 has none of its own"
check_re 'cnet_a -j link show dev veth0' \
	'"proxy_arp":false,"neigh_retrans_ms":100,"neigh_max_probes":1\}\]$' \
	"link show -j: veth0's own settings"
check 'cnet_a conf show | grep -E "^neigh_(retrans_ms|max_probes) "' \
	"neigh_retrans_ms 3000"$'\n'"neigh_max_probes 2" \
	"conf show: the namespace's are unchanged"

# ping_both: an address nobody has on each link, at once (cnet-ping waits 1 s)
ping_both() {
	stats_save "$A"
	ns_a "$CNET_PING" -c 1 -W 1 10.0.1.99 > /dev/null 2>&1 &
	ns_a "$CNET_PING" -c 1 -W 1 10.0.2.99 > /dev/null 2>&1
	wait
}
both_failed() {
	[ "$(neigh_state "$A" 10.0.1.99)/$(neigh_state "$A" 10.0.2.99)" = FAILED/FAILED ]
}

ping_both
match "$(neigh_state "$A" 10.0.1.99)/$(neigh_state "$A" 10.0.2.99)" FAILED/INCOMPLETE \
	"after 1 s: veth0's entry failed (1 request, 100 ms), veth2's waits (3000 ms)"
match "$(stat_delta arp_tx)" 2 "two requests so far: veth0's one, veth2's first"
busywait 10000 both_failed
match "$(neigh_state "$A" 10.0.2.99)" FAILED "veth2's entry failed after its second request"
match "$(stat_delta arp_tx)" 3 "three requests in all: 1 on veth0, 2 on veth2"

# the namespace changes: veth2 follows, veth0 keeps its own
conf_set "$A" neigh_retrans_ms 100 neigh_max_probes 3 ||
	die "cannot change the namespace's ARP settings"
cnet_a neigh flush
ping_both
busywait 10000 both_failed
match "$(neigh_state "$A" 10.0.1.99)/$(neigh_state "$A" 10.0.2.99)" FAILED/FAILED \
	"both entries failed"
match "$(stat_delta arp_tx)" 4 "four requests: veth0 keeps its 1, veth2 follows the namespace's 3"
check_re 'cnet_a link show dev veth0' \
	"^[0-9]+: veth0 lladdr $A_MAC mtu 1500 neigh_retrans_ms 100 neigh_max_probes 1$" \
	"link show: veth0's own settings are still its own"
exit_test
