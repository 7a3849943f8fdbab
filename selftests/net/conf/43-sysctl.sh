#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# The namespace's settings as net.cnet.* sysctls (ARP's and DAD's too):
# sysctl reads what `cnet conf` wrote and the other way round; out-of-range values, a port
# range whose first port is above its last and reassembly thresholds out
# of order are refused (EINVAL) and change nothing; each namespace has its
# own values; the root of a user namespace writes its own namespace's, an
# unprivileged user none.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair

sc() { ns_a sysctl -n "net.cnet.$1"; }
# sc_set NAME VALUE: sysctl -w in A; its status
sc_set() { ns_a sysctl -q -w "net.cnet.$1=$2" 2>/dev/null; }
conf_of() { cnet_a conf show | awk -v k="$1" '$1 == k { print $2 }'; }

names=$(ns_a sysctl -N -a 2>/dev/null | grep '^net\.cnet\.' | sort | tr '\n' ' ')
match "$names" "net.cnet.dad_interval_ms net.cnet.dad_probes net.cnet.forwarding net.cnet.icmp_burst net.cnet.icmp_ratelimit_ms net.cnet.ip_local_port_range net.cnet.ipfrag_high_thresh net.cnet.ipfrag_low_thresh net.cnet.ipfrag_time_ms net.cnet.neigh_delay_ms net.cnet.neigh_gc_ms net.cnet.neigh_locktime_ms net.cnet.neigh_max_entries net.cnet.neigh_max_probes net.cnet.neigh_queue_bytes net.cnet.neigh_queue_len net.cnet.neigh_reachable_ms net.cnet.neigh_retrans_ms net.cnet.neigh_ucast_probes net.cnet.tcp_base_mss net.cnet.tcp_congestion net.cnet.tcp_ecn net.cnet.tcp_fin_timeout_s net.cnet.tcp_keepalive_intvl_s net.cnet.tcp_keepalive_probes net.cnet.tcp_keepalive_time_s net.cnet.tcp_max_tw_buckets net.cnet.tcp_mem net.cnet.tcp_mtu_probing net.cnet.tcp_orphan_retries net.cnet.tcp_recovery net.cnet.tcp_retries2 net.cnet.tcp_sack net.cnet.tcp_syn_linear_timeouts net.cnet.tcp_syn_retries net.cnet.tcp_synack_retries net.cnet.tcp_syncookies net.cnet.tcp_timestamps net.cnet.tcp_tw_timeout_ms " \
	"every setting is a sysctl"

# ---- sysctl -> cnet conf ----
match "$(sc forwarding)" 0 "forwarding is off by default"
check_ok "sysctl -w forwarding=1" sc_set forwarding 1
check "cnet_a forwarding" "forwarding on" "cnet sees forwarding on"
check_ok "sysctl -w icmp_ratelimit_ms=250" sc_set icmp_ratelimit_ms 250
match "$(conf_of icmp_ratelimit)" 250 "cnet conf shows icmp_ratelimit 250"
check_ok "sysctl -w ip_local_port_range" sc_set ip_local_port_range "40000 40010"
match "$(conf_of ip_local_port_range)" 40000-40010 "cnet conf shows the range"
check_ok "sysctl -w tcp_tw_timeout_ms=5000" sc_set tcp_tw_timeout_ms 5000
match "$(conf_of tcp_tw_timeout_ms)" 5000 "cnet conf shows tcp_tw_timeout_ms"
match "$(sc tcp_syncookies)" 1 "tcp_syncookies is 1 by default"
check_ok "sysctl -w tcp_syncookies=2" sc_set tcp_syncookies 2
match "$(conf_of tcp_syncookies)" 2 "cnet conf shows tcp_syncookies 2"
mem=$(sc tcp_mem | tr -s ' \t' ' ')
check_ok "sysctl -w tcp_mem" sc_set tcp_mem "100 200 300"
match "$(conf_of tcp_mem_low) $(conf_of tcp_mem_pressure) $(conf_of tcp_mem_high)" \
	"100 200 300" "cnet conf shows tcp_mem"
match "$(sc tcp_congestion)" cubic "tcp_congestion is cubic by default"
check_ok "sysctl -w tcp_congestion=reno" sc_set tcp_congestion reno
match "$(conf_of tcp_congestion)" reno "cnet conf shows tcp_congestion reno"

