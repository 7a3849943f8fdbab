#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 120
#
# Pacing (tcp_pacing.h) between cnet (A) and Linux (B) over veth, as
# Linux paces: tcpbench streams for 3 s with SO_MAX_PACING_RATE at
# 10 Mbit/s (1250000 bytes per second), SO_SNDBUF 256 KB:
#  - cnet -> Linux, no qdisc: the stack paces itself (its pacing timer
#    fires); the receiver's goodput is the cap within 15 %, and TCP_INFO
#    says tcpi_max_pacing_rate = the cap, 0 < tcpi_pacing_rate <= the cap;
#  - the same without SO_MAX_PACING_RATE: not paced (CUBIC does not ask
#    for it, as on Linux), over 3 times faster (tens of times on an idle
#    host), no pacing timer;
#  - the same over 3 % netem loss on cnet's veth0: the SACK recovery's
#    retransmissions wait for their departure times as well (counted in
#    tcp_pacing_retrans_wait), and the goodput is not above the cap;
#  - Linux -> cnet with the cap, for reference (its rate is logged);
#  - a paced cnet sender reset by its peer mid-stream (its pacing timer
#    armed): the connection ends, and at the end every cnet socket is
#    gone and the module's references are back (no reference held by a
#    cancelled timer);
#  - cnet -> Linux with an fq qdisc on cnet's veth0: fq paces it by
#    sk_pacing_rate, the cap holds, and cnet's own timer never fires
#    (the test kernel has sch_fq; without it the case is logged, not run).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

BENCH=$REPO/selftests/progs/tcpbench
[ -x "$BENCH" ] || skip "tcpbench is not built"
setup_pair
tcp_mem_track -t 2000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
RATE=1250000

# kv KEY FILE: the value of KEY=... in FILE's first line (builtins only:
# a process costs about a second in the emulated VM)
kv() {
	local line=
	read -r line < "$2"
	[[ " $line" =~ \ $1=([0-9.]+) ]] && echo "${BASH_REMATCH[1]}"
}

# no_established, established_1: cnet in A has no established
# connection, has one
# shellcheck disable=SC2317 # called by busywait
no_established() { [ "$(tcp_socks "$A" established)" = 0 ]; }
# shellcheck disable=SC2317 # called by busywait
established_1() { [ "$(tcp_socks "$A" established)" = 1 ]; }

