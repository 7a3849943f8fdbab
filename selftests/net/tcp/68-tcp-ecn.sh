#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 150
#
# ECN (RFC 3168) between cnet (A) and Linux (B, net.ipv4.tcp_ecn=1),
# each end's veth egress a netem qdisc (5 ms delay), one segment per
# packet. The marker is Linux's: during the data phase the sender's qdisc
# is changed to `netem loss 10% ecn`, which marks CE where it would drop
# an ECT packet. A Not-ECT packet it would drop, so the qdisc marks only
# while data flows: set once the connection is established, taken off
# once every byte arrived and before the sender closes (its SYN and FIN
# are never at risk). In A that qdisc is under cnet (cnet sends through
# the device's qdisc as Linux does): the marking is Linux's, as a
# router's would be, without a third namespace.
#
# Up, cnet with tcp_ecn 1 sends 256 KiB to socat in B: its SYN asks (ECE
# and CWR), Linux's SYN-ACK agrees (ECE); its data arrives ECT(0) and CE
# (B's IpExtInECT0Pkts and IpExtInCEPkts), Linux's ACKs echo ECE, cnet
# reduces cwnd (tcp_ecn_cwr) and says CWR, without one retransmission,
# the data exact. Then the same through a real AQM: a 2 Mbit/s tbf on
# A's veth0 with an fq_codel ecn queue, which marks when packets wait
# past its target; cnet reduces, and nothing is dropped. Down, cnet with tcp_ecn 2 (the default) listens and
# socat in B sends: cnet's SYN-ACK accepts, it counts CE (tcp_ecn_ce_rx)
# and its ACKs echo ECE, and Linux reduces (TcpExtTCPDeliveredCE) and
# sends CWR. Last, tcp_ecn 0: cnet's SYN asks nothing and no packet of
# its reaches B ECT.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"
command -v tcpdump > /dev/null || skip "tcpdump is not installed"
command -v nstat > /dev/null || skip "nstat is not installed"

kib=256
bytes=$((kib * 1024))
limit=60

setup_pair
tcp_mem_track -t 2000 "$A"
ns_b sysctl -qw net.ipv4.tcp_ecn=1 || die "cannot set tcp_ecn in B"
# one segment per packet (cnet and Linux read it at connect): netem's
# marks fall per packet, and a 64 KiB GSO packet would be one throw
ns_a ip link set dev veth0 gso_max_segs 1 || die "cannot set gso_max_segs"
ns_b ip link set dev veth1 gso_max_segs 1 || die "cannot set gso_max_segs"
ns_a tc qdisc add dev veth0 root netem delay 5ms 2>/dev/null ||
	skip "no netem qdisc"
ns_b tc qdisc add dev veth1 root netem delay 5ms || die "cannot set netem in B"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $bytes /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
# shellcheck disable=SC2317 # called by busywait
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
# sink PORT FILE: socat in B writes what it gets on B_IP:PORT to FILE
# (one connection); its pid in SINK, once it listens
sink() {
	run_bg ns_b timeout $limit socat -u TCP4-LISTEN:"$1",bind="$B_IP",reuseaddr \
		"OPEN:$2,creat,trunc"
	SINK=$BG_PID
	busywait 30000 tcp_listening "$B" "$1" || die "socat did not listen"
}
# cnet_listening PORT: a cnet socket of A listens on PORT
# shellcheck disable=SC2317 # called by busywait
cnet_listening() {
	cnet_a sock show -t state all |
		awk -v p=":$1\$" '$1 == "LISTEN" && $4 ~ p' | grep -q .
}
# estab FILTER: B has a connection (established or later) matching FILTER
# shellcheck disable=SC2317 # called by busywait
estab() { ns_b ss -Htn state connected "$1" | grep -q .; }
# size_is FILE: FILE holds all the data
# shellcheck disable=SC2317 # called by busywait
size_is() { [ "$(stat -c %s "$1" 2>/dev/null)" = "$bytes" ]; }
# nstat_b NAME: B's counter NAME (absolute; its line read with bash, no
# awk: each process costs about a second in the emulated VM)
nstat_b() {
	local k v _
	while read -r k v _; do
		[ "$k" = "$1" ] && echo "$v"
	done < <(ns_b nstat -asz "$1")
}
# count RE: lines of the capture matching RE (a grep: bash would pay a
# read and a regex per line of hundreds)
count() { grep -c -E "$1" "$CAP"; }
# mark NS DEV on|off: DEV's netem marks CE (ECT packets it would drop)
mark() {
	local loss=
	[ "$3" = on ] && loss="loss 10% ecn"
	# shellcheck disable=SC2086 # words
	ip netns exec "$1" tc qdisc change dev "$2" root netem delay 5ms $loss
}

# SYNs, and segments with ECE or CWR, both ways
capture_start "$B" veth1 "tcp and tcp[13] & 0xc2 != 0"
mkfifo "$tmp/up.in" "$tmp/down.in"

