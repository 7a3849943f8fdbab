#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# TCP through cnet next to the Linux stack, in one VM run: four pairs of
# namespaces joined by a veth, the client in A, the server in B,
#
#   Linux -> Linux   the reference
#   cnet  -> Linux   cnet sends (or, for rr/crr/idle, is the client)
#   Linux -> cnet    cnet receives (is the server)
#   cnet  -> cnet    both
#
# each measured by selftests/progs/tcpbench with -f inet or -f custom:
#
#   stream1   STREAM_BYTES (1 GiB) over one connection, Gbit/s as the
#             receiver measures it (first byte to last)
#   stream1buf
#             stream1 with 4 MiB SO_SNDBUF/SO_RCVBUF on both ends (FORCE):
#             the same window for both stacks, Linux's autotuning off; next
#             to stream1 it says whether a stack's window was the limit
#   stream4   the same bytes over 4 connections
#   rr        64-byte request/response ping-pong for RR_SECS: p50 and p99
#   crr       connect, 64-byte request/response, close for CRR_SECS: conn/s
#   idle      IDLE_CONNS established idle connections: memory per
#             connection (both ends) from /proc/meminfo, and the slab
#             caches that grew (/proc/slabinfo)
#   udp64     64-byte UDP datagrams (selftests/progs/udpbench, sendmmsg()
#             on a socket), received per second, for UDP_SECS
#   loss0.1, loss1, loss5, reorder25
#             a stream for NETEM_SECS with netem on A's veth: 10 ms delay
#             and 0.1 %, 1 %, 5 % loss, or 25 % of the packets sent at
#             once and the rest 10 ms late; only NETEM_PAIRS (default
#             ll cl lc). A's veth sends one MSS a packet there
#             (gso_max_segs 1), so netem loses segments, not 64 KiB
#             GSO aggregates, for both stacks alike.
#
# The client runs on CPU 0, the server on CPU 1; RPS puts each side's
# receive processing on its own CPU too. Each figure is the median of
# ROUNDS rounds (the pairs alternate in each round), with min and max,
# and its ratio to Linux -> Linux. A row that fails or stalls (tcpbench
# -T) is kept, with what it had done when it stopped: a finding, not a
# reason to drop the row. A stream stops after STREAM_CAP seconds even if
# it has not sent everything (the row says how much it sent).
#
# The raw results go through selftests/bench/tcp-report.py into a JSON
# file, and from there to the table printed here and, in a full run, to
# Documentation/benchmarks.json and Documentation/benchmarks.rst. With
# TCP_BENCH_QUICK=1 every size is small (a development run: seconds, not
# minutes), the JSON goes to .vm/bench-tcp.json and the document is not
# touched. PERF=1 (the default in a full run) profiles cnet's send and
# receive sides with perf where perf runs.
#
#   ROUNDS=3 STREAM_BYTES=1073741824 STREAM_CAP=60 RR_SECS=4 CRR_SECS=3
#   IDLE_CONNS=5000 UDP_SECS=2 NETEM_SECS=6 NETEM_PAIRS="ll cl lc"
#   TESTS="stream1 stream1buf stream4 rr crr idle udp64 loss0.1 loss1 loss5 reorder25"
#
# make passes them into the VM through BENCH_ENV, commas for spaces:
#   make bench B=tcp BENCH_ENV="TCP_BENCH_QUICK=1 TESTS=stream1,rr"
set -u
cd "$(dirname "$0")/../.." || exit 1

