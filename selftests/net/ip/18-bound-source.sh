#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A socket bound to an address sends from it only while the address is
# the host's: once it is deleted, sendto() fails with ENETUNREACH (as
# Linux's ip_route_output_key_hash_rcu, source not local) and nothing
# leaves; added again (and through DAD), it works again. A second address
# on the subnet keeps the subnet's route, so the failure is the source's,
# not the route's. Ping and raw sockets alike.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

SEND_ECHO=selftests/progs/send_echo
[ -x "$SEND_ECHO" ] || skip "$SEND_ECHO is not built"

setup_pair
cnet_a addr add 10.0.1.5/24 dev veth0 || die "cannot add 10.0.1.5"
busywait 15000 addr_settled "$A" veth0 || die "10.0.1.5 stays tentative"
ns_b ping -c 1 -W 2 "$A_IP" > /dev/null || die "Linux cannot ping cnet"
capture_start "$B" veth1 -e "ether src $A_MAC and icmp"

del="$CNET addr del $A_IP/24 dev veth0"
# back, and usable: the source must not be tentative
add="$CNET addr add $A_IP/24 dev veth0 && for i in \$(seq 150); do \
$CNET addr show dev veth0 | grep -q tentative || exit 0; sleep 0.1; done; exit 1"

for sock in "" -r; do
	what=${sock:+raw}
	what=${what:-ping}
	out=$(ns_a "$SEND_ECHO" ${sock:+"$sock"} -b "$A_IP" "$B_IP" "$del" "$add" 2>&1)
	match "$(tr '\n' ' ' <<< "$out")" "ok ENETUNREACH ok " \
		"$what socket bound to $A_IP: sends, not once $A_IP is gone, again once back"
done

# each socket's first and last echo went, from A_IP; none other did
wait_for 5000 "test \$(grep -c '$A_IP > $B_IP: ICMP echo request' $CAP) -ge 4"
match "$(grep -c "> $B_IP: ICMP echo request" "$CAP")" 4 \
	"four echo requests left, none while $A_IP was gone"
match "$(grep -c "10.0.1.5 > $B_IP" "$CAP")" 0 "none from 10.0.1.5"
exit_test
