#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 180
#
# DNS with unmodified programs, cnet (A, 10.0.1.1) and Linux (B, 10.0.1.2)
# each on one side:
# - dig (bind9-dnsutils) under cnet-run in A asks dnsmasq in B, over UDP and
#   over TCP (+tcp): an A record, NXDOMAIN, and a 1600-byte TXT answer that
#   UDP truncates (TC) and dig fetches again over TCP;
# - dnsmasq under cnet-run in A (--bind-interfaces on cnet's address, which
#   A's Linux stack does not have) answers Linux's dig in B over UDP, and
#   over TCP, where dnsmasq forks a child per connection.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
for p in dig dnsmasq; do
	command -v $p > /dev/null || skip "$p is not installed"
done

udp_bound() { ip netns exec "$1" ss -Hnul "sport = :$2" | grep -q .; }
cnet_udp_bound() { cnet_a sock show -ua | grep -q ":$1 "; }

setup_pair
tcp_mem_track "$A"
TMP=$(mktemp -d)
on_exit "rm -rf $TMP"
# eight strings of 200 bytes in one TXT record: a 1.6 KB answer
long=$(printf 'x%.0s' $(seq 200))
txt=$(printf ",$long%.0s" $(seq 8))
DIG=(dig +time=3 +tries=1 +norecurse)

# dnsmasq_bg NS ADDR NAME [WRAPPER]: dnsmasq in NS on ADDR:53, its log in
# $TMP/NAME.log
dnsmasq_bg() {
	run_bg ip netns exec "$1" ${4:+"$4"} dnsmasq --no-daemon --no-resolv \
		--no-hosts --bind-interfaces --listen-address="$2" --port 53 \
		--pid-file= --log-queries --log-facility="$TMP/$3.log" \
		--local=/test/ --address=/web.test/"$B_IP" \
		--txt-record=long.test"$txt" 2> "$TMP/$3.err"
}

# ---- dig on cnet, dnsmasq on Linux ------------------------------------------
dnsmasq_bg "$B" "$B_IP" b
busywait 10000 udp_bound "$B" 53 || die "dnsmasq in B did not start"

out=$(ns_a "$RUN" "${DIG[@]}" +short @"$B_IP" web.test 2>&1)
match "$?/$out" "0/$B_IP" "dig over cnet, UDP: an A record"
out=$(ns_a "$RUN" "${DIG[@]}" +short +tcp @"$B_IP" web.test 2>&1)
match "$?/$out" "0/$B_IP" "dig over cnet, TCP: an A record"
out=$(ns_a "$RUN" "${DIG[@]}" @"$B_IP" nosuch.test 2>&1)
match_re "$out" "status: NXDOMAIN" "dig over cnet: NXDOMAIN"
out=$(ns_a "$RUN" "${DIG[@]}" @"$B_IP" long.test TXT 2>&1)
match_re "$out" "Truncated, retrying in TCP mode" "dig over cnet: a long answer is truncated over UDP"
match "$(grep -o "$long" <<< "$out" | wc -l)" 8 "...and comes whole over TCP (1.6 KB)"
match_re "$(< "$TMP/b.log")" "query\[A\] web\.test from $A_IP" \
	"dnsmasq on Linux was asked from cnet's address"

# ---- dnsmasq on cnet, dig on Linux ------------------------------------------
dnsmasq_bg "$A" "$A_IP" a "$RUN"
busywait 10000 cnet_udp_bound 53 || die "dnsmasq under cnet-run did not start: $(< "$TMP/a.err")"
out=$(ns_b "${DIG[@]}" +short @"$A_IP" web.test 2>&1)
match "$?/$out" "0/$B_IP" "dnsmasq over cnet, Linux dig, UDP: an A record"
out=$(ns_b "${DIG[@]}" +short +tcp @"$A_IP" web.test 2>&1)
match "$?/$out" "0/$B_IP" "dnsmasq over cnet, Linux dig, TCP: an A record"
out=$(ns_b "${DIG[@]}" @"$A_IP" long.test TXT 2>&1)
match "$(grep -o "$long" <<< "$out" | wc -l)" 8 \
	"dnsmasq over cnet: a long answer, truncated over UDP, whole over TCP"
out=$(ns_b "${DIG[@]}" @"$A_IP" nosuch.test 2>&1)
match_re "$out" "status: NXDOMAIN" "dnsmasq over cnet: NXDOMAIN"
match_re "$(< "$TMP/a.log")" "query\[A\] web\.test from $B_IP" \
	"dnsmasq on cnet saw Linux's address"
exit_test
