#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Forwarding rate of a cnet router next to a Linux router, in the same VM
# run: S (Linux sender) -- R -- D (Linux sink), once with R on the Linux
# stack and once on cnet, the same 64-byte UDP flood (selftests/progs/
# udpflood, sendmmsg in batches of 64) through each. The datagrams go to a
# prefix R routes to D; D, not a router, drops them silently, and its
# device's rx_packets counter tells how many R forwarded. A benchmark, not
# a test: it prints packets per second and the ratio cnet/Linux.
set -u
cd "$(dirname "$0")/../.." || exit 1

SECS=${SECS:-5}
ROUNDS=${ROUNDS:-3}
NS=(fl_s fl_r fl_d fc_s fc_r fc_d)
cleanup() { for n in "${NS[@]}"; do ip netns del "$n" 2>/dev/null; done; }
trap cleanup EXIT

lsmod | grep -q '^cnet ' || insmod "${CNET_KO:-module/cnet.ko}" || exit 1
make -s -C selftests/progs >/dev/null || exit 1
for n in "${NS[@]}"; do ip netns add "$n" || exit 1; done

# topo PREFIX: S -- R -- D in namespaces PREFIX_s/_r/_d; R left bare.
topo() {
	local p=$1
	ip link add s0 netns "${p}_s" type veth peer name r0 netns "${p}_r"
	ip link add r1 netns "${p}_r" type veth peer name d0 netns "${p}_d"
	ip -n "${p}_s" addr add 10.7.1.2/24 dev s0
	ip -n "${p}_s" link set s0 up
	ip -n "${p}_s" route add default via 10.7.1.1
	ip -n "${p}_d" addr add 10.7.2.2/24 dev d0
	ip -n "${p}_d" link set d0 up
	ip -n "${p}_r" link set r0 up
	ip -n "${p}_r" link set r1 up
}
topo fl
ip -n fl_r addr add 10.7.1.1/24 dev r0
ip -n fl_r addr add 10.7.2.1/24 dev r1
ip netns exec fl_r sysctl -qw net.ipv4.ip_forward=1
ip -n fl_r route add 10.9.9.0/24 via 10.7.2.2
topo fc
cnet() { ip netns exec fc_r tools/cnet "$@"; }
cnet link attach r0 && cnet link attach r1 &&
	cnet addr add 10.7.1.1/24 dev r0 && cnet addr add 10.7.2.1/24 dev r1 &&
	cnet forwarding on && cnet route add 10.9.9.0/24 via 10.7.2.2 || exit 1
sleep 2		# carriers up, addresses announced

rx() { ip netns exec "$1" cat /sys/class/net/d0/statistics/rx_packets; }

# run PREFIX -> forwarded packets per second
run() {
	local p=$1 before after
	# warm up: ARP on both sides
	ip netns exec "${p}_s" selftests/progs/udpflood 10.9.9.9 9 0.5 >/dev/null
	before=$(rx "${p}_d")
	ip netns exec "${p}_s" selftests/progs/udpflood 10.9.9.9 9 "$SECS" >/dev/null ||
		return 1
	sleep 0.2
	after=$(rx "${p}_d")
	awk -v n=$((after - before)) -v s="$SECS" 'BEGIN { printf "%d", n / s }'
}

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
lin=() cn=()
for _ in $(seq "$ROUNDS"); do
	lin+=("$(run fl)") || exit 1
	cn+=("$(run fc)") || exit 1
done
l=$(echo "${lin[*]}" | median)
c=$(echo "${cn[*]}" | median)
echo "forward-pps: 64-byte UDP through a router, ${SECS}s x $ROUNDS rounds, median"
echo "  Linux router: $l pps   (runs: ${lin[*]})"
echo "  cnet router:  $c pps   (runs: ${cn[*]})"
awk -v c="$c" -v l="$l" 'BEGIN { printf "  ratio cnet/Linux: %.2f\n", (l ? c / l : 0) }'
ip netns exec fc_r tools/cnet stats | grep -E '^fwd_tx|mem_drop_nomem|neigh_drop_queue_full|eth_drop_tx'