# ---- cnet conf -> sysctl ----
check_ok "conf set" cnet_a conf set icmp_burst 7 ipfrag_time_ms 1234 \
	tcp_max_tw_buckets 99 ip_local_port_range 50000-50100
match "$(sc icmp_burst)" 7 "sysctl reads icmp_burst 7"
match "$(sc ipfrag_time_ms)" 1234 "sysctl reads ipfrag_time_ms"
match "$(sc tcp_max_tw_buckets)" 99 "sysctl reads tcp_max_tw_buckets"
check_ok "conf set tcp_syncookies 0" cnet_a conf set tcp_syncookies 0
match "$(sc tcp_syncookies)" 0 "sysctl reads tcp_syncookies 0"
match "$(sc tcp_recovery)" 1 "tcp_recovery is 1 (RACK-TLP) by default"
check_ok "conf set tcp_recovery 0" cnet_a conf set tcp_recovery 0
match "$(sc tcp_recovery)" 0 "sysctl reads tcp_recovery 0"
check_ok "sysctl -w tcp_recovery=1" sc_set tcp_recovery 1
match "$(conf_of tcp_recovery)" 1 "cnet conf shows tcp_recovery 1"
check_ok "conf set keepalive" cnet_a conf set tcp_keepalive_time_s 60 \
	tcp_keepalive_intvl_s 5 tcp_keepalive_probes 3
match "$(sc tcp_keepalive_time_s) $(sc tcp_keepalive_intvl_s) $(sc tcp_keepalive_probes)" \
	"60 5 3" "sysctl reads the keepalive defaults"
check_ok "conf set tcp_congestion cubic" cnet_a conf set tcp_congestion cubic
match "$(sc tcp_congestion)" cubic "sysctl reads tcp_congestion cubic"
match "$(sc ip_local_port_range | tr -s ' \t' ' ')" "50000 50100" \
	"sysctl reads the port range"
match "$(sc tcp_timestamps)" 1 "tcp_timestamps is on by default, as Linux"
check_ok "conf set tcp_timestamps 0" cnet_a conf set tcp_timestamps 0
match "$(sc tcp_timestamps)" 0 "sysctl reads tcp_timestamps 0"
check_ok "sysctl -w tcp_timestamps=1" sc_set tcp_timestamps 1
match "$(conf_of tcp_timestamps)" 1 "cnet conf shows tcp_timestamps 1"
check_ok "forwarding off" cnet_a forwarding off
match "$(sc forwarding)" 0 "sysctl reads forwarding 0"
match "$(sc tcp_sack)" 1 "tcp_sack is on by default"
check_ok "conf set tcp_sack 0" cnet_a conf set tcp_sack 0
match "$(sc tcp_sack)" 0 "sysctl reads tcp_sack 0"
check_ok "sysctl -w tcp_sack=1" sc_set tcp_sack 1
match "$(conf_of tcp_sack)" 1 "cnet conf shows tcp_sack 1"
match "$(sc tcp_mtu_probing) $(sc tcp_base_mss)" "0 1024" \
	"tcp_mtu_probing 0 and tcp_base_mss 1024 by default"
check_ok "sysctl -w tcp_mtu_probing=1" sc_set tcp_mtu_probing 1
match "$(conf_of tcp_mtu_probing)" 1 "cnet conf shows tcp_mtu_probing 1"
check_ok "conf set tcp_base_mss 600" cnet_a conf set tcp_base_mss 600
match "$(sc tcp_base_mss)" 600 "sysctl reads tcp_base_mss 600"
match "$(sc tcp_ecn)" 2 "tcp_ecn is 2 (accept only) by default"
check_ok "sysctl -w tcp_ecn=1" sc_set tcp_ecn 1
match "$(conf_of tcp_ecn)" 1 "cnet conf shows tcp_ecn 1"
check_ok "conf set tcp_ecn 0" cnet_a conf set tcp_ecn 0
match "$(sc tcp_ecn)" 0 "sysctl reads tcp_ecn 0"
retries="tcp_syn_retries tcp_synack_retries tcp_retries2 tcp_orphan_retries tcp_syn_linear_timeouts tcp_fin_timeout_s"
values() { local n; for n in $retries; do printf '%s ' "$($1 "$n")"; done; }
match "$(values sc)" "6 5 15 0 4 60 " "the retries and timeouts' defaults, as Linux's"
for kv in tcp_syn_retries=3 tcp_synack_retries=2 tcp_retries2=8 \
	  tcp_orphan_retries=1 tcp_syn_linear_timeouts=0 tcp_fin_timeout_s=30; do
	check_ok "sysctl -w $kv" sc_set "${kv%=*}" "${kv#*=}"
