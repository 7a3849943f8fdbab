#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
#
# `cnet sock show` (SOCK_GET): UDP unconnected, connected, bound to a
# device and with datagrams waiting, raw and ping sockets, each with its
# state, addresses and queues, in text and JSON, with ss's default (no
# unconnected ones), -a, -l, -u/-w/-P, "state" and "dev" filters; inodes
# those of the program's sockets; requests the kernel refuses, with their
# errno and message; then 10 000 UDP sockets listed exactly once each by a
# dump of many netlink messages (the dump resumes between them), also
# while other sockets come and go.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/sock_show
[ -x "$PROG" ] || skip "sock_show is not built"
SOCK_GET=$REPO/selftests/net/sock/sock_get.py
setup_pair

out=$(mktemp)
on_exit "rm -f $out"

# Each process costs about a second in the emulated VM: lines are
# counted and files read with bash alone.
# nlines TEXT REGEX: how many lines of TEXT match REGEX; nlines_not: do not
nlines() {
	local l n=0
	while IFS= read -r l; do [[ $l =~ $2 ]] && n=$((n + 1)); done <<< "$1"
	echo "$n"
}
nlines_not() {
	local l n=0
	while IFS= read -r l; do [[ $l =~ $2 ]] || n=$((n + 1)); done <<< "$1"
	echo "$n"
}
# shellcheck disable=SC2317 # called by busywait
said_ready() {
	local l
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *ready* ]] && return 0
	done < "$out"
	return 1
}

# start MODE ARGS...: the program in $A, until it says ready; $PROG_PID
start() {
	: > "$out"
	run_bg ip netns exec "$A" "$PROG" "$@" > "$out"
	PROG_PID=$BG_PID
	busywait 240000 said_ready ||
		die "sock_show $1 did not get ready: $(< "$out")"
}

stop() { kill "$PROG_PID"; wait "$PROG_PID" 2>/dev/null; }

# ---- every kind, its state, addresses and queues ------------------------

start kinds "$A_IP" "$B_IP" veth0
pid=$PROG_PID

show=$(cnet_a sock show)
match_re "$show" '^Netid +State +Recv-Q +Send-Q +Local Address:Port +Peer Address:Port$' \
	"the header, with Netid for several kinds"
match_re "$show" '^udp +ESTAB +0 +0 +10\.0\.1\.1:5354 +10\.0\.1\.2:7$' \
	"a connected UDP socket: ESTAB, both ends"
match_re "$show" '^udp +ESTAB +0 +0 +127\.0\.0\.1:5357 +127\.0\.0\.1:5355$' \
	"the sender on lo: ESTAB, its Send-Q back to 0"
match_re "$show" '^ping +ESTAB +0 +0 +0\.0\.0\.0:4242 +10\.0\.1\.2:\*$' \
	"a connected ping socket: its identifier as port"
match "$(nlines "$show" UNCONN)" 0 "by default (as ss) no unconnected socket"

show=$(cnet_a sock show -ua)
match_re "$show" '^State +Recv-Q' "one kind: no Netid column"
match_re "$show" '^UNCONN +0 +0 +0\.0\.0\.0:5353 +0\.0\.0\.0:\*$' \
	"-a: an unconnected UDP socket"
match_re "$show" '^UNCONN +0 +0 +0\.0\.0\.0%veth0:5356 +0\.0\.0\.0:\*$' \
	"a socket bound to a device shows it, as ss"
match_re "$show" '^UNCONN +[1-9][0-9]* +0 +127\.0\.0\.1:5355 ' \
	"three datagrams waiting: Recv-Q counts them"
match "$(nlines_not "$show" '^State')" 5 "-ua: the five UDP sockets"

match_re "$(cnet_a sock show -wa)" '^UNCONN +0 +0 +0\.0\.0\.0:1 +0\.0\.0\.0:\*$' \
	"-w: the raw ICMP socket, its protocol as port"
match "$(nlines_not "$(cnet_a sock show -Pa 2>&1)" '^State')" 1 "-P: the ping socket alone"
show=$(cnet_a sock show -l)
match "$(nlines "$show" ESTAB)" 0 "-l: no connected socket"
match "$(nlines "$show" UNCONN)" 4 "-l: the unconnected ones, raw too"
match "$(nlines "$(cnet_a sock show -u state established 2>&1)" ESTAB)" 2 \
	"state established: the two connected UDP sockets"
match "$(nlines_not "$(cnet_a sock show -ua state closed state established 2>&1)" '^State')" 5 \
	"two states add up"
show=$(cnet_a sock show -a dev veth0)
match "$(nlines_not "$show" '^Netid')" 1 "dev veth0: the one bound to it"
match_re "$show" '%veth0:5356' "dev veth0: that one"
match_re "$(cnet_a sock show -ue state closed)" ' ino:[1-9][0-9]*$' "-e: the inode"

