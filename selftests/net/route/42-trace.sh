#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet trace: a routed ping, step by step, as the router R saw it. C (Linux,
# 10.1.1.2) pings S (Linux, 10.1.2.2) through R (cnet, forwarding); cnet
# trace in R prints the request received on r0, forwarded to r1 with the TTL
# one lower, S's ARP entry made, the ARP request sent, the entry resolved,
# the request sent to S's MAC; then the reply the same way back to C, and
# the counters that moved. A ping from R itself shows its route lookup.
# "host" keeps to the events naming an address. A tracer in another
# namespace sees none of it; the tracer's trace instance is gone once it
# ends; a bad event is a usage error.
# timeout: 90
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

C_IP=10.1.1.2
R1_IP=10.1.1.1
R2_IP=10.1.2.1
S_IP=10.1.2.2
setup_ns C R S
ip link add c0 netns "$C" type veth peer name r0 netns "$R" &&
	ip link add r1 netns "$R" type veth peer name s0 netns "$S" ||
	die "cannot create the veth pairs"
cnet_ns "$R" r0 "$R1_IP/24" && cnet_ns "$R" r1 "$R2_IP/24" ||
	die "cannot set up cnet in R"
linux_ns "$C" c0 "$C_IP/24" && linux_ns "$S" s0 "$S_IP/24" ||
	die "cannot set up Linux in C and S"
ip -n "$C" route add default via "$R1_IP" &&
	ip -n "$S" route add default via "$R2_IP" || die "no default routes"
in_ns "$R" "$CNET" forwarding on || die "cannot turn forwarding on"
busywait 5000 carrier_up "$C" c0 && busywait 5000 carrier_up "$S" s0 ||
	die "no carrier"
C_MAC=$(mac_of "$C" c0)
S_MAC=$(mac_of "$S" s0)
TRACEFS=/sys/kernel/tracing

out=$(mktemp) other=$(mktemp) hostonly=$(mktemp)
on_exit "rm -f $out $other $hostonly"
# "ip netns exec" execs: the pid is the tracer's, which names its instance
run_bg ip netns exec "$R" "$CNET" trace -t 60 > "$out" 2>&1
tracer=$BG_PID
run_bg ip netns exec "$S" "$CNET" trace -t 60 > "$other" 2>&1
tracer2=$BG_PID
run_bg ip netns exec "$R" "$CNET" trace -t 60 host "$R2_IP" > "$hostonly" 2>&1
tracer3=$BG_PID
# shellcheck disable=SC2317 # called through busywait
tracing() {	# no process: each costs about a second in the VM
	local f=$TRACEFS/instances/cnet-$1/events/cnet/cnet_count/enable v=
	[ -r "$f" ] && read -r v < "$f" && [ "$v" = 1 ]
}
log "tracefs: $(grep -c tracefs /proc/mounts) mount(s)"
busywait 20000 tracing "$tracer" || die "cnet trace did not start: $(< "$out")"
busywait 20000 tracing "$tracer2" || die "the second cnet trace did not start"
busywait 20000 tracing "$tracer3" || die "the third cnet trace did not start"

check_ok "C pings S through R" in_ns "$C" ping -c 1 -W 3 "$S_IP"
check_ok "R pings S" in_ns "$R" "$CNET_PING" -c 1 -W 3 "$S_IP"
kill -INT "$tracer" "$tracer2" "$tracer3"
wait "$tracer"
match "$?" 0 "cnet trace ends on SIGINT with status 0"
wait "$tracer2" "$tracer3"
log "cnet trace in R:"
indent < "$out"

# each expected event, in this order
re_ip='[0-9.]+'
# shellcheck disable=SC2034 # in_order reads them
expect=(
	"count +ip_rx\$"
	"rx +dev=r0 10\\.1\\.1\\.2 > 10\\.1\\.2\\.2 proto=1 len=84 ttl=64\$"
	"forward +10\\.1\\.1\\.2 > 10\\.1\\.2\\.2 from r0 to r1 nexthop=10\\.1\\.2\\.2 ttl=63\$"
	"count +fwd_tx\$"
	"neigh +ifindex=[0-9]+ 10\\.1\\.2\\.2 lladdr=00:00:00:00:00:00 state=INCOMPLETE\$"
	"xmit +dev=r1 to ff:ff:ff:ff:ff:ff ethertype=0x0806 len=28 10\\.1\\.2\\.1 > 10\\.1\\.2\\.2\$"
	"neigh +ifindex=[0-9]+ 10\\.1\\.2\\.2 lladdr=$S_MAC state=REACHABLE\$"
	"xmit +dev=r1 to $S_MAC ethertype=0x0800 len=84 10\\.1\\.1\\.2 > 10\\.1\\.2\\.2\$"
	"rx +dev=r1 10\\.1\\.2\\.2 > 10\\.1\\.1\\.2 proto=1 len=84 ttl=64\$"
	"forward +10\\.1\\.2\\.2 > 10\\.1\\.1\\.2 from r1 to r0 nexthop=10\\.1\\.1\\.2 ttl=63\$"
	"xmit +dev=r0 to $C_MAC ethertype=0x0800 len=84 10\\.1\\.2\\.2 > 10\\.1\\.1\\.2\$"
	"route +to 10\\.1\\.2\\.2 via route /24 type=[0-9]+ dev=r1 nexthop=10\\.1\\.2\\.2 src=10\\.1\\.2\\.1 err=0\$"
	"xmit +dev=r1 to $S_MAC ethertype=0x0800 len=84 10\\.1\\.2\\.1 > 10\\.1\\.2\\.2\$"
	"rx +dev=r1 10\\.1\\.2\\.2 > 10\\.1\\.2\\.1 proto=1 len=84 ttl=64\$"
)
# shellcheck disable=SC2034 # in_order reads them
names=(
	"counted: ip_rx" "the request received on r0" "forwarded, TTL 63"
	"counted: fwd_tx" "S's ARP entry made" "the ARP request broadcast"
	"S resolved" "the request sent to S" "the reply received on r1"
	"the reply forwarded" "the reply sent to C"
	"R's own ping: the route lookup" "R's ping sent to S" "S's reply to R"
)
in_order "$(< "$out")" " *[0-9]+\\.[0-9]{6} " expect names
match_re "$(head -n1 "$out")" "^ *0\\.000000 " "times count from the first event"
match "$(grep -c "netns=" "$out")" 0 "the namespace is not repeated on each line"
match "$(grep -cE "$re_ip > $re_ip|count" "$other")" 0 \
	"a tracer in S's namespace saw none of R's events"
[ -e "$TRACEFS/instances/cnet-$tracer" ]
match "$?" 1 "the trace instance was removed"

log "cnet trace host $R2_IP in R:"
indent < "$hostonly"
match "$(grep -cv "10\\.1\\.2\\.1\\b" "$hostonly")" 0 "host: only events naming $R2_IP"
match_re "$(< "$hostonly")" "route +to 10\\.1\\.2\\.2 .* src=10\\.1\\.2\\.1 err=0" \
	"host: R's route lookup"
match "$(grep -c "forward" "$hostonly")" 0 "host: not C's forwarded ping"

out2=$(in_ns "$R" "$CNET" trace bogus 2>&1)
match "$?" 2 "an unknown event: usage error (2)"
match_re "$out2" 'unknown event "bogus"' "  and says which"
exit_test
