#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
#
# The namespace's settings as net.cnet.* sysctls (ARP's and DAD's too):
# sysctl reads what `cnet conf` wrote and the other way round; out-of-range values, a port
# range whose first port is above its last and reassembly thresholds out
# of order are refused (EINVAL) and change nothing; each namespace has its
# own values; the root of a user namespace writes its own namespace's, an
# unprivileged user none. A device's own settings (cnet link set DEV) are
# net.cnet.link.DEV.*: they read as the namespace's until written, keep
# their own after, have the namespace's ranges, follow a rename and go with
# the device.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair

# ---- reading and writing A's sysctls ----
# One shell in A reads and writes /proc/sys/net/cnet/ for the whole test,
# as sysctl(8) does (a write(2) of the value and a newline; a read): "set
# NAME VALUE" answers the write's status, "get NAME" the value (its fields
# joined by one space, as "tr -s ' \t' ' '"), "all" a "NAME VALUE" line per
# setting and a ".". In the emulated VM a program in a namespace costs about
# a third of a second, and this test reads and writes some two hundred
# times: a sysctl(8) per read or write made it two minutes long. sysctl(8)
# itself lists the names and reads and writes B's, below.
# shellcheck disable=SC2016 # the program of the shell in A
coproc SYSCTL_A { exec ip netns exec "$A" bash -c '
	cd /proc/sys/net/cnet || exit 1
	while read -r op name value; do
		case $op in
		set)	echo "$value" 2> /dev/null > "$name"; echo "$?" ;;
		get)	read -ra v < "$name"; echo "${v[*]}" ;;
		all)	for name in *; do
				[ -f "$name" ] || continue	# link/
				read -ra v < "$name"; echo "$name ${v[*]}"
			done
			echo . ;;
		esac
	done'; }
# at the end, it sees its input closed and stops
# shellcheck disable=SC2034 # on_exit evals it
SYSCTL_A_IN=${SYSCTL_A[1]}
# shellcheck disable=SC2016 # on_exit evals it
on_exit 'exec {SYSCTL_A_IN}>&- 2> /dev/null; wait "$SYSCTL_A_PID" 2> /dev/null'

# sc_set NAME VALUE: write VALUE to net.cnet.NAME in A; the write's status.
sc_set() {
	local rc
	echo "set $1 $2" >&"${SYSCTL_A[1]}"
	read -r rc <&"${SYSCTL_A[0]}" && return "$rc"
	return 255
}
# sc NAME: net.cnet.NAME in A, in $SC_VAL.
sc() {
	SC_VAL="(no answer)"
	echo "get $1" >&"${SYSCTL_A[1]}"
	read -r SC_VAL <&"${SYSCTL_A[0]}"
}
# sc_all: every net.cnet.* of A, in SC[NAME].
declare -A SC
sc_all() {
	local name value
	SC=()
	echo all >&"${SYSCTL_A[1]}"
	while read -r name value <&"${SYSCTL_A[0]}" && [ "$name" != . ]; do
		SC[$name]=$value
	done
}
# conf_all [NS]: NS's settings (A's by default) as `cnet conf show` shows
# them, in CONF[NAME].
declare -A CONF
conf_all() {
	local name value
	CONF=()
	while read -r name value; do
		CONF[$name]=$value
	done < <(cnet_in "${1:-$A}" conf show)
}
# pick ARRAY NAME...: the values of the NAMEs in the associative array
# ARRAY, joined by one space, in $PICKED.
pick() {
	local -n pick_of=$1
	local -a v=()
	local n
	shift
	for n in "$@"; do v+=("${pick_of[$n]-(none)}"); done
	PICKED=${v[*]}
}

mapfile -t names < <(ns_a sysctl -N net.cnet 2> /dev/null | sort)
mapfile -t devnames < <(printf '%s\n' "${names[@]}" | grep '^net\.cnet\.link\.')
mapfile -t names < <(printf '%s\n' "${names[@]}" | grep -v '^net\.cnet\.link\.')
match "${devnames[*]}" "$(printf 'net.cnet.link.veth0.%s ' neigh_delay_ms \
	neigh_gc_ms neigh_locktime_ms neigh_max_probes neigh_queue_bytes \
	neigh_queue_len neigh_reachable_ms neigh_retrans_ms neigh_ucast_probes \
	proxy_arp | sed 's/ $//')" \
	"veth0's own settings are sysctls, all but neigh_max_entries"
