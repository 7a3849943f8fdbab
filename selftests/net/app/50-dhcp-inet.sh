#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# cnet-dhcp's protocol against a real server, both ends on the Linux stack:
# cnet-dhcp-inet (the same client on AF_INET, dry runs only: it prints the
# configuration it would make) in namespace C, dnsmasq in S. A lease is
# obtained by broadcast and what would be configured is printed (address
# and prefix, default route, resolv.conf with DNS and domain); the lease is
# renewed at T1 by unicast (dnsmasq's T1 sent short with option 58), and
# rebound at T2 by broadcast when the server's unicast is lost; SIGTERM
# with -x releases it (dnsmasq drops it from its lease file); a NAK when
# renewing (dnsmasq restarted, authoritative, on another range) sends the
# client back to INIT and to a lease in the new range; with no server, -1
# gives up after -t seconds with status 1, and at once when continued
# after being stopped (SIGSTOP) past -t. The address the dry run would
# configure is added by the test with ip(8), so that the unicast renewal
# has a source and the server's unicast reply a destination.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

DHCP=$REPO/tools/cnet-dhcp-inet
[ -x "$DHCP" ] || skip "tools/cnet-dhcp-inet is not built (make -C tools cnet-dhcp-inet)"
command -v dnsmasq > /dev/null || skip "dnsmasq is not installed"

setup_ns C S
ip link add veth0 netns "$C" type veth peer name veth1 netns "$S" ||
	die "cannot create the veth pair"
linux_ns "$S" veth1 10.0.2.1/24 || die "cannot set up $S"
ip -n "$C" link set veth0 up
busywait 5000 carrier_up "$C" veth0 || die "veth0 has no carrier"
C_MAC=$(mac_of "$C" veth0)

dir=$(mktemp -d)
on_exit "rm -rf $dir"
chmod 755 "$dir"

# dnsmasq_start FIRST LAST [ARGS...]: dnsmasq in S leasing FIRST..LAST/24
# for 2 min (its minimum) with T1 $T1 s and T2 $T2 s (default 3 and 5); its
# log in $dir/dnsmasq.log. (--no-ping: by default dnsmasq pings an address
# before it offers it, and holds the OFFER back 3 s for the echo that
# does not come; the client's DAD is what the test checks.)
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

# bound_addr FILE [N]: the address/prefix of the Nth BOUND line of FILE.
bound_addr() {
	sed -n 's/.*: BOUND \([0-9.]*\/[0-9]*\) .*/\1/p' "$1" | sed -n "${2:-1}p"
}
# a client the test stopped (kill -STOP) must go on to see the TERM at exit
client=
on_exit 'kill -CONT $client 2> /dev/null'

# ---- a lease, printed --------------------------------------------------------
dnsmasq_start 10.0.2.50 10.0.2.60
ip netns exec "$C" "$DHCP" -1 -t 20 -r "$dir/resolv.conf" veth0 \
	> "$dir/out" 2> "$dir/err"
match "$?" 0 "-1: exit status 0 once bound"
log "stderr:"
indent < "$dir/err"
addr=$(bound_addr "$dir/err")
match_re "$addr" '^10\.0\.2\.(5[0-9]|60)/24$' "leased an address of the range, /24"
match_re "$(< "$dir/err")" "^cnet-dhcp: veth0: BOUND ${addr//./\\.} via 10\\.0\\.2\\.1 lease 120s\$" \
	"the BOUND line: address, router, lease time"
match_re "$(< "$dir/out")" "^would: addr add ${addr//./\\.} dev veth0\$" \
	"would add the address"
match_re "$(< "$dir/out")" '^would: route replace default via 10\.0\.2\.1 dev veth0$' \
	"would add the default route via the router"
match_re "$(< "$dir/out")" "^would: write $dir/resolv.conf: search test\\.lan; nameserver 10\\.0\\.2\\.53;\$" \
	"would write DNS server and domain"
check_err "dry run: no file written" test -e "$dir/resolv.conf"
match_re "$(< "$dir/leases")" "$C_MAC ${addr%/*} " "dnsmasq holds the lease"
match_re "$(< "$dir/dnsmasq.log")" "DHCPDISCOVER\\(veth1\\) $C_MAC" "DISCOVER seen"
match_re "$(< "$dir/dnsmasq.log")" "broadcast response" \
	"answered by broadcast (BROADCAST flag)"

# ---- renewed at T1, released with -x ------------------------------------------
run_bg ip netns exec "$C" "$DHCP" -x -r "$dir/resolv.conf" veth0 \
	> "$dir/out" 2> "$dir/err"
client=$BG_PID
busywait 20000 file_has BOUND "$dir/err" || fail "no lease for the daemon"
# stopped until the address is there: the unicast renewal at T1 needs it
# as its source, however slow the VM
kill -STOP "$client"
addr=$(bound_addr "$dir/err")
ip -n "$C" addr add "$addr" dev veth0
acks=$(file_count DHCPACK "$dir/dnsmasq.log")
kill -CONT "$client"
wait_for 15000 '[ "$(file_count ": BOUND" "$dir/err")" -ge 2 ]' ||
	fail "not renewed"
match_re "$(< "$dir/err")" ': RENEWING$' "RENEWING at T1"
match "$(bound_addr "$dir/err" 2)" "$addr" "renewed: the same address"
# (dnsmasq logs from its main loop: the line may come after the packet)
wait_for 5000 '[ "$(file_count DHCPACK "$dir/dnsmasq.log")" -gt "$acks" ]' &&
	pass "dnsmasq ACKed the renewal" || fail "dnsmasq logged no ACK for the renewal"
