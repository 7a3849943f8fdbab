#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# Buffer autotuning (tcp_autotune.c) between cnet (A) and Linux (B) on a
# path with 20 ms of round trip (netem delay 10 ms each way), 4 MiB a
# transfer with tcpbench:
#  - cnet receiving: its receive buffer grows past the default as the
#    application keeps up (SO_RCVBUF read at the end); so that the
#    window can follow, cnet's SYN-ACK (and its own SYN, when it
#    connects) announces the window scale of the largest buffer, 7
#    (6 MiB), as Linux;
#  - cnet sending: its send buffer grows past the default with the
#    congestion window;
#  - with SO_RCVBUF/SO_SNDBUF set (tcpbench -b) neither grows: the user's
#    size stays, doubled as Linux reports it.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

BENCH=$REPO/selftests/progs/tcpbench
[ -x "$BENCH" ] || skip "tcpbench is not built"
setup_pair
in_ns "$A" tc qdisc add dev veth0 root netem delay 10ms limit 10000 ||
	skip "no netem qdisc"
ns_b tc qdisc add dev veth1 root netem delay 10ms limit 10000 ||
	die "cannot set netem on veth1"
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
read -r def < /proc/sys/net/core/rmem_default
N=$((4 * 1024 * 1024))

# kv KEY FILE: the value of KEY=... in FILE's first line (builtins only:
# a process costs about a second in the emulated VM)
kv() {
	local line=
	read -r line < "$2"
	[[ " $line" =~ \ $1=([0-9.]+) ]] && echo "${BASH_REMATCH[1]}"
}

# stream SERVER_NS SERVER_FAMILY CLIENT_NS CLIENT_FAMILY ADDR PORT [-b N]
stream() {
	local sns=$1 sf=$2 cns=$3 cf=$4 addr=$5 port=$6
	shift 6
	ip netns exec "$sns" timeout 120 "$BENCH" -f "$sf" "$@" server stream \
		"$addr" "$port" > "$tmp/srv" 2>&1 &
	local pid=$!
	ip netns exec "$cns" timeout 120 "$BENCH" -f "$cf" -n $N "$@" client \
		stream "$addr" "$port" > "$tmp/cli" 2>&1
	local rc=$?
	wait "$pid"
	echo "client $rc server $?" > "$tmp/rc"
	log "server: $(< "$tmp/srv"); client: $(< "$tmp/cli")"
}

# Linux -> cnet
# cnet's SYN-ACK only: Linux's SYN may come twice (the client retries
# while the server is not listening yet), and two SYNs were two packets.
capture_start "$B" veth1 -c 1 "tcp src port 7201 and tcp[tcpflags] & tcp-syn != 0"
stream "$A" custom "$B" inet "$A_IP" 7201
wait_for 5000 'test "$(grep -c . "$CAP")" -ge 1'
match_re "$(< "$CAP")" "$A_IP\\.7201 > .*wscale 7" "cnet's SYN-ACK announces window scale 7"
match "$(< "$tmp/rc")" "client 0 server 0" "Linux sent 4 MiB to cnet"
match "$(kv bytes "$tmp/srv")" $N "cnet received all of it"
rcvbuf=$(kv rcvbuf "$tmp/srv")
if [ "${rcvbuf:-0}" -gt "$def" ]; then
	pass "cnet's receive buffer grew ($def -> $rcvbuf)"
else
	fail "cnet's receive buffer did not grow past $def: ${rcvbuf:-none}"
fi

# cnet -> Linux
capture_start "$B" veth1 -c 1 "tcp dst port 7202 and tcp[tcpflags] & tcp-syn != 0"
stream "$B" inet "$A" custom "$B_IP" 7202
wait_for 5000 'test "$(grep -c . "$CAP")" -ge 1'
match_re "$(< "$CAP")" "> $B_IP\\.7202: .*wscale 7" \
	"cnet's SYN announces window scale 7 (room for autotuning)"
match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent 4 MiB to Linux"
match "$(kv bytes "$tmp/srv")" $N "Linux received all of it"
sndbuf=$(kv sndbuf "$tmp/cli")
read -r wdef < /proc/sys/net/core/wmem_default
if [ "${sndbuf:-0}" -gt "$wdef" ]; then
	pass "cnet's send buffer grew ($wdef -> $sndbuf)"
else
	fail "cnet's send buffer did not grow past $wdef: ${sndbuf:-none}"
fi

# SO_RCVBUF / SO_SNDBUF set: no autotuning
stream "$A" custom "$B" inet "$A_IP" 7203 -b 100000
match "$(< "$tmp/rc")" "client 0 server 0" "Linux sent 4 MiB to cnet (SO_RCVBUF 100000)"
match "$(kv rcvbuf "$tmp/srv")" 200000 "cnet's receive buffer stayed at SO_RCVBUF's"
stream "$B" inet "$A" custom "$B_IP" 7204 -b 100000
match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent 4 MiB to Linux (SO_SNDBUF 100000)"
match "$(kv sndbuf "$tmp/cli")" 200000 "cnet's send buffer stayed at SO_SNDBUF's"
exit_test
