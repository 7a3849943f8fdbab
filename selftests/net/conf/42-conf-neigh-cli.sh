#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cnet tool's settings and static neighbours on the standard pair:
# forwarding on/off and conf show/set (ICMP rate limit and burst, the
# reassembly settings, the ephemeral port range, which an unbound socket's
# port then comes from, TCP's, ARP's and DAD's) round trip, with -j; static neighbours are added (PERMANENT, with their
# lladdr), survive a plain flush, go with "flush all", are deleted; and
# link set proxy_arp shows in link show. Bad values are refused with a
# message and change nothing.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair

# In the emulated VM each program costs a good part of a second: the
# checks below look at the tool's output in bash, not with grep.

# conf_lines REGEX: the lines of A's `cnet conf show` that REGEX matches,
# each followed by a space (cnet_a conf show | grep -E REGEX | tr '\n' ' ').
# shellcheck disable=SC2317 # called by check
conf_lines() {
	local line out=
	while IFS= read -r line; do
		[[ $line =~ $1 ]] && out+="$line "
	done < <(cnet_a conf show 2>&1)
	echo "$out"
}
# neigh_count REGEX: how many lines of A's `cnet neigh show` REGEX matches
# (grep -c).
neigh_count() {
	local line n=0
	while IFS= read -r line; do
		[[ $line =~ $1 ]] && n=$((n + 1))
	done < <(cnet_a neigh show 2>&1)
	echo "$n"
}

refused() {	# refused STATUS REGEX MSG ARGS...
	local status=$1 re=$2 msg=$3 out rc
	shift 3
	out=$(cnet_a "$@" 2>&1)
	rc=$?
	if [ "$rc" = "$status" ] && has_line -i "$out" "$re"; then
		pass "$msg: $out"
	else
		fail "$msg: cnet $* -> status $rc (want $status), \"$out\" (want /$re/)"
	fi
}

# ---- forwarding and conf -----------------------------------------------------
conf=$(cnet_a conf show 2>&1)
log "conf show:"; indent <<< "$conf"
match_re "$conf" '^forwarding (on|off)$' "conf show: forwarding"
match_re "$conf" '^icmp_ratelimit [0-9]+$' "conf show: icmp_ratelimit"
match_re "$conf" '^icmp_burst [1-9][0-9]*$' "conf show: icmp_burst"
check_ok "forwarding on" cnet_a forwarding on
check "cnet_a forwarding" "forwarding on" "forwarding shows on"
check_ok "forwarding off" cnet_a forwarding off
check "cnet_a forwarding" "forwarding off" "forwarding shows off"
check_ok "conf set all three" cnet_a conf set forwarding on icmp_ratelimit 250 icmp_burst 3
# tcp_mem's defaults follow the memory size: known values for the checks
check_ok "conf set tcp_mem" cnet_a conf set tcp_mem_low 1000 tcp_mem_pressure 2000 \
	tcp_mem_high 3000
