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
# A net device still referenced when its namespace goes holds up the
# kernel's namespace cleanup (one work item, one batch of namespaces at a
# time) in unregister_netdevice, which says "waiting for veth0" after 10 s.
# Rather than sleep past that: two namespaces more go, one after the
# other, each with a veth whose peer is in a third one; a peer goes when
# its namespace's cleanup unregisters it. The second's cleanup starts only
# once the batch of the first, and every namespace deleted before it, is
# done, their devices freed: then nothing was left referenced (a device
# that stays so keeps it waiting, and the kernel says so meanwhile).
# shellcheck disable=SC2317 # called by busywait
gone() { ! ip -n "$1" link show dev "$2" > /dev/null 2>&1; }
setup_ns P1 P2 Q
ip link add veth0 netns "$P1" type veth peer name q1 netns "$Q" &&
	ip link add veth0 netns "$P2" type veth peer name q2 netns "$Q" ||
	die "cannot create the probes' veth pairs"
ip netns del "$P1"
if busywait 30000 gone "$Q" q1; then
	pass "the first probe namespace is cleaned up"
else
	fail "the first probe namespace is not cleaned up within 30 s"
fi
ip netns del "$P2"
if busywait 30000 gone "$Q" q2; then
	pass "the second one too: every namespace's devices were freed"
else
	fail "the second probe namespace is not cleaned up within 30 s"
fi
exit_test
