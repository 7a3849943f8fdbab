#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Command-line checks of cnet, cnet-ping, cnet-traceroute, cnet-nc and
# cnet-resolve that need no cnet module: usage errors, input validation,
# the "module not loaded" path, and the tools' logic through their AF_INET
# builds (cnet-*-inet) in a private network namespace: for cnet-ping
# replies, loss, duplicates, corrupted data, SIGINT; for cnet-resolve a
# misbehaving server (tests/fake-dns.py): forged replies, TC, SERVFAIL,
# compression loops, CNAME chains and loops, silence.
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
t 2 '^cnet: -n: missing namespace$'			./cnet -n
t 1 '^cnet: network namespace "cnet-nosuch-ns": No such file or directory$' ./cnet -n cnet-nosuch-ns link show
t 1 '^cnet: network namespace "/nonexistent/ns": No such file or directory$' ./cnet -netns /nonexistent/ns link show
# -b FILE: one command per line; a message about one says FILE:LINE; the
# first failure stops the batch (its status), unless -force
bf=$(mktemp)
printf '# a comment\n\n  link   "bo gus"\nstats\n' > "$bf"
t 2 "^cnet: $bf:3: link: unknown command \"bo gus\"\$"	./cnet -b "$bf"
t 2 '^cnet: -:1: unterminated " quote$'			./cnet -b - <<< 'link "show'
t 2 "^cnet: -:1: unterminated ' quote\$"			./cnet -batch - <<< "link 'show"
t 1 '^cnet: -:2: the cnet module is not loaded'		./cnet --batch - <<< $'\n  stats'
t 2 '^cnet: -b: missing file$'				./cnet -b
t 2 '^cnet: -b FILE: no command after it \("stats"\)$'	./cnet -b "$bf" stats
t 2 '^cnet: -force: only with -b FILE$'			./cnet -force stats
t 1 '^cnet: /nonexistent/batch: No such file or directory$' ./cnet -b /nonexistent/batch
t 0 ''							./cnet -b /dev/null
# -force: past the failures, each reported; the status is the first's
./cnet -force -b "$bf" > "$out" 2> "$err"
if [ $? -eq 2 ] && grep -q "^cnet: $bf:3: link: unknown" "$err" &&
   grep -q "^cnet: $bf:4: the cnet module is not loaded" "$err"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: cnet -force -b: not every line ran"
	sed 's/^/  stderr: /' "$err"