QUICK=${TCP_BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	: "${ROUNDS:=1}" "${STREAM_BYTES:=67108864}" "${STREAM_CAP:=20}"
	: "${RR_SECS:=1}" "${CRR_SECS:=1}" "${IDLE_CONNS:=300}"
	: "${UDP_SECS:=1}" "${NETEM_SECS:=2}" "${PERF:=0}"
fi
ROUNDS=${ROUNDS:-3}
STREAM_BYTES=${STREAM_BYTES:-1073741824}
STREAM_CAP=${STREAM_CAP:-60}
RR_SECS=${RR_SECS:-4}
CRR_SECS=${CRR_SECS:-3}
IDLE_CONNS=${IDLE_CONNS:-5000}
UDP_SECS=${UDP_SECS:-2}
NETEM_SECS=${NETEM_SECS:-6}
NETEM_PAIRS=${NETEM_PAIRS:-ll cl lc}
PERF=${PERF:-1}
TESTS=${TESTS:-stream1 stream1buf stream4 rr crr idle udp64 loss0.1 loss1 loss5 reorder25}
TESTS=${TESTS//,/ } NETEM_PAIRS=${NETEM_PAIRS//,/ }	# commas too: make's BENCH_ENV
P=selftests/progs/tcpbench
U=selftests/progs/udpbench
CNET=tools/cnet
REPORT=selftests/bench/tcp-report.py
PY=/usr/bin/python3
TMP=$(mktemp -d)
RAW=$TMP/raw
PAIRS=(ll cl lc cc)
declare -A HOLDER
cleanup() {
	local p
	for p in "${HOLDER[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PAIRS[@]}"; do
		ip netns del "tb${p}a" 2>/dev/null
		ip netns del "tb${p}b" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

lsmod | grep -q '^cnet ' || insmod "${CNET_KO:-module/cnet.ko}" || exit 1
for f in $P $U $CNET; do
	[ -x "$f" ] || { echo "tcp: build $f first (make bench does)" >&2; exit 1; }
done
want() { [[ " $TESTS " == *" $1 "* ]]; }

# pair P: namespaces tbPa, tbPb; A 10.9.N.1 on a0, B 10.9.N.2 on b0, each
# on the stack its letter names (l: Linux, c: cnet), the whole port range
# for ephemeral ports on both stacks (crr opens thousands).
setup_pair() {
	local p=$1 n=$2 side ns dev addr stack cpu
	ip netns add "tb${p}a" && ip netns add "tb${p}b" || return 1
	ip link add a0 netns "tb${p}a" type veth peer name b0 netns "tb${p}b" ||
		return 1
	for side in a b; do
		ns=tb$p$side
		if [ $side = a ]; then
			dev=a0 addr=10.9.$n.1 stack=${p:0:1} cpu=1
		else
			dev=b0 addr=10.9.$n.2 stack=${p:1:1} cpu=2
		fi
		ip -n "$ns" link set lo up && ip -n "$ns" link set "$dev" up ||
			return 1
		if [ "$stack" = l ]; then
			ip -n "$ns" addr add "$addr/24" dev "$dev" &&
				ip netns exec "$ns" sh -c \
				"echo 1024 65535 > /proc/sys/net/ipv4/ip_local_port_range" ||
				return 1
		else
			ip netns exec "$ns" $CNET link attach "$dev" &&
				ip netns exec "$ns" $CNET addr add "$addr/24" dev "$dev" nodad &&
				ip netns exec "$ns" $CNET conf set ip_local_port_range 1024-65535 ||
				return 1
		fi
		if [ "$(nproc)" -ge 2 ]; then
			ip netns exec "$ns" sh -c \
				"echo $cpu > /sys/class/net/$dev/queues/rx-0/rps_cpus" ||
				return 1
		fi
	done
}

if ! why=$($P -f custom server probe 0.0.0.0 0 2>&1); then
	echo "tcp: cnet has no TCP socket: $why" >&2
	exit 1
fi

n=1
declare -A NET
for p in "${PAIRS[@]}"; do
	setup_pair "$p" $n || { echo "tcp: cannot set up the $p pair" >&2; exit 1; }
	NET[$p]=$n
	n=$((n + 1))
done
sleep 1		# carriers up
# A process that sits in each namespace: nsenter is cheaper than ip netns
# exec (no remount of /sys) and each exec costs in an emulated guest.
for p in "${PAIRS[@]}"; do
	nsenter --net="/run/netns/tb${p}b" sleep 100000 &
	HOLDER[$p]=$!
done
if [ "$(nproc)" -ge 2 ]; then PIN_A=(-c 0) PIN_B=(-c 1); else PIN_A=() PIN_B=(); fi

port=20000
# tcp TEST PAIR ROUND MODE DEADLINE [tcpbench options]: one measurement,
# one line in RAW: the receiver's line for a stream, else the client's.
tcp() {
	local test=$1 p=$2 r=$3 mode=$4 deadline=$5 fa=inet fb=inet dst spid crc src line
	shift 5
	[ "${p:0:1}" = c ] && fa=custom
	[ "${p:1:1}" = c ] && fb=custom
	dst=10.9.${NET[$p]}.2
	port=$((port + 1))
	nsenter --net="/run/netns/tb${p}b" $P "${PIN_B[@]}" -f $fb -T "$deadline" "$@" \
		server "$mode" "$dst" $port > "$TMP/srv" 2> "$TMP/srv.err" &
	spid=$!
	nsenter --net="/run/netns/tb${p}a" $P "${PIN_A[@]}" -f $fa -T "$deadline" "$@" \
		client "$mode" "$dst" $port > "$TMP/cli" 2> "$TMP/cli.err"
	crc=$?
	if [ $crc -ne 0 ]; then
		# the server may wait for a client that is gone
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 $spid 2>/dev/null || break
			sleep 0.5
		done
		kill $spid 2>/dev/null
	fi
	wait $spid
	src=$?
	if [ $crc -ne 0 ] || [ $src -ne 0 ]; then
		line="client exit $crc: $(tr '\n' ' ' < "$TMP/cli.err")"
		line+="; server exit $src: $(tr '\n' ' ' < "$TMP/srv.err")"
		echo "$test $p $r fail $line" >> "$RAW"
		echo "tcp: $test $(pair_name "$p") round $r failed: $line" >&2
		return 1
	fi
	if [ "$mode" = stream ]; then
		read -r line < "$TMP/srv"
	else
		line=$(tr '\n' ' ' < "$TMP/cli")
	fi
	echo "$test $p $r ok $line" >> "$RAW"
	[ "$QUICK" = 1 ] && echo "  $test $p: $line"
	return 0
}

# udp PAIR ROUND: 64-byte datagrams, A sends, B counts (as udp.sh does
# with a socket sender).
udp() {
	local p=$1 r=$2 fa=inet fb=inet dst rpid spid line n
	[ "${p:0:1}" = c ] && fa=cnet
	[ "${p:1:1}" = c ] && fb=cnet
	dst=10.9.${NET[$p]}.2
	nsenter --net="/run/netns/tb${p}b" $U "${PIN_B[@]}" recv "$fb" "$dst" 9000 64 \
		"$UDP_SECS" 0.5 5 > "$TMP/urecv" 2> "$TMP/urecv.err" &
	rpid=$!
	nsenter --net="/run/netns/tb${p}a" $U "${PIN_A[@]}" send "$fa" "$dst" 9000 64 0 \
		> /dev/null 2> "$TMP/usend.err" &
	spid=$!
	wait $rpid
	kill -TERM $spid 2>/dev/null
	wait $spid
	read -r line < "$TMP/urecv"
	n=${line#received=}
	n=${n%% *}
	if [ -z "$line" ] || [ "$n" = 0 ]; then
		echo "udp64 $p $r fail nothing received: $(tr '\n' ' ' < "$TMP/urecv.err" "$TMP/usend.err")" >> "$RAW"
		return 1
	fi
	echo "udp64 $p $r ok pps=$(awk -v n="$n" -v s="$UDP_SECS" 'BEGIN { printf "%.0f", n / s }') $line" >> "$RAW"
}

pair_name() {
	case $1 in
	ll) echo "Linux -> Linux" ;; lc) echo "Linux -> cnet" ;;
	cl) echo "cnet -> Linux" ;; cc) echo "cnet -> cnet" ;;
	esac
}

