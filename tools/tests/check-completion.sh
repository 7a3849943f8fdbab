#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make -C tools check: tools/completion/cnet completes what cnet(8) says,
# driven as bash drives it (COMP_WORDS, COMP_CWORD), without the module.
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=tools/completion/cnet
source completion/cnet
# the settings come from "cnet conf show": none here, the tool's list
cnet() { return 1; }

pass=0 fail=0
# expect "WORDS..." WANT...: completing the last word of WORDS gives at
# least each WANT, and nothing when WANT is "-"
expect() {
	local line=$1 w
	shift
	read -ra COMP_WORDS <<< "$line"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_cnet
	for w in "$@"; do
		if [ "$w" = - ]; then
			[ ${#COMPREPLY[@]} -eq 0 ] && continue
		elif printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$w"; then
			continue
		fi
		echo "FAIL: \"$line\" completes to \"${COMPREPLY[*]}\", not \"$w\""
		fail=$((fail + 1))
		return
	done
	pass=$((pass + 1))
}

expect "cnet " link address route monitor trace conf sock
expect "cnet ro" route
expect "cnet -j a" address
expect "cnet -n somens a" address
expect "cnet -j -n somens ro" route
expect "cnet -b Makef" Makefile
expect "cnet -b Makefile " link address
expect "cnet route " show add replace del get
expect "cnet route add 10.0.0.0/8 " via dev metric
expect "cnet addr add 10.0.0.1/24 dev " lo
expect "cnet link attach " lo
expect "cnet link set lo " proxy_arp
expect "cnet link set lo proxy_arp " on off
expect "cnet link set lo proxy_arp on " neigh_retrans_ms neigh_queue_bytes
expect "cnet link set lo neigh_retrans_ms " -
expect "cnet conf set " forwarding tcp_ecn tcp_recovery tcp_congestion
expect "cnet conf set tcp_congestion " cubic reno
expect "cnet conf set tcp_ecn 1 tcp_s" tcp_sack tcp_syncookies
expect "cnet conf set tcp_syn" tcp_syn_retries tcp_synack_retries \
	tcp_syn_linear_timeouts
expect "cnet conf set tcp_r" tcp_retries2 tcp_recovery
expect "cnet conf set neigh_re" neigh_reachable_ms neigh_retrans_ms
expect "cnet conf set dad_" dad_probes dad_interval_ms
expect "cnet conf set icmp_burst " -
expect "cnet sock show state " established time-wait
expect "cnet monitor " link neigh -t
expect "cnet trace " rx forward xmit host port count
expect "cnet trace host " -
expect "cnet forwarding " on off
echo "check-completion: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