fi
rm -f "$bf"
t 2 '^cnet: unknown object "frob"$'			./cnet frob
t 2 '^cnet: link: unknown command "frob"$'		./cnet link frob
t 2 '^cnet: addr: unknown command "frob"$'		./cnet -j a frob
t 2 '^cnet: neigh: unknown command "frob"$'		./cnet n frob
t 2 '^cnet: neigh add: missing address \(A\.B\.C\.D\)$'	./cnet n add
t 2 '^cnet: neigh add: missing "lladdr'			./cnet neigh add 10.0.0.2 dev lo
t 2 '^cnet: neigh add: missing "dev DEV"$'		./cnet neigh add 10.0.0.2 lladdr 02:00:00:00:00:01
t 2 '^cnet: neigh add: "lladdr" given twice$'		./cnet neigh add 10.0.0.2 lladdr 02:00:00:00:00:01 lladdr 02:00:00:00:00:01 dev lo
t 2 '^cnet: neigh add: only "nud permanent"'		./cnet neigh add 10.0.0.2 lladdr 02:00:00:00:00:01 nud stale dev lo
t 2 '^cnet: neigh del: unexpected argument "lladdr"$'	./cnet neigh del 10.0.0.2 lladdr 02:00:00:00:00:01 dev lo
t 2 '^cnet: neigh del: missing "dev DEV"$'		./cnet neigh del 10.0.0.2
t 2 '^cnet: neigh flush: unexpected argument "10\.0\.0\.2"$' ./cnet neigh flush 10.0.0.2
t 1 '^cnet: invalid link-layer address "02:00:00:00:01" \(expected xx:xx:xx:xx:xx:xx\)$' ./cnet neigh add 10.0.0.2 lladdr 02:00:00:00:01 dev lo
t 1 '^cnet: invalid link-layer address "zz'		./cnet neigh add 10.0.0.2 lladdr zz:00:00:00:00:01 dev lo
t 1 '^cnet: invalid address "10\.0\.0"$'		./cnet neigh add 10.0.0 lladdr 02:00:00:00:00:01 dev lo
t 1 '^cnet: unknown device "nosuch0"$'			./cnet neigh del 10.0.0.2 dev nosuch0
t 1 '^cnet: unknown device "nosuch0"$'			./cnet neigh flush dev nosuch0
t 2 '^cnet: link set: missing device name$'		./cnet link set
t 2 '^cnet: link set: "proxy_arp" needs on or off$'	./cnet link set lo proxy_arp
t 2 '^cnet: link set: "proxy_arp" given twice$'		./cnet link set lo proxy_arp on proxy_arp off
t 2 '^cnet: link set: unexpected argument "x"$'		./cnet link set lo x
t 1 '^cnet: invalid proxy_arp "maybe" \(on or off\)$'	./cnet link set lo proxy_arp maybe
t 1 '^cnet: unknown device "nosuch0"$'			./cnet link set dev nosuch0 proxy_arp on
t 2 '^cnet: link set: nothing to set \(proxy_arp on\|off, neigh_... N\)$'	./cnet link set lo
t 1 '^cnet: invalid neigh_retrans_ms "9" \(10 to 2147483647\)$'	./cnet link set lo neigh_retrans_ms 9
t 1 '^cnet: invalid neigh_max_probes "256" \(1 to 255\)$'	./cnet link set lo neigh_max_probes 256
t 1 '^cnet: invalid neigh_gc_ms "x" '				./cnet link set lo neigh_gc_ms x
t 2 '^cnet: link set: "neigh_delay_ms" needs a value$'		./cnet link set lo neigh_delay_ms
t 2 '^cnet: link set: "neigh_queue_len" given twice$'		./cnet link set lo neigh_queue_len 1 neigh_queue_len 2
t 2 "^cnet: link set: neigh_max_entries is the namespace's \\(cnet conf set\\), not a device's$" ./cnet link set lo neigh_max_entries 5
t 1 '^cnet: unknown device "nosuch0"$'			./cnet link set nosuch0 neigh_locktime_ms 0
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
t 2 '^cnet: addr del: unexpected argument "dad"$'	./cnet addr del 10.0.0.1/24 dad dev lo
t 2 '^cnet: addr add: "nodad" and "dad" exclude each other$' ./cnet addr add 10.0.0.1/24 dad dev lo nodad
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
t 1 '^cnet: 10\.0\.1\.1/24: host bits set, did you mean 10\.0\.1\.0/24\?$' ./cnet route add 10.0.1.1/24 dev lo
t 1 '^cnet: 10\.0\.1\.1/24: host bits set'		./cnet route del 10.0.1.1/24
t 2 '^cnet: route add: a route needs "via GATEWAY" or "dev DEV"$' ./cnet route add 10.0.1.0/24
t 2 '^cnet: route add: a route needs'			./cnet route add default
t 2 '^cnet: route add: a blackhole route takes no via, dev or src$' ./cnet route add blackhole 10.9.0.0/16 via 1.2.3.4
t 2 '^cnet: route replace: a prohibit route takes no'	./cnet route replace prohibit 10.9.0.0/16 dev lo
t 2 '^cnet: route add: "via" given twice$'		./cnet route add 10.0.0.0/8 via 1.2.3.4 via 1.2.3.5
t 2 '^cnet: route add: "via" needs a value$'		./cnet route add 10.0.0.0/8 via
t 2 '^cnet: route add: unexpected argument "x"$'	./cnet route add 10.0.0.0/8 dev lo x
t 2 '^cnet: route del: missing destination'		./cnet route del
t 2 '^cnet: route: unknown command "frob"$'		./cnet route frob
t 2 '^cnet: route get: missing address$'		./cnet route get
t 2 '^cnet: route get: unexpected argument "x"$'	./cnet route get 1.2.3.4 x
t 1 '^cnet: invalid address "1\.2\.3"$'		./cnet route add 10.0.0.0/8 via 1.2.3
t 1 '^cnet: invalid address "foo"$'			./cnet route get foo
t 1 '^cnet: invalid address "10\.0\.1"$'		./cnet route add 10.0.1 dev lo
t 1 '^cnet: unknown device "nosuch0"$'			./cnet route add 10.0.0.0/8 dev nosuch0
t 1 '^cnet: invalid metric "-1" \(0-4294967295\)$'	./cnet route add 10.0.0.0/8 dev lo metric -1
t 1 '^cnet: invalid metric "4294967296"'		./cnet route add 10.0.0.0/8 dev lo metric 4294967296
t 1 '^cnet: invalid forwarding "maybe" \(on or off\)$' ./cnet forwarding maybe
t 2 '^cnet: forwarding: unexpected argument "x"$'	./cnet forwarding on x
t 2 '^cnet: conf set: nothing to set'			./cnet conf set
t 2 '^cnet: conf set: "forwarding" needs a value$'	./cnet conf set forwarding
t 2 '^cnet: conf set: unknown setting "frob"$'		./cnet conf set frob 1
t 2 '^cnet: conf set: "icmp_ratelimit" given twice$'	./cnet conf set icmp_ratelimit 1 icmp_ratelimit 2
t 1 '^cnet: invalid icmp_burst "0" \(at least 1\)$'	./cnet conf set icmp_burst 0
t 1 '^cnet: invalid icmp_ratelimit "1s"'		./cnet conf set icmp_ratelimit 1s
t 1 '^cnet: invalid ipfrag_time_ms "0" \(at least 1\)$'	./cnet conf set ipfrag_time_ms 0
t 1 '^cnet: invalid tcp_syn_retries "0" \(1 to 127\)$'	./cnet conf set tcp_syn_retries 0
t 1 '^cnet: invalid tcp_synack_retries "256" \(0 to 255\)$' ./cnet conf set tcp_synack_retries 256
t 1 '^cnet: invalid tcp_syn_linear_timeouts "128" \(0 to 127\)$' ./cnet conf set tcp_syn_linear_timeouts 128
t 1 '^cnet: invalid tcp_fin_timeout_s "121" \(1 to 120\)$'	./cnet conf set tcp_fin_timeout_s 121
t 1 '^cnet: invalid tcp_tw_reuse "3" \(0 to 2\)$'	./cnet conf set tcp_tw_reuse 3
t 1 '^cnet: invalid tcp_retries2 "-1"'			./cnet conf set tcp_retries2 -1
t 1 '^cnet: invalid neigh_retrans_ms "9" \(10 to 2147483647\)$' ./cnet conf set neigh_retrans_ms 9
t 1 '^cnet: invalid neigh_max_probes "256" \(1 to 255\)$'	./cnet conf set neigh_max_probes 256
t 1 '^cnet: invalid neigh_max_entries "2147483648" \(1 to 2147483647\)$' ./cnet conf set neigh_max_entries 2147483648
t 1 '^cnet: invalid dad_probes "256" \(0 to 255\)$'	./cnet conf set dad_probes 256
t 1 '^cnet: invalid dad_interval_ms "0" \(1 to 3600000\)$'	./cnet conf set dad_interval_ms 0
t 1 '^cnet: invalid ipfrag_high_thresh "4M"'		./cnet conf set ipfrag_high_thresh 4M
t 2 '^cnet: conf set: "ipfrag_low_thresh" needs a value$'	./cnet conf set ipfrag_low_thresh
t 2 '^cnet: conf show: unexpected argument "x"$'	./cnet conf show x
t 0 ''						./cnet route help
o '^  cnet route add\|replace ROUTE$'
o '^  cnet sock show \[-tuwPalnioej\]'
t 2 '^cnet: sock: unknown command "frob"$'		./cnet sock frob
t 2 '^cnet: sock show: unknown option "-x"$'		./cnet sock show -tx
t 2 '^cnet: sock show: -p \(processes\) is not supported; ping sockets are -P$' ./cnet sock show -tup
t 2 '^cnet: sock show: unknown state "est" \(see "cnet help"\)$' ./cnet sock show state est
t 2 '^cnet: sock show: "state" needs a state$'		./cnet sock show -a state
t 2 '^cnet: sock show: "dev" needs a device name$'	./cnet sock show dev
t 2 '^cnet: sock show: "dev" given twice$'		./cnet sock show dev lo dev lo
t 2 '^cnet: sock show: unexpected argument "udp"$'	./cnet socket show udp
t 1 '^cnet: unknown device "nosuch0"$'			./cnet sock show -u dev nosuch0

