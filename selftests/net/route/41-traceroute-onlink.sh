#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cnet-traceroute from the cnet namespace: `-I -n` to the Linux host next
# door ends at hop 1 with three round trips and exit status 0, in
# traceroute's format; -f, -q, the packet length and name printing work;
# without CAP_NET_RAW it says so; a silent on-link host gives "*" lines,
# a destination with no route a send error. UDP probes need raw UDP
# sockets: either they work too, or the tool says they are missing. When
# the module has routes, a second Linux namespace behind B checks a
# two-hop trace (time exceeded from B, then the destination) and the !H
# and !X notes for B's unreachable and prohibit routes.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

TR=$REPO/tools/cnet-traceroute
[ -x "$TR" ] || skip "tools/cnet-traceroute is not built"
setup_pair

rtt='[0-9]+\.[0-9]{3} ms'
head="traceroute to 10.0.1.2 (10.0.1.2), 30 hops max, 60 byte packets"

out=$(ns_a "$TR" -I -n "$B_IP" 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "-I -n exits 0"
match "$(head -n 1 <<< "$out")" "$head" "the header line"
match_re "$out" "^ 1  10\.0\.1\.2  $rtt  $rtt  $rtt\$" "hop 1 is B, three rtts"
match "$(grep -c . <<< "$out")" 2 "the trace stops at B"

out=$(ns_a "$TR" -I -q 1 -f 4 "$B_IP" 1000 2>&1)
match "$(head -n 1 <<< "$out")" \
	"traceroute to 10.0.1.2 (10.0.1.2), 30 hops max, 1000 byte packets" \
	"packet length in the header"
match_re "$out" "^ 4  10\.0\.1\.2 \(10\.0\.1\.2\)  $rtt\$" \
	"-f 4 -q 1 without -n: one probe, address and name"

# Without CAP_NET_RAW.
out=$(ns_a setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$TR" -I -n "$B_IP" 2>&1)
rc=$?
match "$rc" 1 "without CAP_NET_RAW: exit 1"
match_re "$out" "need CAP_NET_RAW" "without CAP_NET_RAW: the message"

# Nobody at 10.0.1.99: no answer, or cnet's own host unreachable.
out=$(ns_a "$TR" -I -n -m 2 -q 1 -w 0.5 10.0.1.99 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "silent host: exit 0"
match_re "$out" '^ 1  (\*|10\.0\.1\.1  [0-9.]+ ms !H)$' "silent host: hop 1 format"

# No route at all.
out=$(ns_a "$TR" -I -n 10.0.99.1 2>&1)
rc=$?
match "$rc" 1 "no route: exit 1"
match_re "$out" '^cnet-traceroute: send: Network is unreachable$' "no route: the message"

# UDP probes: port unreachable from B ends the trace.
out=$(ns_a "$TR" -n -q 2 "$B_IP" 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then
	match_re "$out" "^ 1  10\.0\.1\.2  $rtt  $rtt\$" "UDP: hop 1 is B"
else
	match_re "$out" "raw UDP socket: .*try -I" \
		"UDP: no raw UDP sockets in this module, said so"
fi

# Two hops, when this module has routes: A -> B (Linux router) -> C.
if cnet_a route add 10.0.2.0/24 via "$B_IP" 2>/dev/null; then
	setup_ns C
	ip link add veth2 netns "$B" type veth peer name veth3 netns "$C" ||
		die "cannot create veth2"
	linux_ns "$B" veth2 10.0.2.1/24 || die "cannot set up veth2"
	linux_ns "$C" veth3 10.0.2.2/24 || die "cannot set up veth3"
	ip -n "$C" route add default via 10.0.2.1
	ns_b sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0
	busywait 5000 carrier_up "$C" veth3 || die "veth3 has no carrier"
	out=$(ns_a "$TR" -I -n 10.0.2.2 2>&1)
	rc=$?
	echo "$out"
	match "$rc" 0 "two hops: exit 0"
	match_re "$out" "^ 1  10\.0\.1\.2  $rtt  $rtt  $rtt\$" "two hops: B answers TTL 1"
	match_re "$out" "^ 2  10\.0\.2\.2  $rtt  $rtt  $rtt\$" "two hops: then C"
	match "$(grep -c . <<< "$out")" 3 "two hops: stops at C"
	# B's reject routes answer with unreachables: !H and !X.
	ip -n "$B" route add unreachable 10.0.3.0/24
	ip -n "$B" route add prohibit 10.0.4.0/24
	if ! { cnet_a route add 10.0.3.0/24 via "$B_IP" &&
	       cnet_a route add 10.0.4.0/24 via "$B_IP"; }; then
		fail "cannot add the routes to 10.0.3/24 and 10.0.4/24"
	fi
	out=$(ns_a "$TR" -I -n -q 1 10.0.3.1 2>&1)
	echo "$out"
	match_re "$out" "^ 1  10\.0\.1\.2  $rtt !H\$" "host unreachable: !H, final"
	match "$(grep -c . <<< "$out")" 2 "!H ends the trace"
	# B answers both with Linux's ip_error(), which allows one route error
	# per second per source (icmp_ratelimit=0 does not cover it, and the
	# time-exceeded errors above drained the peer's shared tokens): when
	# the two traces come less than a second apart, the !X is never sent.
	sleep 1.2
	out=$(ns_a "$TR" -I -n -q 1 10.0.4.1 2>&1)
	echo "$out"
	match_re "$out" "^ 1  10\.0\.1\.2  $rtt !X\$" "prohibited: !X"
else
	log "no routes in this module: the two-hop trace is skipped"
fi
exit_test