# stream SERVER_NS SERVER_FAMILY CLIENT_NS CLIENT_FAMILY ADDR PORT [ARGS]:
# a 3 s stream, ARGS to the client; the goodput the server saw (bytes per
# second) in GOODPUT
stream() {
	local sns=$1 sf=$2 cns=$3 cf=$4 addr=$5 port=$6 bytes secs ms
	shift 6
	ip netns exec "$sns" timeout 60 "$BENCH" -f "$sf" -b 262144 server \
		stream "$addr" "$port" > "$tmp/srv" 2>&1 &
	local pid=$!
	ip netns exec "$cns" timeout 60 "$BENCH" -f "$cf" -b 262144 -t 3 "$@" \
		client stream "$addr" "$port" > "$tmp/cli" 2>&1
	local rc=$?
	wait "$pid"
	echo "client $rc server $?" > "$tmp/rc"
	bytes=$(kv bytes "$tmp/srv")
	secs=$(kv secs "$tmp/srv")
	secs=${secs:-0.000}	# %.3f: milliseconds without the dot
	ms=$((10#${secs/./}))
	GOODPUT=$(( ms > 0 ? ${bytes:-0} * 1000 / ms : 0 ))
	log "server: $(< "$tmp/srv"); client: $(< "$tmp/cli")"
}

# near_cap WHAT: GOODPUT within 15 % of RATE
near_cap() {
	local lo=$((RATE * 85 / 100)) hi=$((RATE * 115 / 100))
	if [ "$GOODPUT" -ge "$lo" ] && [ "$GOODPUT" -le "$hi" ]; then
		pass "$1: $GOODPUT B/s, within 15 % of $RATE"
	else
		fail "$1: $GOODPUT B/s, not within 15 % of $RATE ($lo..$hi)"
	fi
}

# tcp_info_ok WHAT: the client's TCP_INFO showed the cap
tcp_info_ok() {
	local pr mpr
	pr=$(kv pacing_rate "$tmp/cli")
	mpr=$(kv max_pacing_rate "$tmp/cli")
	match "$mpr" "$RATE" "$1: tcpi_max_pacing_rate is SO_MAX_PACING_RATE"
	if [ "${pr:-0}" -gt 0 ] && [ "${pr:-0}" -le "$RATE" ]; then
		pass "$1: tcpi_pacing_rate $pr, within (0, $RATE]"
	else
		fail "$1: tcpi_pacing_rate ${pr:-none}, not within (0, $RATE]"
	fi
}

# cnet -> Linux, paced by cnet itself
stats_save "$A"
stream "$B" inet "$A" custom "$B_IP" 7301 -R $RATE
match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent to Linux with SO_MAX_PACING_RATE"
near_cap "cnet -> Linux, paced"
cnet_paced=$GOODPUT
tcp_info_ok "cnet -> Linux"
timers=$(stat_delta tcp_pacing_timer)
if [ "$timers" -gt 0 ]; then
	pass "cnet's pacing timer fired ($timers times)"
else
	fail "cnet's pacing timer never fired"
fi

# cnet -> Linux, not paced
stats_save "$A"
stream "$B" inet "$A" custom "$B_IP" 7302
match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent to Linux without SO_MAX_PACING_RATE"
# (33 MB/s on an idle host, 6 MB/s on a busy one: the emulated VM varies)
if [ "$GOODPUT" -gt $((RATE * 3)) ]; then
	pass "cnet -> Linux, not paced: $GOODPUT B/s, over 3 times the cap"
else
	fail "cnet -> Linux, not paced: $GOODPUT B/s, not over 3 times $RATE"
fi
match "$(stat_delta tcp_pacing_timer)" 0 "no pacing timer for a flow that did not ask"

# cnet -> Linux, paced, over 3 % loss: a SACK recovery's retransmissions
# wait for their departure times too (all but a recovery's first)
ns_a tc qdisc add dev veth0 root netem loss 3% || die "cannot add netem to veth0"
stats_save "$A"
stream "$B" inet "$A" custom "$B_IP" 7306 -R $RATE
ns_a tc qdisc del dev veth0 root || die "cannot take netem off veth0"
match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent to Linux over 3 % loss, paced"
stats_deltas
held=${STATS_DELTA[tcp_pacing_retrans_wait]}
if [ "$held" -gt 0 ]; then
	pass "retransmissions waited for their departure time ($held times;" \
	     "${STATS_DELTA[tcp_sack_retrans]} SACK retransmissions)"
else
	fail "no retransmission waited (${STATS_DELTA[tcp_sack_retrans]} SACK retransmissions)"
fi
if [ "$GOODPUT" -le $((RATE * 115 / 100)) ]; then
	pass "over loss, not above the cap: $GOODPUT B/s"
else
	fail "over loss, $GOODPUT B/s: above the cap $RATE by more than 15 %"
fi

# Linux -> cnet, paced by Linux: the reference
stream "$A" custom "$B" inet "$A_IP" 7303 -R $RATE
match "$(< "$tmp/rc")" "client 0 server 0" "Linux sent to cnet with SO_MAX_PACING_RATE"
linux_paced=$GOODPUT
log "paced at $RATE B/s: cnet $cnet_paced B/s, Linux $linux_paced B/s"

# a paced sender reset mid-stream: Linux's receiver exits with data unread
stats_save "$A"
# (ip netns exec execs: $! is timeout's pid, which passes SIGTERM on)
ip netns exec "$B" timeout 30 "$BENCH" -f inet -b 262144 server stream \
	"$B_IP" 7305 > /dev/null 2>&1 &
spid=$!
ip netns exec "$A" timeout 30 "$BENCH" -f custom -b 262144 -t 6 -R $RATE \
	client stream "$B_IP" 7305 > "$tmp/cli" 2>&1 &
cpid=$!
# once the data flows (a process takes up to a second to start here)
busywait 20000 established_1
nap 1
kill "$spid"
wait "$spid"
wait "$cpid"
rc=$?
match_re "$rc $(< "$tmp/cli")" "^1 .*(reset by peer|Broken pipe)" \
	"a paced cnet sender sees the peer's reset"
timers=$(stat_delta tcp_pacing_timer)
if [ "$timers" -gt 0 ]; then
	pass "it was paced until then ($timers timer expiries)"
else
	fail "its pacing timer never fired"
fi
busywait 5000 no_established
match "$(tcp_socks "$A" established)" 0 "the reset connection is gone"

# cnet -> Linux through fq: fq paces, cnet does not
if ns_a tc qdisc add dev veth0 root fq 2> "$tmp/tc"; then
	stats_save "$A"
	stream "$B" inet "$A" custom "$B_IP" 7304 -R $RATE
	match "$(< "$tmp/rc")" "client 0 server 0" "cnet sent to Linux through fq"
	near_cap "cnet -> Linux, paced by fq"
	tcp_info_ok "cnet -> Linux through fq"
	match "$(stat_delta tcp_pacing_timer)" 0 "fq paces: cnet's pacing timer did not fire"
	log "fq: $(ns_a tc -s qdisc show dev veth0 | tr '\n' ' ')"
else
	log "no fq qdisc ($(< "$tmp/tc")): the fq case is not run"
fi
exit_test