if [ -d /sys/module/cnet ]; then
	echo "(cnet module loaded: skipping the not-loaded checks)"
else
	nl='^cnet: the cnet module is not loaded \(no generic netlink family "cnet"\)$'
	for args in "link" "-j link show" "link attach lo" "link detach lo" \
		    "addr add 10.0.0.1/24 dev lo" "addr del 10.0.0.1/24 dev lo" \
		    "a" "-j a s dev lo" "neigh" "-j n show" "stats" "-j stats" \
		    "route" "-j route show" "route get 10.0.0.1" \
		    "route add default via 10.0.0.1" "route del 10.0.0.0/8" \
		    "route replace blackhole 10.0.0.0/8" "forwarding" \
		    "forwarding on" "-j conf" "conf set icmp_burst 5" \
		    "neigh add 10.0.0.2 lladdr 02:00:00:00:00:01 dev lo" \
		    "neigh del 10.0.0.2 dev lo" "neigh flush" "neigh flush dev lo all" \
		    "link set lo proxy_arp on" "sock" "sock show -tuanoi" \
		    "-j sock show state all dev lo" "sock show -j"; do
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

echo "== cnet-traceroute"
T=./cnet-traceroute
t 2 '^Usage: cnet-traceroute'				$T
t 0 ''							$T -h
o '^Usage: cnet-traceroute'
t 2 '^cnet-traceroute: example\.com: not an IPv4 address'	$T example.com
t 2 '^cnet-traceroute: no more than 10 probes per hop$'	$T -q 11 10.0.0.1
t 2 '^cnet-traceroute: max hops cannot be more than 255$'	$T -m 256 10.0.0.1
t 2 '^cnet-traceroute: first hop out of range$'		$T -f 40 10.0.0.1
t 2 "^cnet-traceroute: bad wait specifications \`x' used$"	$T -w x 10.0.0.1
t 2 '^cnet-traceroute: too big packetlen 70000 specified$'	$T 10.0.0.1 70000
t 2 '^cnet-traceroute: invalid option "-Z"$'		$T -Z 10.0.0.1
t 2 '^cnet-traceroute: unexpected argument "x"$'		$T 10.0.0.1 60 x
if [ ! -d /sys/module/cnet ]; then
	na='^cnet-traceroute: AF_CUSTOM sockets unavailable: is the cnet module loaded\?$'
	t 1 "$na"					$T -I 10.0.0.1
	t 1 "$na"					$T 10.0.0.1
	o ''
