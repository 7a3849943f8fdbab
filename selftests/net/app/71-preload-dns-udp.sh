#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# Names and UDP for unmodified programs under cnet-run: A runs cnet
# (10.0.1.1), B Linux (10.0.1.2) with dnsmasq and a UDP echo.
#
# getaddrinfo(): glibc's resolver makes its sockets inside libc, out of a
# preloaded library's reach, so libcnet-preload answers names itself, from
# the nameservers of resolv.conf, over cnet. A's resolv.conf must name
# dnsmasq: glibc reads no other path (LOCALDOMAIN and RES_OPTIONS set no
# server), so each program runs in a mount namespace of its own where a
# file of the test is bound over /etc/resolv.conf (and over
# /run/cnet/resolv.conf, which comes first, if there is one). getent,
# python3 and curl (fetching by name from http.server in B) resolve
# through dnsmasq, whose log shows the queries came from cnet's address;
# NXDOMAIN is EAI_NONAME; a name of /etc/hosts is glibc's, never asked.
#
# UDP: a python3 client under cnet-run talks to an echo in B with sendto/
# recvfrom and sendmsg/recvmsg (the peer's address comes back AF_INET); a
# python3 echo under cnet-run answers Linux, seeing its address.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
command -v dnsmasq > /dev/null || skip "dnsmasq is not installed"
command -v curl > /dev/null || skip "curl is not installed"
PY=/usr/bin/python3

udp_bound() { ip netns exec "$1" ss -Hnul "sport = :$2" | grep -q .; }
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
cnet_udp_bound() { cnet_a sock show -ua | grep -q ":$1 "; }

setup_pair
TMP=$(mktemp -d)
on_exit "rm -rf $TMP"

# in_a_res CMD...: CMD in A with $TMP/resolv.conf as its resolv.conf
in_a_res() {
	# shellcheck disable=SC2016 # the inner shell expands them
	ns_a unshare -m /bin/sh -c '
		mount --bind "$0" /etc/resolv.conf || exit 125
		if [ -e /run/cnet/resolv.conf ]; then
			mount --bind "$0" /run/cnet/resolv.conf || exit 125
		fi
		exec "$@"' "$TMP/resolv.conf" "$@"
}

# ---- names ------------------------------------------------------------------
run_bg ip netns exec "$B" dnsmasq --no-daemon --no-resolv --no-hosts \
	--bind-interfaces --listen-address="$B_IP" --port 53 --pid-file= \
	--log-queries --log-facility="$TMP/dnsmasq.log" --local=/test/ \
	--address=/web.test/"$B_IP" --cname=www.test,web.test \
	2> "$TMP/dnsmasq.err"
busywait 10000 udp_bound "$B" 53 || die "dnsmasq did not start"
printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$B_IP" > "$TMP/resolv.conf"

out=$(in_a_res "$RUN" getent ahostsv4 www.test 2>&1)
match_re "$?/$(head -1 <<< "$out")" "^0/${B_IP//./\\.} +STREAM web\\.test$" \
	"getent: www.test, an alias, to B's address; its canonical name"
match_re "$(< "$TMP/dnsmasq.log")" "query\[A\] www\.test from $A_IP" \
	"dnsmasq was asked from cnet's address"

out=$(in_a_res "$RUN" "$PY" -c '
import socket
try:
    socket.getaddrinfo("nosuch.test", 80, socket.AF_INET)
except socket.gaierror as e:
    print(e.errno == socket.EAI_NONAME)
print(socket.getaddrinfo("web.test", "http", socket.AF_UNSPEC,
                         socket.SOCK_STREAM)[0][4])' 2>&1)
match "$out" "True
('$B_IP', 80)" "python3: NXDOMAIN is EAI_NONAME; a name with a service"

out=$(in_a_res "$RUN" getent ahostsv4 localhost 2>&1)
match "$(head -1 <<< "$out")" "127.0.0.1       STREAM localhost" \
	"a name of /etc/hosts: glibc's answer"
match "$(grep -c 'localhost' "$TMP/dnsmasq.log")" 0 \
	"...and no query for it"

mkdir "$TMP/www"
head -c 65536 /dev/urandom > "$TMP/www/page"
run_bg ip netns exec "$B" "$PY" -m http.server 8000 --bind "$B_IP" \
	--directory "$TMP/www" > /dev/null 2>&1
busywait 30000 tcp_listening "$B" 8000 || die "http.server in B did not listen"
in_a_res "$RUN" curl -sS -o "$TMP/page.out" http://www.test:8000/page
match "$?/$(sha256sum < "$TMP/page.out")" "0/$(sha256sum < "$TMP/www/page")" \
	"curl http://www.test:8000/: resolved and fetched over cnet"

# ---- UDP --------------------------------------------------------------------
run_bg ip netns exec "$B" "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 7777))
while True:
    d, a = s.recvfrom(2048)
    s.sendto(d.upper(), a)' "$B_IP"
busywait 10000 udp_bound "$B" 7777 || die "the UDP echo in B did not start"
out=$(ns_a "$RUN" "$PY" -c '
import socket, sys
peer = (sys.argv[1], 7777)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(b"one", peer)
print(s.recvfrom(100))
s.sendmsg([b"two"], [], 0, peer)
d, anc, fl, a = s.recvmsg(100)
print(d, a, s.family == socket.AF_INET)
s.connect(peer)
print(s.getpeername(), s.getsockname()[0])' "$B_IP" 2>&1)
match "$out" "(b'ONE', ('$B_IP', 7777))
b'TWO' ('$B_IP', 7777) True
('$B_IP', 7777) $A_IP" "UDP client: sendto/recvfrom, sendmsg/recvmsg, connect"

run_bg ip netns exec "$A" "$RUN" "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 7778))
while True:
    d, a = s.recvfrom(2048)
    s.sendto(d.upper() + (" %s" % a[0]).encode(), a)' "$A_IP"
busywait 10000 cnet_udp_bound 7778 || die "the UDP echo under cnet-run did not start"
out=$(ns_b "$PY" -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(b"hello", (sys.argv[1], 7778))
print(s.recvfrom(100)[0].decode())' "$A_IP" 2>&1)
match "$out" "HELLO $B_IP" "UDP server under cnet-run answers Linux, sees its address"
exit_test
