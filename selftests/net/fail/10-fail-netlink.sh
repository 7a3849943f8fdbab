#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Every allocation a netlink request makes in cnet's code, failed in turn
# with the kernel's fault injection (failslab and fail_page_alloc through
# /proc/thread-self/fail-nth, limited to cnet's call chains: faults.py):
# attaching a device, adding an address, a route and a static neighbour,
# detaching a device that has them, and the requests that read (route-get,
# conf-get, stats-get: a dump's replies are netlink's allocations, not
# cnet's). Each failure must come back as ENOMEM or ENOBUFS with nothing
# left half done, and the kernel log must stay clean (KASAN, lockdep,
# kmemleak: run-tests.sh reads it). The requests are made by the kernel's
# ynl library (fail_netlink.py) from the kernel source tree (CNET_KSRC,
# which selftests/check.sh passes).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

[ -e /proc/self/fail-nth ] || skip "the kernel has no CONFIG_FAULT_INJECTION"
[ -f "${CNET_KSRC:-/nonexistent}/tools/net/ynl/lib/ynl.py" ] ||
	skip "no kernel source tree with tools/net/ynl (CNET_KSRC)"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml is needed"

setup_pair
ip -n "$A" -batch - <<- EOF || die "cannot make the dummy device fl0"
	link add fl0 type dummy
	link set fl0 up
EOF

out=$(ns_a timeout 240 /usr/bin/python3 \
	"$REPO/selftests/net/fail/fail_netlink.py" "$CNET_KSRC" "$REPO" 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "fail_netlink.py: every check passed"
match "$(grep -c '^PASS' <<< "$out")" 8 "fail_netlink.py: 8 checks ran"

# cnet still works: the stack answers Linux as before
check_ok "B pings A afterwards" ns_b ping -c 1 -W 2 -q "$A_IP"

exit_test