: > "$RAW"
start=$(date +%s)
echo "tcp: $ROUNDS round(s); stream $STREAM_BYTES bytes (cap ${STREAM_CAP}s), rr ${RR_SECS}s, crr ${CRR_SECS}s, idle $IDLE_CONNS, netem ${NETEM_SECS}s"
for r in $(seq "$ROUNDS"); do
	for p in "${PAIRS[@]}"; do
		want stream1 && tcp stream1 "$p" "$r" stream $((STREAM_CAP + 60)) \
			-n "$STREAM_BYTES" -t "$STREAM_CAP"
		want stream1buf && tcp stream1buf "$p" "$r" stream $((STREAM_CAP + 60)) \
			-n "$STREAM_BYTES" -t "$STREAM_CAP" -b $((4 << 20))
		want stream4 && tcp stream4 "$p" "$r" stream $((STREAM_CAP + 60)) \
			-n "$STREAM_BYTES" -t "$STREAM_CAP" -P 4
		want rr && tcp rr "$p" "$r" rr $((RR_SECS + 60)) -t "$RR_SECS"
		want crr && tcp crr "$p" "$r" crr $((CRR_SECS + 60)) -t "$CRR_SECS"
		want idle && tcp idle "$p" "$r" idle 300 -k "$IDLE_CONNS"
		want udp64 && udp "$p" "$r"
	done
	echo "tcp: round $r done at $(( $(date +%s) - start ))s"