check "cnet_a conf show" "forwarding on
icmp_ratelimit 250
icmp_burst 3
ipfrag_high_thresh 4194304
ipfrag_low_thresh 3145728
ipfrag_time_ms 30000
ipfrag_mem 0
ipfrag_queues 0
ip_local_port_range 32768-60999
tcp_tw_timeout_ms 60000
tcp_max_tw_buckets 262144
tcp_tw_count 0
tcp_mem_low 1000
tcp_mem_pressure 2000
tcp_mem_high 3000
tcp_mem_pages 0
tcp_keepalive_time_s 7200
tcp_keepalive_intvl_s 75
tcp_keepalive_probes 9
tcp_timestamps 1
tcp_sack 1
tcp_congestion cubic
tcp_syncookies 1
tcp_recovery 1
tcp_mtu_probing 0
tcp_base_mss 1024
tcp_ecn 2
tcp_syn_retries 6
tcp_synack_retries 5
tcp_retries2 15
tcp_orphan_retries 0
tcp_syn_linear_timeouts 4
tcp_fin_timeout_s 60
tcp_tw_reuse 2
neigh_reachable_ms 30000
neigh_retrans_ms 1000
neigh_gc_ms 60000
neigh_delay_ms 5000
neigh_locktime_ms 1000
neigh_max_probes 3
neigh_ucast_probes 3
neigh_max_entries 1024
neigh_queue_len 16
neigh_queue_bytes 212992
dad_probes 3
dad_interval_ms 20" "conf show after set"
check "cnet_a -j conf" '{"forwarding":true,"icmp_ratelimit":250,"icmp_burst":3,"ipfrag_high_thresh":4194304,"ipfrag_low_thresh":3145728,"ipfrag_time_ms":30000,"ipfrag_mem":0,"ipfrag_queues":0,"ip_local_port_lo":32768,"ip_local_port_hi":60999,"tcp_tw_timeout_ms":60000,"tcp_max_tw_buckets":262144,"tcp_tw_count":0,"tcp_mem_low":1000,"tcp_mem_pressure":2000,"tcp_mem_high":3000,"tcp_mem_pages":0,"tcp_keepalive_time_s":7200,"tcp_keepalive_intvl_s":75,"tcp_keepalive_probes":9,"tcp_timestamps":1,"tcp_sack":1,"tcp_congestion":"cubic","tcp_syncookies":1,"tcp_recovery":1,"tcp_mtu_probing":0,"tcp_base_mss":1024,"tcp_ecn":2,"tcp_syn_retries":6,"tcp_synack_retries":5,"tcp_retries2":15,"tcp_orphan_retries":0,"tcp_syn_linear_timeouts":4,"tcp_fin_timeout_s":60,"tcp_tw_reuse":2,"neigh_reachable_ms":30000,"neigh_retrans_ms":1000,"neigh_gc_ms":60000,"neigh_delay_ms":5000,"neigh_locktime_ms":1000,"neigh_max_probes":3,"neigh_ucast_probes":3,"neigh_max_entries":1024,"neigh_queue_len":16,"neigh_queue_bytes":212992,"dad_probes":3,"dad_interval_ms":20}' "-j conf"
refused 1 "icmp_burst.*at least 1" "icmp_burst 0" conf set icmp_burst 0
refused 1 "invalid forwarding" "forwarding maybe" forwarding maybe
refused 2 "unknown setting" "unknown setting" conf set ttl 5
refused 1 "low_thresh must not exceed" "ipfrag low over high" \
	conf set ipfrag_low_thresh 5000000
refused 1 "low_thresh must not exceed" "ipfrag high under low" \
	conf set ipfrag_high_thresh 1000 icmp_burst 4
refused 1 "ipfrag_time_ms.*at least 1" "ipfrag_time_ms 0" conf set ipfrag_time_ms 0
refused 2 "unknown setting" "ipfrag_mem is not a setting" conf set ipfrag_mem 0
refused 1 "range|tcp_tw_timeout_ms" "tcp_tw_timeout_ms under a second" \
	conf set tcp_tw_timeout_ms 999
refused 2 "unknown setting" "tcp_tw_count is not a setting" conf set tcp_tw_count 0
refused 1 "tcp_mem must be ordered" "tcp_mem_low over tcp_mem_pressure" \
	conf set tcp_mem_low 2500
refused 1 "tcp_mem must be ordered" "tcp_mem_high under tcp_mem_pressure" \
	conf set tcp_mem_high 1500 icmp_burst 4
refused 2 "unknown setting" "tcp_mem_pages is not a setting" conf set tcp_mem_pages 0
refused 1 "range|tcp_keepalive" "tcp_keepalive_time_s 0" conf set tcp_keepalive_time_s 0
refused 1 "range|tcp_keepalive" "tcp_keepalive_intvl_s 32768" \
	conf set tcp_keepalive_intvl_s 32768
refused 1 "range|tcp_keepalive" "tcp_keepalive_probes 128" \
	conf set tcp_keepalive_probes 128
refused 1 "tcp_syncookies" "tcp_syncookies 3" conf set tcp_syncookies 3
refused 1 "No such file.*no congestion control by that name" "tcp_congestion nosuch" \
	conf set tcp_congestion nosuch icmp_burst 4
refused 1 "invalid tcp_congestion" "tcp_congestion too long" \
	conf set tcp_congestion 0123456789abcdef
refused 1 "range|tcp_timestamps" "tcp_timestamps 2" conf set tcp_timestamps 2
refused 1 "invalid tcp_sack" "tcp_sack 2" conf set tcp_sack 2
refused 1 "invalid tcp_recovery" "tcp_recovery 2" conf set tcp_recovery 2
refused 1 "invalid tcp_mtu_probing" "tcp_mtu_probing 3" \
	conf set tcp_mtu_probing 3
refused 1 "invalid tcp_base_mss" "tcp_base_mss 47" conf set tcp_base_mss 47
refused 1 "invalid tcp_ecn" "tcp_ecn 3" conf set tcp_ecn 3
refused 1 "invalid tcp_syn_retries.*1 to 127" "tcp_syn_retries 0" \
	conf set tcp_syn_retries 0
