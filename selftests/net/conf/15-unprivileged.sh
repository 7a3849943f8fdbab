#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Without CAP_NET_ADMIN (uid 65534, no groups), changing the configuration
# fails with the "not permitted" message and exit status 1, and changes
# nothing; showing it (link, addr, neigh, stats) still works.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ip link add veth2 netns "$A" type veth peer name veth3 netns "$A" ||
	die "cannot create veth2"

nobody() { ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# denied "MSG" ARGS...: `cnet ARGS` as nobody exits 1 saying EPERM.
denied() {
	local msg=$1 out rc
	shift
	out=$(nobody "$CNET" "$@" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && grep -q "not permitted" <<< "$out"; then
		pass "$msg: $out"
	else
		fail "$msg: status $rc, output \"$out\""
	fi
}
denied "link attach" link attach veth2
denied "link detach" link detach veth0
denied "addr add" addr add 10.0.1.5/24 dev veth0
denied "addr del" addr del "$A_IP/24" dev veth0

links=$(nobody "$CNET" link show 2>&1)
match "$links" "$(cnet_a link show)" "link show works unprivileged"
match_re "$links" '^[0-9]+: veth0 lladdr' "veth0 is listed"
match "$(grep -vc "^1: lo " <<< "$links")" 1 "veth2 was not attached (lo and veth0 only)"
addrs=$(nobody "$CNET" addr show 2>&1)
match "$addrs" "$(cnet_a addr show)" "addr show works unprivileged"
match_re "$addrs" "^veth0 $A_IP/24" "the address is still there"
match_re "$(nobody "$CNET" stats 2>&1)" '^eth_rx [0-9]+$' "stats work unprivileged"
check_ok "neigh show works unprivileged" nobody "$CNET" neigh show
check_ok "cnet-ping works unprivileged (ping socket)" nobody "$CNET_PING" -c 1 "$B_IP"
exit_test