done

# netem on A's veth, one MSS a packet through it
for cond in "loss0.1 loss 0.1%" "loss1 loss 1%" "loss5 loss 5%" "reorder25 reorder 25% 50%"; do
	read -r test what <<< "$cond"
	want "$test" || continue
	for p in $NETEM_PAIRS; do
		# shellcheck disable=SC2086 # WHAT: netem's words
		ip -n "tb${p}a" link set a0 gso_max_segs 1 &&
			ip netns exec "tb${p}a" tc qdisc replace dev a0 root netem \
				limit 100000 delay 10ms $what ||
			{ echo "tcp: no netem on $p" >&2; exit 1; }
	done
	for r in $(seq "$ROUNDS"); do
		for p in $NETEM_PAIRS; do
			tcp "$test" "$p" "$r" stream $((NETEM_SECS + 120)) \
				-n "$STREAM_BYTES" -t "$NETEM_SECS"
		done
	done
	for p in $NETEM_PAIRS; do
		ip netns exec "tb${p}a" tc qdisc del dev a0 root
		ip -n "tb${p}a" link set a0 gso_max_segs 65535
	done
	echo "tcp: $test done at $(( $(date +%s) - start ))s"
done

# Where cnet's time goes: a profile of the whole VM while cnet sends to
# Linux, then while it receives from Linux.
if [ "$PERF" = 1 ] && command -v perf > /dev/null &&
	perf record -q -o "$TMP/probe.data" -e cpu-clock -a -- true 2> /dev/null; then
	for p in cl lc; do
		perf record -q -o "$TMP/perf.data" -e cpu-clock -F 999 -a -- \
			sleep 6 2> /dev/null &
		ppid=$!
		tcp "perf-$p" "$p" 1 stream 120 -n $((1 << 40)) -t 5
		wait $ppid
		echo "tcp: perf, $(pair_name "$p") stream, the whole VM, top symbols:"
		perf report -i "$TMP/perf.data" --sort dso,sym --stdio 2> /dev/null |
			grep -v '^#' | grep '%' | head -20 | sed 's/^/    /'
		perf report -i "$TMP/perf.data" --sort dso --stdio 2> /dev/null |
			grep -v '^#' | grep '%' | head -4 | sed 's/^/    /'
	done
elif [ "$PERF" = 1 ]; then
	echo "tcp: perf does not run here: no profile"
fi

checkers=
[ -e /proc/lockdep ] && checkers+=" lockdep"
[ -e /sys/kernel/debug/kmemleak ] && checkers+=" kmemleak"
dmesg | grep -q KernelAddressSanitizer && checkers+=" KASAN"
# the module measured: the commit, "+changes" when module/ differs from it
commit=$(git -c safe.directory='*' describe --always 2> /dev/null || echo unknown)
git -c safe.directory='*' diff --quiet HEAD -- module 2> /dev/null || commit+="+changes"

json=.vm/bench-tcp.json
[ "$QUICK" = 1 ] || json=Documentation/benchmarks.json
mkdir -p .vm
$PY $REPORT json "$RAW" "date=$(date -u '+%Y-%m-%d %H:%M UTC')" "kernel=$(uname -r)" \
	"cpus=$(nproc)" "rounds=$ROUNDS" "quick=$QUICK" "commit=$commit" \
	"checkers=${checkers# }" "want=$STREAM_BYTES" \
	"machine=QEMU TCG (emulated x86-64, no KVM), $(nproc) vCPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); host: $(cat .vm/bench-host 2> /dev/null || echo unknown)" \
	"sizes=stream $((STREAM_BYTES >> 20)) MiB (cap ${STREAM_CAP} s), rr ${RR_SECS} s, crr ${CRR_SECS} s, idle $IDLE_CONNS connections, UDP ${UDP_SECS} s, netem streams ${NETEM_SECS} s" \
	> "$json.new" && mv "$json.new" "$json" || exit 1
$PY $REPORT text "$json"
if [ "$QUICK" = 1 ]; then
	$PY $REPORT rst "$json" > .vm/benchmarks.rst
	echo "tcp: quick run: $json and .vm/benchmarks.rst (Documentation/ untouched)"
else
	$PY $REPORT rst "$json" > Documentation/benchmarks.rst
	echo "tcp: wrote $json and Documentation/benchmarks.rst"
fi
grep -q ' ll [0-9]* fail ' "$RAW" && exit 1
exit 0