match "${names[*]}" "net.cnet.dad_interval_ms net.cnet.dad_probes net.cnet.forwarding net.cnet.icmp_burst net.cnet.icmp_ratelimit_ms net.cnet.ip_local_port_range net.cnet.ipfrag_high_thresh net.cnet.ipfrag_low_thresh net.cnet.ipfrag_time_ms net.cnet.neigh_delay_ms net.cnet.neigh_gc_ms net.cnet.neigh_locktime_ms net.cnet.neigh_max_entries net.cnet.neigh_max_probes net.cnet.neigh_queue_bytes net.cnet.neigh_queue_len net.cnet.neigh_reachable_ms net.cnet.neigh_retrans_ms net.cnet.neigh_ucast_probes net.cnet.tcp_base_mss net.cnet.tcp_congestion net.cnet.tcp_ecn net.cnet.tcp_fin_timeout_s net.cnet.tcp_keepalive_intvl_s net.cnet.tcp_keepalive_probes net.cnet.tcp_keepalive_time_s net.cnet.tcp_max_tw_buckets net.cnet.tcp_mem net.cnet.tcp_mtu_probing net.cnet.tcp_orphan_retries net.cnet.tcp_recovery net.cnet.tcp_retries2 net.cnet.tcp_sack net.cnet.tcp_syn_linear_timeouts net.cnet.tcp_syn_retries net.cnet.tcp_synack_retries net.cnet.tcp_syncookies net.cnet.tcp_timestamps net.cnet.tcp_tw_reuse net.cnet.tcp_tw_timeout_ms" \
	"every setting is a sysctl"

retries=(tcp_syn_retries tcp_synack_retries tcp_retries2 tcp_orphan_retries
	 tcp_syn_linear_timeouts tcp_fin_timeout_s)
neighs=(neigh_reachable_ms neigh_retrans_ms neigh_gc_ms neigh_delay_ms
	neigh_locktime_ms neigh_max_probes neigh_ucast_probes neigh_max_entries
	neigh_queue_len neigh_queue_bytes dad_probes dad_interval_ms)

# ---- the defaults ----
sc_all
conf_all
mem=${SC[tcp_mem]}
match "${SC[forwarding]}" 0 "forwarding is off by default"
match "${SC[tcp_syncookies]}" 1 "tcp_syncookies is 1 by default"
match "${SC[tcp_congestion]}" cubic "tcp_congestion is cubic by default"
match "${SC[tcp_recovery]}" 1 "tcp_recovery is 1 (RACK-TLP) by default"
match "${SC[tcp_timestamps]}" 1 "tcp_timestamps is on by default, as Linux"
match "${SC[tcp_sack]}" 1 "tcp_sack is on by default"
match "${SC[tcp_mtu_probing]} ${SC[tcp_base_mss]}" "0 1024" \
	"tcp_mtu_probing 0 and tcp_base_mss 1024 by default"
match "${SC[tcp_ecn]}" 2 "tcp_ecn is 2 (accept only) by default"
match "${SC[tcp_tw_reuse]}" 2 "tcp_tw_reuse is 2 (loopback only) by default, as Linux"
pick SC "${retries[@]}"
match "$PICKED" "6 5 15 0 4 60" "the retries and timeouts' defaults, as Linux's"
# ARP's and DAD's (dad_interval_ms is the tests' 20, cnet_ns's)
pick SC "${neighs[@]}"
match "$PICKED" "30000 1000 60000 5000 1000 3 3 1024 16 212992 3 20" \
	"ARP's and DAD's defaults, as Linux's neigh.default.* and RFC 5227's"
pick CONF "${neighs[@]}"
match "$PICKED" "30000 1000 60000 5000 1000 3 3 1024 16 212992 3 20" \
	"cnet conf shows the same"

