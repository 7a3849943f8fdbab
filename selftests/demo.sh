#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's demo (make demo runs it in the test VM): what happens when
# you type a URL, on cnet, layer by layer. A laptop whose network is cnet,
# with nothing configured, gets an address, a router and a DNS server by
# DHCP (cnet-dhcp, from dnsmasq on Linux), resolves www.example.test
# (cnet-resolve), and fetches http://www.example.test/ with unmodified curl
# (under cnet-run) from nginx on a Linux web server, through a router that
# runs cnet too:
#
#   laptop (cnet)                 router (cnet)             web (Linux)
#   eth0 ---- br0 in "lan" ---- eth0 10.0.1.1   eth1 10.0.2.1 ---- eth0 10.0.2.80
#   DHCP       10.0.1.53: dnsmasq (DHCP + DNS)                      nginx
#
# Every command is shown before it runs, with what to look at in its
# output; tcpdump on the LAN (Linux's, on the bridge) shows the frames.
# Exit status: non-zero if a step fails (the page must come back whole).
# The old demo (ping and a router) is selftests/demo-ping.sh, make demo-ping.
set -u
cd "$(dirname "$0")/.." || exit 1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
REPO=$PWD
CNET=$REPO/tools/cnet
RUN=$REPO/tools/preload/cnet-run

LAPTOP=laptop
LAN=lan
ROUTER=router
WEB=web
NSS="$LAPTOP $LAN $ROUTER $WEB"

step=0
heading() { step=$((step + 1)); printf '\n=== %d. %s ===\n' "$step" "$*"; }
say() { printf '%s\n' "$@" | fold -s -w 78; }
# on NS CMD...: show "[NS]# CMD" and run CMD in namespace NS ("" = the VM)
on() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then
		echo "[$ns]# ${*#"$REPO/"}"
		ip netns exec "$ns" "$@"
	else
		echo "# $*"
		"$@"
	fi
}
failed() { echo; echo "demo: FAILED: $*"; exit 1; }
wait_for() {	# wait_for TENTHS CMD...: until CMD succeeds
	local n=$1
	shift
	while ! "$@" 2> /dev/null; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.1
	done
}
carrier() { [ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier")" = 1 ]; }
# the wire: what tcpdump saw on the LAN since the last look
WIRE_SEEN=0
wire() {
	local n
	sleep 0.3
	n=$(wc -l < "$TMP/wire")
	echo "    (on the LAN wire, tcpdump on br0:)"
	sed -n "$((WIRE_SEEN + 1)),${n}p" "$TMP/wire" | cut -c1-110 |
		sed 's/^/      /'
	WIRE_SEEN=$n
}
# stats_moved NS: the counters of NS's cnet that are not zero
stats_moved() {
	echo "[$1]# tools/cnet stats | awk '\$2 != 0'"
	ip netns exec "$1" "$CNET" stats |
		awk '$2 != 0 { printf "%-26s %8s\n", $1, $2 }' | pr -2 -t -w 78 |
		sed 's/^/  /'
}

TMP=$(mktemp -d)
BG=()
cleanup() {
	local p ns
	for p in "${BG[@]}"; do
		kill "$p" 2> /dev/null && wait "$p" 2> /dev/null
	done
	for ns in $NSS; do
		ip netns del "$ns" 2> /dev/null
	done
	rm -rf "$TMP" /run/cnet/resolv.conf
}
trap cleanup EXIT

for f in module/cnet.ko tools/cnet tools/cnet-dhcp tools/cnet-resolve \
	 tools/preload/libcnet-preload.so; do
	[ -e "$f" ] || failed "$f is not built (make)"
done
for p in dnsmasq nginx curl tcpdump; do
	command -v $p > /dev/null || failed "$p is not installed (selftests/vm/deps.sh tests)"
done

heading "The cnet module"
if [ -d /sys/module/cnet ]; then
	echo "(already loaded)"
else
	on "" insmod module/cnet.ko || exit 1
fi

heading "The network: a laptop, a LAN, a router, a web server"
cleanup
for ns in $NSS; do
	ip netns add "$ns" || failed "ip netns add $ns"
