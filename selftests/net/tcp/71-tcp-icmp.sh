#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# ICMP errors and cnet's TCP, through a Linux router: A (cnet) -- B
# (Linux, forwarding) -- C (Linux). A hard error during connect() ends it
# at once with its errno (B's "unreachable" route: host unreachable,
# EHOSTUNREACH; no route: net unreachable, ENETUNREACH). On an
# established connection, soft errors forged by B quoting the live
# 4-tuple and SND.NXT (tcp_icmp.py: host and port unreachable) leave it
# working with SO_ERROR 0, and one quoting a sequence number out of
# window is ignored (tcp_icmp_out_of_window), a fragmentation needed too:
# the path MTU is not learned from it (RFC 5927). B's route to C has MTU 1280: B answers cnet's
# 1500-byte segments with fragmentation needed, cnet lowers its MSS to
# 1240, 1228 bytes of data beside the timestamp option (the segments it
# cuts afterwards fit the link whole) and the
# transfer arrives byte for byte.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
ICMP=$REPO/selftests/net/tcp/tcp_icmp.py
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
setup_ns C
C_IP=10.0.2.2
ip link add vbc netns "$B" type veth peer name vc netns "$C" ||
	die "cannot create the veth pair B-C"
linux_ns "$B" vbc 10.0.2.1/24 || die "cannot set up B's side"
linux_ns "$C" vc "$C_IP/24" || die "cannot set up C"
ip -n "$C" route add default via 10.0.2.1 || die "no default route in C"
ns_b sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0 ||
	die "cannot make B a router"
ip -n "$B" route add unreachable 10.9.1.0/24 || die "no unreachable route in B"
ip -n "$B" route add "$C_IP/32" dev vbc mtu 1280 || die "no MTU 1280 route in B"
cnet_a route add 10.0.2.0/24 via "$B_IP" || die "no route to C in A"
cnet_a route add 10.9.0.0/16 via "$B_IP" || die "no route to 10.9/16 in A"
busywait 5000 carrier_up "$C" vc || die "vc has no carrier"
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# ---- hard errors during connect() ------------------------------------------
stats_save "$A"
t0=$(now_ms)
out=$(ns_a timeout 60 "$NC" 10.9.1.1 80 2>&1)
match "$?/$out" "1/cnet-nc: connect 10.9.1.1:80 (tcp): No route to host" \
	"connect through B's unreachable route: EHOSTUNREACH"
out=$(ns_a timeout 60 "$NC" 10.9.2.1 80 2>&1)
match "$?/$out" "1/cnet-nc: connect 10.9.2.1:80 (tcp): Network is unreachable" \
	"connect where B has no route: ENETUNREACH"
ms=$(( $(now_ms) - t0 ))
if [ "$ms" -lt 10000 ]; then
	pass "both connects ended at the ICMP error, not a timeout ($ms ms)"
else
	fail "the connects took $ms ms: the errors did not end them"
fi
# An error that finds the socket owned by connect() is soft, as Linux's
# tcp_v4_err(): the SYN goes again and the next error ends it. So each
# connect took one error or two.
n=$(stat_delta tcp_icmp_err_rx)
if [ "$n" -ge 2 ] && [ "$n" -le 4 ]; then
	pass "tcp_icmp_err_rx grew by 2 to 4 ($n)"
else
	fail "tcp_icmp_err_rx grew by $n, not 2 to 4"
fi

# ---- soft errors on an established connection ---------------------------------
run_bg ip netns exec "$C" socat TCP4-LISTEN:7800,reuseaddr,fork PIPE
busywait 30000 tcp_listening "$C" 7800 || die "socat did not listen"
stats_save "$A"
out=$(timeout 120 /usr/bin/python3 "$ICMP" "$A" "$B" veth1 "$A_IP" "$A_MAC" \
	"$B_IP" "$B_MAC" "$C_IP" 7800 2>&1)
rc=$?
echo "$out" | indent
match "$rc" 0 "tcp_icmp.py: the connection lived through every error" ||
	echo "$out" | grep "^not ok" | indent
match "$(grep -c '^ok' <<< "$out")" 16 "tcp_icmp.py: 16 checks ran"
stats_deltas
match "${STATS_DELTA[icmp_err_rx]}" 4 "cnet received the 4 errors (icmp_err_rx)"
match "${STATS_DELTA[tcp_icmp_err_rx]}" 2 \
	"tcp_icmp_err_rx counts the 2 in window, not the blind ones"
match "${STATS_DELTA[tcp_icmp_out_of_window]}" 2 \
	"tcp_icmp_out_of_window counts the 2 blind ones"
match "${STATS_DELTA[ip_pmtu_learned]}/${STATS_DELTA[tcp_pmtu_mss]}" 0/0 \
	"the blind fragmentation needed taught no path MTU (RFC 5927)"
match "$(cnet_a route get "$C_IP" | grep -c 'mtu 576')" 0 \
	"cnet route get shows no MTU 576 to C"
match "${STATS_DELTA[tcp_rst_tx]}/${STATS_DELTA[tcp_rst_rx]}" 0/0 \
	"no reset either way"

# ---- fragmentation needed lowers the MSS -------------------------------------
# B forwards cnet's GSO packets whole when each segment fits the link;
# without TSO on vbc it cuts them, so that C's capture sees the segments.
match "$(ip netns exec "$B" /usr/bin/python3 "$(dirname "$0")/ethtool_feature.py" \
	vbc tso off)" off "vbc in B: tso off"
# On C: cnet's segments; apart, its fragments and packets over 1280 bytes.
capture_start "$C" vc "src host $A_IP and (ip[6:2] & 0x3fff != 0 or ip[2:2] > 1280)"
big=$CAP
capture_start "$C" vc "src host $A_IP and tcp"
stats_save "$A"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/data"
ip netns exec "$C" timeout 100 socat -u TCP4-LISTEN:7801,reuseaddr - |
	sha256sum > "$tmp/got" &
busywait 30000 tcp_listening "$C" 7801 || die "socat did not listen"
t0=$(now_ms)
ns_a timeout 90 "$NC" -N "$C_IP" 7801 < "$tmp/data"
match "$?" 0 "cnet-nc sent 1 MiB through the 1280-byte link"
wait $!
match "$(< "$tmp/got")" "$(sha256sum < "$tmp/data")" "C got it byte for byte"
log "1 MiB through the 1280-byte link in $(( $(now_ms) - t0 )) ms"
stats_deltas
if [ "${STATS_DELTA[ip_pmtu_learned]}" -ge 1 ]; then
	pass "cnet learned the path MTU from B's fragmentation needed"
else
	fail "ip_pmtu_learned did not grow"
fi
if [ "${STATS_DELTA[tcp_icmp_err_rx]}" -ge 1 ]; then
	pass "the connection was told (tcp_icmp_err_rx)"
else
	fail "tcp_icmp_err_rx did not grow"
fi
sleep 1
# Data cut into segments before the error (what the send buffer held)
# still leaves at 1448 bytes, fragmented on the way out; what is cut
# after it fits: the last segments carry 1228 bytes at most, whole (1240
# less the 12-byte timestamp option, as Linux's mss_cache).
last=$(grep -E 'length [0-9]+$' "$CAP" | tail -n 40)
max=$(sed -nE 's/.* length ([0-9]+)$/\1/p' <<< "$last" | sort -n | tail -1)
match "$max" 1228 "the last 40 segments C saw carry at most 1228 bytes (MSS lowered)" ||
	indent <<< "$last"
log "$(grep -c . "$big") fragments or packets over 1280 bytes reached C" \
	"(the data cut before the error)"
exit_test