# ---- sysctl -> cnet conf ----
check_ok "sysctl -w forwarding=1" ns_a sysctl -q -w net.cnet.forwarding=1
check "cnet_a forwarding" "forwarding on" "cnet sees forwarding on"
for kv in icmp_ratelimit_ms=250 "ip_local_port_range=40000 40010" \
	  tcp_tw_timeout_ms=5000 tcp_syncookies=2 "tcp_mem=100 200 300" \
	  tcp_congestion=reno tcp_mtu_probing=1 tcp_ecn=1 tcp_tw_reuse=1 \
	  tcp_syn_retries=3 tcp_synack_retries=2 tcp_retries2=8 \
	  tcp_orphan_retries=1 tcp_syn_linear_timeouts=0 tcp_fin_timeout_s=30 \
	  neigh_reachable_ms=1 neigh_retrans_ms=10 neigh_gc_ms=0 \
	  neigh_delay_ms=2147483647 neigh_locktime_ms=0 neigh_max_probes=255 \
	  neigh_ucast_probes=1 neigh_max_entries=7 neigh_queue_len=0 \
	  neigh_queue_bytes=2147483647 dad_probes=0 dad_interval_ms=3600000; do
	check_ok "sysctl -w $kv" sc_set "${kv%%=*}" "${kv#*=}"
done
conf_all
match "${CONF[icmp_ratelimit]}" 250 "cnet conf shows icmp_ratelimit 250"
match "${CONF[ip_local_port_range]}" 40000-40010 "cnet conf shows the range"
match "${CONF[tcp_tw_timeout_ms]}" 5000 "cnet conf shows tcp_tw_timeout_ms"
match "${CONF[tcp_syncookies]}" 2 "cnet conf shows tcp_syncookies 2"
pick CONF tcp_mem_low tcp_mem_pressure tcp_mem_high
match "$PICKED" "100 200 300" "cnet conf shows tcp_mem"
match "${CONF[tcp_congestion]}" reno "cnet conf shows tcp_congestion reno"
match "${CONF[tcp_mtu_probing]}" 1 "cnet conf shows tcp_mtu_probing 1"
match "${CONF[tcp_ecn]}" 1 "cnet conf shows tcp_ecn 1"
match "${CONF[tcp_tw_reuse]}" 1 "cnet conf shows tcp_tw_reuse 1"
pick CONF "${retries[@]}"
match "$PICKED" "3 2 8 1 0 30" "cnet conf shows the retries and timeouts"
pick CONF "${neighs[@]}"
match "$PICKED" "1 10 0 2147483647 0 255 1 7 0 2147483647 0 3600000" \
	"cnet conf shows what sysctl wrote"

# ---- cnet conf -> sysctl ----
check_ok "conf set" cnet_a conf set icmp_burst 7 ipfrag_time_ms 1234 \
	tcp_max_tw_buckets 99 ip_local_port_range 50000-50100
check_ok "conf set tcp_syncookies 0" cnet_a conf set tcp_syncookies 0
check_ok "conf set tcp_recovery 0" cnet_a conf set tcp_recovery 0
check_ok "conf set keepalive" cnet_a conf set tcp_keepalive_time_s 60 \
	tcp_keepalive_intvl_s 5 tcp_keepalive_probes 3
check_ok "conf set tcp_congestion cubic" cnet_a conf set tcp_congestion cubic
check_ok "conf set tcp_timestamps 0" cnet_a conf set tcp_timestamps 0
check_ok "conf set tcp_sack 0" cnet_a conf set tcp_sack 0
check_ok "conf set tcp_base_mss 600" cnet_a conf set tcp_base_mss 600
check_ok "conf set tcp_ecn 0" cnet_a conf set tcp_ecn 0
check_ok "conf set tcp_tw_reuse 0" cnet_a conf set tcp_tw_reuse 0
check_ok "conf set the retries and timeouts" cnet_a conf set tcp_syn_retries 127 \
	tcp_synack_retries 255 tcp_retries2 0 tcp_orphan_retries 255 \
	tcp_syn_linear_timeouts 127 tcp_fin_timeout_s 1
