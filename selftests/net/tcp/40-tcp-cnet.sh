#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 400
#
# TCP with cnet on both ends: cnet-nc to cnet-nc -l between two cnet
# namespaces over veth (1 MiB each way) and within one over lo (1 MiB),
# checked by sha256.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
setup_ns A C
ip link add veth0 netns "$A" type veth peer name veth1 netns "$C" ||
	die "cannot create the veth pair"
cnet_ns "$A" veth0 10.0.1.1/24 || die "cannot set up cnet in $A"
cnet_ns "$C" veth1 10.0.1.3/24 || die "cannot set up cnet in $C"
busywait 5000 carrier_up "$C" veth1 || die "veth1 has no carrier"
tcp_mem_track -t 2000 "$A" "$C"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((1024 * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")

# client NS ARGS...: cnet-nc in NS, again while the listener is not up
client() {
	local ns=$1 i
	shift
	for i in $(seq 60); do
		ip netns exec "$ns" timeout 120 "$NC" "$@" 2> "$tmp/nc.err" && return 0
		grep -q "Connection refused" "$tmp/nc.err" || { cat "$tmp/nc.err"; return 1; }
		sleep 0.5
	done
	return 1
}

# A -> C over veth: C listens and receives
run_bg ip netns exec "$C" timeout 150 "$NC" -l 7200 > "$tmp/got1"
srv=$BG_PID
client "$A" -N 10.0.1.3 7200 < "$tmp/data"
match "$?" 0 "cnet -> cnet over veth: the client sent 1 MiB"
wait "$srv"
match "$(sha256sum < "$tmp/got1")" "$want" "cnet -> cnet over veth: byte for byte"

# C -> A over veth: C listens and sends
# (a background job's standard input is /dev/null: the file goes in by sh)
# shellcheck disable=SC2016 # $0 and $1 are sh's
run_bg ip netns exec "$C" sh -c 'exec timeout 150 "$0" -l -N 7201 < "$1"' \
	"$NC" "$tmp/data"
srv=$BG_PID
client "$A" 10.0.1.3 7201 < /dev/null > "$tmp/got2"
match "$?" 0 "cnet <- cnet over veth: the client read until the server closed"
wait "$srv"
match "$(sha256sum < "$tmp/got2")" "$want" "cnet <- cnet over veth: byte for byte"

# within A over lo
run_bg ip netns exec "$A" timeout 150 "$NC" -l -s 127.0.0.1 7202 > "$tmp/got3"
srv=$BG_PID
client "$A" -N 127.0.0.1 7202 < "$tmp/data"
match "$?" 0 "cnet over lo: the client sent 1 MiB"
wait "$srv"
match "$(sha256sum < "$tmp/got3")" "$want" "cnet over lo: byte for byte"
exit_test
