#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# cnet-dhcp on cnet, against dnsmasq on a Linux peer: namespace C runs cnet
# on veth0 (attached, no address), S runs Linux and dnsmasq on veth1. A
# lease is obtained and configured through cnet's netlink: the address
# (after duplicate address detection) in "cnet addr show", the default
# route in "cnet route show", DNS server and domain in the -r file; Linux
# pings the leased address. The lease is renewed at T1 (dnsmasq's T1 sent
# short with option 58), rebound at T2 by broadcast when the server's
# unicast is lost (a static ARP entry with a wrong MAC for the server),
# and -x on SIGTERM releases it (dnsmasq drops it)
# and removes the address, the route and the file. A NAK when renewing
# (dnsmasq restarted, authoritative, on another range) removes the old
# address and gets one in the new range. An address in use (S holds it;
# dnsmasq never pings before offering) fails DAD and is DECLINEd. No
# server: -1 -t fails, nothing configured.
#
# Needs UDP sockets on AF_CUSTOM (bind 0.0.0.0:68, SO_BINDTODEVICE,
# SO_BROADCAST, broadcast from a device with no address): skipped without.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

DHCP=$REPO/tools/cnet-dhcp
[ -x "$DHCP" ] || skip "tools/cnet-dhcp is not built"
command -v dnsmasq > /dev/null || skip "dnsmasq is not installed"
/usr/bin/python3 -S -c 'import socket; socket.socket(19, socket.SOCK_DGRAM, 17).close()' \
	2> /dev/null || skip "no UDP sockets on AF_CUSTOM in this module"

setup_ns C S
ip link add veth0 netns "$C" type veth peer name veth1 netns "$S" ||
	die "cannot create the veth pair"
linux_ns "$S" veth1 10.0.2.1/24 || die "cannot set up $S"
ip -n "$C" link set veth0 up
ip netns exec "$C" "$CNET" link attach veth0 || die "cannot attach veth0 to cnet"
fast_dad "$C" || die "cannot shorten duplicate address detection in $C"
busywait 5000 carrier_up "$C" veth0 || die "veth0 has no carrier"
C_MAC=$(mac_of "$C" veth0)
cnet_c() { cnet_in "$C" "$@"; }

dir=$(mktemp -d)
on_exit "rm -rf $dir"
chmod 755 "$dir"
RESOLV=$dir/run/resolv.conf	# its directory is made by cnet-dhcp

# dnsmasq_start FIRST LAST [ARGS...]: as in 50-dhcp-inet (--no-ping: no
# OFFER held back 3 s for dnsmasq's own check).
dnsmasq_start() {
	local first=$1 last=$2
	shift 2
	: > "$dir/dnsmasq.log"
	run_bg ip netns exec "$S" dnsmasq --no-daemon --port=0 \
		--interface=veth1 --bind-interfaces --no-resolv --no-hosts \
		--log-dhcp --dhcp-leasefile="$dir/leases" --no-ping \
		--dhcp-range="$first,$last,255.255.255.0,2m" \
		--dhcp-option=3,10.0.2.1 --dhcp-option=6,10.0.2.53 \
		--dhcp-option=15,test.lan \
		--dhcp-option=58,"${T1:-3}" --dhcp-option=59,"${T2:-5}" "$@" \
		> "$dir/dnsmasq.log" 2>&1
	DNSMASQ=$BG_PID
	busywait 10000 file_has "DHCP, IP range" "$dir/dnsmasq.log" ||
		die "dnsmasq did not start: $(< "$dir/dnsmasq.log")"
}
dnsmasq_stop() { kill "$DNSMASQ" 2>/dev/null; wait "$DNSMASQ" 2>/dev/null; }
bound_addr() {
	sed -n 's/.*: BOUND \([0-9.]*\/[0-9]*\) .*/\1/p' "$1" | sed -n "${2:-1}p"
}
# a client the test stopped (kill -STOP) must go on to see the TERM at exit
client=
on_exit 'kill -CONT $client 2> /dev/null'