fi

echo "== cnet-nc"
N=./cnet-nc
t 2 '^cnet-nc: missing destination$'			$N
t 0 ''							$N -h
o '^Usage: cnet-nc'
t 0 ''							$N --help
o '^Usage: cnet-nc'
t 2 '^cnet-nc: missing port$'				$N -u 10.0.0.1
t 2 '^cnet-nc: invalid port "0" \(1-65535, or LOW-HIGH with -z\)$' $N -u 10.0.0.1 0
t 2 '^cnet-nc: a port range needs -z$'			$N -u 10.0.0.1 5-6
t 2 '^cnet-nc: invalid destination "foo"'		$N -u foo 53
t 2 '^cnet-nc: -k needs -l$'				$N -k -u 10.0.0.1 5
t 2 '^cnet-nc: -z and -l do not go together$'		$N -lzu 5
t 2 '^cnet-nc: missing port to listen on$'		$N -lu
t 2 '^cnet-nc: invalid timeout "x"'			$N -w x -u 10.0.0.1 5
if [ ! -d /sys/module/cnet ]; then
	na='^cnet-nc: AF_CUSTOM UDP sockets unavailable: is the cnet module loaded\?$'
	t 1 "$na"					$N -u 10.0.0.1 9
	t 1 "$na"					$N -lu 9
	na='^cnet-nc: AF_CUSTOM TCP sockets unavailable: is the cnet module loaded\?$'
	t 1 "$na"					$N 10.0.0.1 80
fi

