#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The settings counted in 8 bits (dad_probes, neigh_max_probes,
# neigh_ucast_probes) refuse values that would not fit: 256 would wrap the
# count, so an address would stay tentative, or an entry never fail. They
# are settings of the namespace now, no longer module parameters: sysctl
# refuses with EINVAL and keeps the value, cnet conf set refuses before
# asking the kernel; the ends of the range are taken and read back the same
# by both.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_ns A
for p in dad_probes neigh_max_probes neigh_ucast_probes; do
	[ -e "/sys/module/cnet/parameters/$p" ] &&
		fail "$p is still a module parameter"
done
# One program in A for each setting's sysctl writes (a program in a
# namespace costs a third of a second in the VM): "VALUE STATUS READ-BACK
# ERROR" a line.
for p in dad_probes neigh_max_probes neigh_ucast_probes; do
	min=1
	[ $p = dad_probes ] && min=0
	old=$(ns_a sysctl -n "net.cnet.$p")
	match "$old" 3 "$p is 3 by default"
	# shellcheck disable=SC2016 # expanded by the inner shell
	while read -r v rc back err; do
		case $v in
		256|1000|-1|abc|$((min - 1)))
			match "$rc:$back" "1:$old" "sysctl $p=$v refused, $p kept"
			match_re "$err" "Invalid argument" "$p=$v: EINVAL" ;;
		*)
			match "$rc:$back" "0:$v" "sysctl $p=$v taken and read back" ;;
		esac
	done < <(ns_a bash -c '
		f=/proc/sys/net/cnet/$1; shift
		for v in "$@"; do
			err=$( { echo "$v" > "$f"; } 2>&1 )
			rc=$?
			read -r back < "$f"
			echo "$v $((rc != 0)) $back ${err##*: }"
		done' - "$p" 256 1000 -1 abc $((min - 1)) 255 "$min" "$old")
	out=$(cnet_in "$A" conf set "$p" 256 2>&1)
	match "$?:$out" "1:cnet: invalid $p \"256\" ($min to 255)" \
		"cnet conf set $p 256 refused"
	check_ok "cnet conf set $p 255" cnet_in "$A" conf set "$p" 255
	match "$(ns_a sysctl -n "net.cnet.$p")" 255 "sysctl reads $p 255"
done
exit_test