done
match "$(values conf_of)" "3 2 8 1 0 30 " "cnet conf shows the retries and timeouts"
check_ok "conf set the retries and timeouts" cnet_a conf set tcp_syn_retries 127 \
	tcp_synack_retries 255 tcp_retries2 0 tcp_orphan_retries 255 \
	tcp_syn_linear_timeouts 127 tcp_fin_timeout_s 1
match "$(values sc)" "127 255 0 255 127 1 " "sysctl reads the retries and timeouts"

# ARP's and DAD's: the defaults (dad_interval_ms is the tests' 20,
# cnet_ns's), both ways
neighs="neigh_reachable_ms neigh_retrans_ms neigh_gc_ms neigh_delay_ms neigh_locktime_ms neigh_max_probes neigh_ucast_probes neigh_max_entries neigh_queue_len neigh_queue_bytes dad_probes dad_interval_ms"
nvalues() { local n; for n in $neighs; do printf '%s ' "$($1 "$n")"; done; }
match "$(nvalues sc)" "30000 1000 60000 5000 1000 3 3 1024 16 212992 3 20 " \
	"ARP's and DAD's defaults, as Linux's neigh.default.* and RFC 5227's"
match "$(nvalues conf_of)" "30000 1000 60000 5000 1000 3 3 1024 16 212992 3 20 " \
	"cnet conf shows the same"
for kv in neigh_reachable_ms=1 neigh_retrans_ms=10 neigh_gc_ms=0 \
	  neigh_delay_ms=2147483647 neigh_locktime_ms=0 neigh_max_probes=255 \
	  neigh_ucast_probes=1 neigh_max_entries=7 neigh_queue_len=0 \
	  neigh_queue_bytes=2147483647 dad_probes=0 dad_interval_ms=3600000; do
	check_ok "sysctl -w $kv" sc_set "${kv%=*}" "${kv#*=}"
done
match "$(nvalues conf_of)" "1 10 0 2147483647 0 255 1 7 0 2147483647 0 3600000 " \
	"cnet conf shows what sysctl wrote"
check_ok "conf set them back" cnet_a conf set neigh_reachable_ms 30000 \
	neigh_retrans_ms 250 neigh_gc_ms 60000 neigh_delay_ms 5000 \
	neigh_locktime_ms 1000 neigh_max_probes 3 neigh_ucast_probes 3 \
	neigh_max_entries 1024 neigh_queue_len 16 neigh_queue_bytes 212992 \
	dad_probes 3 dad_interval_ms 20
match "$(nvalues sc)" "30000 250 60000 5000 1000 3 3 1024 16 212992 3 20 " \
	"sysctl reads what cnet conf wrote"

