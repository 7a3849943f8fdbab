#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-timeout: 3600
#
# Connections churned for minutes (make soak only): rounds of 500
# connections opened at once, a byte each way on each and closed
# (selftests/progs/tcp_many), cnet clients to a Linux server and Linux
# clients to a cnet server at the same time, while a lossy second link
# (netem loss 1 %, reordering) carries one long transfer each way
# (SOAK_LONG_MIB, default 64), until SOAK_SECS (default 600) have passed. Every round must end cleanly,
# every byte of the long transfers arrive (sha256), and at the end every
# cnet socket and TIME-WAIT entry is gone (tcp_mem_track).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_many
NC=$REPO/tools/cnet-nc
[ -x "$PROG" ] || skip "tcp_many is not built"
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
secs=${SOAK_SECS:-600}
per=${SOAK_CHURN:-500}
setup_pair
# the lossy link: A's veth2 (10.0.2.1) -- B's veth3 (10.0.2.2)
ip link add veth2 netns "$A" type veth peer name veth3 netns "$B" ||
	die "cannot create the second veth pair"
cnet_ns "$A" veth2 10.0.2.1/24 || die "cannot set up cnet on veth2"
linux_ns "$B" veth3 10.0.2.2/24 || die "cannot set up Linux on veth3"
busywait 5000 carrier_up "$B" veth3 || die "veth3 has no carrier"
ns_a tc qdisc add dev veth2 root netem delay 2ms 1ms loss 1% reorder 10% ||
	skip "no netem qdisc"
ns_b tc qdisc add dev veth3 root netem delay 2ms 1ms loss 1% reorder 10%
ns_b sysctl -qw net.core.somaxconn=4096 net.ipv4.tcp_max_syn_backlog=4096
tcp_mem_track -t 3000 "$A"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# The long transfers: as much as fits in the time, each way, at once.
mib=${SOAK_LONG_MIB:-64}
head -c $((mib * 1024 * 1024)) /dev/urandom > "$tmp/data" || die "no room for the data"
want=$(sha256sum < "$tmp/data")
ip netns exec "$B" timeout $((secs * 3)) socat -u TCP4-LISTEN:7900,bind=10.0.2.2 - |
	sha256sum > "$tmp/up" &
up_srv=$!
ip netns exec "$B" timeout $((secs * 3)) socat -u "OPEN:$tmp/data" \
	TCP4-LISTEN:7901,bind=10.0.2.2 &
down_srv=$!
if ! busywait 30000 tcp_listening "$B" 7900 ||
   ! busywait 30000 tcp_listening "$B" 7901; then
	die "socat did not listen"
fi
ip netns exec "$A" timeout $((secs * 3)) "$NC" -N 10.0.2.2 7900 < "$tmp/data" &
up_cli=$!
{ ip netns exec "$A" timeout $((secs * 3)) "$NC" 10.0.2.2 7901 < /dev/null;
	echo $? > "$tmp/down.rc"; } | sha256sum > "$tmp/down" &
down_cli=$!

# round SERVER_NS FAMILY CLIENT_NS FAMILY ADDR PORT: one round, 0 if clean
round() {
	local srv cli rc=0

	ip netns exec "$1" "$PROG" server "$2" "$5" "$6" "$per" 300 > "$tmp/srv.$6" 2>&1 &
	srv=$!
	busywait 30000 grep -q listening "$tmp/srv.$6" || return 1
	ip netns exec "$3" "$PROG" client "$4" "$5" "$6" "$per" 300 > "$tmp/cli.$6" 2>&1 &
	cli=$!
	busywait 300000 grep -q "established\|tcp_many:" "$tmp/cli.$6"
	kill -USR1 "$cli"
	wait "$cli" || rc=1
	wait "$srv" || rc=1
	[ $rc = 0 ] || { cat "$tmp/cli.$6" "$tmp/srv.$6"; return 1; }
}

stats_save "$A"
t0=$(now_ms)
rounds=0
bad=0
while [ $(( $(now_ms) - t0 )) -lt $((secs * 1000)) ]; do
	round "$B" inet "$A" cnet "$B_IP" 7700 > "$tmp/r1" &
	r1=$!
	round "$A" cnet "$B" inet "$A_IP" 7701 > "$tmp/r2" &
	r2=$!
	wait $r1 || { bad=$((bad + 1)); indent < "$tmp/r1"; }
	wait $r2 || { bad=$((bad + 1)); indent < "$tmp/r2"; }
	rounds=$((rounds + 1))
done
log "$rounds rounds of $per connections each way in $(( $(now_ms) - t0 )) ms"
match "$bad" 0 "every round of $per connections each way ended cleanly"
stats_deltas
match "${STATS_DELTA[tcp_active_open]}" $((rounds * per)) \
	"tcp_active_open: $((rounds * per)) connections from cnet"
if [ "${STATS_DELTA[tcp_passive_open]}" -ge $((rounds * per)) ]; then
	pass "tcp_passive_open: $((rounds * per)) connections to cnet"
else
	fail "tcp_passive_open ${STATS_DELTA[tcp_passive_open]} < $((rounds * per))"
fi

wait $up_cli
match "$?" 0 "the long transfer up ended"
wait $down_cli $up_srv $down_srv
match "$(< "$tmp/up")" "$want" "the long transfer up ($mib MiB) arrived byte for byte"
match "$(< "$tmp/down.rc")" 0 "the long transfer down ended"
match "$(< "$tmp/down")" "$want" "the long transfer down ($mib MiB) arrived byte for byte"
log "long transfers of $mib MiB ended after $(( $(now_ms) - t0 )) ms"
exit_test
