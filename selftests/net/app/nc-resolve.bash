#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the cnet-nc and cnet-resolve selftests share (sourced after
# selftests/lib.sh; not a test itself: run-tests.sh runs only *.sh).
#
# Each check runs twice, in two tests: once with the tool on cnet against
# Linux (NN-nc-udp.sh, NN-resolve-dnsmasq.sh), once with its AF_INET build
# with Linux on both ends (NN-nc-inet.sh, NN-resolve-inet.sh): the second
# shows what the tool does on Linux's own sockets, so that a failure in the
# first one is cnet's.
#
#	app_setup cnet|inet	A (10.0.1.1) -- veth -- B (Linux, 10.0.1.2);
#				A on cnet, or on Linux for "inet". Sets NC
#				and RESOLVE to the build to use in A.
# shellcheck disable=SC2034 # variables for the tests that source this

app_setup() {
	case $1 in
	cnet)
		setup_pair
		NC=$REPO/tools/cnet-nc
		RESOLVE=$REPO/tools/cnet-resolve
		# Until cnet has UDP sockets there is nothing to test.
		ns_a /usr/bin/python3 -S -c 'import socket; socket.socket(19, socket.SOCK_DGRAM, 17)' \
			2>/dev/null || skip "no UDP sockets on cnet (AF_CUSTOM, SOCK_DGRAM)"
		;;
	inet)
		setup_ns A B
		ip link add veth0 netns "$A" type veth peer name veth1 netns "$B" ||
			die "cannot create the veth pair"
		linux_ns "$A" veth0 "$A_IP/24" || die "cannot set up Linux in $A"
		linux_ns "$B" veth1 "$B_IP/24" || die "cannot set up Linux in $B"
		busywait 5000 carrier_up "$B" veth1 || die "veth1 has no carrier"
		NC=$REPO/tools/cnet-nc-inet
		RESOLVE=$REPO/tools/cnet-resolve-inet
		;;
	esac
	if [ ! -x "$NC" ] || [ ! -x "$RESOLVE" ]; then
		skip "tools/cnet-nc or cnet-resolve is not built"
	fi
	# Every refusal must come back, however fast the checks go.
	ns_b sysctl -q -w net.ipv4.icmp_ratelimit=0
	TMP=$(mktemp -d)
	on_exit "rm -rf $TMP"
}

# udp_bound NS PORT: a Linux UDP socket in NS is bound to PORT.
udp_bound() { ip netns exec "$1" ss -Hnul "sport = :$2" | grep -q .; }

# elapsed_ms START: milliseconds since START (a now_ms value).
elapsed_ms() { echo $(( $(now_ms) - $1 )); }

# in_range VALUE LOW HIGH MSG: LOW <= VALUE <= HIGH. (The tests' upper
# bounds leave room for starting a process in an emulated VM, over a second
# there, but stay below what the run would take if the limit were ignored.)
in_range() {
	if [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; then
		pass "$4 ($1)"
	else
		fail "$4: $1 not in [$2, $3]"
	fi
}
