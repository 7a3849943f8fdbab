#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-timeout: 14400
#
# The module's and the namespaces' lifecycle under load, at issue 11's
# scale (make soak only; link/14 and link/17 are the short versions in
# make check):
# - LIFE_LOADS (default 1000) cycles of insmod, attach, address, traffic
#   with Linux in B (a ping, a TCP echo of 64 KiB, a UDP echo: sockets
#   opened and closed, TIME-WAIT entries left behind for rmmod) and rmmod.
#   Every 10th cycle the device is unplugged under traffic: Linux pings
#   every 10 ms and a cnet TCP transfer runs when veth0 is deleted; the
#   transfer is killed, its orphan gives up (tcp_orphan_retries 1), the
#   veth is made again. rmmod must succeed each time (within 30 s).
# - LIFE_NETNS (default 200) rounds of a namespace pair, cnet and Linux,
#   moving TCP both ways and pinging, destroyed mid-flow in the orders of
#   link/17 (cnet's first, Linux's first, after a detach).
# Afterwards the module's reference count is back, a last namespace pair
# works, and the kernel log is clean (kmemleak, KASAN, the reference
# trackers). The slab counters are printed, not compared: KASAN's
# quarantine keeps freed objects allocated for a while, so they do not
# come back to their starting level on this kernel; kmemleak is the leak
# check.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
loads=${LIFE_LOADS:-1000}
rounds=${LIFE_NETNS:-200}
[ -x "$NC" ] || skip "cnet-nc is not built"
slab() { awk '/^(Slab|SUnreclaim):/ { printf "%s %s kB ", $1, $2 }' \
	/proc/meminfo; }
log "at the start: $(slab)"

# ---- module load/unload cycles -----------------------------------------
setup_pair
on_exit "[ -d /sys/module/cnet ] || insmod $CNET_KO"
kunit_off_at_load
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c 65536 /dev/urandom > "$tmp/data"
echo7_start "$B" "$B_IP"

