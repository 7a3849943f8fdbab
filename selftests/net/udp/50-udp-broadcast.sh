#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Broadcasts. In: a datagram Linux sends to the subnet broadcast, and one
# to 255.255.255.255, reach every cnet socket on 0.0.0.0 of that port, not
# one bound to the unicast address. Out: a cnet socket with SO_BROADCAST
# sends to the subnet broadcast (without it: EACCES, udp_api api).
# A DHCP client's first exchange: on a device cnet has no address on, a
# socket bound to 0.0.0.0:5100 and the device sends from 0.0.0.0 to
# 255.255.255.255 and receives the broadcast reply.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/udp_api
[ -x "$PROG" ] || skip "udp_api is not built"
setup_pair

o1=$(mktemp) o2=$(mktemp) o3=$(mktemp)
on_exit "rm -f $o1 $o2 $o3"
run_bg ip netns exec "$A" "$PROG" recv 0.0.0.0 5004 2 60 > "$o1"
p1=$BG_PID
run_bg ip netns exec "$A" "$PROG" recv 0.0.0.0 5004 2 60 > "$o2"
p2=$BG_PID
run_bg ip netns exec "$A" "$PROG" recv "$A_IP" 5004 1 60 > "$o3"
p3=$BG_PID
for o in "$o1" "$o2" "$o3"; do
	busywait 30000 grep -q listening "$o" || die "a cnet receiver did not start"
done
stats_save "$A"
ns_b python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"veth1")
s.bind(("0.0.0.0", 4444))
s.sendto(b"subnet", ("10.0.1.255", 5004))
s.sendto(b"limited", ("255.255.255.255", 5004))
'
wait "$p1" "$p2"
# both arrived before the wildcard sockets were done: the third had time
kill "$p3"
for o in "$o1" "$o2"; do
	match "$(sed -n 2,3p "$o" | tr '\n' ' ')" \
		"6 bytes from $B_IP:4444: subnet 7 bytes from $B_IP:4444: limited " \
		"a socket on 0.0.0.0 got both broadcasts"
done
match "$(sed -n 2p "$o3")" "" "the socket bound to $A_IP got neither"
stats_deltas
match "${STATS_DELTA[udp_delivered]}" 4 "udp_delivered: a copy per socket"
match "${STATS_DELTA[icmp_dest_unreach_tx]:-0}" 0 "no port unreachable"

# Out: to the subnet broadcast, with SO_BROADCAST.
ncout=$(mktemp)
on_exit "rm -f $ncout"
run_bg ip netns exec "$B" nc -u -l -W 1 0.0.0.0 6002 > "$ncout"
busywait 30000 eval 'ns_b ss -Huln "sport = :6002" | grep -q .' || die "nc did not start"
ns_a "$PROG" send 10.0.1.255 6002 "to all"
wait "$BG_PID"
match "$(< "$ncout")" "to all" "Linux got cnet's broadcast"

# DHCP's first exchange, on a device without an address.
setup_ns C D
ip link add vethc netns "$C" type veth peer name vethd netns "$D" ||
	die "cannot create the veth pair"
ip -n "$C" link set vethc up
in_ns "$C" "$CNET" link attach vethc || die "cannot attach vethc"
linux_ns "$D" vethd 10.0.9.1/24 || die "cannot set up Linux in $D"
busywait 5000 carrier_up "$D" vethd || die "vethd has no carrier"
dout=$(mktemp)
on_exit "rm -f $dout"
run_bg ip netns exec "$D" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"vethd")
s.bind(("0.0.0.0", 5101))
s.settimeout(60)
print("ready", flush=True)
d, a = s.recvfrom(100)
print("%s from %s:%d" % (d.decode(), a[0], a[1]), flush=True)
s.sendto(b"offer", ("255.255.255.255", 5100))
' > "$dout"
busywait 30000 grep -q ready "$dout" || die "the server did not start"
out=$(in_ns "$C" "$PROG" bcast vethc 5100 60 2>&1)
match "$out" 'reply "offer" from 10.0.9.1:5101' "the client got the broadcast reply"
match "$(sed -n 2p "$dout")" "discover from 0.0.0.0:5100" \
	"the server saw it from 0.0.0.0 (to 255.255.255.255)"
exit_test
