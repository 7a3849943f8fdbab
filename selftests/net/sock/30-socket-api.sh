#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The AF_CUSTOM socket API against a Linux peer: every call's success and
# error paths (selftests/progs/sock_api.c), raw sockets refused without
# CAP_NET_RAW, and rmmod refused while a socket is open.
set -u
cd "$(dirname "$0")/../../.." || exit 1

A=sockapi-a-$$
B=sockapi-b-$$
ret=0
cleanup() {
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; ret=1; }

[ -x selftests/progs/sock_api ] || { echo "SKIP: sock_api not built"; exit 4; }

ip netns add "$A" && ip netns add "$B" || exit 1
ip link add veth0 netns "$A" type veth peer name veth1 netns "$B" || exit 1
ip -n "$A" link set veth0 up
ip -n "$B" link set veth1 up
ip -n "$B" addr add 10.0.1.2/24 dev veth1
ip netns exec "$A" tools/cnet link attach veth0 || exit 1
ip netns exec "$A" tools/cnet addr add 10.0.1.1/24 dev veth0 nodad || exit 1

ip netns exec "$A" selftests/progs/sock_api 10.0.1.1 10.0.1.2 || ret=1

# Raw ICMP sockets need CAP_NET_RAW; ping sockets do not.
out=$(ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups \
	python3 -c '
import socket
socket.socket(19, socket.SOCK_DGRAM, 1).close()
try:
    socket.socket(19, socket.SOCK_RAW, 1)
    print("raw allowed")
except PermissionError:
    print("raw EPERM")
' 2>&1)
[ "$out" = "raw EPERM" ] || fail "unprivileged raw socket: $out"

# A raw socket (as root) sees the ICMP traffic, IPv4 header first.
out=$(ip netns exec "$A" python3 -c '
import socket, subprocess
s = socket.socket(19, socket.SOCK_RAW, 1)
s.settimeout(5)
subprocess.run(["ip", "netns", "exec", "'"$B"'", "ping", "-c", "1", "-W", "2",
                "10.0.1.1"], stdout=subprocess.DEVNULL)
d = s.recv(2048)
print("v%d type%d" % (d[0] >> 4, d[(d[0] & 15) * 4]))
' 2>&1)
[ "$out" = "v4 type8" ] || fail "raw socket did not see the echo request: $out"

# The module cannot go while a socket holds it.
ready=$(mktemp)
ip netns exec "$A" python3 -c '
import socket, sys, time
s = socket.socket(19, socket.SOCK_DGRAM, 1)
open(sys.argv[1], "w").write("open")
time.sleep(3)
' "$ready" &
pid=$!
for _ in $(seq 100); do
	[ -s "$ready" ] && break
	sleep 0.1
done
if [ ! -s "$ready" ]; then
	fail "the socket holder did not start"
elif rmmod cnet 2>/dev/null; then
	fail "rmmod succeeded with a socket open"
	insmod module/cnet.ko
fi
wait $pid
rm -f "$ready"
exit $ret
