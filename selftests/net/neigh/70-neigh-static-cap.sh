#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static neighbours are capped per namespace (neigh_max_entries, counted
# apart from the dynamic ones): one more is refused with ENOBUFS, as a full
# Linux neighbour table refuses, and a message. Overwriting one at the cap
# still works, and so does adding after a delete. Dynamic entries are not
# affected.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
conf_set "$A" neigh_max_entries 3
M1=02:00:00:00:00:51

for i in 50 51 52; do
	check_ok "static 10.0.1.$i" cnet_a neigh add 10.0.1.$i lladdr $M1 dev veth0
done
if out=$(cnet_a neigh add 10.0.1.53 lladdr $M1 dev veth0 2>&1); then
	fail "a 4th static entry was accepted with neigh_max_entries 3"
else
	match_re "$out" "No buffer space available" "the 4th is refused: ENOBUFS"
	match_re "$out" "too many static neighbour entries" "with a message: $out"
fi
match "$(neigh_state "$A" 10.0.1.53)" "" "no entry made"
check_ok "overwrite at the cap" \
	cnet_a neigh add 10.0.1.50 lladdr 02:00:00:00:00:52 dev veth0
check_ok "delete one" cnet_a neigh del 10.0.1.52 dev veth0
check_ok "then add another" cnet_a neigh add 10.0.1.53 lladdr $M1 dev veth0
check_ok "dynamic entries still work" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
exit_test