check_ok "conf set them back" cnet_a conf set neigh_reachable_ms 30000 \
	neigh_retrans_ms 250 neigh_gc_ms 60000 neigh_delay_ms 5000 \
	neigh_locktime_ms 1000 neigh_max_probes 3 neigh_ucast_probes 3 \
	neigh_max_entries 1024 neigh_queue_len 16 neigh_queue_bytes 212992 \
	dad_probes 3 dad_interval_ms 20
check_ok "forwarding off" cnet_a forwarding off
sc_all
match "${SC[icmp_burst]}" 7 "sysctl reads icmp_burst 7"
match "${SC[ipfrag_time_ms]}" 1234 "sysctl reads ipfrag_time_ms"
match "${SC[tcp_max_tw_buckets]}" 99 "sysctl reads tcp_max_tw_buckets"
match "${SC[ip_local_port_range]}" "50000 50100" "sysctl reads the port range"
match "${SC[tcp_syncookies]}" 0 "sysctl reads tcp_syncookies 0"
match "${SC[tcp_recovery]}" 0 "sysctl reads tcp_recovery 0"
pick SC tcp_keepalive_time_s tcp_keepalive_intvl_s tcp_keepalive_probes
match "$PICKED" "60 5 3" "sysctl reads the keepalive settings"
match "${SC[tcp_congestion]}" cubic "sysctl reads tcp_congestion cubic"
match "${SC[tcp_timestamps]}" 0 "sysctl reads tcp_timestamps 0"
match "${SC[tcp_sack]}" 0 "sysctl reads tcp_sack 0"
match "${SC[tcp_base_mss]}" 600 "sysctl reads tcp_base_mss 600"
match "${SC[tcp_ecn]}" 0 "sysctl reads tcp_ecn 0"
match "${SC[tcp_tw_reuse]}" 0 "sysctl reads tcp_tw_reuse 0"
match "${SC[forwarding]}" 0 "sysctl reads forwarding 0"
pick SC "${retries[@]}"
match "$PICKED" "127 255 0 255 127 1" "sysctl reads the retries and timeouts"
pick SC "${neighs[@]}"
match "$PICKED" "30000 250 60000 5000 1000 3 3 1024 16 212992 3 20" \
	"sysctl reads what cnet conf wrote"

# ---- and back: sysctl -> cnet conf ----
for kv in tcp_recovery=1 tcp_timestamps=1 tcp_sack=1; do
	check_ok "sysctl -w $kv" sc_set "${kv%%=*}" "${kv#*=}"
done
conf_all
match "${CONF[tcp_recovery]}" 1 "cnet conf shows tcp_recovery 1"
match "${CONF[tcp_timestamps]}" 1 "cnet conf shows tcp_timestamps 1"
match "${CONF[tcp_sack]}" 1 "cnet conf shows tcp_sack 1"

