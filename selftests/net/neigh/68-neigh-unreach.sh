#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Resolution failure is reported: B (Linux) -- R (cnet, forwarding) -- an
# empty link. R forwards B's packets toward 10.1.1.99, which never answers
# ARP; when the entry FAILS, R sends B ICMP host unreachable for each packet
# it held (RFC 1812 4.3.3.1, as Linux does), rate limited like every ICMP
# error, and Linux's ping says "Destination Host Unreachable".
# timeout: 120
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

R1_IP=10.1.1.1
R2_IP=10.1.2.1
B_IP=10.1.2.2
setup_ns R B N
ip link add r0 netns "$R" type veth peer name n0 netns "$N" &&
	ip link add r1 netns "$R" type veth peer name b0 netns "$B" ||
	die "cannot create the veth pairs"
ip -n "$N" link set n0 up || die "cannot set n0 up"
cnet_ns "$R" r0 "$R1_IP/24" && cnet_ns "$R" r1 "$R2_IP/24" ||
	die "cannot set up cnet in R"
linux_ns "$B" b0 "$B_IP/24" || die "cannot set up Linux in B"
ip -n "$B" route add default via "$R2_IP" || die "no default route in B"
busywait 5000 carrier_up "$B" b0 || die "b0 has no carrier"
cnet_r() { in_ns "$R" "$CNET" "$@"; }
check_ok "forwarding on" cnet_r forwarding on
conf_set "$R" neigh_retrans_ms 300

# What B receives, whatever its ping prints: both errors come at once when
# the entry fails, and ping may end before it has reported the second.
capture_start "$B" b0 -v "icmp[icmptype] == icmp-unreach"
stats_save "$R"
out=$(in_ns "$B" ping -c 2 -i 0.2 -W 4 10.1.1.99 2>&1)
echo "$out" | indent
match_re "$out" "^From $R2_IP icmp_seq=1 Destination Host Unreachable" \
	"the first packet held: host unreachable from R"
busywait 5000 grep -q "seq 2," "$CAP"
log "capture:"
indent < "$CAP"
check 'grep -c "$R2_IP > $B_IP: ICMP host 10.1.1.99 unreachable" "$CAP"' 2 \
	"the second one too: B received host unreachable for both"
check_re 'grep -o "echo request, id [0-9]*, seq [0-9]*" "$CAP" | sed "s/.*seq //" | sort | tr "\n" " "' \
	"^1 2 $" "they quote the two echo requests"
match "$(neigh_state "$R" 10.1.1.99)" FAILED "R's entry FAILED"
match "$(stat_delta neigh_drop_unresolved)" 2 "both counted as neigh_drop_unresolved"
match_re "$(stat_delta icmp_tx)" '^[2-9]' "ICMP errors sent"
exit_test
