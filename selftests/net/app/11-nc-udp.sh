#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# cnet-nc on cnet UDP sockets (A) against Linux (B): the checks of
# nc-checks.bash, which 10-nc-inet.sh runs on Linux alone. UDP both ways
# with socat and OpenBSD nc: text and a 1472-byte datagram, a listener
# answering its first peer, -k with two peers, -z against an open and a
# closed port (ICMP port unreachable from Linux read as ECONNREFUSED on
# the connected cnet socket), a refused client, -w bounding a client and
# a listener. TCP to a closed Linux port: its RST refuses, in one line.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
# shellcheck source=selftests/net/app/nc-resolve.bash
source "$(dirname "$0")/nc-resolve.bash"
# shellcheck source=selftests/net/app/nc-checks.bash
source "$(dirname "$0")/nc-checks.bash"

app_setup cnet
nc_checks

out=$(ns_a "$NC" "$B_IP" 80 2>&1)
match "$?/$out" "1/cnet-nc: connect $B_IP:80 (tcp): Connection refused" \
	"TCP to a closed port: refused, one line"
exit_test
