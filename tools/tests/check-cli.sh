#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Command-line checks of cnet and cnet-ping that need no cnet module:
# usage errors, input validation, the "module not loaded" path, and
# cnet-ping's logic through its AF_INET build (cnet-ping-inet) in a private
# network namespace: replies, loss, duplicates, corrupted data, SIGINT.
# Run from tools/ after "make cnet-ping-inet" (make check does both).
# With VALGRIND=1, every cnet and cnet-ping run goes through valgrind.
set -u
cd "$(dirname "$0")/.."

pass=0
fail=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

vg=()
if [ "${VALGRIND:-0}" = 1 ]; then
	vg=(valgrind -q --leak-check=full --show-leak-kinds=all
	    --errors-for-leak-kinds=all --error-exitcode=99)
fi

# matches FILE REGEX: a line of FILE matches REGEX (extended); a REGEX with
# a newline is matched against the whole file; "" means FILE is empty.
matches() {
	case $2 in
	"")	[ ! -s "$1" ] ;;
	*"
"*)	grep -Ezq -- "$2" "$1" ;;
	*)	grep -Eq -- "$2" "$1" ;;
	esac
}

# t WANT_STATUS STDERR_REGEX CMD... : run CMD, check its status and stderr.
t() {
	local want=$1 re=$2 st
	shift 2
	"${vg[@]}" "$@" >"$out" 2>"$err"
	st=$?
	# cnet's errors are exactly one line (its bare usage aside).
	if [ "$st" -eq "$want" ] && matches "$err" "$re" &&
	   { [ "$1" != ./cnet ] || [ "$st" -eq 0 ] || [ $# -eq 1 ] ||
	     [ "$(wc -l <"$err")" -eq 1 ]; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $* -> status $st (want $want)"
		sed 's/^/  stderr: /' "$err"
	fi
}

# o REGEX: the last command's stdout matches ("" means empty).
o() {
	if matches "$out" "$1"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: stdout does not match /$1/"
		sed 's/^/  stdout: /' "$out"
	fi
}

echo "== cnet"
t 2 '^Usage: cnet'					./cnet
t 0 ''						./cnet help
o '^Usage: cnet'
t 0 ''						./cnet -h
t 0 ''						./cnet link help
t 2 '^cnet: unknown option "-x"$'			./cnet -x link
t 2 '^cnet: unknown object "frob"$'			./cnet frob
t 2 '^cnet: link: unknown command "frob"$'		./cnet link frob
t 2 '^cnet: addr: unknown command "frob"$'		./cnet -j a frob
t 2 '^cnet: neigh: unknown command "frob"$'		./cnet n frob
t 2 '^cnet: stats: unexpected argument "x"$'		./cnet stats x
t 2 '^cnet: link attach: missing device name$'		./cnet link attach
t 2 '^cnet: link detach: unexpected argument "b"$'	./cnet l d lo b
t 2 '^cnet: addr add: missing "dev DEV"$'		./cnet addr add 10.0.0.1/24
t 2 '^cnet: addr del: missing address'			./cnet addr del dev lo
t 2 '^cnet: addr add: "dev" needs a device name$'	./cnet addr add 10.0.0.1/24 dev
t 2 '^cnet: addr add: "dev" given twice$'		./cnet addr add 10.0.0.1/24 dev lo dev lo
t 2 '^cnet: addr add: unexpected argument "x"$'		./cnet addr add 10.0.0.1/24 x dev lo
t 2 '^cnet: addr del: unexpected argument "nodad"$'	./cnet addr del 10.0.0.1/24 nodad dev lo
t 2 '^cnet: addr add: missing address'			./cnet addr add nodad dev lo
t 2 '^cnet: link show: unexpected argument "lo"$'	./cnet link show lo
t 1 '^cnet: unknown device "nosuch0"$'			./cnet link attach nosuch0
t 1 '^cnet: unknown device "nosuch0"$'			./cnet addr add 10.0.0.1/24 dev nosuch0
t 1 '^cnet: unknown device "nosuch0"$'			./cnet addr show dev nosuch0
t 1 '^cnet: invalid address "10.0.0.1" \(expected'	./cnet addr add 10.0.0.1 dev lo
t 1 '^cnet: invalid address "10.0.0.256"$'		./cnet addr add 10.0.0.256/24 dev lo
t 1 '^cnet: invalid address "10.0.0"$'			./cnet addr del 10.0.0/8 dev lo
t 1 '^cnet: invalid address "foo"$'			./cnet addr add foo/8 dev lo
t 1 '^cnet: invalid prefix length "33" \(0-32\)$'	./cnet addr add 10.0.0.1/33 dev lo
t 1 '^cnet: invalid prefix length "24x" \(0-32\)$'	./cnet addr add 10.0.0.1/24x dev lo
t 1 '^cnet: invalid prefix length "" \(0-32\)$'		./cnet addr add 10.0.0.1/ dev lo

if [ -d /sys/module/cnet ]; then
	echo "(cnet module loaded: skipping the not-loaded checks)"
else
	nl='^cnet: the cnet module is not loaded \(no generic netlink family "cnet"\)$'
	for args in "link" "-j link show" "link attach lo" "link detach lo" \
		    "addr add 10.0.0.1/24 dev lo" "addr del 10.0.0.1/24 dev lo" \
		    "a" "-j a s dev lo" "neigh" "-j n show" "stats" "-j stats"; do
		# shellcheck disable=SC2086
		t 1 "$nl" ./cnet $args
		o ''
	done
fi

echo "== cnet-ping"
t 2 '^cnet-ping: missing destination$'			./cnet-ping
t 0 ''						./cnet-ping -h
t 2 '^cnet-ping: invalid destination "foo"'		./cnet-ping foo
t 2 '^cnet-ping: invalid destination "10.0.0.256"'	./cnet-ping 10.0.0.256
t 2 '^cnet-ping: unexpected argument "x"$'		./cnet-ping 10.0.0.1 x
t 2 '^cnet-ping: invalid option "-Z"$'			./cnet-ping -Z 10.0.0.1
t 2 '^cnet-ping: option "-c" needs an argument$'	./cnet-ping 10.0.0.1 -c
t 2 '^cnet-ping: invalid count "0"'			./cnet-ping -c 0 10.0.0.1
t 2 '^cnet-ping: invalid count "-1"'			./cnet-ping -c -1 10.0.0.1
t 2 '^cnet-ping: invalid count "3x"'			./cnet-ping -c 3x 10.0.0.1
t 2 '^cnet-ping: invalid interval "x"'			./cnet-ping -i x 10.0.0.1
t 2 '^cnet-ping: invalid interval "-1"'			./cnet-ping -i -1 10.0.0.1
t 2 '^cnet-ping: invalid interval "1e3"'		./cnet-ping -i 1e3 10.0.0.1
t 2 '^cnet-ping: invalid interval "nan"'		./cnet-ping -i nan 10.0.0.1
t 2 '^cnet-ping: invalid interval "\."'			./cnet-ping -i . 10.0.0.1
t 2 '^cnet-ping: invalid timeout "0"'			./cnet-ping -W 0 10.0.0.1
t 2 '^cnet-ping: invalid packet size "65508"'		./cnet-ping -s 65508 10.0.0.1
t 2 '^cnet-ping: invalid TTL "256"'			./cnet-ping -t 256 10.0.0.1
if [ "$(id -u)" -ne 0 ]; then
	t 2 '^cnet-ping: cannot flood'			./cnet-ping -i 0.1 10.0.0.1
fi
if [ ! -d /sys/module/cnet ]; then
	na='^cnet-ping: AF_CUSTOM sockets unavailable: is the cnet module loaded\?$'
	t 2 "$na"					./cnet-ping -c 1 10.0.0.1
	t 2 "$na"					./cnet-ping -R -c 1 10.0.0.1
fi

# The ping logic, on AF_INET inside a private network namespace.
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null ||
   ! command -v python3 >/dev/null || [ ! -x ./cnet-ping-inet ] ||
   ! unshare -n true 2>/dev/null; then
	echo "(no root, unshare, python3 or cnet-ping-inet: skipping the ping runs)"
else
	echo "== cnet-ping-inet (AF_INET build, private netns)"
	export -f matches t o
	export pass fail out err
	unshare -n bash -c '
		set -u
		vg=('"${vg[*]}"')
		ip link set lo up
		sysctl -q -w net.ipv4.ping_group_range="0 2147483647"
		P=./cnet-ping-inet
		ms="[0-9]+\.[0-9]+ ms"

		t 0 "" $P -c 3 -i 0.2 127.0.0.1
		o "^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.
64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=$ms
64 bytes from 127\.0\.0\.1: icmp_seq=2 ttl=64 time=$ms
64 bytes from 127\.0\.0\.1: icmp_seq=3 ttl=64 time=$ms

--- 127\.0\.0\.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 4[0-9]{2}ms
rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms
$"
		t 0 "" $P -q -c 2 -i 0.2 -s 0 127.0.0.1
		o "^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 0\(28\) bytes of data\.

--- 127\.0\.0\.1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time [0-9]+ms
$"
		t 0 "" $P -R -c 1 -s 1000 -t 9 127.0.0.1
		o "1008 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=$ms"

		ip route add unreachable 10.9.9.9
		t 1 "^cnet-ping: sendto: No route to host$" $P -c 1 10.9.9.9
		o "1 packets transmitted, 0 received, \+1 errors, 100% packet loss"

		ip link add v0 type veth peer name v1 2>/dev/null &&
		ip link set v0 up && ip link set v1 up &&
		ip addr add 10.4.0.1/24 dev v0 && {
			s=$(date +%s%N)
			t 1 "" $P -c 2 -i 0.2 -W 0.5 10.4.0.2
			e=$(( ($(date +%s%N) - s) / 1000000 ))
			o "2 packets transmitted, 0 received, 100% packet loss"
			if [ $e -ge 600 ] && [ $e -lt 1500 ]; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1)); echo "FAIL: -W 0.5 took ${e}ms"
			fi
		}

		sysctl -q -w net.ipv4.icmp_echo_ignore_all=1
		python3 tests/fake-echo.py >/dev/null &
		fe=$!
		sleep 0.5
		for mode in "" -R; do
			t 0 "" $P $mode -c 5 -i 0.2 -W 0.5 127.0.0.1
			o "icmp_seq=2 ttl=64 time=$ms
64 bytes from 127\.0\.0\.1: icmp_seq=2 ttl=64 time=$ms \(DUP!\)
64 bytes from 127\.0\.0\.1: icmp_seq=3 ttl=64 time=$ms
wrong data byte #20 should be 0x14 but was 0xeb
#16	10 11 12 13 eb 15 "
			o "icmp_seq=5 "
			o "5 packets transmitted, 4 received, \+1 duplicates, 20% packet loss"
		done
		kill $fe
		sysctl -q -w net.ipv4.icmp_echo_ignore_all=0

		# SIGINT: the summary, then exit 0 (replies came).
		"${vg[@]}" $P -i 0.2 127.0.0.1 >"$out" 2>"$err" &
		pp=$!
		sleep 0.5
		kill -INT $pp
		wait $pp
		st=$?
		if [ $st -eq 0 ]; then pass=$((pass + 1)); else
			fail=$((fail + 1)); echo "FAIL: SIGINT status $st"; fi
		o "\n--- 127\.0\.0\.1 ping statistics ---
([0-9]+) packets transmitted, \\1 received, 0% packet loss"
		echo "$pass $fail" >"$out.count"
	'
	read -r pass fail <"$out.count"
	rm -f "$out.count"
fi

echo "check-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
