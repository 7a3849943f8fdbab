#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for selftests/net/AREA/*.sh. A test sources this file, builds its
# namespaces, checks things and ends with `exit_test`:
#
#	source "$(dirname "$0")/../../lib.sh"
#	setup_pair			# A (cnet, 10.0.1.1) -- veth -- B (Linux)
#	check "ns_b ping -c1 -W2 $A_IP >/dev/null && echo up" up "B pings A"
#	exit_test
#
# Exit status (kselftest): 0 pass, 1 fail, 4 skip. Test traffic stays in
# the namespaces the test makes; nothing touches the VM's own namespace
# but the module loading and its parameters.
# shellcheck disable=SC2034 # variables for the tests that source this
set -u

# (In the shell alone: in the emulated VM each process costs a tenth of a
# second or more, and every test sources this file.)
REPO=${BASH_SOURCE[0]%/*}
[ "$REPO" = "${BASH_SOURCE[0]}" ] && REPO=.
cd "$REPO/.." || exit 1
REPO=$PWD
CNET=$REPO/tools/cnet
CNET_PING=$REPO/tools/cnet-ping
CNET_KO=${CNET_KO:-$REPO/module/cnet.ko}	# (make compat-run: one for another kernel)
# python3 in a test may `import frames` (selftests/frames.py)
export PYTHONPATH=$REPO/selftests${PYTHONPATH:+:$PYTHONPATH}
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

RET=0			# becomes 1 at the first failed check
NS_LIST=()		# namespaces made by setup_ns, removed at exit
BG_PIDS=()		# background jobs killed at exit
ON_EXIT=()		# commands run at exit (on_exit)

# ---- messages and results ----------------------------------------------

log() { echo "# $*"; }
indent() { local l; while IFS= read -r l; do echo "    $l"; done; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; RET=1; }
# skip REASON: stop here, the test is skipped.
skip() { echo "SKIP: $*"; exit $KSFT_SKIP; }
# die MESSAGE: stop here, the test failed (setup could not be done).
die() { echo "FAIL: $*"; exit $KSFT_FAIL; }
exit_test() { exit "$RET"; }

# match TEXT EXPECTED MSG: TEXT (typically a command's saved output) must be
# EXPECTED exactly. match_re TEXT REGEX MSG: TEXT must match the extended
# regular expression REGEX (on some line; anchor it if needed).
match() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3: expected \"$2\", got \"$1\""
		return 1
	fi
}
match_re() {
	if has_line "$1" "$2"; then
		pass "$3"
	else
		fail "$3: no match for /$2/ in:"
		indent <<< "$1"
		return 1
	fi
}

# has_line [-i] TEXT REGEX: some line of TEXT matches the extended regular
# expression REGEX (case ignored with -i: grep -qE, grep -qiE). In bash
# for a short TEXT (a grep is a third of a second in the VM, and match_re
# is called hundreds of times), with grep for a long one, where a loop in
# bash is the slower.
has_line() {
	local l i= rc=1
	[ "$1" = -i ] && { i=-i; shift; }
	if [ ${#1} -gt 4096 ]; then
		grep -qE $i -- "$2" <<< "$1"
		return
	fi
	[ -n "$i" ] && shopt -s nocasematch
	while IFS= read -r l; do
		[[ $l =~ $2 ]] && { rc=0; break; }
	done <<< "$1"
	shopt -u nocasematch
	return $rc
}

# file_count WORDS FILE: how many lines of FILE have WORDS, a fixed
# string; file_has WORDS FILE: some line has; file_has_after MARK WORDS
# FILE: some line has, at or after the first with MARK; file_has_line
# FILE LINE: FILE has the line LINE, whole. In bash alone: tests poll a
# program's log with them.
file_count() {
	local n=0 l
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *"$1"* ]] && n=$((n + 1))
	done < "$2"
	echo "$n"
}
file_has() {
	local l
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *"$1"* ]] && return 0
	done < "$2"
	return 1
}
file_has_line() {
	local l
	while IFS= read -r l || [ -n "$l" ]; do
		[ "$l" = "$2" ] && return 0
	done < "$1"
	return 1
}
file_has_after() {
	local l seen=
	while IFS= read -r l || [ -n "$l" ]; do
		[[ $l == *"$1"* ]] && seen=1
		[ -n "$seen" ] && [[ $l == *"$2"* ]] && return 0
	done < "$3"
	return 1
}

# in_order TEXT PREFIX REGEXES NAMES: each extended regex of the array
# named REGEXES matches a line of TEXT (after PREFIX, a regex at the start
# of the line), each on a line after the previous one's; one check per
# regex, "in order: NAME" with NAME from the array named NAMES. In bash
# alone: in the VM each process costs a good part of a second.
in_order() {
	local -n in_order_re=$3 in_order_names=$4
	local -a lines
	local i pos=0

	mapfile -t lines <<< "$1"
	for i in "${!in_order_re[@]}"; do
		while (( pos < ${#lines[@]} )) &&
		      ! [[ ${lines[pos]} =~ ^$2${in_order_re[i]} ]]; do
			pos=$((pos + 1))
		done
		if (( pos < ${#lines[@]} )); then
			pass "in order: ${in_order_names[i]}"
			pos=$((pos + 1))
		else
			fail "in order: ${in_order_names[i]} (/${in_order_re[i]}/ not found after the previous one)"
			pos=0
		fi
	done
}

# check CMD EXPECTED MSG and check_re CMD REGEX MSG: the same on the output
# (stdout and stderr, trailing newlines cut) of the shell command CMD.
check() { local out; out=$(eval "$1" 2>&1); match "$out" "$2" "$3"; }
check_re() { local out; out=$(eval "$1" 2>&1); match_re "$out" "$2" "$3"; }

# check_ok MSG CMD...: CMD must succeed. check_err MSG CMD...: must fail.
check_ok() {
	local msg=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$msg"
	else
		fail "$msg: \"$*\" failed (status $?):"
		indent <<< "$out"
		return 1
	fi
}
check_err() {
	local msg=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "$msg: \"$*\" succeeded:"
		indent <<< "$out"
		return 1
	fi
	pass "$msg"
}

# nap SECONDS: sleep without a process. In the emulated VM a fork and
# exec costs about a second (KASAN, TCG): "sleep 0.1" slept ten times
# longer than it said. A read with a timeout on a pipe nobody writes to
# (opened here, once) sleeps in the shell itself; "sleep" if that failed.
# (The braces keep "2> /dev/null" to the exec: on exec itself it would
# send the test's own stderr there for good.)
if ! { exec {NAP_FD}<> <(:); } 2> /dev/null; then
	NAP_FD=
fi
nap() {
	if [ -n "$NAP_FD" ]; then
		read -r -t "$1" -u "$NAP_FD" _
		return 0
	fi
	sleep "$1"
}

# busywait TIMEOUT_MS CMD...: run CMD until it succeeds, for at most
# TIMEOUT_MS; returns CMD's last status.
busywait() {
	local timeout_ms=$1 start rc
	shift
	start=$(now_ms)
	while :; do
		"$@" && return 0
		rc=$?
		[ $(( $(now_ms) - start )) -ge "$timeout_ms" ] && return $rc
		nap 0.1
	done
}
# wait_for TIMEOUT_MS 'SHELL TEST': like busywait, but TEST is a string
# evaluated afresh each time, so a command substitution in it is re-run:
#	wait_for 5000 'test "$(neigh_state "$A" "$B_IP")" = STALE'
# (busywait 5000 test "$(...)" = X would compare one early value forever).
wait_for() { busywait "$1" eval "$2"; }
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

# ---- cleanup -------------------------------------------------------------

# on_exit CMD: eval CMD when the test exits (last registered, first run).
on_exit() { ON_EXIT+=("$1"); }
# run_bg CMD...: run CMD in the background, killed at exit if still
# running. Its pid is in $BG_PID. CMD must be a program, not a shell
# function (whose pid would be a subshell's): "run_bg ip netns exec NS ping
# ...", not "run_bg ns_b ping ...".
run_bg() { "$@" & BG_PID=$!; BG_PIDS+=("$BG_PID"); }

# A check made by an on_exit command may still fail the test: cleanup
# turns a passing exit status into 1 when RET says a check failed.
cleanup() {
	local rc=$? i pid
	for (( i = ${#ON_EXIT[@]} - 1; i >= 0; i-- )); do
		eval "${ON_EXIT[i]}"
	done
	bg_stop
	# one ip for all (-force: on past a namespace the test removed)
	[ ${#NS_LIST[@]} -gt 0 ] &&
		printf 'netns del %s\n' "${NS_LIST[@]}" | ip -force -batch - 2>/dev/null
	[ "$rc" = 0 ] && [ "$RET" != 0 ] && rc=$RET
	exit "$rc"
}
# echo7_start NS ADDR: UDP and TCP echo servers on port 7 of ADDR, on
# Linux's stack in NS (selftests/echo7.py), in the background (run_bg);
# returns once they are bound.
echo7_start() {
	local log
	log=$(mktemp)
	on_exit "rm -f $log"
	run_bg ip netns exec "$1" /usr/bin/python3 "$REPO/selftests/echo7.py" \
		"$2" > "$log" 2>&1
	busywait 20000 file_has ready "$log" || die "echo7.py did not start"
}
# bg_stop: stop the background jobs run_bg started that still run.
bg_stop() {
	local pid
	for pid in "${BG_PIDS[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	BG_PIDS=()
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- namespaces ------------------------------------------------------------

# setup_ns VAR...: make one namespace per VAR, named "VAR-XXXXXXXX"
# (unique); VAR is set to the name. They are removed at exit. (Their lo is
# left down: no test needs it, and each command is slow in an emulated VM.)
setup_ns() {
	ns_batch "$@"
	ip -batch - <<< "$NS_BATCH" || die "cannot create namespaces $*"
}
# ns_batch VAR...: as setup_ns, but only the lines of "ip -batch" that make
# the namespaces, in NS_BATCH (VAR set, the namespaces removed at exit):
# for a test that has more for that one ip to do. (Here-strings, printf
# -v and one ip for many commands: in the emulated VM each process costs a
# tenth of a second or more.)
ns_batch() {
	local var ns
	NS_BATCH=
	for var in "$@"; do
		printf -v ns '%s-%04x%04x' "$var" $RANDOM $RANDOM
		NS_BATCH+="netns add $ns"$'\n'
		NS_LIST+=("$ns")
		printf -v "$var" %s "$ns"
	done
}

# in_ns NS CMD...: CMD in namespace NS.
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# cnet_in NS ARGS...: the cnet tool in namespace NS ("cnet -n NS": as
# "ip netns exec NS cnet", one program less to start, a fifth of a second
# in the emulated VM).
cnet_in() { local ns=$1; shift; "$CNET" -n "$ns" "$@"; }

# Duplicate address detection (RFC 5227) in the tests' namespaces: 20 ms
# instead of 1 s between probes, so that a new address is settled within
# ~150 ms. cnet_ns sets it (dad_interval_ms, a setting of the namespace);
# a test that adds addresses in a namespace of its own making calls
# fast_dad NS first.
CNET_DAD_MS=20
declare -A FAST_DAD=()
fast_dad() {
	[ -n "${FAST_DAD[$1]:-}" ] && return 0
	conf_set "$1" dad_interval_ms "$CNET_DAD_MS" || return 1
	FAST_DAD[$1]=1
}

# conf_set NS NAME VALUE...: cnet's settings in namespace NS (ARP's and
# DAD's timers, TCP's...), which go with the namespace at the end.
conf_set() { local ns=$1; shift; cnet_in "$ns" conf set "$@"; }

# cnet_load: make sure the module is loaded (tests can be run alone, with
# "make vm-run CMD=selftests/net/AREA/NN-name.sh").
cnet_load() {
	[ -d /sys/module/cnet ] && return 0
	[ -f "$CNET_KO" ] || skip "module/cnet.ko is not built"
	insmod "$CNET_KO" || die "insmod $CNET_KO failed"
}
# kunit_off_at_load: a test that loads the module many times does not run
# its KUnit suites again at each insmod (they ran at the first load, where
# run-tests.sh reports them; again, they cost minutes under emulation). An
# unmatched filter skips them; "*.*" at exit runs every suite again, as the
# unset filter does.
kunit_off_at_load() {
	local kglob=/sys/module/kunit/parameters/filter_glob
	[ -w "$kglob" ] || return 0
	echo "cnet_skip_in_load_cycles" > "$kglob"
	on_exit "echo '*.*' > $kglob"
}
# Every test needs the module and the tools.
[ -x "$CNET" ] || skip "tools/cnet is not built"
cnet_load

# cnet_ns NS DEV ADDR/PREFIX: attach DEV (in NS) to cnet, give it the
# address, set it up.
cnet_ns() {
	local ns=$1 dev=$2 addr=$3
	ip -n "$ns" link set "$dev" up || return 1
	# as fast_dad, link attach and addr add would, in one cnet (-b)
	cnet_in "$ns" -b - <<- EOF || return 1
		link attach $dev
		conf set dad_interval_ms $CNET_DAD_MS
		addr add $addr dev $dev
	EOF
	FAST_DAD[$ns]=1
	# the address is usable once duplicate address detection is over
	busywait 15000 addr_settled "$ns" "$dev" || return 1
}

# addr_settled NS DEV: no address of DEV (in NS) is still tentative.
addr_settled() {
	local out
	out=$(cnet_in "$1" addr show dev "$2")
	[[ $out != *' tentative'* ]]
}

# linux_ns NS DEV ADDR/PREFIX: DEV (in NS) on the Linux stack.
linux_ns() {
	local ns=$1 dev=$2 addr=$3
	ip -n "$ns" -batch - <<- EOF || return 1
		addr add $addr dev $dev
		link set $dev up
	EOF
}

# setup_pair: the standard pair. Namespace $A runs cnet on veth0
# (10.0.1.1/24); namespace $B runs Linux on veth1 (10.0.1.2/24); the two
# are joined by a veth pair. Sets A B A_IP B_IP A_MAC B_MAC.
A_IP=10.0.1.1
B_IP=10.0.1.2
setup_pair() {
	ns_batch A B
	# random MACs, as the kernel's but known without asking it
	random_mac A_MAC
	random_mac B_MAC
	while [ "$B_MAC" = "$A_MAC" ]; do random_mac B_MAC; done
	ip -batch - <<- EOF || die "cannot create the namespaces and the veth pair"
		${NS_BATCH}link add veth0 address $A_MAC netns $A type veth peer name veth1 address $B_MAC netns $B
	EOF
	cnet_ns "$A" veth0 "$A_IP/24" || die "cannot set up cnet in $A"
	linux_ns "$B" veth1 "$B_IP/24" || die "cannot set up Linux in $B"
	# veth carrier comes up when both ends are up: wait for it.
	busywait 5000 carrier_up "$B" veth1 || die "veth1 has no carrier"
}
# carrier_up NS DEV: DEV is up and has carrier (LOWER_UP, /sys's carrier 1).
carrier_up() {
	local out
	out=$(ip -n "$1" link show dev "$2" 2>/dev/null)
	[[ $out =~ [\<,]LOWER_UP[,\>] ]]
}

# setup_mtu_path MTU: a path whose far link is narrower. Namespace $A runs
# cnet on a0 (10.5.1.1/24, default route via R); $R is a Linux router
# (r0 10.5.1.2/24, r1 10.5.2.1/24 with MTU MTU); $B runs Linux on b0
# (10.5.2.2/24, default route via R). Sets A R B A_IP R1_IP R2_IP B_IP.
setup_mtu_path() {
	A_IP=10.5.1.1 R1_IP=10.5.1.2 R2_IP=10.5.2.1 B_IP=10.5.2.2
	setup_ns A R B
	ip link add a0 netns "$A" type veth peer name r0 netns "$R" &&
		ip link add r1 netns "$R" type veth peer name b0 netns "$B" ||
		die "cannot create the veth pairs"
	ip -n "$R" link set r1 mtu "$1" || die "cannot set the MTU $1"
	cnet_ns "$A" a0 "$A_IP/24" || die "cannot set up cnet in A"
	linux_ns "$R" r0 "$R1_IP/24" && linux_ns "$R" r1 "$R2_IP/24" &&
		linux_ns "$B" b0 "$B_IP/24" ||
		die "cannot set up Linux in R and B"
	in_ns "$R" sysctl -qw net.ipv4.ip_forward=1 ||
		die "no forwarding in R"
	ip -n "$B" route add default via "$R2_IP" ||
		die "no default route in B"
	in_ns "$A" "$CNET" route add default via "$R1_IP" ||
		die "no default route in A"
	busywait 5000 carrier_up "$R" r0 || die "r0 has no carrier"
	busywait 5000 carrier_up "$B" b0 || die "b0 has no carrier"
}

# capture_start NS DEV [TCPDUMP ARGS...]: capture on DEV in NS in the
# background (tcpdump -n -l, then the options and filter given) into the
# file $CAP; returns once tcpdump listens. Stopped at exit.
capture_start() {
	local ns=$1 dev=$2
	shift 2
	CAP=$(mktemp)
	on_exit "rm -f $CAP $CAP.err"
	run_bg ip netns exec "$ns" tcpdump -n -l -i "$dev" "$@" \
		> "$CAP" 2> "$CAP.err"
	busywait 30000 grep -q "listening on" "$CAP.err" ||
		die "tcpdump did not start: $(cat "$CAP.err")"
}

# mac_of NS DEV: DEV's MAC address.
mac_of() {
	local out
	out=$(ip -n "$1" link show dev "$2") &&
		[[ $out =~ link/[a-z]+\ ([0-9a-f:]+) ]] && echo "${BASH_REMATCH[1]}"
}
# random_mac VAR: a random locally administered unicast MAC in VAR.
random_mac() {
	printf -v "$1" '%02x:%02x:%02x:%02x:%02x:%02x' \
		$(( (RANDOM & 0xfc) | 0x02 )) $((RANDOM & 255)) $((RANDOM & 255)) \
		$((RANDOM & 255)) $((RANDOM & 255)) $((RANDOM & 255))
}

# Shorthands for the standard pair.
ns_a() { ip netns exec "$A" "$@"; }
ns_b() { ip netns exec "$B" "$@"; }
cnet_a() { cnet_in "$A" "$@"; }

# ---- cnet ------------------------------------------------------------------

# The readers below parse what cnet prints in the shell, with no awk or
# wc after it: each process is a tenth of a second or more in the VM.

# cnet_value NS NAME ARGS...: the value on the line "NAME VALUE" that
# `cnet ARGS` prints in NS ("" if there is none).
cnet_value() {
	local ns=$1 name=$2 k v
	shift 2
	while read -r k v; do
		[ "$k" = "$name" ] && echo "$v"
	done < <(cnet_in "$ns" "$@")
}
# stat_get NS NAME: counter NAME of NS's cnet stack ("" if there is none).
stat_get() { cnet_value "$1" "$2" stats; }

# stats_save NS: remember all of NS's counters; stat_delta NAME: how much
# NAME grew since (in the namespace stats_save was given).
declare -A STATS_SAVED=()
STATS_NS=
stats_save() {
	local k v
	STATS_NS=$1
	STATS_SAVED=()
	while read -r k v; do
		STATS_SAVED[$k]=$v
	done < <(cnet_in "$1" stats)
}
stat_delta() {
	local now
	now=$(stat_get "$STATS_NS" "$1")
	echo $(( ${now:-0} - ${STATS_SAVED[$1]:-0} ))
}
# stats_deltas: every counter's growth since stats_save, in STATS_DELTA
# (one "cnet stats" for all of them).
declare -A STATS_DELTA=()
stats_deltas() {
	local k v
	STATS_DELTA=()
	while read -r k v; do
		STATS_DELTA[$k]=$(( v - ${STATS_SAVED[$k]:-0} ))
	done < <(cnet_in "$STATS_NS" stats)
}

# param_set NAME VALUE: set a cnet module parameter (lo_queue_len, the one
# there is: the others are settings of a namespace, conf_set), put back
# at exit.
param_set() {
	local f=/sys/module/cnet/parameters/$1 old
	[ -w "$f" ] || { fail "no writable module parameter $1"; return 1; }
	old=$(< "$f")
	on_exit "[ -w $f ] && echo $old > $f"
	echo "$2" > "$f"
}

# neigh_state NS IP: the state cnet's ARP cache shows for IP ("" if none).
neigh_state() {
	local ip rest
	while read -r ip rest; do
		[ "$ip" = "$2" ] && echo "${rest##* }"
	done < <(cnet_in "$1" neigh show)
}

# ---- memory back to zero (TCP) ---------------------------------------------

# cnet_refs: the module's reference count (/proc/modules): each cnet socket
# holds one while it lives; a TIME-WAIT entry holds none.
cnet_refs() {
	local mod size refs rest
	while read -r mod size refs rest; do
		[ "$mod" = cnet ] && echo "$refs"
	done < /proc/modules
}
# tcp_socks NS [STATE]: how many TCP sockets (listeners and TIME-WAIT
# entries too) `cnet sock show -ta` lists in NS; with STATE, in that state
# only ("time-wait", "established"...).
tcp_socks() {
	local n=0 line
	while IFS= read -r line; do
		n=$((n + 1))
	done < <(cnet_in "$1" sock show -ta ${2:+state "$2"})
	echo $(( n > 0 ? n - 1 : 0 ))
}
# tcp_tw_count NS: the TIME-WAIT entries `cnet conf show` counts in NS.
tcp_tw_count() { cnet_value "$1" tcp_tw_count conf show; }

# tcp_mem_track [-t MS] NS...: every TCP socket the test makes on cnet in
# the namespaces NS goes away again. Remembers now the module's references
# and each NS's TCP sockets; at exit (before the namespaces go), once the
# test's background jobs are stopped, checks within 30 s that the
# references are back where they were, that each NS lists no more
# sockets than it did but TIME-WAIT entries, and that conf show counts
# exactly the TIME-WAIT entries sock show lists (none hidden). With -t,
# TIME-WAIT entries last MS ms in NS (tcp_tw_timeout_ms, for a test that
# does not look at TIME-WAIT itself) and must be gone too.
declare -A MEM_SOCKS=()
MEM_REFS=
MEM_TW_MS=
tcp_mem_track() {
	local ns
	if [ "$1" = -t ]; then
		MEM_TW_MS=$2
		shift 2
	fi
	MEM_REFS=$(cnet_refs)
	for ns in "$@"; do
		if [ -n "$MEM_TW_MS" ]; then
			cnet_in "$ns" conf set tcp_tw_timeout_ms \
				"$MEM_TW_MS" || die "cannot set tcp_tw_timeout_ms in $ns"
		fi
		MEM_SOCKS[$ns]=$(tcp_socks "$ns")
	done
	on_exit tcp_mem_check
}
# tcp_rto_ms NS PEER:PORT: the RTO of NS's established connection to
# PEER:PORT, in whole ms (rounded up), from `cnet sock show -ti`.
tcp_rto_ms() {
	local line hit=0 re='rto:([0-9]+)(\.[0-9]+)?'
	while IFS= read -r line; do
		if [[ $line == ESTAB* ]]; then
			hit=0
			[[ " $line " == *" $2 "* ]] && hit=1
		elif [ $hit = 1 ] && [[ $line =~ $re ]]; then
			echo $(( BASH_REMATCH[1] + (${#BASH_REMATCH[2]} > 0) ))
			return 0
		fi
	done < <(cnet_in "$1" sock show -ti state established)
	return 1
}
# tcp_give_up RETRIES RTO_MS: when a connection gives up after RETRIES
# (tcp_retries2, or an orphan's), as "MODEL WHEN LATE" in ms. MODEL is
# Linux's model of the limit (tcp_model_timeout(): 200 ms doubling up to
# the RTO's maximum, 120 s, RETRIES + 1 times); WHEN the first of the
# connection's own timeouts (RTO_MS doubling, up to 120 s) at or past it,
# at which tcp_write_timeout() ends the connection; LATE how much later
# than WHEN the timer wheel may fire those timeouts: it rounds a timer up
# to its level's granularity, at most an eighth of its length (or a tick,
# 10 ms at the coarsest HZ). (The wheel put the 120 s ones 2 s late each
# in the emulated VM, 12 s in 924.6 s.)
tcp_give_up() {
	local n=$1 rto=$2 model=0 when=0 late=0 b=200 t i
	for (( i = 0; i <= n; i++ )); do
		model=$(( model + (b < 120000 ? b : 120000) ))
		b=$(( b * 2 ))
	done
	b=$rto
	while (( when < model )); do
		t=$(( b < 120000 ? b : 120000 ))
		when=$(( when + t ))
		late=$(( late + t / 8 + 10 ))
		b=$(( b * 2 ))
	done
	echo "$model $when $late"
}
# tcp_sock_counts NS: the TCP sockets `cnet sock show -ta` lists in NS,
# in MEM_LIVE (not in TIME-WAIT) and MEM_TW (TIME-WAIT entries): one cnet.
tcp_sock_counts() {
	local first state rest
	MEM_LIVE=0 MEM_TW=0
	{
		read -r _	# the header
		while read -r first state rest; do
			# the Netid column, when there is one
			[ "$first" = tcp ] || state=$first
			if [ "$state" = TIME-WAIT ]; then
				MEM_TW=$((MEM_TW + 1))
			else
				MEM_LIVE=$((MEM_LIVE + 1))
			fi
		done
	} < <(cnet_in "$1" sock show -ta)
}
# tcp_mem_settled NS: NS is back to what tcp_mem_track saw
tcp_mem_settled() {
	tcp_sock_counts "$1"
	[ "$MEM_LIVE" -le "${MEM_SOCKS[$1]}" ] || return 1
	[ -z "$MEM_TW_MS" ] || [ "$MEM_TW" = 0 ] || return 1
	[ "$(tcp_tw_count "$1")" = "$MEM_TW" ]
}
tcp_mem_check() {
	local ns wait_ms=30000 t0 tw

	bg_stop
	t0=$(now_ms)
	[ -n "$MEM_TW_MS" ] && wait_ms=$(( wait_ms + MEM_TW_MS ))
	wait_for "$wait_ms" 'test "$(cnet_refs)" = "$MEM_REFS"'
	match "$(cnet_refs)" "$MEM_REFS" \
		"memory: the module's references are back ($MEM_REFS)"
	for ns in "${!MEM_SOCKS[@]}"; do
		busywait $(( wait_ms - $(now_ms) + t0 )) tcp_mem_settled "$ns"
		tcp_sock_counts "$ns"
		tw=$MEM_TW
		match "$MEM_LIVE" "${MEM_SOCKS[$ns]}" \
			"memory: ${ns%%-*}'s TCP sockets are gone (${MEM_SOCKS[$ns]} before)" ||
			cnet_in "$ns" sock show -ta | indent
		match "$(tcp_tw_count "$ns")" "$tw" \
			"memory: ${ns%%-*}'s TIME-WAIT entries all listed ($tw)"
		[ -n "$MEM_TW_MS" ] && match "$tw" 0 \
			"memory: ${ns%%-*}'s TIME-WAIT entries expired (${MEM_TW_MS} ms)"
	done
}