refused 1 "invalid tcp_synack_retries.*0 to 255" "tcp_synack_retries 256" \
	conf set tcp_synack_retries 256
refused 1 "invalid tcp_retries2" "tcp_retries2 256" conf set tcp_retries2 256
refused 1 "invalid tcp_orphan_retries" "tcp_orphan_retries 256" \
	conf set tcp_orphan_retries 256
refused 1 "invalid tcp_syn_linear_timeouts" "tcp_syn_linear_timeouts 128" \
	conf set tcp_syn_linear_timeouts 128
refused 1 "invalid tcp_fin_timeout_s.*1 to 120" "tcp_fin_timeout_s 0" \
	conf set tcp_fin_timeout_s 0
refused 1 "invalid tcp_tw_reuse.*0 to 2" "tcp_tw_reuse 3" conf set tcp_tw_reuse 3
refused 1 "invalid neigh_retrans_ms.*10 to 2147483647" "neigh_retrans_ms 9" \
	conf set neigh_retrans_ms 9
refused 1 "invalid neigh_reachable_ms.*1 to" "neigh_reachable_ms 0" \
	conf set neigh_reachable_ms 0
refused 1 "invalid neigh_max_probes.*1 to 255" "neigh_max_probes 256" \
	conf set neigh_max_probes 256
refused 1 "invalid neigh_ucast_probes" "neigh_ucast_probes 0" \
	conf set neigh_ucast_probes 0
refused 1 "invalid neigh_max_entries" "neigh_max_entries 2147483648" \
	conf set neigh_max_entries 2147483648
refused 1 "invalid dad_probes.*0 to 255" "dad_probes 256" conf set dad_probes 256
refused 1 "invalid dad_interval_ms.*1 to 3600000" "dad_interval_ms 3600001" \
	conf set dad_interval_ms 3600001
for bad in 0-100 200-100 1-65536 1000 1000- -1000 a-b 10-20x; do
	refused 1 "invalid ip_local_port_range" "ip_local_port_range $bad" \
		conf set ip_local_port_range "$bad"
done
check "conf_lines ^" "forwarding on icmp_ratelimit 250 icmp_burst 3 ipfrag_high_thresh 4194304 ipfrag_low_thresh 3145728 ipfrag_time_ms 30000 ipfrag_mem 0 ipfrag_queues 0 ip_local_port_range 32768-60999 tcp_tw_timeout_ms 60000 tcp_max_tw_buckets 262144 tcp_tw_count 0 tcp_mem_low 1000 tcp_mem_pressure 2000 tcp_mem_high 3000 tcp_mem_pages 0 tcp_keepalive_time_s 7200 tcp_keepalive_intvl_s 75 tcp_keepalive_probes 9 tcp_timestamps 1 tcp_sack 1 tcp_congestion cubic tcp_syncookies 1 tcp_recovery 1 tcp_mtu_probing 0 tcp_base_mss 1024 tcp_ecn 2 tcp_syn_retries 6 tcp_synack_retries 5 tcp_retries2 15 tcp_orphan_retries 0 tcp_syn_linear_timeouts 4 tcp_fin_timeout_s 60 tcp_tw_reuse 2 neigh_reachable_ms 30000 neigh_retrans_ms 1000 neigh_gc_ms 60000 neigh_delay_ms 5000 neigh_locktime_ms 1000 neigh_max_probes 3 neigh_ucast_probes 3 neigh_max_entries 1024 neigh_queue_len 16 neigh_queue_bytes 212992 dad_probes 3 dad_interval_ms 20 " \
	"refused settings changed nothing"
check_ok "conf set the keepalive defaults" cnet_a conf set \
	tcp_keepalive_time_s 600 tcp_keepalive_intvl_s 30 tcp_keepalive_probes 5
check "conf_lines ^tcp_keepalive_" \
	"tcp_keepalive_time_s 600 tcp_keepalive_intvl_s 30 tcp_keepalive_probes 5 " \
	"keepalive defaults shown"
check_ok "and back" cnet_a conf set tcp_keepalive_time_s 7200 \
	tcp_keepalive_intvl_s 75 tcp_keepalive_probes 9
check_ok "conf set the retries and timeouts, at their ends" cnet_a conf set \
	tcp_syn_retries 127 tcp_synack_retries 0 tcp_retries2 255 \
	tcp_orphan_retries 255 tcp_syn_linear_timeouts 0 tcp_fin_timeout_s 120
