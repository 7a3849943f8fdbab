#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 120
#
# Congestion control is chosen per namespace and per socket: `cnet conf`
# shows tcp_congestion cubic by default; TCP_CONGESTION sets and reads a
# socket's (tcp_opts congestion: reno and cubic, ENOENT for an unknown
# name, the name cut to optlen, an accepted connection has its listener's,
# a switch under way keeps the data flowing, a grown window restarts
# after 1.5 s idle); after `conf set
# tcp_congestion reno` new sockets start with reno. A transfer from cnet
# to Linux over a link with netem loss (5 %) completes byte for byte under
# cubic and under reno, retransmitting.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_opts
NC=$REPO/tools/cnet-nc
[ -x "$PROG" ] || skip "tcp_opts is not built"
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# run_prog NAME ARGS...: tcp_opts ARGS in A, must pass
run_prog() {
	local name=$1 out rc
	shift
	out=$(ns_a timeout 30 "$PROG" "$@" 2>&1)
	rc=$?
	indent <<< "$out"
	match "$rc" 0 "$name"
}

check "cnet_a conf show | grep ^tcp_congestion" "tcp_congestion cubic" \
	"the namespace's default is cubic"
run_prog "TCP_CONGESTION: set, get, ENOENT, inherited; cubic by default" \
	congestion cubic

# transfer ALG PORT: 512 KiB from cnet to Linux with ALG as the
# namespace's default, over the lossy link, byte for byte. netem drops
# whole GSO packets, a few dozen here: a transfer may see no loss at all,
# so up to three go until one has retransmitted.
head -c $((512 * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
ns_a tc qdisc add dev veth0 root netem delay 2ms loss 5% 2>/dev/null ||
	skip "no netem qdisc"
transfer() {
	local alg=$1 port=$2 try t0 rc retrans
	check_ok "conf set tcp_congestion $alg" cnet_a conf set tcp_congestion "$alg"
	for try in 1 2 3; do
		run_bg ip netns exec "$B" timeout 60 socat -u \
			TCP4-LISTEN:"$port",bind="$B_IP",reuseaddr - > "$tmp/$alg.out"
		busywait 30000 tcp_listening "$B" "$port" || die "socat did not listen"
		stats_save "$A"
		t0=$(now_ms)
		ns_a timeout 60 "$NC" -N "$B_IP" "$port" < "$tmp/data" 2> "$tmp/$alg.err"
		rc=$?
		match "$rc" 0 "$alg: cnet-nc sent 512 KiB over 5 % loss" ||
			indent < "$tmp/$alg.err"
		wait "$BG_PID"
		match "$(sha256sum < "$tmp/$alg.out")" "$want" \
			"$alg: Linux got it byte for byte"
		retrans=$(stat_delta tcp_retrans)
		log "$alg, try $try: $(( $(now_ms) - t0 )) ms, tcp_retrans $retrans"
		[ "$retrans" -gt 0 ] && break
		port=$((port + 10))
	done
	match_re "$retrans" "^[1-9][0-9]*$" "$alg: cnet retransmitted"
}
transfer cubic 7300
transfer reno 7301
run_prog "after conf set tcp_congestion reno, new sockets have reno" \
	congestion reno
check_ok "conf set tcp_congestion cubic" cnet_a conf set tcp_congestion cubic
exit_test
