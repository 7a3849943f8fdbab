#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The first demo (make demo-ping runs it in the test VM): two hosts joined
# by a virtual Ethernet cable, one running cnet, the other the Linux stack,
# pinging each other; then the cnet host becomes a router between the Linux
# host and a third one, and traceroute runs across it both ways. Every
# command that configures or tests something is shown before it runs.
# Exit status: non-zero if either ping fails.
set -u
cd "$(dirname "$0")/.." || exit 1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

CNET_NS=cnet-host
LINUX_NS=linux-host
FAR_NS=far-host

heading() { printf '\n=== %s ===\n' "$*"; }
# on NS CMD...: show "NS# CMD" and run CMD in namespace NS ("" = the VM).
on() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then
		echo "[$ns]# $*"
		ip netns exec "$ns" "$@"
	else
		echo "# $*"
		"$@"
	fi
}

cleanup() {
	ip netns del "$CNET_NS" 2>/dev/null
	ip netns del "$LINUX_NS" 2>/dev/null
	ip netns del "$FAR_NS" 2>/dev/null
}
trap cleanup EXIT

for f in module/cnet.ko tools/cnet tools/cnet-ping tools/cnet-traceroute; do
	[ -e "$f" ] || { echo "demo: $f is not built (make)"; exit 1; }
done

heading "Load the cnet module"
if [ -d /sys/module/cnet ]; then
	echo "(already loaded)"
else
	on "" insmod module/cnet.ko || exit 1
fi

heading "Two hosts: '$CNET_NS' runs cnet, '$LINUX_NS' runs Linux"
cleanup
on "" ip netns add "$CNET_NS"
on "" ip netns add "$LINUX_NS"
on "" ip link add veth0 netns "$CNET_NS" type veth peer name veth1 netns "$LINUX_NS"

heading "Configure cnet on $CNET_NS (with tools/cnet)"
on "$CNET_NS" ip link set veth0 up
on "$CNET_NS" tools/cnet link attach veth0 || exit 1
on "$CNET_NS" tools/cnet addr add 10.0.1.1/24 dev veth0 nodad || exit 1

heading "Configure Linux on $LINUX_NS (with ip)"
on "$LINUX_NS" ip addr add 10.0.1.2/24 dev veth1
on "$LINUX_NS" ip link set veth1 up
# The veth's carrier comes up when both ends are up.
for _ in $(seq 50); do
	[ "$(ip netns exec "$LINUX_NS" cat /sys/class/net/veth1/carrier)" = 1 ] && break
	sleep 0.1
done

heading "What cnet runs on"
on "$CNET_NS" tools/cnet link show
on "$CNET_NS" tools/cnet addr show

heading "Linux pings cnet"
on "$LINUX_NS" ping -c 3 10.0.1.1
linux_ping=$?

heading "cnet pings Linux"
on "$CNET_NS" tools/cnet-ping -c 3 10.0.1.2
cnet_ping=$?

heading "cnet's ARP cache"
on "$CNET_NS" tools/cnet neigh show

heading "A few of cnet's counters"
echo "[$CNET_NS]# tools/cnet stats   (some of them)"
ip netns exec "$CNET_NS" tools/cnet stats |
	grep -E '^(eth_rx|eth_tx|arp_rx|arp_tx|ip_rx|ip_tx|icmp_echo_req_rx|icmp_echo_reply_tx) '

heading "cnet as a router: $LINUX_NS -- $CNET_NS -- $FAR_NS"
on "" ip netns add "$FAR_NS"
on "" ip link add veth2 netns "$CNET_NS" type veth peer name veth3 netns "$FAR_NS"
on "$CNET_NS" ip link set veth2 up
on "$CNET_NS" tools/cnet link attach veth2 || exit 1
on "$CNET_NS" tools/cnet addr add 10.0.2.1/24 dev veth2 nodad || exit 1
on "$CNET_NS" tools/cnet forwarding on || exit 1
on "$FAR_NS" ip addr add 10.0.2.2/24 dev veth3
on "$FAR_NS" ip link set veth3 up
on "$FAR_NS" ip route add default via 10.0.2.1
on "$LINUX_NS" ip route add default via 10.0.1.1
for _ in $(seq 50); do
	[ "$(ip netns exec "$FAR_NS" cat /sys/class/net/veth3/carrier)" = 1 ] && break
	sleep 0.1
done
on "$CNET_NS" tools/cnet route show
on "$CNET_NS" tools/cnet route get 10.0.2.2

heading "Linux pings the far host through the cnet router"
on "$LINUX_NS" ping -c 3 10.0.2.2
routed_ping=$?

heading "traceroute across cnet: Linux's from $LINUX_NS, cnet's from $CNET_NS"
on "$LINUX_NS" traceroute -n -q 1 -w 2 10.0.2.2
on "$CNET_NS" tools/cnet-traceroute -I -n -q 1 -w 2 10.0.2.2
on "$LINUX_NS" ping -c 1 -t 1 10.0.2.2
echo "(TTL 1: the cnet router answers with ICMP time exceeded)"

heading "The router's forwarding counters"
echo "[$CNET_NS]# tools/cnet stats   (some of them)"
ip netns exec "$CNET_NS" tools/cnet stats |
	grep -E '^(fwd_tx|fwd_drop_ttl|icmp_time_exceeded_tx) '

heading "Result"
if [ $linux_ping -eq 0 ] && [ $cnet_ping -eq 0 ] && [ $routed_ping -eq 0 ]; then
	echo "All pings were answered, directly and through the cnet router."
	exit 0
fi
[ $linux_ping -eq 0 ] || echo "Linux's ping to cnet FAILED (status $linux_ping)"
[ $cnet_ping -eq 0 ] || echo "cnet-ping to Linux FAILED (status $cnet_ping)"
[ $routed_ping -eq 0 ] || echo "ping through the cnet router FAILED (status $routed_ping)"
exit 1