match_re "$(grep -A12 "DHCPREQUEST(veth1) ${addr%/*}" "$dir/dnsmasq.log" | tail -n 12)" \
	"DHCPACK\\(veth1\\) ${addr%/*}" "the renewal ACKed"
# the server's unicast lost (a wrong MAC for it): rebind at T2 by broadcast
ip -n "$C" neigh replace 10.0.2.1 lladdr 02:00:00:00:00:99 dev veth0 nud permanent
# (a renewal already under way may still succeed: wait for what follows
# REBINDING)
busywait 40000 file_has_after REBINDING ": BOUND" "$dir/err" &&
	pass "REBINDING at T2, then BOUND" || fail "not rebound"
match "$(sed -n '/REBINDING/,$p' "$dir/err" | bound_addr /dev/stdin)" "$addr" \
	"rebound: the same address"
ip -n "$C" neigh del 10.0.2.1 dev veth0
kill -TERM "$client"
wait "$client"
match "$?" 0 "SIGTERM: clean exit"
match_re "$(< "$dir/err")" ': RELEASED$' "-x: RELEASED"
match_re "$(< "$dir/out")" "^would: addr del ${addr//./\\.} dev veth0\$" \
	"-x: would remove the address"
match_re "$(< "$dir/out")" '^would: route del default via 10\.0\.2\.1 dev veth0$' \
	"-x: would remove the route"
busywait 5000 file_has "DHCPRELEASE(veth1) ${addr%/*} $C_MAC" "$dir/dnsmasq.log" ||
	fail "dnsmasq saw no RELEASE"
wait_for 5000 '! file_has "$C_MAC" "$dir/leases"' &&
	pass "dnsmasq dropped the lease" || fail "the lease is still in dnsmasq's file"
ip -n "$C" addr del "$addr" dev veth0

# ---- NAK when renewing: back to INIT, a lease in the new range -------------
# The client is stopped once bound and goes on once the new server is up,
# so that its renewal at T1 (8 s) comes to the new server however slow the
# VM. (T1 is not shorter: a renewal sent the moment the new server had
# started was seen to go unanswered, and the NAK came only at T2.)
dnsmasq_stop
T1=8 T2=16 dnsmasq_start 10.0.2.50 10.0.2.60
run_bg ip netns exec "$C" "$DHCP" -r "$dir/resolv.conf" veth0 \
	> "$dir/out" 2> "$dir/err"
client=$BG_PID
busywait 20000 file_has BOUND "$dir/err" || fail "no lease before the NAK"
kill -STOP "$client"
addr=$(bound_addr "$dir/err")
ip -n "$C" addr add "$addr" dev veth0
dnsmasq_stop
rm -f "$dir/leases"
dnsmasq_start 10.0.2.100 10.0.2.110 --dhcp-authoritative
kill -CONT "$client"
busywait 40000 file_has ": NAK from" "$dir/err" || fail "no NAK"
ip -n "$C" addr del "$addr" dev veth0
wait_for 20000 '[ "$(file_count ": BOUND" "$dir/err")" -ge 2 ]' ||
	fail "no lease after the NAK"
log "stderr:"
indent < "$dir/err"
match_re "$(< "$dir/err")" ': NAK from 10\.0\.2\.1: ' "NAK logged with the server's message"
match_re "$(sed -n '/NAK from/,$p' "$dir/err")" ': INIT$' "NAK: back to INIT"
match_re "$(bound_addr "$dir/err" 2)" '^10\.0\.2\.1(0[0-9]|10)/24$' \
	"a new lease in the new range"
match_re "$(< "$dir/out")" "^would: addr del ${addr//./\\.} dev veth0\$" \
	"the NAKed address would be removed"
kill -TERM "$client"
wait "$client"
match_re "$(tail -n 1 "$dir/err")" 'exiting; the configuration stays' \
	"SIGTERM without -x: no release"
check_err "no RELEASE without -x" grep -q DHCPRELEASE "$dir/dnsmasq.log"

# ---- no server --------------------------------------------------------------------
dnsmasq_stop
start=$(now_ms)
ip netns exec "$C" "$DHCP" -1 -t 3 veth0 > "$dir/out" 2> "$dir/err"
match "$?" 1 "no server: -1 -t 3 fails with status 1"
elapsed=$(( $(now_ms) - start ))
match "$(( elapsed >= 3000 && elapsed < 15000 ))" 1 "after 3 s, not much more ($elapsed ms)"
match_re "$(< "$dir/err")" 'no lease after 3 s' "says why"
check_err "nothing would be configured" grep -q 'would: addr add' "$dir/out"

# ---- stopped past -t: the deadline is the clock's ---------------------------
# (a ppoll() interrupted by SIGSTOP starts again after SIGCONT with what
# was left of its timeout: the client gave up 3.5 s late here, until it
# woke up on SIGCONT to look at the clock)
run_bg ip netns exec "$C" "$DHCP" -1 -t 3 veth0 > "$dir/out" 2> "$dir/err"
client=$BG_PID
busywait 10000 file_has SELECTING "$dir/err" || fail "the client did not start"
kill -STOP "$client"
nap 3.5
kill -CONT "$client"
start=$(now_ms)
wait "$client"
rc=$?
elapsed=$(( $(now_ms) - start ))
match "$rc/$(( elapsed < 1500 ))" "1/1" \
	"stopped past -t 3: gives up once continued ($elapsed ms)"

# ---- command line -----------------------------------------------------------------
check_re "ip netns exec $C $DHCP 2>&1; echo status \$?" \
	'missing interface' "no interface: usage error"
check_re "ip netns exec $C $DHCP -t 0 veth0 2>&1; echo status \$?" \
	'status 2' "-t 0: usage error (status 2)"
check_re "ip netns exec $C $DHCP nosuchdev 2>&1; echo status \$?" \
	'unknown device "nosuchdev"' "unknown device"
exit_test