# ---- refused, and nothing changes ----
# refused NAME VALUE: EINVAL, the value kept.
refused() {
	local before rc after
	sc "$1"; before=$SC_VAL
	sc_set "$1" "$2"; rc=$?
	sc "$1"; after=$SC_VAL
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
refused tcp_tw_reuse 3
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
conf_all
match "${CONF[ipfrag_low_thresh]}" 8000000 "cnet conf shows the new low"

# ---- per namespace ----
{ read -r burst; read -ra range; } < <(ns_b sysctl -n net.cnet.icmp_burst \
	net.cnet.ip_local_port_range)
match "$burst" 6 "another namespace keeps its own (default) burst"
match "${range[*]}" "32768 60999" "and its own port range"
# two namespaces, two values of one setting, each written on its own
check_ok "B: sysctl -w neigh_retrans_ms=4000" \
	ns_b sysctl -q -w net.cnet.neigh_retrans_ms=4000
check_ok "B: conf set dad_probes 7" cnet_in "$B" conf set dad_probes 7
sc neigh_retrans_ms
conf_all
match "$SC_VAL ${CONF[dad_probes]}" "250 3" \
	"A keeps its neigh_retrans_ms and dad_probes"
conf_all "$B"
pick CONF neigh_retrans_ms dad_probes
match "$PICKED" "4000 7" "B has its own, through cnet conf too"

# ---- who may write ----
nobody() { ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
out=$(nobody sh -c 'echo 1 > /proc/sys/net/cnet/forwarding' 2>&1)
rc=$?
sc forwarding
match "$((rc != 0)):$SC_VAL" "1:0" "an unprivileged user cannot write ($out)"
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
# ...nor as a device's own (cnet link set), where its timers may be set
out=$(unshare -Urn sh -c "ip link add v0 type veth peer name v1 &&
	$CNET link attach v0 && $CNET link set v0 neigh_retrans_ms 2000 &&
	{ $CNET link set v0 neigh_queue_bytes 100000000; echo rc=\$?;
	  $CNET link show dev v0;
	  /bin/echo 100000000 > /proc/sys/net/cnet/link/v0/neigh_queue_bytes;
	  echo rc=\$?; sysctl -q -w net.cnet.link.v0.neigh_retrans_ms=3000 &&
	  sysctl -n net.cnet.link.v0.neigh_retrans_ms; }" 2>&1)
match "$(grep -c 'not permitted' <<< "$out"):$(grep -c '^rc=1$' <<< "$out")" "2:2" \
	"nor as a device's own, through cnet link set or sysctl ($(head -n 1 <<< "$out"))"
match_re "$out" ' v0 .* neigh_retrans_ms 2000$' "a device's own ARP timer may be set"
match "$(tail -n 1 <<< "$out")" 3000 "through its sysctl too"
sc neigh_max_entries
old=$SC_VAL
sc_set neigh_max_entries 2000
sc neigh_max_entries
match "$SC_VAL" 2000 "the root of the initial user namespace may"
sc_set neigh_max_entries "$old"

# ---- a device's own: net.cnet.link.DEV.* ----
sc neigh_retrans_ms
ns_val=$SC_VAL
sc link/veth0/neigh_retrans_ms
match "$SC_VAL" "$ns_val" "veth0's neigh_retrans_ms reads as the namespace's"
check_ok "sysctl -w link.veth0.neigh_retrans_ms=300" \
	sc_set link/veth0/neigh_retrans_ms 300
check_ok "and link.veth0.proxy_arp=1" sc_set link/veth0/proxy_arp 1
check_re 'cnet_a link show dev veth0' ' proxy_arp on neigh_retrans_ms 300$' \
	"cnet link show: veth0's own, as sysctl wrote them"
check_ok "conf set neigh_retrans_ms 400 neigh_delay_ms 777" \
	cnet_a conf set neigh_retrans_ms 400 neigh_delay_ms 777
sc link/veth0/neigh_retrans_ms
match "$SC_VAL" 300 "veth0 keeps its own when the namespace's changes"
sc link/veth0/neigh_delay_ms
match "$SC_VAL" 777 "and follows the namespace's where it has none"
check_ok "cnet link set veth0 neigh_max_probes 9 proxy_arp off" \
	cnet_a link set veth0 neigh_max_probes 9 proxy_arp off
sc link/veth0/neigh_max_probes
match "$SC_VAL" 9 "sysctl reads what cnet link set wrote"
sc link/veth0/proxy_arp
match "$SC_VAL" 0 "proxy_arp too"
refused link/veth0/neigh_retrans_ms 9
refused link/veth0/neigh_max_probes 256
refused link/veth0/neigh_queue_len 2147483648
refused link/veth0/proxy_arp 2
# a rename moves the settings (the device is down to be renamed)
ip -n "$A" link set veth0 down || die "cannot take veth0 down"
check_ok "rename veth0 to vethR" ip -n "$A" link set veth0 name vethR
sc link/vethR/neigh_retrans_ms
match "$SC_VAL" 300 "renamed: its settings are under its new name"
match "$(ns_a ls /proc/sys/net/cnet/link)" vethR "and no longer under the old one"
check_ok "detach vethR" cnet_a link detach vethR
match "$(ns_a ls /proc/sys/net/cnet/link 2> /dev/null)" "" "detached: its settings went with it"

exit_test