# One shell inside A runs the cycles, as link/14 does (a command costs
# ~0.2-1 s in an emulated VM, "ip netns exec" doubles it).
# shellcheck disable=SC2016 # expanded by the inner shell
out=$(ns_a bash -c '
ko=$1 cnet=$2 ping=$3 nc=$4 b=$5 b_ip=$6 data=$7 loads=$8 a_mac=$9
unplugs=0
for i in $(seq "$loads"); do
	step=
	rmmod_ok=
	for t in $(seq 60); do
		rmmod cnet 2> /dev/null && { rmmod_ok=1; break; }
		sleep 0.5
	done
	[ -n "$rmmod_ok" ] || step=rmmod
	[ -z "$step" ] && { insmod "$ko" || step=insmod; }
	[ -z "$step" ] && { "$cnet" -b - <<- EOF || step=setup
		link attach veth0
		addr add 10.0.1.1/24 dev veth0 nodad
		conf set tcp_orphan_retries 1
	EOF
	}
	[ -z "$step" ] && { "$ping" -c 1 -W 2 -q "$b_ip" > /dev/null ||
		step=ping; }
	[ -z "$step" ] && { "$nc" -N -w 10 "$b_ip" 7 < "$data" |
		cmp -s - "$data" || step="TCP echo"; }
	[ -z "$step" ] && { echo "cycle $i" | "$nc" -u -w 2 "$b_ip" 7 |
		grep -q "cycle $i" || step="UDP echo"; }
	if [ -z "$step" ] && [ $((i % 10)) = 0 ]; then
		# unplugged under traffic
		ip netns exec "$b" ping -q -i 0.01 -w 3 10.0.1.1 \
			> /dev/null 2>&1 &
		flood=$!
		"$nc" "$b_ip" 7 < /dev/zero > /dev/null 2>&1 &
		bulk=$!
		sleep 1
		ip link del veth0 || step="veth delete"
		kill "$bulk" 2> /dev/null
		wait "$bulk" "$flood"
		ip link add veth0 address "$a_mac" type veth peer name veth1 \
			netns "$b" &&
			ip link set veth0 up &&
			ip -n "$b" addr add "$b_ip/24" dev veth1 &&
			ip -n "$b" link set veth1 up || step="veth again"
		unplugs=$((unplugs + 1))
	fi
	if [ -n "$step" ]; then
		echo "FAIL: cycle $i: $step failed"
		[ -d /sys/module/cnet ] || insmod "$ko"
	fi
done
echo "unplugs $unplugs"
' lifecycle "$CNET_KO" "$CNET" "$CNET_PING" "$NC" "$B" "$B_IP" "$tmp/data" \
	"$loads" "$A_MAC" 2>&1)
[ -n "$out" ] && echo "$out" | tail -n 20
match "$(grep -c '^FAIL: cycle' <<< "$out")" 0 \
	"$loads load/traffic/unload cycles without a failure"
log "$(grep unplugs <<< "$out") devices unplugged under traffic;" \
	"after the cycles: $(slab)"
# the echo server goes with the first namespaces; the module stays loaded
bg_stop
cleanup_ns_now() { local ns; for ns in "${NS_LIST[@]}"; do
	ip netns del "$ns" 2> /dev/null; done; NS_LIST=(); }
cleanup_ns_now
[ -d /sys/module/cnet ] || insmod "$CNET_KO" || die "cannot load cnet"

# ---- namespaces destroyed mid-flow -------------------------------------
refcnt() { cat /sys/module/cnet/refcnt; }
ref0=$(refcnt)
bad=0
for i in $(seq "$rounds"); do
	X=; Y=
	setup_ns X Y
	ip link add veth0 netns "$X" type veth peer name veth1 netns "$Y" ||
		die "round $i: cannot create the veth pair"
	cnet_ns "$X" veth0 10.0.1.1/24 || { bad=$((bad + 1)); continue; }
	linux_ns "$Y" veth1 10.0.1.2/24
	cnet_in "$X" conf set tcp_orphan_retries 1 > /dev/null
	ip netns exec "$Y" socat -u TCP4-LISTEN:9,reuseaddr - > /dev/null 2>&1 &
	sink=$!
	ip netns exec "$Y" socat -u OPEN:/dev/zero TCP4-LISTEN:19,reuseaddr \
		> /dev/null 2>&1 &
	source=$!
	busywait 10000 eval "ip netns exec $Y ss -Htln | grep -q ':19 '" ||
		bad=$((bad + 1))
	ip netns exec "$X" "$NC" 10.0.1.2 9 < /dev/zero > /dev/null 2>&1 &
	up=$!
	ip netns exec "$X" "$NC" 10.0.1.2 19 < /dev/null > /dev/null 2>&1 &
	down=$!
	in_ns "$Y" ping -q -i 0.05 -w 2 10.0.1.1 > /dev/null 2>&1
	case $((i % 3)) in
	0) kill $up $down; ip netns del "$X"; ip netns del "$Y" ;;
	1) ip netns del "$Y"; kill $up $down; ip netns del "$X" ;;
	2) in_ns "$X" "$CNET" link detach veth0 || bad=$((bad + 1))
	   kill $up $down; ip netns del "$X"; ip netns del "$Y" ;;
	esac
	kill $sink $source 2> /dev/null
	wait $up $down $sink $source 2> /dev/null
	NS_LIST=()
done
match "$bad" 0 "$rounds namespace pairs moving TCP destroyed mid-flow"
# shellcheck disable=SC2016 # wait_for evaluates it
wait_for 60000 'test "$(refcnt)" = "$ref0"'
check refcnt "$ref0" "the module's reference count came back"
log "after the rounds: $(slab)"

# ---- and after it all --------------------------------------------------
setup_pair
check_ok "a new pair: Linux pings cnet" ns_b ping -c 1 -W 2 -q "$A_IP"
exit_test