done
# the LAN: a Linux bridge in "lan", which is also the DHCP and DNS server
ip -n $LAN link add br0 type bridge
ip link add eth0 netns $LAPTOP type veth peer name laptop netns $LAN
ip link add eth0 netns $ROUTER type veth peer name router netns $LAN
ip link add eth1 netns $ROUTER type veth peer name eth0 netns $WEB
for p in laptop router; do
	ip -n $LAN link set $p master br0 up
done
ip -n $LAN addr add 10.0.1.53/24 dev br0
ip -n $LAN link set br0 up
ip -n $WEB addr add 10.0.2.80/24 dev eth0
ip -n $WEB link set eth0 up
ip -n $WEB route add default via 10.0.2.1
for n in "$LAPTOP eth0" "$ROUTER eth0" "$ROUTER eth1"; do
	set -- $n
	ip -n "$1" link set "$2" up
	ip netns exec "$1" "$CNET" link attach "$2" || failed "cnet link attach $2 in $1"
done
say "  laptop (cnet)      eth0: attached to cnet, no address, no route" \
    "  lan (Linux)        br0 10.0.1.53/24: the LAN switch; dnsmasq hands out" \
    "                     10.0.1.100-150, router 10.0.1.1, DNS 10.0.1.53, and" \
    "                     knows www.example.test = 10.0.2.80" \
    "  router (cnet)      eth0 10.0.1.1/24 on the LAN, eth1 10.0.2.1/24, forwarding" \
    "  web (Linux)        eth0 10.0.2.80/24, default via 10.0.2.1, nginx on :80"
on $ROUTER "$CNET" addr add 10.0.1.1/24 dev eth0 nodad
on $ROUTER "$CNET" addr add 10.0.2.1/24 dev eth1 nodad
on $ROUTER "$CNET" forwarding on
wait_for 50 carrier $WEB eth0 && wait_for 50 carrier $LAPTOP eth0 ||
	failed "no carrier"

mkdir -p "$TMP/www"
cat > "$TMP/www/index.html" <<'EOP'
<html><body><h1>Hello from www.example.test</h1>
<p>This page came over cnet: DHCP, ARP, DNS, a routed TCP connection, HTTP.</p>
</body></html>
EOP
cat > "$TMP/nginx.conf" <<EOC
worker_processes 1;
user root;
pid $TMP/nginx.pid;
error_log stderr;
events { worker_connections 64; }
http {
	access_log $TMP/access.log;
	client_body_temp_path $TMP/body;
	server { listen 10.0.2.80:80; root $TMP/www; }
}
EOC
ip netns exec $WEB nginx -e stderr -p "$TMP" -c "$TMP/nginx.conf" \
	-g 'daemon off;' 2> "$TMP/nginx.err" &
BG+=($!)
ip netns exec $LAN dnsmasq --no-daemon --bind-interfaces --interface=br0 \
	--except-interface=lo --no-resolv --no-hosts --log-queries --log-dhcp \
	--dhcp-range=10.0.1.100,10.0.1.150,255.255.255.0,1h \
	--dhcp-option=3,10.0.1.1 --dhcp-option=6,10.0.1.53 \
	--dhcp-leasefile="$TMP/leases" --local=/example.test/ \
	--address=/www.example.test/10.0.2.80 > "$TMP/dnsmasq.log" 2>&1 &
BG+=($!)
ip netns exec $LAN tcpdump -n -l -i br0 not ip6 > "$TMP/wire" 2> "$TMP/tcpdump.err" &
BG+=($!)
wait_for 100 grep -q "DHCP, IP range" "$TMP/dnsmasq.log" || failed "dnsmasq did not start"
wait_for 100 grep -q "listening on" "$TMP/tcpdump.err" || failed "tcpdump did not start"
wait_for 100 test -s "$TMP/nginx.pid" || failed "nginx did not start"

heading "The laptop knows nothing yet"
on $LAPTOP "$CNET" addr show
on $LAPTOP "$CNET" route show
say "No address and no route: it cannot send a single IP packet to anyone" \
    "in particular. It can broadcast, though, and that is how DHCP starts."

heading "DHCP: an address, a router and a DNS server"
on $LAPTOP tools/cnet-dhcp -1 -t 30 eth0 2> "$TMP/dhcp.err" ||
	{ cat "$TMP/dhcp.err"; failed "no lease"; }
