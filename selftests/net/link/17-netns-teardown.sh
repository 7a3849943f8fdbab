#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Namespaces with cnet devices and addresses are created and destroyed 6
# times (20 with SOAK=1, or ROUNDS), in varying orders, each twice: the cnet side first, the Linux side first (its
# veth takes the cnet device with it), or after a detach. Nothing may leak
# (kmemleak and the reference trackers are checked by the runner) and the
# module's reference count must come back.
# timeout: 600
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

if [ "${SOAK:-0}" = 1 ]; then
	rounds=${ROUNDS:-20}
else
	rounds=${ROUNDS:-6}
fi
refcnt() { cat /sys/module/cnet/refcnt; }
ref0=$(refcnt)

for i in $(seq "$rounds"); do
	X=; Y=
	setup_ns X Y
	ip link add veth0 netns "$X" type veth peer name veth1 netns "$Y" ||
		die "round $i: cannot create the veth pair"
	cnet_ns "$X" veth0 10.0.1.1/24 || fail "round $i: cnet setup failed"
	linux_ns "$Y" veth1 10.0.1.2/24
	# Some state to tear down: ARP entries both ways, counters.
	in_ns "$Y" ping -c 1 -W 2 10.0.1.1 > /dev/null ||
		fail "round $i: no ping reply"
	case $((i % 3)) in
	0) ip netns del "$X"; ip netns del "$Y" ;;
	1) ip netns del "$Y"; ip netns del "$X" ;;
	2) in_ns "$X" "$CNET" link detach veth0 ||
		fail "round $i: detach failed"
	   ip netns del "$X"; ip netns del "$Y" ;;
	esac
	NS_LIST=()
done
pass "$rounds namespaces with cnet devices created and destroyed"

wait_for 20000 'test "$(refcnt)" = "$ref0"'
check refcnt "$ref0" "the module's reference count came back"
# A net device still referenced when its namespace goes makes the kernel
# say "unregister_netdevice: waiting for veth0" after 10 s: give it time
# to, so the runner sees it.
sleep 11
exit_test