echo "== cnet-resolve"
R=./cnet-resolve
t 2 '^cnet-resolve: missing name$'			$R
t 0 ''							$R -h
o '^Usage: cnet-resolve'
t 0 ''							$R --help
t 2 '^cnet-resolve: invalid server "x" \(an IPv4 address'	$R -s x a.test
t 2 '^cnet-resolve: invalid timeout "0" \(seconds, 0.001-3600\)$' $R -t 0 a.test
t 2 '^cnet-resolve: invalid attempts "11" \(1-10\)$'	$R -a 11 a.test
t 2 '^cnet-resolve: invalid port "0"'			$R -p 0 a.test
t 2 '^cnet-resolve: invalid option "-x"$'		$R -x a.test
t 1 '^cnet-resolve: invalid name "a\.\.b": empty label$'	$R -s 10.0.0.1 a..b
o ''
t 0 ''							$R -s 10.0.0.1 10.1.2.3
o '^10\.1\.2\.3 has address 10\.1\.2\.3$'
t 1 '^cnet-resolve: /nonexistent: No such file or directory$' $R -r /nonexistent a.test
t 1 '^cnet-resolve: no IPv4 nameserver in /dev/null \(or give one with -s\)$' $R -r /dev/null a.test
if [ ! -d /sys/module/cnet ]; then
	t 1 '^cnet-resolve: AF_CUSTOM UDP sockets unavailable: is the cnet module loaded\?$' \
		$R -s 10.0.0.1 a.test
fi

echo "== cnet-dhcp"
D=./cnet-dhcp
t 2 '^cnet-dhcp: missing interface$'			$D
t 0 ''							$D -h
o '^Usage: cnet-dhcp'
t 2 '^cnet-dhcp: unknown option -Z$'			$D -Z lo
t 2 '^cnet-dhcp: option -t needs a value$'		$D lo -t
t 2 '^cnet-dhcp: invalid timeout "0" \(1-86400 seconds\)$'	$D -t 0 lo
t 2 '^cnet-dhcp: invalid timeout "-1" '			$D -t -1 lo
t 2 '^cnet-dhcp: invalid timeout "1e3" '		$D -t 1e3 lo
t 2 '^cnet-dhcp: -r needs a file name$'			$D -r '' lo
t 2 '^cnet-dhcp: unexpected argument "eth1"$'		$D lo eth1
t 1 '^cnet-dhcp: unknown device "nosuch0"$'		$D nosuch0
t 1 '^cnet-dhcp: unknown device "nosuch0"$'		./cnet-dhcp-inet -n nosuch0
if [ ! -d /sys/module/cnet ]; then
	t 1 '^cnet-dhcp: the cnet module is not loaded'	$D -1 lo
	t 1 '^cnet-dhcp: AF_CUSTOM sockets unavailable: is the cnet module loaded\?$' $D -n -1 lo
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

		# cnet-traceroute, the same way: echo, UDP, errors.
		T=./cnet-traceroute-inet
		t 0 "" $T -I -n 127.0.0.1
		o "^traceroute to 127\.0\.0\.1 \(127\.0\.0\.1\), 30 hops max, 60 byte packets
 1  127\.0\.0\.1  $ms  $ms  $ms
$"
		t 0 "" $T -n -q 2 127.0.0.1 100
		o "^traceroute to 127\.0\.0\.1 \(127\.0\.0\.1\), 30 hops max, 100 byte packets
 1  127\.0\.0\.1  $ms  $ms
$"
		t 0 "" $T -f 3 -q 1 -p 40000 127.0.0.1
		o "^ 3  127\.0\.0\.1 \(127\.0\.0\.1\)  $ms
$"
		t 1 "^cnet-traceroute: send: No route to host$" $T -n 10.9.9.9
		o "^traceroute to 10\.9\.9\.9 \(10\.9\.9\.9\), 30 hops max, 60 byte packets
 1 
$"
		t 1 "need CAP_NET_RAW" setpriv --bounding-set=-net_raw $T -I 127.0.0.1
		o ""
		if ip link show v0 >/dev/null 2>&1; then	# nobody answers there
			s=$(date +%s%N)
			t 0 "" $T -I -n -m 2 -q 2 -w 0.3 10.4.0.2
			e=$(( ($(date +%s%N) - s) / 1000000 ))
			o "^traceroute to 10\.4\.0\.2 \(10\.4\.0\.2\), 2 hops max, 60 byte packets
 1  \* \*
 2  \* \*