sed 's/^/    /' "$TMP/dhcp.err"
wire
say "DISCOVER (from 0.0.0.0 to 255.255.255.255: who serves addresses here?)," \
    "OFFER, REQUEST, ACK: four UDP datagrams between ports 68 and 67 on" \
    "cnet's UDP sockets. Before using the address, cnet-dhcp checked nobody" \
    "else has it: ARP probes with sender 0.0.0.0 (RFC 5227), unanswered." \
    "What the lease configured:"
on $LAPTOP "$CNET" addr show
on $LAPTOP "$CNET" route show
on $LAPTOP cat /run/cnet/resolv.conf
laptop_ip=$(ip netns exec $LAPTOP "$CNET" addr show dev eth0 | grep -oE '10\.0\.1\.[0-9]+' | head -1)
[ -n "$laptop_ip" ] || failed "the laptop has no address"

heading "DNS: www.example.test is ..."
on $LAPTOP tools/cnet-resolve -v www.example.test || failed "no answer for www.example.test"
wire
say "A UDP query to 10.0.1.53 port 53, and its answer. Before the query could" \
    "go, the laptop needed 10.0.1.53's MAC address: an ARP request (broadcast:" \
    "who has 10.0.1.53?) and its reply, now in the ARP cache:"
on $LAPTOP "$CNET" neigh show

heading "Routing: which way to 10.0.2.80?"
on $LAPTOP "$CNET" route get 10.0.2.80
say "10.0.2.80 is not on the LAN (10.0.1.0/24): the longest matching route is" \
    "the default one DHCP gave, so the packets go to the router 10.0.1.1, whose" \
    "MAC the laptop must learn by ARP in turn. On the router:"
on $ROUTER "$CNET" route get 10.0.2.80

heading "TCP and HTTP: curl, unmodified, under cnet-run"
say "cnet-run puts libcnet-preload.so in LD_PRELOAD: curl's socket(AF_INET," \
    "SOCK_STREAM) becomes a cnet socket and its name lookup asks the DNS server" \
    "of /run/cnet/resolv.conf over cnet. --limit-rate keeps the connection open" \
    "a moment, so that we can look at it."
head -c 200000 /dev/urandom > "$TMP/www/photo.jpg"
on $LAPTOP "$RUN" curl -sS --limit-rate 100k -o "$TMP/photo.out" \
	http://www.example.test/photo.jpg &
curl_pid=$!
wait_for 100 sh -c "ip netns exec $LAPTOP $CNET sock show -t | grep -q 10.0.2.80:80"
on $LAPTOP "$CNET" sock show -t -i
say "ESTABLISHED: the handshake (SYN, SYN-ACK, ACK) is done and data flows."
wait "$curl_pid" || failed "curl failed"
on $LAPTOP "$RUN" curl -sS -v http://www.example.test/ 2> "$TMP/curl.err" |
	tee "$TMP/page.out" | sed 's/^/    /'
sed -n '/^> GET/,/^< Content-Length/p' "$TMP/curl.err" | sed 's/^/    /'
cmp -s "$TMP/page.out" "$TMP/www/index.html" || failed "the page did not come back whole"
cmp -s "$TMP/photo.out" "$TMP/www/photo.jpg" || failed "photo.jpg did not come back whole"
say "Both came back whole (compared with the files nginx served)."
wire
say "On the wire: ARP for the router, then SYN, SYN-ACK, ACK ([S], [S.], [.])," \
    "the request and the response ([P.]), and the close: curl's FIN ([F.]) and" \
    "the server's. The laptop closed first, so its end waits in TIME-WAIT (2 MSL)" \
    "so that a late segment of this connection cannot be taken for a new one's:"
on $LAPTOP "$CNET" sock show -ta
echo "[$WEB]# cat access.log"
sed 's/^/    /' "$TMP/access.log"

heading "What each layer counted"
say "Every frame, packet and segment cnet handled is counted. The laptop:"
stats_moved $LAPTOP
say "" "The router forwarded what went to and from the web server (fwd_*):"
stats_moved $ROUTER
on $ROUTER "$CNET" neigh show

heading "Result"
say "The laptop got its configuration by DHCP, learnt MAC addresses by ARP," \
    "resolved www.example.test by DNS, routed through the cnet router, and" \
    "fetched the page over TCP with an unmodified curl: every layer of the" \
    "journey, on cnet."
exit 0
