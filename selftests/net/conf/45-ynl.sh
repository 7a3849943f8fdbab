#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 120
#
# The netlink spec drives the module: the kernel's own ynl library (from
# the kernel source tree, CNET_KSRC, which selftests/check.sh passes) loads
# Documentation/netlink/specs/cnet.yaml, validates it against the kernel's
# schema, and with it dumps the addresses (as `cnet addr show` has them),
# adds a route (then in `cnet route show`) and asks for it, reads and sets
# the settings, reads every counter, dumps a UDP socket, gives veth0
# neighbour settings of its own (link-set; then in link-get and `cnet link
# show`), and gets the kernel's extack for values out of the policy's
# range (an ARP timer's too, and a device's) and the module's own for a
# multicast neighbour and for the table's size set on a device; it is
# subscribed to the "addr" group (as `ynl --subscribe addr`) and decodes
# the notifications of an address added and removed. One python process (ynl_drive.py) makes
# every call: a process costs a second in the emulated VM.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

[ -f "${CNET_KSRC:-/nonexistent}/tools/net/ynl/lib/ynl.py" ] ||
	skip "no kernel source tree with tools/net/ynl (CNET_KSRC)"
/usr/bin/python3 -c 'import yaml, jsonschema' 2>/dev/null ||
	skip "python3-yaml and python3-jsonschema are needed"

setup_pair

out=$(ns_a timeout 60 /usr/bin/python3 "$REPO/selftests/net/conf/ynl_drive.py" \
	"$CNET_KSRC" "$REPO" "$CNET" 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "ynl_drive.py: every check passed"
match "$(grep -c '^PASS' <<< "$out")" 20 "ynl_drive.py: 20 checks ran"

exit_test