# ---- up: cnet asks (tcp_ecn 1), Linux marks CE, cnet reduces ----
check_ok "conf set tcp_ecn 1" cnet_a conf set tcp_ecn 1
ect0=$(nstat_b IpExtInECT0Pkts)
ce0=$(nstat_b IpExtInCEPkts)
sink 7301 "$tmp/up"
srv=$SINK
stats_save "$A"
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$A" sh -c 'exec timeout "$3" "$0" -N "$1" 7301 < "$2"' \
	"$NC" "$B_IP" "$tmp/up.in" $limit
nc=$BG_PID
exec 3> "$tmp/up.in"
busywait 20000 estab "sport = :7301" || die "cnet-nc did not connect"
mark "$A" veth0 on
t0=$(now_ms)
cat "$tmp/data" >&3
busywait $((limit * 1000)) size_is "$tmp/up"
t_up=$(( $(now_ms) - t0 ))
mark "$A" veth0 off
exec 3>&-
wait $nc
match "$?" 0 "up: cnet-nc sent $kib KiB and closed"
wait $srv
stats_deltas
match "$(sha256sum < "$tmp/up")" "$want" "up: $kib KiB arrived exactly"
ect=$(( $(nstat_b IpExtInECT0Pkts) - ect0 ))
ce=$(( $(nstat_b IpExtInCEPkts) - ce0 ))

up_re="$A_IP\.[0-9]+ > $B_IP\.7301: Flags"
down_re="$B_IP\.7301 > $A_IP\.[0-9]+: Flags"
match "$(count "$up_re \[SEW\]")" 1 "up: cnet's SYN asks for ECN (ECE, CWR)"
match "$(count "$down_re \[S\.E\]")" 1 "up: Linux's SYN-ACK agrees (ECE)"
match "${STATS_DELTA[tcp_ecn_negotiated]}" 1 "up: tcp_ecn_negotiated grew by 1"
match_re "$ect" "^[1-9][0-9]*$" "up: cnet's data reached B ECT(0) ($ect)"
match_re "$ce" "^[1-9][0-9]*$" "up: netem marked CE ($ce)"
match_re "$(count "$down_re \[\.E\]")" "^[1-9][0-9]*$" \
	"up: Linux's ACKs echo ECE"
match_re "${STATS_DELTA[tcp_ecn_ece_rx]}" "^[1-9][0-9]*$" \
	"up: cnet took ECE (tcp_ecn_ece_rx ${STATS_DELTA[tcp_ecn_ece_rx]})"
match_re "${STATS_DELTA[tcp_ecn_cwr]}" "^[1-9][0-9]*$" \
	"up: cnet reduced cwnd (tcp_ecn_cwr ${STATS_DELTA[tcp_ecn_cwr]})"
match_re "$(count "$up_re \[[^]S]*W")" "^[1-9][0-9]*$" \
	"up: cnet's data says CWR"
match "${STATS_DELTA[tcp_retrans]} ${STATS_DELTA[tcp_timeout]}" "0 0" \
	"up: no retransmission, no timeout"
log "up: $kib KiB in $t_up ms; $ect ECT(0) and $ce CE packets at B;" \
    "ECE ACKs ${STATS_DELTA[tcp_ecn_ece_rx]}, reductions" \
    "${STATS_DELTA[tcp_ecn_cwr]}"

# ---- aqm: a real queue, marked by fq_codel, and cnet reduces ----
# A's veth0 becomes a 2 Mbit/s bottleneck (tbf; slow enough that the
# emulated VM's cnet outruns it: at 10 Mbit/s the queue kept emptying)
# whose queue is an fq_codel with ecn: cnet's window outgrows the path,
# packets wait in the queue past fq_codel's 5 ms target, and it marks CE
# instead of dropping. cnet must reduce on the echo, with nothing lost.
aqm_kib=256
if ns_a tc qdisc replace dev veth0 root handle 1: tbf rate 2mbit \
	burst 16kb latency 500ms 2> "$tmp/tc" &&
   ns_a tc qdisc add dev veth0 parent 1:1 handle 10: fq_codel ecn 2>> "$tmp/tc"; then
	head -c $((aqm_kib * 1024)) /dev/urandom > "$tmp/aqm.data"
	ce0=$(nstat_b IpExtInCEPkts)
	sink 7304 "$tmp/aqm"
	srv=$SINK
	stats_save "$A"
	t0=$(now_ms)
	ns_a timeout $limit "$NC" -N "$B_IP" 7304 < "$tmp/aqm.data"
	match "$?" 0 "aqm: cnet-nc sent $aqm_kib KiB and closed"
	wait $srv
	t_aqm=$(( $(now_ms) - t0 ))
	stats_deltas
	match "$(sha256sum < "$tmp/aqm")" "$(sha256sum < "$tmp/aqm.data")" \
		"aqm: $aqm_kib KiB arrived exactly"
	ce=$(( $(nstat_b IpExtInCEPkts) - ce0 ))
	fq=$(ns_a tc -s qdisc show dev veth0 parent 1:1)
	[[ $fq =~ ecn_mark\ ([0-9]+) ]] && marks=${BASH_REMATCH[1]} || marks=
	match_re "$marks" "^[1-9][0-9]*$" "aqm: fq_codel marked CE ($marks)"
	match_re "$ce" "^[1-9][0-9]*$" "aqm: the marks reached B ($ce CE packets)"
	match_re "${STATS_DELTA[tcp_ecn_ece_rx]}" "^[1-9][0-9]*$" \
		"aqm: cnet took ECE (tcp_ecn_ece_rx ${STATS_DELTA[tcp_ecn_ece_rx]})"
	match_re "${STATS_DELTA[tcp_ecn_cwr]}" "^[1-9][0-9]*$" \
		"aqm: cnet reduced cwnd (tcp_ecn_cwr ${STATS_DELTA[tcp_ecn_cwr]})"
	match "${STATS_DELTA[tcp_retrans]} ${STATS_DELTA[tcp_timeout]}" "0 0" \
		"aqm: no retransmission, no timeout"
	[[ $fq =~ dropped\ ([0-9]+) ]]
	match "${BASH_REMATCH[1]}" 0 "aqm: fq_codel dropped nothing"
	log "aqm: $aqm_kib KiB in $t_aqm ms; $marks marks; reductions" \
	    "${STATS_DELTA[tcp_ecn_cwr]}; fq_codel: $(tr '\n' ' ' <<< "$fq")"
	ns_a tc qdisc replace dev veth0 root netem delay 5ms ||
		die "cannot put netem back on veth0"
