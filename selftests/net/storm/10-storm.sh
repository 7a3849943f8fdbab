#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 420
# soak-timeout: 3600
#
# A storm of hostile frames at a cnet host that is also a router, while
# legitimate traffic runs. cnet in A has veth0 to Linux in B and a tap
# device, tap0 (10.0.9.1/24), and forwards between them. storm.py writes
# 20 000 frames (200 000 with SOAK=1; STORM_FRAMES=, STORM_SEED=) into
# the tap's file descriptor, so each enters cnet's receive path with no
# stack in front of it: every layer's templates (ARP, IPv4 options,
# fragments, ICMP echo and errors, UDP, TCP to a listener, packets to
# forward, VLAN tags, martians) mutated field-wise, checksums mostly made
# right again. Meanwhile B pings A, a TCP connection echoes 256 KiB
# through B and UDP datagrams are echoed by B.
#
# The legitimate traffic keeps working (ping and UDP lose little, TCP
# arrives whole), the layers' drop counters name what was dropped, cnet
# still answers on the tap and the veth afterwards, every socket and
# module reference is back (tcp_mem_track), and the kernel log stays clean
# (KASAN, lockdep, kmemleak: run-tests.sh reads it). The seed is printed:
# STORM_SEED=N replays a storm.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
NC=$REPO/tools/cnet-nc
TAP_IP=10.0.9.1
PORT=5001
[ -c /dev/net/tun ] || skip "no /dev/net/tun (CONFIG_TUN)"
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
if [ "${SOAK:-0}" = 1 ]; then frames=200000; else frames=20000; fi
frames=${STORM_FRAMES:-$frames}
seed=${STORM_SEED:-$((RANDOM * 32768 + RANDOM))}
log "seed $seed (STORM_SEED=$seed replays this storm), $frames frames"

setup_pair
ip -n "$A" tuntap add dev tap0 mode tap || die "cannot make tap0"
cnet_ns "$A" tap0 "$TAP_IP/24" || die "cannot set up cnet on tap0"
cnet_a forwarding on > /dev/null || die "cannot turn forwarding on"
ip -n "$B" route add 10.0.9.0/24 via "$A_IP" || die "no route in B"
tcp_mem_track -t 2000 "$A"
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"

# ---- the legitimate side -----------------------------------------------
kib=256
head -c $((kib * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
echo7_start "$B" "$B_IP"
# a cnet listener for the storm's TCP segments (SYN queue, RFC 5961)
run_bg ip netns exec "$A" "$NC" -l -k "$TAP_IP" $PORT > /dev/null 2>&1 < /dev/null
busywait 10000 eval "cnet_a sock show -tl | grep -q ':$PORT'" ||
	die "the cnet listener did not start"

stats_save "$A"
ns_b ping -q -c 300 -i 0.1 -W 1 "$A_IP" > "$tmp/ping" 2>&1 &
ping_pid=$!
(ns_a timeout 300 "$NC" -N "$B_IP" 7 < "$tmp/data" | sha256sum) \
	> "$tmp/tcp" 2>&1 &
tcp_pid=$!
CNET=$CNET ns_a timeout 300 "$RUN" /usr/bin/python3 - "$B_IP" \
	> "$tmp/udp" 2>&1 <<- 'PY' &
	import socket, sys, time
	s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	s.settimeout(1)
	got = 0
	for i in range(200):
	    msg = b'legit %d' % i
	    s.sendto(msg, (sys.argv[1], 7))
	    try:
	        got += s.recv(100) == msg
	    except socket.timeout:
	        pass
	    time.sleep(0.05)
	print(got)
PY
udp_pid=$!

# ---- the storm ---------------------------------------------------------
out=$(ns_a timeout 360 /usr/bin/python3 "$REPO/selftests/net/storm/storm.py" \
	tap0 "$TAP_IP" "$B_IP" $PORT "$frames" "$seed" 2>&1)
rc=$?
echo "$out"
match "$rc" 0 "storm.py: every check passed"
match "$(grep -c '^PASS' <<< "$out")" 3 "storm.py: 3 checks ran"

wait $tcp_pid $udp_pid
wait $ping_pid
match "$(< "$tmp/tcp")" "$want" "a TCP connection echoed $kib KiB whole meanwhile"
udp=$(tail -n 1 "$tmp/udp")
log "UDP: $udp of 200 echoed; ping: $(grep -o '[0-9]* received' "$tmp/ping")"
if [[ $udp =~ ^[0-9]+$ ]] && [ "$udp" -ge 180 ]; then
	pass "UDP echoes went on (at least 180 of 200)"
else
	fail "UDP echoes: $(< "$tmp/udp")"
fi
recv=$(grep -o '[0-9]* received' "$tmp/ping" | grep -o '[0-9]*')
if [ "${recv:-0}" -ge 270 ]; then
	pass "B's pings went on (at least 270 of 300)"
else
	fail "B's pings: $(< "$tmp/ping")"
fi

# ---- what was dropped was named -----------------------------------------
stats_deltas
drops=$(for k in "${!STATS_DELTA[@]}"; do
	[[ $k == *drop* || $k == *nosend* || $k == ip_reasm_[diot]* ]] &&
		[ "${STATS_DELTA[$k]}" -gt 0 ] && echo "$k +${STATS_DELTA[$k]}"
done | sort)
echo "$drops" | indent
for k in arp_drop_bad_hdr ip_drop_version ip_drop_ihl ip_drop_len \
	ip_drop_csum ip_drop_martian_src ip_drop_proto ip_reasm_invalid \
	icmp_drop_csum udp_drop_csum tcp_drop_csum tcp_drop_doff \
	fwd_drop_ttl; do
	if [ "${STATS_DELTA[$k]:-0}" -gt 0 ]; then
		pass "$k counted the storm's frames"
	else
		fail "$k did not grow"
	fi
done

# ---- and after it ------------------------------------------------------
check_ok "B pings A afterwards" ns_b ping -c 1 -W 2 -q "$A_IP"
check_ok "B pings A's tap address through cnet's routing" \
	ns_b ping -c 1 -W 2 -q "$TAP_IP"
exit_test
