#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module unload and namespace exit with lo busy: cnet-ping floods
# 127.0.0.1 in two namespaces; the pingers are killed and, at once, one
# namespace is deleted and the module unloaded (retried until the closing
# sockets let it go), while looped packets may still be queued. Each round
# must unload and load again; the runner checks the kernel log, kmemleak
# and the reference trackers afterwards.
# timeout: 600
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

rounds=${ROUNDS:-5}
on_exit "[ -d /sys/module/cnet ] || insmod $CNET_KO"

kunit_off_at_load

unloaded=0
for i in $(seq "$rounds"); do
	X=; Y=
	setup_ns X Y
	pids=()
	for ns in "$X" "$X" "$Y" "$Y"; do
		ip netns exec "$ns" "$CNET_PING" -q -i 0 127.0.0.1 > /dev/null 2>&1 &
		pids+=($!)
		disown	# killed below: no "Killed" notice from bash
	done
	sleep 1
	busy=$(stat_get "$X" lo_rx)
	[ "${busy:-0}" -gt 0 ] || fail "round $i: no traffic on lo in $X"
	kill -9 "${pids[@]}" 2>/dev/null
	ip netns del "$X"
	for _ in $(seq 100); do
		rmmod cnet 2>/dev/null && break
		sleep 0.1
	done
	if [ -d /sys/module/cnet ]; then
		fail "round $i: rmmod cnet did not succeed"
	else
		unloaded=$((unloaded + 1))
	fi
	ip netns del "$Y"
	NS_LIST=()
	insmod "$CNET_KO" || die "round $i: insmod failed"
done
match "$unloaded" "$rounds" "$rounds unloads with lo busy"

# and lo works after all that
Z=
setup_ns Z
out=$(in_ns "$Z" "$CNET_PING" -c 2 -i 0.2 127.0.0.1 2>&1)
match_re "$out" '^2 packets transmitted, 2 received' "cnet-ping 127.0.0.1 after the reloads"
exit_test
