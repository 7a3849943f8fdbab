#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# cnet-nc's AF_INET build (cnet-nc-inet) with Linux on both ends: the
# reference for 11-nc-udp.sh, which runs the same checks (nc-checks.bash)
# with cnet-nc on cnet. UDP both ways with socat and OpenBSD nc: text and a
# 1472-byte datagram, a listener answering its first peer, -k with two
# peers, -z against an open and a closed port (and a range), a refused
# client, and -w bounding a client and a listener.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
# shellcheck source=selftests/net/app/nc-resolve.bash
source "$(dirname "$0")/nc-resolve.bash"
# shellcheck source=selftests/net/app/nc-checks.bash
source "$(dirname "$0")/nc-checks.bash"

app_setup inet
nc_checks

# Only this build has TCP (cnet's comes with TCP).
run_bg ip netns exec "$B" socat -u TCP4-LISTEN:8000 OPEN:"$TMP/tcp",creat
wait_for 5000 '[ -n "$(ns_b ss -Hntl "sport = :8000")" ]' ||
	die "socat did not start"
out=$(echo "over TCP" | ns_a "$NC" -N -w 3 "$B_IP" 8000 2>&1)
match "$?/$out" "0/" "TCP client (AF_INET build)"
busywait 3000 file_has_line "$TMP/tcp" "over TCP"
match "$(< "$TMP/tcp")" "over TCP" "TCP: socat got the line"
exit_test
