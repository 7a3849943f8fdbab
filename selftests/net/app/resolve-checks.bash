#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cnet-resolve checks (sourced by NN-resolve-*.sh after app_setup):
# $RESOLVE in A asks dnsmasq on Linux in B ($B_IP); B's second address
# 10.0.1.3 is a dead server (a socket that reads and never answers).

DEAD_IP=10.0.1.3

resolve_setup() {
	ip -n "$B" addr add "$DEAD_IP/24" dev veth1 || die "cannot add $DEAD_IP"
	# --local=/test/: any other name under test. is NXDOMAIN.
	run_bg ip netns exec "$B" dnsmasq --no-daemon --no-resolv --no-hosts \
		--bind-interfaces --listen-address="$B_IP" --port 53 \
		--pid-file= --log-queries --log-facility="$TMP/dnsmasq.log" \
		--local=/test/ \
		--address=/a.test/10.0.9.1 --address=/b.test/10.0.9.2 \
		--cname=www.test,mid.test --cname=mid.test,a.test \
		--cname=broken.test,gone.test \
		--host-record=v6only.test,fd00::1 2> "$TMP/dnsmasq.err"
	busywait 10000 udp_bound "$B" 53 || die "dnsmasq did not start"
	run_bg ip netns exec "$B" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
while True:
    s.recv(4096)
' "$DEAD_IP"
	busywait 10000 eval "ns_b ss -Hnul 'src $DEAD_IP:53' | grep -q ." ||
		die "the dead server did not start"
}

resolve_checks() {
	local out rc start conf

	resolve_setup

	out=$(ns_a "$RESOLVE" -s "$B_IP" a.test 2>&1)
	rc=$?
	match "$rc/$out" "0/a.test has address 10.0.9.1" "an A record"
	out=$(ns_a "$RESOLVE" -s "$B_IP" www.test 2>&1)
	rc=$?
	match "$rc/$out" "0/www.test is an alias for mid.test.
mid.test is an alias for a.test.
a.test has address 10.0.9.1" "a CNAME chain: two aliases, then the address"

	out=$(ns_a "$RESOLVE" -s "$B_IP" nosuch.test 2>&1)
	rc=$?
	match "$rc/$out" "3/cnet-resolve: nosuch.test: not found (NXDOMAIN)" \
		"NXDOMAIN: exit 3, one line"
	out=$(ns_a "$RESOLVE" -s "$B_IP" broken.test 2>&1)
	rc=$?
	match "$rc/$out" "3/broken.test is an alias for gone.test.
cnet-resolve: broken.test: not found (NXDOMAIN)" "an alias of a name that does not exist"
	out=$(ns_a "$RESOLVE" -s "$B_IP" v6only.test 2>&1)
	rc=$?
	match "$rc/$out" "4/cnet-resolve: v6only.test: has no address (no A record)" \
		"no data: exit 4"
	out=$(ns_a "$RESOLVE" -s "$B_IP" nosuch.test b.test A.Test. 2>&1)
	rc=$?
	match "$rc/$out" "3/cnet-resolve: nosuch.test: not found (NXDOMAIN)
b.test has address 10.0.9.2
A.Test has address 10.0.9.1" "several names: each answered, the first failure's status"

	# A dead server: -a attempts of -t seconds, then exit 6; each query
	# from its own random port with its own random ID.
	start=$(now_ms)
	out=$(ns_a "$RESOLVE" -v -s "$DEAD_IP" -t 1 -a 3 a.test 2>&1)
	rc=$?
	match "$rc" 6 "dead server: exit 6"
	in_range "$(elapsed_ms "$start")" 2900 10000 "dead server: 3 tries of 1 s"
	match_re "$out" "^cnet-resolve: a.test: no answer: timed out \(1 server, 3 attempts\)$" \
		"dead server: one line says so"
	match "$(grep -c "^;; a.test A? to $DEAD_IP:53 id " <<< "$out")" 3 \
		"dead server: three queries"
	match "$(grep -o ' id 0x[0-9a-f]*' <<< "$out" | sort -u | wc -l)" 3 \
		"three transaction IDs"
	match "$(grep -o 'from port [0-9]*' <<< "$out" | sort -u | wc -l)" 3 \
		"three source ports"

	# The dead server first, from a resolv.conf-style file: the next one
	# answers after the first one's timeout.
	conf=$TMP/resolv.conf
	printf '# test\nnameserver %s\nnameserver %s\noptions timeout:1 attempts:1\n' \
		"$DEAD_IP" "$B_IP" > "$conf"
	start=$(now_ms)
	out=$(ns_a "$RESOLVE" -r "$conf" a.test 2>&1)
	rc=$?
	match "$rc/$out" "0/a.test has address 10.0.9.1" "-r FILE: the second server answers"
	in_range "$(elapsed_ms "$start")" 900 4500 "-r FILE: after the first one's 1 s"
	out=$(ns_a "$RESOLVE" -r "$TMP/nonexistent" a.test 2>&1)
	match "$?/$out" "1/cnet-resolve: $TMP/nonexistent: No such file or directory" \
		"-r FILE that does not exist"

	# Port unreachable (nothing on B's port 5353): the next try, then 6.
	out=$(ns_a "$RESOLVE" -s "$B_IP" -p 5353 -t 1 -a 1 a.test 2>&1)
	rc=$?
	match "$rc/$out" "6/cnet-resolve: a.test: no answer: $B_IP:5353: Connection refused" \
		"refused: exit 6, one line"

	match_re "$(< "$TMP/dnsmasq.log")" "query\[A\] www.test from $A_IP" \
		"dnsmasq saw the queries from A"
}
