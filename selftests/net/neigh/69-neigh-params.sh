#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module parameters counted in 8 bits (dad_probes, neigh_max_probes,
# neigh_ucast_probes) refuse values that would not fit (EINVAL): 256
# would wrap the count, so an address would stay tentative, or an entry
# never fail. Values that fit are still taken.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

cnet_load
for p in dad_probes neigh_max_probes neigh_ucast_probes; do
	f=/sys/module/cnet/parameters/$p
	old=$(cat "$f")
	on_exit "echo $old > $f"
	for v in 256 1000 -1 abc; do
		if out=$(bash -c "echo $v > $f" 2>&1); then
			fail "$p=$v accepted"
		else
			match_re "$out" "Invalid argument" "$p=$v refused: EINVAL"
		fi
	done
	match "$(cat "$f")" "$old" "$p is unchanged"
	for v in 255 1 0 "$old"; do
		check_ok "$p=$v accepted" bash -c "echo $v > $f"
		match "$(cat "$f")" "$v" "$p reads back $v"
	done
done
exit_test