# ---- a lease, configured -----------------------------------------------------
dnsmasq_start 10.0.2.50 10.0.2.60
log "cnet-dhcp -1"
timeout 90 ip netns exec "$C" "$DHCP" -v -1 -t 30 -r "$RESOLV" veth0 > "$dir/out" 2> "$dir/err"
match "$?" 0 "-1: exit status 0 once bound"
log "stderr:"
indent < "$dir/err"
log "dnsmasq:"
grep -E "DHCP[A-Z]+\(" "$dir/dnsmasq.log" | indent
addr=$(bound_addr "$dir/err")
match_re "$addr" '^10\.0\.2\.(5[0-9]|60)/24$' "leased an address of the range, /24"
match_re "$(< "$dir/err")" ': CHECKING 10\.0\.2\.[0-9]+ \(duplicate address detection\)$' \
	"the address was checked first"
check_re 'cnet_c addr show dev veth0' "^veth0 ${addr//./\\.} brd 10\\.0\\.2\\.255\$" \
	"cnet addr show: the address, not tentative"
check_re 'cnet_c route show' '^default via 10\.0\.2\.1 dev veth0' \
	"cnet route show: default via the router"
check_re "cat $RESOLV" '^nameserver 10\.0\.2\.53$' "resolv.conf: nameserver"
check_re "cat $RESOLV" '^search test\.lan$' "resolv.conf: search domain"
check_ok "Linux pings the leased address" ip netns exec "$S" ping -c 1 -W 2 "${addr%/*}"

# ---- the same again as a daemon: renewed at T1, released with -x ----------------
run_bg ip netns exec "$C" "$DHCP" -x -r "$RESOLV" veth0 > "$dir/out" 2> "$dir/err"
client=$BG_PID
busywait 30000 file_has ": BOUND" "$dir/err" || fail "no lease for the daemon"
match "$(bound_addr "$dir/err")" "$addr" "the daemon gets the same lease"
acks=$(file_count DHCPACK "$dir/dnsmasq.log")
wait_for 20000 '[ "$(file_count ": BOUND" "$dir/err")" -ge 2 ]' || fail "not renewed"
match_re "$(< "$dir/err")" ': RENEWING$' "RENEWING at T1"
# (dnsmasq logs from its main loop: the line may come after the packet)
wait_for 5000 '[ "$(file_count DHCPACK "$dir/dnsmasq.log")" -gt "$acks" ]' &&
	pass "dnsmasq ACKed the renewal" || fail "dnsmasq logged no ACK for the renewal"
# the server's unicast lost (a wrong MAC for it): rebind at T2 by broadcast
cnet_c neigh add 10.0.2.1 lladdr 02:00:00:00:00:99 dev veth0
# (a renewal already under way may still succeed: wait for what follows
# REBINDING)
busywait 40000 file_has_after REBINDING ": BOUND" "$dir/err" &&
	pass "REBINDING at T2, then BOUND" || fail "not rebound"
match "$(sed -n '/REBINDING/,$p' "$dir/err" | bound_addr /dev/stdin)" "$addr" \
	"rebound: the same address"
cnet_c neigh del 10.0.2.1 dev veth0
kill -TERM "$client"
wait "$client"
match "$?" 0 "SIGTERM: clean exit"
match_re "$(< "$dir/err")" ': RELEASED$' "-x: RELEASED"
busywait 5000 file_has "DHCPRELEASE(veth1) ${addr%/*} $C_MAC" "$dir/dnsmasq.log" &&
	pass "dnsmasq got the RELEASE" || fail "dnsmasq saw no RELEASE"
wait_for 5000 '! file_has "$C_MAC" "$dir/leases"' &&
	pass "dnsmasq dropped the lease" || fail "the lease is still in dnsmasq's file"