# ---- refused, and nothing changes ----
# refused NAME VALUE: EINVAL, the value kept. The value before, sysctl -w's
# status and the value after from one program in A, not three (a
# program in a namespace costs about a third of a second in the VM).
refused() {
	local before rc after
	{ read -r before; read -r rc; read -r after; } < <(ns_a bash -c '
		f=/proc/sys/net/cnet/$1
		read -r v < "$f"; echo "$v"
		sysctl -q -w "net.cnet.$1=$2" 2> /dev/null; echo "$?"
		read -r v < "$f"; echo "$v"' - "$1" "$2")
	if [[ $rc =~ ^[1-9][0-9]*$ ]]; then
		pass "sysctl -w $1=$2 refused"
	else
		fail "sysctl -w $1=$2 was accepted (status \"$rc\")"
	fi
	match "$after" "$before" "$1 kept its value"
}
refused forwarding 2
refused icmp_burst 0
refused icmp_burst 10001
refused icmp_ratelimit_ms 3600001
refused ipfrag_time_ms 0
refused tcp_tw_timeout_ms 999
refused tcp_tw_timeout_ms 600001
refused ip_local_port_range "50100 50000"
refused ip_local_port_range "0 100"
refused ip_local_port_range "100 65536"
refused tcp_mem "300 200 100"
refused tcp_keepalive_time_s 0
refused tcp_keepalive_intvl_s 32768
refused tcp_keepalive_probes 128
refused tcp_syncookies 3
refused tcp_congestion nosuch
refused tcp_timestamps 2
refused tcp_sack 2
refused tcp_recovery 2
refused tcp_mtu_probing 3
refused tcp_base_mss 47
refused tcp_ecn 3
refused tcp_syn_retries 0
refused tcp_syn_retries 128
refused tcp_synack_retries 256
refused tcp_retries2 256
refused tcp_orphan_retries 256
refused tcp_syn_linear_timeouts 128
refused tcp_fin_timeout_s 0
refused tcp_fin_timeout_s 121
refused neigh_reachable_ms 0
refused neigh_reachable_ms 2147483648
refused neigh_retrans_ms 9
refused neigh_gc_ms -1
refused neigh_delay_ms 0
refused neigh_locktime_ms 2147483648
refused neigh_max_probes 0
refused neigh_max_probes 256
refused neigh_ucast_probes 256
refused neigh_max_entries 0
refused neigh_queue_len 2147483648
refused neigh_queue_bytes 2147483648
refused dad_probes 256
refused dad_interval_ms 0
refused dad_interval_ms 3600001
refused tcp_mem "100 300 200"
check_ok "tcp_mem back" sc_set tcp_mem "$mem"
# the thresholds bound each other (defaults 4194304 and 3145728)
refused ipfrag_low_thresh 5000000
refused ipfrag_high_thresh 1000
check_ok "the thresholds move in order" sc_set ipfrag_high_thresh 8000000
check_ok "low up to high" sc_set ipfrag_low_thresh 8000000
match "$(conf_of ipfrag_low_thresh)" 8000000 "cnet conf shows the new low"

# ---- per namespace ----
match "$(ns_b sysctl -n net.cnet.icmp_burst)" 6 "another namespace keeps its own (default) burst"
match "$(ns_b sysctl -n net.cnet.ip_local_port_range | tr -s ' \t' ' ')" \
	"32768 60999" "and its own port range"
# two namespaces, two values of one setting, each written on its own
check_ok "B: sysctl -w neigh_retrans_ms=4000" \
	ns_b sysctl -q -w net.cnet.neigh_retrans_ms=4000
check_ok "B: conf set dad_probes 7" cnet_in "$B" conf set dad_probes 7
match "$(sc neigh_retrans_ms) $(conf_of dad_probes)" "250 3" \
	"A keeps its neigh_retrans_ms and dad_probes"
match "$(cnet_in "$B" conf show | awk '$1 ~ /^(neigh_retrans_ms|dad_probes)$/ { printf "%s ", $2 }')" \
	"4000 7 " "B has its own, through cnet conf too"

# ---- who may write ----
nobody() { ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
out=$(nobody sh -c 'echo 1 > /proc/sys/net/cnet/forwarding' 2>&1)
rc=$?
match "$((rc != 0)):$(sc forwarding)" "1:0" "an unprivileged user cannot write ($out)"
match "$(nobody cat /proc/sys/net/cnet/icmp_burst)" 7 "but can read"
out=$(unshare -Urn sh -c 'sysctl -q -w net.cnet.icmp_burst=9 && sysctl -n net.cnet.icmp_burst' 2>&1)
match "$out" 9 "the root of a user namespace writes its own namespace's"
out=$(unshare -Urn sh -c 'sysctl -q -w net.cnet.neigh_retrans_ms=2000 && sysctl -n net.cnet.neigh_retrans_ms' 2>&1)
match "$out" 2000 "ARP's timers too"
# ARP's memory limits bound the host's memory: not from a user namespace
out=$(unshare -Urn sh -c '/bin/echo 100000 > /proc/sys/net/cnet/neigh_max_entries' 2>&1)
rc=$?
match "$((rc != 0)):$(grep -c 'not permitted' <<< "$out")" "1:1" \
	"but not ARP's memory limits ($out)"
out=$(unshare -Urn "$CNET" conf set neigh_queue_bytes 100000000 2>&1)
rc=$?
match "$((rc != 0)):$(grep -c 'not permitted' <<< "$out")" "1:1" \
	"nor through cnet conf ($out)"
old=$(sc neigh_max_entries)
sc_set neigh_max_entries 2000
match "$(sc neigh_max_entries)" 2000 "the root of the initial user namespace may"
sc_set neigh_max_entries "$old"

exit_test
