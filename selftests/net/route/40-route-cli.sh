#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet route on the standard pair: the connected route of 10.0.1.0/24 is
# listed with its source; static, default, blackhole, unreachable and
# prohibit routes are added, replaced and deleted and shown as ip route
# shows them; route get answers for an on-link host, via a gateway, for a
# local and a broadcast address, and with the right error for the reject
# routes; bad requests are refused with a message (gateway off every
# subnet, unknown device, host bits set, duplicate, missing route); -j
# output is valid JSON with ip -j's keys.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair

# refused STATUS REGEX MSG ARGS...: `cnet ARGS` in $A exits STATUS with a
# message matching REGEX (case ignored).
refused() {
	local status=$1 re=$2 msg=$3 out rc
	shift 3
	out=$(cnet_a "$@" 2>&1)
	rc=$?
	if [ "$rc" = "$status" ] && grep -qiE -- "$re" <<< "$out"; then
		pass "$msg: $out"
	else
		fail "$msg: cnet $* -> status $rc (want $status), \"$out\" (want /$re/)"
	fi
}
# routes: the route table, one route a line.
routes() { cnet_a route show 2>&1; }
# has_route LINE MSG / no_route REGEX MSG
has_route() { match_re "$(routes)" "^$1\$" "$2"; }
no_route() {
	if grep -qE -- "$1" <<< "$(routes)"; then
		fail "$2: still listed"; routes | indent
	else
		pass "$2"
	fi
}

# ---- the connected route -----------------------------------------------
out=$(routes)
log "route show:"; indent <<< "$out"
match_re "$out" '^10\.0\.1\.0/24 dev veth0 proto kernel scope link src 10\.0\.1\.1$' \
	"the connected route, with its source"

# ---- add, replace, del ---------------------------------------------------
check_ok "add 10.0.5.0/24 via B" cnet_a route add 10.0.5.0/24 via "$B_IP"
has_route '10\.0\.5\.0/24 via 10\.0\.1\.2 dev veth0' "static route shown, dev found"
refused 1 "exists" "the same route again" route add 10.0.5.0/24 via "$B_IP"
check_ok "replace it, via 10.0.1.3" cnet_a route replace 10.0.5.0/24 via 10.0.1.3
has_route '10\.0\.5\.0/24 via 10\.0\.1\.3 dev veth0' "replaced route shown"
match "$(routes | grep -c '^10\.0\.5\.0/24 ')" 1 "replace left one route"
check_ok "replace adds when missing" cnet_a route replace 10.0.6.0/24 via "$B_IP" metric 7
has_route '10\.0\.6\.0/24 via 10\.0\.1\.2 dev veth0 metric 7' "metric shown"
check_ok "add a host route by dev" cnet_a route add 10.0.9.9 dev veth0
has_route '10\.0\.9\.9 dev veth0( scope link)?' "host route shown without /32"

check_ok "add default via B" cnet_a route add default via "$B_IP" metric 10
has_route 'default via 10\.0\.1\.2 dev veth0 metric 10' "default route shown"
check_ok "add blackhole" cnet_a route add blackhole 10.9.0.0/16
has_route 'blackhole 10\.9\.0\.0/16' "blackhole shown"
check_ok "add unreachable" cnet_a route add unreachable 10.8.0.0/16 metric 5
has_route 'unreachable 10\.8\.0\.0/16 metric 5' "unreachable shown with metric"
check_ok "add prohibit" cnet_a route add prohibit 10.7.0.0/16
has_route 'prohibit 10\.7\.0\.0/16' "prohibit shown"

# ---- route get -------------------------------------------------------------
check "cnet_a route get $B_IP" "10.0.1.2 dev veth0 src 10.0.1.1" "get: on-link"
check "cnet_a route get 10.0.5.7" "10.0.5.7 via 10.0.1.3 dev veth0 src 10.0.1.1" \
	"get: via the static route's gateway"
check "cnet_a route get 192.0.2.1" "192.0.2.1 via 10.0.1.2 dev veth0 src 10.0.1.1" \
	"get: via the default route"