$"
			if [ $e -ge 1100 ] && [ $e -lt 2500 ]; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1)); echo "FAIL: 4 x -w 0.3 took ${e}ms"
			fi
		fi

		sysctl -q -w net.ipv4.icmp_echo_ignore_all=1
		# It says "ready" once its socket is open: on a loaded machine
		# python can take longer than any fixed sleep to get there.
		python3 tests/fake-echo.py >"$out.ready" &
		fe=$!
		for _ in $(seq 100); do
			grep -q ready "$out.ready" 2>/dev/null && break
			sleep 0.1
		done
		rm -f "$out.ready"
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

# cnet-nc and cnet-resolve, the same way: their AF_INET builds on lo of a
# private namespace, cnet-resolve against tests/fake-dns.py.
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null ||
   ! command -v python3 >/dev/null || [ ! -x ./cnet-nc-inet ] ||
   [ ! -x ./cnet-resolve-inet ] || ! unshare -n true 2>/dev/null; then
	echo "(no root, unshare, python3 or -inet builds: skipping the nc and resolve runs)"
else
	echo "== cnet-nc-inet, cnet-resolve-inet (AF_INET builds, private netns)"
	export -f matches t o
	export pass fail out err
	unshare -n bash -c '
		set -u
		vg=('"${vg[*]}"')
		ip link set lo up
		N=./cnet-nc-inet
		R=./cnet-resolve-inet

		# one tool to the other: a listener, a client
		$N -lu -w 1 5400 >"$out.l" 2>&1 </dev/null &
		lp=$!
		sleep 0.2
		t 0 "" sh -c "echo hi | $N -u -w 0.3 127.0.0.1 5400"
		wait $lp
		st=$?
		if [ $st -eq 0 ] && [ "$(cat "$out.l")" = hi ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: listener: status $st, got [$(cat "$out.l")]"
		fi
		rm -f "$out.l"
		t 1 "^cnet-nc: connect 127\.0\.0\.1:5401 \(udp\): Connection refused$" $N -zuv 127.0.0.1 5401
		t 1 "" $N -zu 127.0.0.1 5401
		t 1 "^cnet-nc: (receive from|send to) 127\.0\.0\.1:5401: Connection refused$" \
			sh -c "echo x | $N -u -w 2 127.0.0.1 5401"
		t 1 "^cnet-nc: no datagram on 127\.0\.0\.1:5402 within -w$" $N -lu -w 0.2 127.0.0.1 5402

		python3 tests/fake-dns.py 5300 >"$out.ready" &
		fd=$!
		for _ in $(seq 100); do
			grep -q ready "$out.ready" 2>/dev/null && break
			sleep 0.1
		done
		rm -f "$out.ready"
		D="-p 5300 -s 127.0.0.1"
		t 0 "" $R $D a.test
		o "^a\.test has address 10\.0\.0\.1
$"
		# three forged replies ignored, the fourth taken
		t 0 "" $R $D spoof.test
		o "^spoof\.test has address 10\.0\.0\.2
$"
		t 7 "^cnet-resolve: tc\.test: answer truncated \(TC\) by 127\.0\.0\.1: TCP is not available yet$" $R $D tc.test
		t 5 "^cnet-resolve: servfail\.test: server failure: SERVFAIL from 127\.0\.0\.1$" $R $D -a 1 servfail.test
		t 0 "" $R $D -s 127.0.0.2 servfail.test
		o "^servfail\.test has address 10\.0\.0\.9
$"
		t 5 "^cnet-resolve: loop\.test: malformed reply from 127\.0\.0\.1: compression pointer loop or forward pointer$" $R $D -a 1 loop.test
		o ""
		t 0 "" $R $D chain.test
		o "^chain\.test is an alias for a\.test\.
a\.test has address 10\.0\.0\.1
$"
		t 5 "^cnet-resolve: cnameloop\.test: CNAME chain longer than 8$" $R $D cnameloop.test
		s=$(date +%s%N)
		t 6 "^cnet-resolve: silent\.test: no answer: timed out \(1 server, 2 attempts\)$" $R $D -t 0.3 -a 2 silent.test
		e=$(( ($(date +%s%N) - s) / 1000000 ))
		if [ $e -ge 550 ] && [ $e -lt 1500 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: 2 x -t 0.3 took ${e}ms"
		fi
		kill $fd
		echo "$pass $fail" >"$out.count"
	'
	read -r pass fail <"$out.count"
	rm -f "$out.count"
fi

echo "check-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