check "cnet_c addr show dev veth0" "" "-x: the address is gone"
check_err "-x: the default route is gone" eval 'cnet_c route show | grep -q ^default'
check_err "-x: the resolv.conf is gone" test -e "$RESOLV"

# ---- NAK when renewing: back to INIT, a lease in the new range -------------
# The client is stopped once bound and goes on once the new server is up,
# so that its renewal at T1 (8 s) comes to the new server however slow the
# VM. (T1 is not shorter: a renewal sent the moment the new server had
# started was seen to go unanswered, and the NAK came only at T2.)
dnsmasq_stop
T1=8 T2=16 dnsmasq_start 10.0.2.50 10.0.2.60
run_bg ip netns exec "$C" "$DHCP" -r "$RESOLV" veth0 > "$dir/out" 2> "$dir/err"
client=$BG_PID
busywait 30000 file_has ": BOUND" "$dir/err" || fail "no lease before the NAK"
kill -STOP "$client"
addr=$(bound_addr "$dir/err")
dnsmasq_stop
rm -f "$dir/leases"
dnsmasq_start 10.0.2.100 10.0.2.110 --dhcp-authoritative
kill -CONT "$client"
busywait 40000 file_has ": NAK from" "$dir/err" || fail "no NAK"
wait_for 30000 '[ "$(file_count ": BOUND" "$dir/err")" -ge 2 ]' ||
	fail "no lease after the NAK"
log "stderr:"
indent < "$dir/err"
new=$(bound_addr "$dir/err" 2)
match_re "$new" '^10\.0\.2\.1(0[0-9]|10)/24$' "a new lease in the new range"
check_re 'cnet_c addr show dev veth0' "^veth0 ${new//./\\.} brd" "the new address configured"
check_err "the NAKed address is gone" eval "cnet_c addr show dev veth0 | grep -q '${addr%/*}/'"
kill -TERM "$client"
wait "$client"
check_re 'cnet_c addr show dev veth0' "^veth0 ${new//./\\.} brd" \
	"SIGTERM without -x: the configuration stays"
cnet_c route del default via 10.0.2.1 dev veth0
cnet_c addr del "$new" dev veth0

# ---- an address in use: DAD fails, DECLINE ------------------------------------------
dnsmasq_stop
rm -f "$dir/leases"
ip -n "$S" addr add 10.0.2.70/24 dev veth1
dnsmasq_start 10.0.2.70 10.0.2.70
stats_save "$C"
# (-t 4: the DECLINE comes within a second, even in an emulated VM, and a
# second try would start only 10 s after it, RFC 2131 3.1.5)
timeout 90 ip netns exec "$C" "$DHCP" -1 -t 4 -r "$RESOLV" veth0 > "$dir/out" 2> "$dir/err"
match "$?" 1 "the only address is in use: no lease, status 1"
log "stderr:"
indent < "$dir/err"
match_re "$(< "$dir/err")" ': 10\.0\.2\.70 is in use: DECLINE$' "DAD failed: DECLINE"
match_re "$(< "$dir/dnsmasq.log")" "DHCPDECLINE\\(veth1\\) 10\\.0\\.2\\.70 $C_MAC" \
	"dnsmasq got the DECLINE"
match "$(( $(stat_delta arp_dad_failed) >= 1 ))" 1 "cnet counted the DAD failure"
check "cnet_c addr show dev veth0" "" "the declined address is removed"
ip -n "$S" addr del 10.0.2.70/24 dev veth1

# ---- no server ----------------------------------------------------------------------
dnsmasq_stop
timeout 90 ip netns exec "$C" "$DHCP" -1 -t 3 -r "$RESOLV" veth0 > "$dir/out" 2> "$dir/err"
match "$?" 1 "no server: status 1 after -t 3"
match_re "$(< "$dir/err")" 'no lease after 3 s' "says why"
check "cnet_c addr show dev veth0" "" "nothing configured"
exit_test
