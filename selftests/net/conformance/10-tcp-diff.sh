#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
# subtests: tap
#
# The differential conformance harness (selftests/conformance/README.rst):
# every scenario of selftests/conformance/scenarios.py is played against a
# Linux endpoint and a cnet endpoint, and what each sends back must match
# field by field (or, where cnet deliberately differs, meet the RFC). Each
# scenario is a TAP line of its own (run-tests.sh reads "# subtests: tap").
#
#   L (Linux, l0 10.0.1.1) --veth-- tl  T (testbench)  tc --veth-- C (cnet, c0 10.0.1.1)
#
# T has no address: the testbench plays 10.0.1.2 from packet sockets on tl
# and tc, and the DUTs reach it through a static neighbour entry. Extra
# arguments (scenario names, or parts of them) run only those.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

/usr/bin/python3 -c 'import ctypes' 2> /dev/null || skip "no /usr/bin/python3"
setup_ns T C L
ip link add c0 netns "$C" type veth peer name tc netns "$T" ||
	die "cannot create the veth pair C-T"
ip link add l0 netns "$L" type veth peer name tl netns "$T" ||
	die "cannot create the veth pair L-T"
for d in tc tl; do ip -n "$T" link set "$d" up || die "cannot set $d up in $T"; done
cnet_ns "$C" c0 10.0.1.1/24 || die "cannot set up cnet in $C"
linux_ns "$L" l0 10.0.1.1/24 || die "cannot set up Linux in $L"
TC_MAC=$(mac_of "$T" tc)
TL_MAC=$(mac_of "$T" tl)
C_MAC=$(mac_of "$C" c0)
L_MAC=$(mac_of "$L" l0)
ip netns exec "$C" "$CNET" neigh add 10.0.1.2 lladdr "$TC_MAC" dev c0 ||
	die "no neighbour entry for the testbench in cnet"
ip -n "$L" neigh replace 10.0.1.2 lladdr "$TL_MAC" dev l0 nud permanent ||
	die "no neighbour entry for the testbench in Linux"
busywait 5000 carrier_up "$T" tc || die "tc has no carrier"
busywait 5000 carrier_up "$T" tl || die "tl has no carrier"

t0=$(now_ms)
/usr/bin/python3 "$REPO/selftests/conformance/conformance.py" "$T" \
	"$L,l0,tl,$L_MAC,$TL_MAC" "$C,c0,tc,$C_MAC,$TC_MAC" "$@"
rc=$?
log "the driver ran for $(( $(now_ms) - t0 )) ms"
match "$rc" 0 "every scenario: cnet as Linux (or as the RFC where it differs)"
exit_test