else
	log "no tbf or fq_codel ($(tr '\n' ' ' < "$tmp/tc")): the aqm case is not run"
fi

# ---- down: cnet accepts (tcp_ecn 2), echoes CE, Linux reduces ----
check_ok "conf set tcp_ecn 2" cnet_a conf set tcp_ecn 2
dce0=$(nstat_b TcpExtTCPDeliveredCE)
stats_save "$A"
run_bg ns_a timeout $limit "$NC" -l -N "$A_IP" 7302 < /dev/null > "$tmp/down"
nc=$BG_PID
busywait 20000 cnet_listening 7302 ||
	die "cnet-nc did not listen"
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$B" sh -c 'exec timeout "$2" socat -u - "$0" < "$1"' \
	"TCP4:$A_IP:7302" "$tmp/down.in" $limit
cli=$BG_PID
exec 4> "$tmp/down.in"
busywait 20000 estab "dport = :7302" || die "socat did not connect"
mark "$B" veth1 on
cat "$tmp/data" >&4
busywait $((limit * 1000)) size_is "$tmp/down"
mark "$B" veth1 off
exec 4>&-
wait $cli
wait $nc
stats_deltas
match "$(sha256sum < "$tmp/down")" "$want" "down: $kib KiB arrived exactly"
dce=$(( $(nstat_b TcpExtTCPDeliveredCE) - dce0 ))

up_re="$B_IP\.[0-9]+ > $A_IP\.7302: Flags"
down_re="$A_IP\.7302 > $B_IP\.[0-9]+: Flags"
match "$(count "$up_re \[SEW\]")" 1 "down: Linux's SYN asks"
match "$(count "$down_re \[S\.E\]")" 1 "down: cnet's SYN-ACK accepts (tcp_ecn 2)"
match "${STATS_DELTA[tcp_ecn_negotiated]}" 1 "down: tcp_ecn_negotiated grew by 1"
match_re "${STATS_DELTA[tcp_ecn_ce_rx]}" "^[1-9][0-9]*$" \
	"down: cnet saw CE (tcp_ecn_ce_rx ${STATS_DELTA[tcp_ecn_ce_rx]})"
match_re "$(count "$down_re \[\.E\]")" "^[1-9][0-9]*$" \
	"down: cnet's ACKs echo ECE"
match_re "$dce" "^[1-9][0-9]*$" \
	"down: Linux took the echo (TcpExtTCPDeliveredCE $dce)"
match_re "$(count "$up_re \[[^]S]*W")" "^[1-9][0-9]*$" \
	"down: Linux's data says CWR"

# ---- tcp_ecn 0: nothing asked, nothing marked ----
check_ok "conf set tcp_ecn 0" cnet_a conf set tcp_ecn 0
ect0=$(nstat_b IpExtInECT0Pkts)
stats_save "$A"
sink 7303 "$tmp/off"
srv=$SINK
head -c 16384 "$tmp/data" > "$tmp/small"
ns_a timeout $limit "$NC" -N "$B_IP" 7303 < "$tmp/small"
wait $srv
stats_deltas
match "$(sha256sum < "$tmp/off")" "$(sha256sum < "$tmp/small")" \
	"off: 16 KiB arrived exactly"
match "$(count "$A_IP\.[0-9]+ > $B_IP\.7303: Flags \[S\]")" 1 \
	"off: cnet's SYN asks nothing (no ECE, no CWR)"
match "$(count "> $B_IP\.7303: Flags \[[^]S]*[EW]")" 0 \
	"off: no ECE or CWR from cnet"
match "$(( $(nstat_b IpExtInECT0Pkts) - ect0 ))" 0 \
	"off: no ECT packet of cnet's reached B"
match "${STATS_DELTA[tcp_ecn_negotiated]}" 0 "off: nothing negotiated"

exit_test
