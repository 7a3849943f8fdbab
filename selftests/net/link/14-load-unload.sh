#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10 times (50 with SOAK=1, or CYCLES): insmod, attach the device, add the
# address, a short burst of ping traffic, rmmod (which must succeed every
# time). The module is left loaded, as the test found it.
# timeout: 900
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

if [ "${SOAK:-0}" = 1 ]; then
	cycles=${CYCLES:-50}
else
	cycles=${CYCLES:-10}
fi
setup_pair
on_exit "[ -d /sys/module/cnet ] || insmod $CNET_KO"

kunit_off_at_load

# The cycles run in one shell inside $A (module loading does not care which
# namespace it is done from): a command costs ~0.2-1 s in an emulated VM,
# and "ip netns exec" would double that. Every 10th cycle Linux pings too.
# shellcheck disable=SC2016 # expanded by the inner shell
out=$(ns_a bash -c '
ko=$1 cnet=$2 ping=$3 b=$4 cycles=$5 b_ip=$6
for i in $(seq "$cycles"); do
	step=
	rmmod cnet || step=rmmod
	[ -z "$step" ] && { insmod "$ko" || step=insmod; }
	[ -z "$step" ] && { "$cnet" link attach veth0 || step="link attach"; }
	[ -z "$step" ] && { "$cnet" addr add 10.0.1.1/24 dev veth0 nodad ||
		step="addr add"; }
	[ -z "$step" ] && { "$ping" -c 3 -i 0.2 -q "$b_ip" > /dev/null ||
		step="cnet-ping -c 3"; }
	[ -z "$step" ] && [ $((i % 10)) = 0 ] && {
		ip netns exec "$b" ping -c 3 -i 0.2 -W 2 -q 10.0.1.1 > /dev/null ||
		step="Linux ping -c 3"; }
	if [ -n "$step" ]; then
		echo "FAIL: cycle $i: $step failed"
		[ -d /sys/module/cnet ] || insmod "$ko"
	fi
done
' cycles "$CNET_KO" "$CNET" "$CNET_PING" "$B" "$cycles" "$B_IP" 2>&1)
[ -n "$out" ] && echo "$out"
bad=$(grep -c '^FAIL: cycle' <<< "$out")
match "$bad" 0 "$cycles load/attach/ping/unload cycles without a failure"
check_ok "rmmod after the last cycle" rmmod cnet
check_ok "insmod again (left loaded)" insmod "$CNET_KO"
exit_test
