#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# TCP follows a lowered path MTU: A (cnet, 10.5.1.1) -- R (Linux router)
# -- B (Linux, 10.5.2.2), R's side of the link R-B with MTU 1000 (B's
# side keeps 1500, so that B announces MSS 1460 and only sends ACKs).
# cnet-nc sends 1 MiB to socat on B with segments of MSS 1460 (1448
# bytes of data with timestamps; GSO
# packets, DF); R
# answers fragmentation needed, MTU 1000; cnet's MSS drops to 960, 948
# bytes of data beside the timestamp option (tcp_pmtu_mss), what was in flight goes again re-cut, and B receives
# the 1 MiB byte for byte; `cnet route get` shows the MTU learned.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"

setup_mtu_path 1000

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/data"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

run_bg ip netns exec "$B" socat -u TCP4-LISTEN:7200,reuseaddr \
	"OPEN:$tmp/got,creat,trunc"
srv=$BG_PID
busywait 30000 tcp_listening "$B" 7200 || die "socat did not listen"
stats_save "$A"
in_ns "$A" timeout 120 "$NC" -N "$B_IP" 7200 < "$tmp/data"
match "$?" 0 "cnet-nc sent 1 MiB through the MTU 1000 link"
wait "$srv"
match "$(sha256sum < "$tmp/got")" "$(sha256sum < "$tmp/data")" \
	"B received it byte for byte"
stats_deltas
match_re "${STATS_DELTA[tcp_pmtu_mss]}" "^[1-9][0-9]*$" \
	"the MSS followed the path MTU (tcp_pmtu_mss grew by ${STATS_DELTA[tcp_pmtu_mss]})"
match "${STATS_DELTA[tcp_timeout]}" 0 "no connection timed out"
check_re 'in_ns "$A" "$CNET" route get $B_IP' "mtu 1000" \
	"cnet learned the path MTU 1000"
exit_test