check_re "cnet_a route get $A_IP" '^local 10\.0\.1\.1 dev [^ ]+ src 10\.0\.1\.1$' \
	"get: a local address"
check_re "cnet_a route get 10.0.1.255" '^broadcast 10\.0\.1\.255 dev veth0 src 10\.0\.1\.1$' \
	"get: the subnet broadcast"
refused 1 "no route to host|unreachable" "get: unreachable route" route get 10.8.1.1
refused 1 "permission denied|prohibit" "get: prohibit route" route get 10.7.1.1
refused 1 "invalid|blackhole" "get: blackhole route" route get 10.9.1.1
# Output refuses these whatever the table says; the message must not blame
# a route (0.0.0.0/8 gives EINVAL, as a blackhole does).
refused 1 "not a destination" "get: 0.0.0.0/8" route get 0.1.2.3
check "cnet_a route get 127.0.0.1" "local 127.0.0.1 dev lo src 127.0.0.1" \
	"get: loopback is local, by lo"
refused 1 "not a destination" "get: multicast" route get 224.0.0.1

# ---- JSON ------------------------------------------------------------------
json=$(cnet_a -j route show 2>&1)
if command -v python3 >/dev/null; then
	check "python3 -c '
import json, sys
r = json.loads(sys.argv[1])
c = [x for x in r if x[\"dst\"] == \"10.0.1.0/24\"][0]
d = [x for x in r if x[\"dst\"] == \"default\"][0]
b = [x for x in r if x[\"dst\"] == \"10.9.0.0/16\"][0]
print(c[\"dev\"], c[\"protocol\"], c[\"scope\"], c[\"prefsrc\"], d[\"gateway\"], d[\"metric\"], b[\"type\"])
' '$json'" "veth0 kernel link 10.0.1.1 10.0.1.2 10 blackhole" "-j route show parses"
	check "python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r[\"dst\"], r[\"gateway\"], r[\"dev\"], r[\"prefsrc\"])
' '$(cnet_a -j route get 10.0.5.7 2>&1)'" "10.0.5.7 10.0.1.3 veth0 10.0.1.1" "-j route get parses"
else
	match_re "$json" '"dst":"10\.0\.1\.0/24"' "-j route show has the connected route"
fi

# ---- refused -----------------------------------------------------------------
before=$(routes)
refused 1 "gateway|unreachable|subnet|link" "gateway on no connected subnet" \
	route add 10.0.7.0/24 via 192.0.2.1
refused 1 "unknown device" "unknown device" route add 10.0.7.0/24 dev nosuchdev
refused 1 "10\.0\.1\.1/24: host bits set, did you mean 10\.0\.1\.0/24\?" \
	"host bits set" route add 10.0.1.1/24 dev veth0
refused 2 "needs \"via GATEWAY\" or \"dev DEV\"" "no next hop" route add 10.0.7.0/24
refused 1 "no such|not found|exist" "del of a missing route" route del 10.0.77.0/24
refused 1 "no such|not found|exist" "del with a wrong gateway" \
	route del 10.0.6.0/24 via 10.0.1.99
match "$(routes)" "$before" "the refused requests changed nothing"

# ---- del -------------------------------------------------------------------
check_ok "del 10.0.5.0/24" cnet_a route del 10.0.5.0/24
no_route '^10\.0\.5\.0/24 ' "10.0.5.0/24 is gone"
check_ok "del 10.0.6.0/24 by gateway and metric" \
	cnet_a route del 10.0.6.0/24 via "$B_IP" metric 7
no_route '^10\.0\.6\.0/24 ' "10.0.6.0/24 is gone"
check_ok "del blackhole" cnet_a route del blackhole 10.9.0.0/16
check_ok "del unreachable" cnet_a route del 10.8.0.0/16
check_ok "del prohibit" cnet_a route del prohibit 10.7.0.0/16
check_ok "del default" cnet_a route del default
check_ok "del the host route" cnet_a route del 10.0.9.9 dev veth0
refused 1 "unreachable" "get: nothing covers 192.0.2.1 now" route get 192.0.2.1
match "$(routes)" "$out" "back to the connected route alone"
exit_test
