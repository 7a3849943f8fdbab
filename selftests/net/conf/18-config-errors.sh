#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configuration errors: each is refused with exit status 1 (2 for a command
# line the tool itself rejects) and a message that says what is wrong, and
# changes nothing. With the module unloaded, the tool says so.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
ip link add veth2 netns "$A" type veth peer name veth3 netns "$A" ||
	die "cannot create veth2"

# refused STATUSES REGEX MSG ARGS...: `cnet ARGS` in $A exits with one of
# STATUSES ("1" or "1|2") and its message matches REGEX (case ignored).
refused() {
	local statuses=$1 re=$2 msg=$3 out rc
	shift 3
	out=$(cnet_a "$@" 2>&1)
	rc=$?
	if [[ "|$statuses|" == *"|$rc|"* ]] && has_line -i "$out" "$re"; then
		pass "$msg: $out"
	else
		fail "$msg: cnet $* -> status $rc (want $statuses), \"$out\" (want /$re/)"
	fi
}

before=$(cnet_a addr show)
refused 1 "exists" "duplicate address" addr add "$A_IP/24" dev veth0
refused 1 "unknown device|no such device" "address on an unknown device" \
	addr add 10.0.9.1/24 dev nosuchdev
refused 1 "unknown device|no such device" "attach an unknown device" \
	link attach nosuchdev
refused "1|2" "prefix|invalid|/33" "prefix /33" addr add 10.0.1.5/33 dev veth0
refused "1|2" "invalid|address|1\.2\.3" "address 1.2.3/24" addr add 1.2.3/24 dev veth0
refused "1|2" "invalid|address|prefix" "address without prefix" addr add 10.0.1.5 dev veth0
refused 1 "ethernet|not supported|support" "attach lo (not Ethernet)" link attach lo
refused 1 "exists|busy|already" "attach veth0 twice" link attach veth0
refused 1 "not attached|no such device|not found|invalid" \
	"address on a device cnet does not run on" addr add 10.0.3.1/24 dev veth2
refused 1 "not attached|no such device|not found|invalid" \
	"detach a device that is not attached" link detach veth2
refused 1 "not found|no such|cannot assign|not exist" \
	"delete an address that is not there" addr del 10.0.1.77/24 dev veth0
match "$(cnet_a addr show)" "$before" "the addresses did not change"
out=$(cnet_a link show)
match_re "$out" '^[0-9]+: veth0 lladdr' "veth0 is still attached"
# the lines but lo's (grep -vc '^1: lo ')
links=()
[ -n "$out" ] && mapfile -t links <<< "$out"
others=0
for l in "${links[@]}"; do [[ $l == '1: lo '* ]] || others=$((others + 1)); done
match "$others" 1 "nothing else was attached (but lo)"

# The tool with the module unloaded.
on_exit "[ -d /sys/module/cnet ] || insmod $CNET_KO"
if rmmod cnet; then
	for obj in "link show" "addr show" "stats"; do
		# shellcheck disable=SC2086 # two words
		out=$(cnet_a $obj 2>&1)
		rc=$?
		match "$rc" 1 "cnet $obj without the module exits 1"
		match_re "$out" "not loaded" "cnet $obj without the module: $out"
	done
	out=$(ns_a "$CNET_PING" -c 1 "$B_IP" 2>&1)
	match_re "$out" "not loaded|unavailable" "cnet-ping without the module: $out"
	check_ok "insmod again" insmod "$CNET_KO"
else
	fail "rmmod cnet failed"
fi
exit_test