# JSON: every field, and exactly the program's sockets (by inode)
json=$(cnet_a -j sock show -a)
res=$(python3 -c '
import json, os, sys
socks = json.loads(sys.argv[1])
pid = sys.argv[2]
mine = set()
for fd in os.listdir("/proc/%s/fd" % pid):
    l = os.readlink("/proc/%s/fd/%s" % (pid, fd))
    if l.startswith("socket:["):
        mine.add(int(l[8:-1]))
got = [s["inode"] for s in socks]
print("inodes", "same" if sorted(got) == sorted(mine) else "%s vs %s" % (sorted(got), sorted(mine)))
by = {(s["netid"], s.get("local_port", s.get("protocol"))): s for s in socks}
s = by[("udp", 5355)]
print("rq", "ok" if s["recv_q"] >= 300 and s["send_q"] == 0 else s)
s = by[("udp", 5354)]
print("conn", s["state"], s["local_addr"], s["peer_addr"], s["peer_port"], s["uid"])
print("dev", by[("udp", 5356)]["dev"])
print("raw", by[("raw", 1)]["state"], by[("raw", 1)]["protocol"])
print("ping", by[("ping", 4242)]["state"], by[("ping", 4242)]["peer_addr"])
print("tcp", any("tcp" in s for s in socks))
' "$json" "$pid" 2>&1)
match_re "$res" '^inodes same$' "-j: every socket once, the program's inodes"
match_re "$res" '^rq ok$' "-j: recv_q counts the waiting datagrams, send_q 0"
match_re "$res" '^conn ESTAB 10\.0\.1\.1 10\.0\.1\.2 7 0$' "-j: a connected socket"
match_re "$res" '^dev veth0$' "-j: the device"
match_re "$res" '^raw UNCONN 1$' "-j: raw, its protocol"
match_re "$res" '^ping ESTAB 10\.0\.1\.2$' "-j: ping, its peer"
match_re "$res" '^tcp False$' "-j: no TCP details on a datagram socket"
match "$(cnet_a sock show -uaj | head -c 1)" "[" "-j after show works too"

# what the kernel refuses, and why: the requests from one sock_get.py, a
# line each (a python start costs about a second in the emulated VM)
sg() { ip netns exec "$A" python3 "$SOCK_GET" "$@"; }
mapfile -t sgo < <(sg SOCK_KINDS=4 SOCK_STATES=0x80 -- SOCK_KINDS=0 -- \
	SOCK_STATES=0 -- SOCK_KINDS=0x20 -- SOCK_STATES=0x2000 -- \
	SOCK_KINDS=u8:4 -- SOCK_RQUEUE=1 -- IFNAME=nosuch0 -- \
	IFINDEX=1 IFNAME=veth0 2>&1)
match "${#sgo[@]}" 9 "sock_get.py: a line for each of the 9 requests" ||
	printf '%s\n' "${sgo[@]}" | indent
match_re "${sgo[0]-}" "^ok 3 in " "a hand-made request: 3 unconnected UDP"
match "${sgo[1]-}" "error Invalid argument no kind of socket asked for" \
	"no kind: EINVAL, saying so"
match "${sgo[2]-}" "error Invalid argument no socket state asked for" \
	"no state: EINVAL, saying so"
match_re "${sgo[3]-}" '^error Invalid argument' "an unknown kind: EINVAL"
match_re "${sgo[4]-}" '^error Invalid argument' "an unknown state: EINVAL"
match_re "${sgo[5]-}" '^error Invalid argument' "a filter of the wrong size: EINVAL"
match_re "${sgo[6]-}" '^error Invalid argument' "an output attribute in a request: EINVAL"
match "${sgo[7]-}" "error No such device no such device" "an unknown device: ENODEV"
match "${sgo[8]-}" "error Invalid argument device name and index disagree" \
	"a device by two names: EINVAL"
check_err "cnet sock show dev nosuch0 fails" cnet_a sock show dev nosuch0
stop

# ---- 10 000 sockets, each exactly once ----------------------------------

N=10000
start many $N 20000
log "$N sockets open"
# counts FILE...: for each JSON dump of sock show -ua, one line: how many
# of the N ports from 20000 it lists, whether each once, whether every
# inode once (one python for all the dumps: a start costs a second)
counts() {
	python3 -c '
import json, sys, collections
lo, n = int(sys.argv[1]), int(sys.argv[2])
for f in sys.argv[3:]:
    try:
        with open(f) as fp:
            socks = json.load(fp)
    except ValueError as e:
        print("not a JSON dump:", e)
        continue
    ports = collections.Counter(s["local_port"] for s in socks
                                if s["netid"] == "udp" and lo <= s.get("local_port", 0) < lo + n)
    inodes = collections.Counter(s["inode"] for s in socks)
    print(len(ports), "ports", "all once" if all(c == 1 for c in ports.values()) else "some twice",
          "inodes", "all once" if all(c == 1 for c in inodes.values()) else "some twice")
' 20000 "$N" "$@"
}
dumps=$(mktemp -d)
on_exit "rm -rf $dumps"
cnet_a -j sock show -ua > "$dumps/0" 2>&1
check_re "sg SOCK_KINDS=4 SOCK_STATES=0x80" "^ok $N in ([2-9]|[1-9][0-9]+) parts$" \
	"the dump of $N sockets resumed over many netlink messages"

start churn 40000
for i in 1 2 3; do
	cnet_a -j sock show -ua > "$dumps/$i" 2>&1
done
mapfile -t got < <(counts "$dumps"/{0,1,2,3})
match "${got[0]-}" "$N ports all once inodes all once" \
	"$N sockets: each exactly once in one dump"
for i in 1 2 3; do
	match "${got[i]-}" "$N ports all once inodes all once" \
		"dump $i while sockets come and go: each of the $N still once"
done
exit_test