check "conf_lines '^tcp_(syn|synack|orphan)_retries|^tcp_retries2|^tcp_syn_linear|^tcp_fin_timeout'" \
	"tcp_syn_retries 127 tcp_synack_retries 0 tcp_retries2 255 tcp_orphan_retries 255 tcp_syn_linear_timeouts 0 tcp_fin_timeout_s 120 " \
	"retries and timeouts shown"
check_ok "and back" cnet_a conf set tcp_syn_retries 6 tcp_synack_retries 5 \
	tcp_retries2 15 tcp_orphan_retries 0 tcp_syn_linear_timeouts 4 \
	tcp_fin_timeout_s 60
for v in 0 1 2; do
	check_ok "conf set tcp_tw_reuse $v" cnet_a conf set tcp_tw_reuse $v
	check "conf_lines ^tcp_tw_reuse" "tcp_tw_reuse $v " "tcp_tw_reuse $v shown"
done
check_ok "conf set the ARP and DAD settings, at their ends" cnet_a conf set \
	neigh_reachable_ms 1 neigh_retrans_ms 10 neigh_gc_ms 0 \
	neigh_delay_ms 2147483647 neigh_locktime_ms 0 neigh_max_probes 255 \
	neigh_ucast_probes 1 neigh_max_entries 2147483647 neigh_queue_len 0 \
	neigh_queue_bytes 2147483647 dad_probes 0 dad_interval_ms 3600000
check "conf_lines '^(neigh|dad)_'" \
	"neigh_reachable_ms 1 neigh_retrans_ms 10 neigh_gc_ms 0 neigh_delay_ms 2147483647 neigh_locktime_ms 0 neigh_max_probes 255 neigh_ucast_probes 1 neigh_max_entries 2147483647 neigh_queue_len 0 neigh_queue_bytes 2147483647 dad_probes 0 dad_interval_ms 3600000 " \
	"ARP and DAD settings shown"
check_ok "and back" cnet_a conf set neigh_reachable_ms 30000 \
	neigh_retrans_ms 1000 neigh_gc_ms 60000 neigh_delay_ms 5000 \
	neigh_locktime_ms 1000 neigh_max_probes 3 neigh_ucast_probes 3 \
	neigh_max_entries 1024 neigh_queue_len 16 neigh_queue_bytes 212992 \
	dad_probes 3 dad_interval_ms 20
for v in 2 0 1; do
	check_ok "conf set tcp_syncookies $v" cnet_a conf set tcp_syncookies $v
	check "conf_lines ^tcp_syncookies" "tcp_syncookies $v " \
		"tcp_syncookies $v shown"
done
for v in 0 1; do
	check_ok "conf set tcp_recovery $v" cnet_a conf set tcp_recovery $v
	check "conf_lines ^tcp_recovery" "tcp_recovery $v " \
		"tcp_recovery $v shown"
done
check_ok "conf set tcp_congestion reno" cnet_a conf set tcp_congestion reno
check "conf_lines ^tcp_congestion" "tcp_congestion reno " \
	"tcp_congestion shown"
check_ok "and back to cubic" cnet_a conf set tcp_congestion cubic
check_ok "conf set tcp_timestamps 0" cnet_a conf set tcp_timestamps 0
check "conf_lines ^tcp_timestamps" "tcp_timestamps 0 " \
	"tcp_timestamps 0 shown"
check_ok "and back" cnet_a conf set tcp_timestamps 1
check_ok "conf set tcp_sack 0" cnet_a conf set tcp_sack 0
check "conf_lines ^tcp_sack" "tcp_sack 0 " "tcp_sack shown off"
check_ok "and back on" cnet_a conf set tcp_sack 1
check_ok "conf set tcp_mtu_probing 2 tcp_base_mss 512" cnet_a conf set \
	tcp_mtu_probing 2 tcp_base_mss 512
check "conf_lines '^tcp_(mtu_probing|base_mss)'" \
	"tcp_mtu_probing 2 tcp_base_mss 512 " "tcp_mtu_probing and tcp_base_mss shown"
check_ok "and back" cnet_a conf set tcp_mtu_probing 0 tcp_base_mss 1024
for v in 1 0 2; do
	check_ok "conf set tcp_ecn $v" cnet_a conf set tcp_ecn $v
	check "conf_lines ^tcp_ecn" "tcp_ecn $v " "tcp_ecn $v shown"
done
check_ok "conf set the reassembly settings" cnet_a conf set \
	ipfrag_high_thresh 200000 ipfrag_low_thresh 100000 ipfrag_time_ms 5000
