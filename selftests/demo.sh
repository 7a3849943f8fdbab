#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's demo (make demo runs it in the test VM): two hosts joined by
# a virtual Ethernet cable, one running cnet, the other the Linux stack,
# pinging each other. Every command that configures or tests something is
# shown before it runs. Exit status: non-zero if either ping fails.
set -u
cd "$(dirname "$0")/.." || exit 1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

CNET_NS=cnet-host
LINUX_NS=linux-host

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
}
trap cleanup EXIT

for f in module/cnet.ko tools/cnet tools/cnet-ping; do
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
	grep -E '^(rx_frames|tx_frames|arp_rx|arp_tx|ip_rx|ip_tx|icmp_echo_req_rx|icmp_echo_reply_tx) '

heading "Result"
if [ $linux_ping -eq 0 ] && [ $cnet_ping -eq 0 ]; then
	echo "Both pings were answered."
	exit 0
fi
[ $linux_ping -eq 0 ] || echo "Linux's ping to cnet FAILED (status $linux_ping)"
[ $cnet_ping -eq 0 ] || echo "cnet-ping to Linux FAILED (status $cnet_ping)"
exit 1
