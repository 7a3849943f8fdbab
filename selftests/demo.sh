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
#   laptop (cnet)        router (cnet)                        web (Linux)
#   eth0 --- hub --- eth0 10.0.1.1   eth1 10.0.2.1 --- eth0 10.0.2.80, nginx
#             |
#   dns (Linux) eth0 10.0.1.53: dnsmasq (DHCP and DNS)
#
# The LAN is a hub in the namespace "lan": a few lines of Python that repeat
# every frame to the other ports (the test kernel has no bridge); the hosts
# compute their checksums and segment themselves (ethtool -K tx off), as a
# hub only copies bytes.
# Every command is shown before it runs, with what to look at in its
# output; tcpdump at the hub shows the frames on the laptop's cable.
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
DNS=dns
ROUTER=router
WEB=web
NSS="$LAPTOP $LAN $DNS $ROUTER $WEB"

step=0
heading() { step=$((step + 1)); printf '\n=== %d. %s ===\n' "$step" "$*"; }
# say LINE...: the lines, folded at 78 columns (fold only when one is
# longer: each process costs in an emulated VM, where make check runs this)
say() {
	local l
	for l in "$@"; do
		if [ ${#l} -gt 78 ]; then
			printf '%s\n' "$@" | fold -s -w 78
			return
		fi
	done
	printf '%s\n' "$@"
}
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
indent() { local l; while IFS= read -r l || [ -n "$l" ]; do printf '    %s\n' "$l"; done; }
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
# (its whole lines, each cut at 110 characters; in bash alone, as say)
wire() {
	local -a w
	local n i l
	sleep 0.3
	mapfile w < "$TMP/wire"
	n=${#w[@]}
	[ "$n" -gt 0 ] && [[ ${w[n - 1]} != *$'\n' ]] && n=$((n - 1))
	echo "    (on the laptop's cable, tcpdump at the hub:)"
	for ((i = WIRE_SEEN; i < n; i++)); do
		l=${w[i]%$'\n'}
		printf '      %s\n' "${l:0:110}"
	done
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
# del_ns: the demo's namespaces go (a previous run's too)
del_ns() {
	local ns
	for ns in $NSS; do
		ip netns del "$ns" 2> /dev/null
	done
	rm -f /run/cnet/resolv.conf
}
cleanup() {
	local p
	for p in "${BG[@]}"; do
		kill "$p" 2> /dev/null && wait "$p" 2> /dev/null
	done
	del_ns
	rm -rf "$TMP"
}
trap cleanup EXIT

for f in module/cnet.ko tools/cnet tools/cnet-dhcp tools/cnet-resolve \
	 tools/preload/libcnet-preload.so; do
	[ -e "$f" ] || failed "$f is not built (make)"
done
for p in dnsmasq nginx curl tcpdump ethtool; do
	command -v $p > /dev/null || failed "$p is not installed (selftests/vm/deps.sh tests)"
done

heading "The cnet module"
if [ -d /sys/module/cnet ]; then
	echo "(already loaded)"
else
	on "" insmod module/cnet.ko || exit 1
fi

heading "The network: a laptop, a LAN, a router, a web server"
del_ns
for ns in $NSS; do
	ip netns add "$ns" || failed "ip netns add $ns"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 2> /dev/null
done
# the LAN: three cables to the hub's ports in "lan"
ip link add eth0 netns $LAPTOP type veth peer name laptop netns $LAN
ip link add eth0 netns $ROUTER type veth peer name router netns $LAN
ip link add eth0 netns $DNS type veth peer name dns netns $LAN
ip link add eth1 netns $ROUTER type veth peer name eth0 netns $WEB
for p in laptop router dns; do
	ip -n $LAN link set $p up
done
cat > "$TMP/hub.py" <<'EOH'
import select, socket, sys
ports = []
for name in sys.argv[1:]:
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((name, 0))
    ports.append(s)
while True:
    for s in select.select(ports, [], [])[0]:
        frame, addr = s.recvfrom(65535)
        if addr[2] == socket.PACKET_OUTGOING:
            continue	# our own copy to another port
        for o in ports:
            if o is not s:
                try:
                    o.send(frame)
                except OSError:	# too long for the port: lost
                    pass
EOH
ip netns exec $LAN /usr/bin/python3 "$TMP/hub.py" laptop router dns &
BG+=($!)
for ns in $LAPTOP $ROUTER $DNS; do
	ip netns exec $ns ethtool -K eth0 tx off > /dev/null 2>&1 ||
		failed "ethtool -K eth0 tx off in $ns"
done
ip -n $DNS addr add 10.0.1.53/24 dev eth0
ip -n $DNS link set eth0 up
ip -n $WEB addr add 10.0.2.80/24 dev eth0
ip -n $WEB link set eth0 up
ip -n $WEB route add default via 10.0.2.1
for n in "$LAPTOP eth0" "$ROUTER eth0" "$ROUTER eth1"; do
	set -- $n
	ip -n "$1" link set "$2" up
	ip netns exec "$1" "$CNET" link attach "$2" || failed "cnet link attach $2 in $1"
done
say "  laptop (cnet)      eth0: attached to cnet, no address, no route" \
    "  lan                the LAN: a hub with three ports" \
    "  dns (Linux)        eth0 10.0.1.53/24: dnsmasq hands out 10.0.1.100-150," \
    "                     router 10.0.1.1, DNS server 10.0.1.53, and knows" \
    "                     www.example.test is 10.0.2.80" \
    "  router (cnet)      eth0 10.0.1.1/24 on the LAN, eth1 10.0.2.1/24, forwarding" \
    "  web (Linux)        eth0 10.0.2.80/24, default via 10.0.2.1, nginx on :80"
on $ROUTER "$CNET" addr add 10.0.1.1/24 dev eth0 nodad
on $ROUTER "$CNET" addr add 10.0.2.1/24 dev eth1 nodad
on $ROUTER "$CNET" forwarding on
wait_for 50 carrier $WEB eth0 && wait_for 50 carrier $LAPTOP eth0 &&
	wait_for 50 carrier $DNS eth0 ||
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
	proxy_temp_path $TMP/proxy;
	fastcgi_temp_path $TMP/fastcgi;
	uwsgi_temp_path $TMP/uwsgi;
	scgi_temp_path $TMP/scgi;
	server { listen 10.0.2.80:80; root $TMP/www; }
}
EOC
ip netns exec $WEB nginx -e stderr -p "$TMP" -c "$TMP/nginx.conf" \
	-g 'daemon off;' 2> "$TMP/nginx.err" &
BG+=($!)
# (--no-ping: dnsmasq would ping an address before offering it, holding
# the OFFER back 3 s while it ARPs for it in vain)
ip netns exec $DNS dnsmasq --no-daemon --bind-interfaces --interface=eth0 \
	--except-interface=lo --no-resolv --no-hosts --log-queries --log-dhcp \
	--no-ping \
	--dhcp-range=10.0.1.100,10.0.1.150,255.255.255.0,1h \
	--dhcp-option=3,10.0.1.1 --dhcp-option=6,10.0.1.53 \
	--dhcp-leasefile="$TMP/leases" --local=/example.test/ \
	--address=/www.example.test/10.0.2.80 > "$TMP/dnsmasq.log" 2>&1 &
BG+=($!)
ip netns exec $LAN tcpdump -n -l -i laptop not ip6 > "$TMP/wire" 2> "$TMP/tcpdump.err" &
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
indent < "$TMP/dhcp.err"
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
    "SOCK_STREAM) becomes a cnet socket, and its name lookup asks the DNS" \
    "server of /run/cnet/resolv.conf over cnet. What curl -v says of the" \
    "connection and of HTTP, then the page:"
on $LAPTOP "$RUN" curl -sS -v -o "$TMP/page.out" http://www.example.test/ \
	2> "$TMP/curl.err"
grep -E '^(\* (Trying|Connected)|> |< )' "$TMP/curl.err" | indent
indent < "$TMP/page.out"
cmp -s "$TMP/page.out" "$TMP/www/index.html" || failed "the page did not come back whole"
wire
say "On the laptop's cable: the DNS query and answer (curl's own lookup); ARP" \
    "for the router 10.0.1.1 (10.0.2.80 is reached through it, so the frames" \
    "carry the router's MAC while the packets carry 10.0.2.80); the handshake," \
    "SYN, SYN-ACK, ACK ([S], [S.], [.]); the request and the response ([P.]);" \
    "and the close, a FIN each way ([F.]). The laptop closed first, so its end" \
    "waits in TIME-WAIT (2 MSL), so that a late segment of this connection" \
    "cannot be taken for one of a new connection with the same ports:"
on $LAPTOP "$CNET" sock show -ta
echo "[$WEB]# cat access.log"
indent < "$TMP/access.log"

heading "A connection caught while it is open"
say "A bigger file (300 KB) with --limit-rate 100k keeps a connection open" \
    "for three seconds; cnet sock show -i shows it ESTABLISHED, with its TCP" \
    "numbers (window scale, RTT, congestion window...):"
head -c 300000 /dev/urandom > "$TMP/www/photo.jpg"
on $LAPTOP "$RUN" curl -sS --limit-rate 100k -o "$TMP/photo.out" \
	http://www.example.test/photo.jpg &
curl_pid=$!
# established: the last section's connection still waits in TIME-WAIT
to_web() {
	ip netns exec $LAPTOP "$CNET" sock show -t state established |
		grep -q 10.0.2.80:80
}
wait_for 300 to_web
on $LAPTOP "$CNET" sock show -t -i
wait "$curl_pid" || failed "curl failed"
cmp -s "$TMP/photo.out" "$TMP/www/photo.jpg" || failed "photo.jpg did not come back whole"
n=$(wc -l < "$TMP/wire")
say "It came back whole, in $((n - WIRE_SEEN)) frames on the laptop's cable."
WIRE_SEEN=$n

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
