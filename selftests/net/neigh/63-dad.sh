#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Duplicate address detection (RFC 5227) on address add: with "dad" a free
# address is TENTATIVE (not used) while 3 probes (sender 0.0.0.0) go out,
# then usable and announced; B's address ends DADFAILED, stays listed and is
# never used (not as source, not answered in ARP); "nodad" is usable at
# once. (Optimistic detection, the default: 71-dad-optimistic.sh.)
# timeout: 150
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
# RFC timings, slow enough to see TENTATIVE: at least 2 x 1 + 2 s
conf_set "$A" dad_interval_ms 1000 dad_probes 3

cap=$(mktemp)
on_exit "rm -f $cap"
run_bg ip netns exec "$B" tcpdump -i veth1 -e -n -l "arp and ether src $A_MAC" \
	> "$cap" 2>&1
busywait 10000 grep -q "listening on" "$cap" || die "tcpdump did not start"

# A free address, waiting for the probes
stats_save "$A"
check_ok "add 10.0.1.10 dad" cnet_a addr add 10.0.1.10/24 dev veth0 dad
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.10/24 brd 10\.0\.1\.255 tentative$' \
	"TENTATIVE at first"
check_re 'cnet_a -j addr show' '"flags": ?\["tentative"\]' "-j: flags [tentative]"
busywait 15000 addr_settled "$A" veth0
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.10/24 brd 10\.0\.1\.255$' \
	"usable after the probes"
match "$(stat_delta arp_dad_probe_tx)" 3 "3 probes counted"
check_ok "B pings the new address" ns_b ping -c 1 -W 2 10.0.1.10
sleep 0.3
log "capture:"
indent < "$cap"
probes=$(grep -n "ff:ff:ff:ff:ff:ff, .* Request who-has 10.0.1.10 tell 0.0.0.0," "$cap")
match "$(grep -c . <<< "$probes")" 3 "3 broadcast probes with sender 0.0.0.0"
ann=$(grep -n "ff:ff:ff:ff:ff:ff, .* Request who-has 10.0.1.10 tell 10.0.1.10," "$cap")
match "$(grep -c . <<< "$ann")" 1 "one announcement"
last_probe=$(tail -n1 <<< "$probes" | cut -d: -f1)
match "$(( ${ann%%:*} > ${last_probe:-999999} ))" 1 "the announcement after the probes"

# B's address: B answers the probe, detection fails
stats_save "$A"
check_ok "add B's address" cnet_a addr add "$B_IP/24" dev veth0 dad
busywait 15000 addr_settled "$A" veth0
check_re 'cnet_a addr show dev veth0' "^veth0 $B_IP/24 brd 10\\.0\\.1\\.255 dadfailed\$" \
	"B's address: dadfailed, still listed"
check_re 'cnet_a -j addr show' '"flags": ?\["dadfailed"\]' "-j: flags [dadfailed]"
match "$(stat_delta arp_dad_failed)" 1 "arp_dad_failed counted"
match_re "$(dmesg | tail -n 50)" "$B_IP is in use by $B_MAC" \
	"the kernel log names the other host's MAC"
# not used as a source: A's ping to B goes from 10.0.1.1 or 10.0.1.10
icap=$(mktemp)
on_exit "rm -f $icap"
run_bg ip netns exec "$B" tcpdump -i veth1 -n -l icmp > "$icap" 2>&1
busywait 10000 grep -q "listening on" "$icap" || die "tcpdump did not start"
check_ok "A pings B" ns_a "$CNET_PING" -c 1 -W 2 "$B_IP"
sleep 0.3
match_re "$(< "$icap")" "IP 10\\.0\\.1\\.(1|10) > $B_IP: ICMP echo request" \
	"the dadfailed address is not a source"

# A failed address is never answered: B gives it up and asks for it.
# Optimistic this time (the default): B answers a probe, and the address,
# usable until then, is not any more.
check_ok "B adds 10.0.1.20" ip -n "$B" addr add 10.0.1.20/24 dev veth1
check_ok "A adds 10.0.1.20" cnet_a addr add 10.0.1.20/24 dev veth0
busywait 15000 addr_settled "$A" veth0
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.20/24 .*dadfailed$' \
	"10.0.1.20: dadfailed"
ip -n "$B" addr del 10.0.1.20/24 dev veth1
check_err "B cannot reach 10.0.1.20 on A" ns_b ping -c 1 -W 2 10.0.1.20
check_ok "delete the failed address" cnet_a addr del 10.0.1.20/24 dev veth0

# nodad: usable at once
check_ok "add 10.0.1.11 nodad" cnet_a addr add 10.0.1.11/24 dev veth0 nodad
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.11/24 brd 10\.0\.1\.255$' \
	"nodad: not tentative"
check_ok "B pings the nodad address" ns_b ping -c 1 -W 2 10.0.1.11

# a tentative address being deleted or detached: the timer goes with it
check_ok "add 10.0.1.12 dad" cnet_a addr add 10.0.1.12/24 dev veth0 dad
check_ok "delete it while tentative" cnet_a addr del 10.0.1.12/24 dev veth0
check_ok "add 10.0.1.14" cnet_a addr add 10.0.1.14/24 dev veth0
check_ok "delete it while optimistic" cnet_a addr del 10.0.1.14/24 dev veth0
check_ok "add 10.0.1.13" cnet_a addr add 10.0.1.13/24 dev veth0
check_ok "detach while optimistic" cnet_a link detach veth0
exit_test