check "conf_lines '^ipfrag_(high_thresh|low_thresh|time_ms) '" \
	"ipfrag_high_thresh 200000 ipfrag_low_thresh 100000 ipfrag_time_ms 5000 " \
	"reassembly settings shown"
check_ok "both thresholds may be 0 (reassembly off)" cnet_a conf set \
	ipfrag_low_thresh 0 ipfrag_high_thresh 0
check_ok "and back" cnet_a conf set ipfrag_high_thresh 4194304 \
	ipfrag_low_thresh 3145728 ipfrag_time_ms 30000
cnet_a forwarding off

# The ephemeral port range: what bind(0)/sendto() pick from.
check_ok "conf set ip_local_port_range" cnet_a conf set ip_local_port_range 40000-40000
check "conf_lines ^ip_local" "ip_local_port_range 40000-40000 " \
	"ip_local_port_range shown"
if [ -x "$REPO/selftests/progs/udp_api" ]; then
	capture_start "$B" veth1 -c 1 udp dst port 9
	ns_a "$REPO/selftests/progs/udp_api" send "$B_IP" 9 "which port?" > /dev/null
	# shellcheck disable=SC2016 # wait_for evals it
	wait_for 10000 '[[ $(< "$CAP") == *"> $B_IP.9:"* ]]'
	match_re "$(< "$CAP")" "$A_IP\.40000 > $B_IP\.9: UDP" \
		"a datagram from an unbound socket leaves from the range's one port"
fi
check_ok "ip_local_port_range back" cnet_a conf set ip_local_port_range 32768-60999

# ---- static neighbours -------------------------------------------------------
mac=02:00:00:00:00:50
check_ok "neigh add" cnet_a neigh add 10.0.1.50 lladdr "$mac" dev veth0
match_re "$(cnet_a neigh show 2>&1)" "^10\.0\.1\.50 dev veth0 lladdr $mac PERMANENT\$" \
	"the static entry, PERMANENT with its lladdr"
check_ok "neigh add again overwrites" cnet_a neigh add 10.0.1.50 lladdr 02:00:00:00:00:51 dev veth0
match_re "$(cnet_a neigh show 2>&1)" '^10\.0\.1\.50 dev veth0 lladdr 02:00:00:00:00:51 PERMANENT$' \
	"overwritten lladdr"
ns_a "$CNET_PING" -c 1 -W 2 "$B_IP" >/dev/null ||
	fail "cnet-ping B, for a dynamic entry"
check_ok "neigh flush" cnet_a neigh flush dev veth0
out=$(cnet_a neigh show)
match_re "$out" '^10\.0\.1\.50 .*PERMANENT$' "a plain flush keeps the static entry"
if [[ $'\n'$out == *$'\n'"$B_IP "* ]]; then
	fail "a plain flush left the dynamic entry of B"; indent <<< "$out"
else
	pass "a plain flush removed the dynamic entry of B"
fi
check_ok "neigh flush all" cnet_a neigh flush all
match "$(neigh_count '^10\.0\.1\.50 ')" 0 "flush all removed it"
check_ok "neigh add for del" cnet_a neigh add 10.0.1.51 lladdr "$mac" dev veth0
check_ok "neigh del" cnet_a neigh del 10.0.1.51 dev veth0
match "$(neigh_count '^10\.0\.1\.51 ')" 0 "del removed it"
refused 1 "no such|not found|exist" "del of a missing entry" neigh del 10.0.1.51 dev veth0
refused 1 "invalid link-layer address" "bad lladdr" \
	neigh add 10.0.1.52 lladdr 02:00:00:00:00 dev veth0
refused 1 "unknown device" "unknown device" \
	neigh add 10.0.1.52 lladdr "$mac" dev nosuchdev
match "$(neigh_count '^10\.0\.1\.52 ')" 0 "nothing was added"

# ---- proxy_arp ---------------------------------------------------------------
check_ok "proxy_arp on" cnet_a link set veth0 proxy_arp on
match_re "$(cnet_a link show 2>&1)" '^[0-9]+: veth0 lladdr .* proxy_arp on$' \
	"link show: proxy_arp on"
match_re "$(cnet_a -j link show 2>&1)" '"proxy_arp":true' "-j link show: proxy_arp true"
check_ok "proxy_arp off" cnet_a link set dev veth0 proxy_arp off
out=$(cnet_a link show)
if [[ $out == *proxy_arp* ]]; then
	fail "proxy_arp still shown"
else
	pass "proxy_arp off: not shown"
fi
refused 1 "invalid proxy_arp" "proxy_arp maybe" link set veth0 proxy_arp maybe
exit_test
