#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet monitor: each change of a namespace's configuration prints as it
# happens, as ip monitor's: a device attached, its settings changed
# (cnet link set, its sysctls), an address
# added (optimistic tentative), its duplicate address detection ending, its
# subnet's route, an ARP entry made and resolved, a static route added and
# deleted, an entry, an address and the device deleted ("Deleted "). -j
# prints one JSON object per change, -t with its time; a device renamed
# shows under its new name; an object list
# filters (a multicast group per object); another
# namespace's monitor sees none of it; a bad object is a usage error.
# timeout: 90
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_ns A B
ip link add veth0 netns "$A" type veth peer name veth1 netns "$B" ||
	die "cannot create the veth pair"
linux_ns "$B" veth1 "$B_IP/24" || die "cannot set up Linux in $B"
ip -n "$A" link set veth0 up || die "veth0 down"
fast_dad "$A" || die "cannot shorten duplicate address detection in $A"
ip -n "$A" link add mon0 type dummy || die "no dummy device"
ip -n "$B" link add mon0 type dummy || die "no dummy device"
B_MAC=$(mac_of "$B" veth1)

mon=$(mktemp) monj=$(mktemp) monb=$(mktemp)
on_exit "rm -f $mon $monj $monb"
# appending, so that what is printed is never lost between reads
run_bg ip netns exec "$A" "$CNET" monitor >> "$mon" 2>&1
run_bg ip netns exec "$A" "$CNET" -j monitor -t neigh >> "$monj" 2>&1
run_bg ip netns exec "$B" "$CNET" monitor >> "$monb" 2>&1

# A monitor has joined once it sees a change: attach and detach mon0 until
# each monitor of $1 (files $2...) has printed it. Then only what follows
# counts (MARK_*: lines already there).
# shellcheck disable=SC2317 # called through busywait
joined() {
	local ns=$1 f
	shift
	ip netns exec "$ns" "$CNET" link attach mon0 &&
		ip netns exec "$ns" "$CNET" link detach mon0 || return 1
	for f in "$@"; do
		[[ $(< "$f") == *"[link] Deleted "*": mon0 "* ]] || return 1
	done
}
busywait 20000 joined "$A" "$mon" || die "cnet monitor did not start: $(< "$mon")"
busywait 20000 joined "$B" "$monb" || die "cnet monitor in B did not start"
# the neigh-only monitor: it saw nothing of mon0, so give it a moment
nap 0.5
mark=$(wc -l < "$mon")
markb=$(wc -l < "$monb")
events() { tail -n +$((mark + 1)) "$mon"; }

check_ok "attach veth0" cnet_a link attach veth0
check_ok "link set veth0 proxy_arp on" cnet_a link set veth0 proxy_arp on
check_ok "sysctl -w net.cnet.link.veth0.neigh_retrans_ms=300" \
	ns_a sysctl -q -w net.cnet.link.veth0.neigh_retrans_ms=300
check_ok "add 10.0.1.1/24" cnet_a addr add "$A_IP/24" dev veth0
busywait 5000 addr_settled "$A" veth0 || fail "DAD did not end"
check_ok "ping 10.0.1.2 (resolves it)" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
check_ok "add a route" cnet_a route add 10.5.0.0/16 via "$B_IP"
check_ok "delete it" cnet_a route del 10.5.0.0/16 via "$B_IP"
check_ok "delete the ARP entry" cnet_a neigh del "$B_IP" dev veth0
check_ok "delete the address" cnet_a addr del "$A_IP/24" dev veth0
check_ok "detach veth0" cnet_a link detach veth0
check_ok "attach mon0" cnet_a link attach mon0
check_ok "rename it mon9" ip -n "$A" link set mon0 name mon9
check_ok "detach mon9" cnet_a link detach mon9

# shellcheck disable=SC2317 # called through busywait
detached() { events | grep -q '^\[link\] Deleted [0-9]*: mon9'; }
busywait 5000 detached || fail "no detach seen"
log "cnet monitor:"
events | indent

# each expected line, in this order
# shellcheck disable=SC2034 # in_order reads them
expect=(
	'\[link\] [0-9]+: veth0 lladdr [0-9a-f:]+ mtu 1500$'
	'\[link\] [0-9]+: veth0 lladdr [0-9a-f:]+ mtu 1500 proxy_arp on$'
	'\[link\] [0-9]+: veth0 lladdr [0-9a-f:]+ mtu 1500 proxy_arp on neigh_retrans_ms 300$'
	'\[address\] veth0 10\.0\.1\.1/24 brd 10\.0\.1\.255 optimistic tentative$'
	'\[route\] 10\.0\.1\.0/24 dev veth0 proto kernel scope link src 10\.0\.1\.1'
	'\[address\] veth0 10\.0\.1\.1/24 brd 10\.0\.1\.255$'
	'\[neigh\] 10\.0\.1\.2 dev veth0 INCOMPLETE$'
	"\\[neigh\\] 10\\.0\\.1\\.2 dev veth0 lladdr $B_MAC REACHABLE$"
	'\[route\] 10\.5\.0\.0/16 via 10\.0\.1\.2 dev veth0'
	'\[route\] Deleted 10\.5\.0\.0/16 via 10\.0\.1\.2 dev veth0'
	"\\[neigh\\] Deleted 10\\.0\\.1\\.2 dev veth0 lladdr $B_MAC"
	'\[route\] Deleted 10\.0\.1\.0/24 dev veth0 proto kernel'
	'\[address\] Deleted veth0 10\.0\.1\.1/24'
	'\[link\] Deleted [0-9]+: veth0'
	'\[link\] [0-9]+: mon0 '
	'\[link\] [0-9]+: mon9 '
	'\[link\] Deleted [0-9]+: mon9 '
)
# shellcheck disable=SC2034 # in_order reads them
names=(
	"attach" "link set proxy_arp on" "a sysctl of the device written"
	"address added, optimistic" "its subnet's route"
	"DAD over: in use" "ARP entry made" "ARP entry resolved"
	"route added" "route deleted" "ARP entry deleted"
	"subnet route gone with the address" "address deleted" "detach"
	"mon0 attached" "renamed mon9" "mon9 detached"
)
in_order "$(events)" "" expect names

# -j neigh: only ARP entries, one JSON object per line
log "cnet -j monitor neigh:"
indent < "$monj"
match "$(grep -vc '"object":"neigh"' "$monj")" 0 "-j neigh: only ARP entries"
match_re "$(< "$monj")" \
	"\"object\":\"neigh\",\"event\":\"new\",\"data\":\\{\"dst\":\"10\\.0\\.1\\.2\",\"dev\":\"veth0\",\"lladdr\":\"$B_MAC\",\"state\":\"REACHABLE\"" \
	"-j: the resolved entry as neigh show -j"
match_re "$(< "$monj")" '"event":"deleted"' "-j: the deletion"
match "$(grep -cvE '^\{"time_us":[0-9]{16},"object"' "$monj")" 0 \
	"-t: each change with its time, in microseconds"

# another namespace's monitor heard nothing of A
match "$(tail -n +$((markb + 1)) "$monb")" "" "B's monitor saw none of A's changes"

out=$(cnet_a monitor bogus 2>&1)
match "$?" 2 "an unknown object: usage error (2)"
match_re "$out" 'unknown object "bogus"' "  and says which"
exit_test
