#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# UDP packet rate and throughput through cnet next to the Linux stack, in
# the same VM run: four pairs of namespaces joined by a veth, A sends to B,
#
#   Linux -> Linux   the reference
#   Linux -> cnet    cnet's receive path
#   cnet  -> Linux   cnet's send path
#   cnet  -> cnet    both
#
# with 64-byte payloads (packet rate), 1 472 and 65 507-byte datagrams
# (throughput; 65 507 is 45 fragments at MTU 1500), and 8 000-byte
# datagrams Linux -> cnet (6 fragments: the cost of reassembly).
#
# Senders: in-kernel pktgen on A's veth where A is Linux and the payload is
# 64 bytes (it sends what a Linux socket would, UDP checksum offloaded,
# much faster than any socket), else selftests/progs/udpbench (sendmmsg()
# in batches on a connected socket, AF_INET or AF_CUSTOM). The receiver is
# udpbench on B (recvmmsg() in batches), which counts what its socket
# gets in SECS seconds after WARM seconds of warm-up. The sender runs on
# CPU 0; B's receive processing (RPS) and the receiver on CPU 1, so the
# two stacks do not share a CPU.
#
# Each figure is the median of ROUNDS rounds (the rows alternate in each
# round). "lost" is the share of what the sender sent that the receiver
# did not get: above LOSS_PCT % the receiving side was the bottleneck, else
# the sender was. A row whose bottleneck is not the stack under test says
# so. Where datagrams were lost, the counters that moved are listed.
#
# cnet rows that cannot run yet (no UDP socket, no fragmentation, nothing
# received: no reassembly) print "not available" and do not fail the
# benchmark. A benchmark, not a test: it fails only if a Linux row fails.
#
#   SECS=2 WARM=0.5 ROUNDS=3 LOSS_PCT=2
set -u
cd "$(dirname "$0")/../.." || exit 1

SECS=${SECS:-2}
WARM=${WARM:-0.5}
ROUNDS=${ROUNDS:-3}
LOSS_PCT=${LOSS_PCT:-2}
PORT=9000
P=selftests/progs/udpbench
CNET=tools/cnet
TMP=$(mktemp -d)
PAIRS=(ll lc cl cc)
declare -A HOLDER
cleanup() {
	local p
	for p in "${HOLDER[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PAIRS[@]}"; do
		ip netns del "ub${p}a" 2>/dev/null
		ip netns del "ub${p}b" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

lsmod | grep -q '^cnet ' || insmod "${CNET_KO:-module/cnet.ko}" || exit 1
[ -x $P ] || { echo "udp: build $P first (make -C selftests/progs)" >&2; exit 1; }

# Two CPUs or more: sender on 0, receiver and B's receive softirq on 1.
if [ "$(nproc)" -ge 2 ]; then
	PIN_TX=(-c 0)
	PIN_RX=(-c 1)
	RPS=2
else
	PIN_TX=() PIN_RX=() RPS=
fi

# pair P: namespaces ubPa, ubPb; A 10.8.N.1 on a0, B 10.8.N.2 on b0, each
# on the stack its letter names (l: Linux, c: cnet).
setup_pair() {
	local p=$1 n=$2 side ns dev addr stack
	ip netns add "ub${p}a" && ip netns add "ub${p}b" || return 1
	ip link add a0 netns "ub${p}a" type veth peer name b0 netns "ub${p}b" ||
		return 1
	for side in a b; do
		ns=ub$p$side
		if [ $side = a ]; then
			dev=a0 addr=10.8.$n.1 stack=${p:0:1}
		else
			dev=b0 addr=10.8.$n.2 stack=${p:1:1}
		fi
		ip -n "$ns" link set lo up && ip -n "$ns" link set "$dev" up ||
			return 1
		if [ "$stack" = l ]; then
			ip -n "$ns" addr add "$addr/24" dev "$dev" || return 1
		elif [ "$CNET_UDP" = 1 ]; then
			ip netns exec "$ns" $CNET link attach "$dev" &&
				ip netns exec "$ns" $CNET addr add "$addr/24" dev "$dev" nodad ||
				return 1
		fi
	done
	if [ -n "$RPS" ]; then
		ip netns exec "ub${p}b" sh -c \
			"echo $RPS > /sys/class/net/b0/queues/rx-0/rps_cpus" || return 1
	fi
}

# Can cnet open a UDP socket? If not, every cnet row is "not available".
CNET_UDP=1
CNET_WHY=
if ! CNET_WHY=$($P probe cnet 2>&1); then
	CNET_UDP=0
	CNET_WHY=${CNET_WHY#udpbench: }
fi

n=1
declare -A MAC NET
for p in "${PAIRS[@]}"; do
	setup_pair "$p" $n || { echo "udp: cannot set up the $p pair" >&2; exit 1; }
	MAC[$p]=$(ip -n "ub${p}b" link show b0 | awk '/ether/ { print $2 }')
	NET[$p]=$n
	n=$((n + 1))
done
sleep 1		# carriers up

# Every exec costs up to a second in an emulated guest on a busy host, so
# a row runs as few as it can: nsenter (no remount of /sys, unlike ip netns
# exec), the counters read with bash builtins through a process that sits
# in each receiving namespace (/proc/PID/net is its namespace's), and the
# arithmetic in bash. (In the background, nsenter itself, not nsx: $! must
# be the process that enters the namespace.)
nsx() { local ns=$1; shift; nsenter --net="/run/netns/$ns" "$@"; }
for p in "${PAIRS[@]}"; do
	nsenter --net="/run/netns/ub${p}b" sleep 100000 &
	HOLDER[$p]=$!
done

# shellcheck disable=SC2154 # c[name]: keys, not variables
# counters PAIR ARRAY: fills the associative ARRAY with what can count a
# loss on B's side: Linux's Ip/Udp MIB input errors or cnet's drop
# counters, and softnet_stat's backlog drops (all CPUs: B's receive
# backlog, netdev_max_backlog packets, was full).
counters() {
	local p=$1 pid=${HOLDER[$1]} key i name value sum=0
	local -n c=$2
	local -a f k
	local -A hdr=()
	c=()
	if [ "${p:1:1}" = l ]; then
		while read -r -a f; do
			key=${f[0]}
			case $key in Ip: | Udp:) ;; *) continue ;; esac
			if [ -z "${hdr[$key]:-}" ]; then
				hdr[$key]="${f[*]}"
				continue
			fi
			read -r -a k <<< "${hdr[$key]}"
			for ((i = 1; i < ${#f[@]}; i++)); do
				case ${k[i]} in
				In*Err* | InDiscards | Reasm[FT]* | RcvbufErrors | MemErrors)
					c[${key,,}${k[i]}]=${f[i]} ;;
				esac
			done
		done < "/proc/$pid/net/snmp"
	else
		while read -r name value; do
			case $name in
			*no_port*) ;;	# after the receiver is gone, as Linux's NoPorts
			*drop* | *err* | *fail* | *timeout* | *evict* | *overlap* | *oversize*)
				c[$name]=$value ;;
			esac
		done < <(nsx "ub${p}b" $CNET stats)
	fi
	while read -r _ value _; do
		sum=$((sum + 16#$value))
	done < /proc/net/softnet_stat
	c[softnet:backlog_full]=$sum
}

# moved BEFORE AFTER (array names): "name +delta, ..." for what moved
moved() {
	local -n b=$1 a=$2
	local name out=
	for name in "${!a[@]}"; do
		[ "${a[$name]}" != "${b[$name]:-0}" ] &&
			out+="${out:+, }$name +$((a[$name] - ${b[$name]:-0}))"
	done
	echo "$out"
}

# kv FILE KEY: the value of KEY=VALUE on FILE's first line
kv() {
	local line w
	read -r line < "$1" || return 1
	for w in $line; do
		[ "${w%%=*}" = "$2" ] && { echo "${w#*=}"; return 0; }
	done
	return 1
}
ms() { local s=$1; [[ $s == *.* ]] || s+=.0; s+=000; s=${s%"${s#*.???}"}; echo $((10#${s/./})); }

# pktgen_setup DST DSTMAC SIZE: the script that sets up the in-kernel
# sender on a0, one UDP flow to DST:PORT, SIZE-byte payloads, UDP checksum
# offloaded (as a Linux socket sends it on a veth); no clone_skb or burst
# (veth has no IFF_TX_SKB_SHARING), no count: it runs until stopped.
pktgen_setup() {
	local dst=$1 mac=$2 size=$3 c script
	script="cd /proc/net/pktgen && echo rem_device_all > kpktgend_0 &&
		echo 'add_device a0' > kpktgend_0"
	for c in "count 0" "clone_skb 0" "burst 1" "delay 0" \
		"pkt_size $((size + 42))" "dst $dst" "dst_mac $mac" \
		"src_min ${dst%.2}.1" "src_max ${dst%.2}.1" \
		"udp_src_min $PORT" "udp_src_max $PORT" \
		"udp_dst_min $PORT" "udp_dst_max $PORT" "flag UDPCSUM"; do
		script+=" && echo '$c' > a0"
	done
	echo "$script"
}

SECS_MS=$(ms "$SECS")

# measure PAIR SENDER SIZE [COUNT]: one run; sets SENT (datagrams/s the
# sender sent), RECV (datagrams/s received, 0: nothing came), LOST (%),
# DROPS (with COUNT: the counters that moved), or NA (why it cannot run).
# Returns 1 only on a failure.
#
# Sender and receiver start together, not one after the other: starting
# a process is what takes longest here. The receiver's count begins with
# its first datagram, and the sender runs until the receiver is done: what
# it sends before the receiver is bound comes back as port unreachable.
measure() {
	local p=$1 sender=$2 size=$3 count=${4:-} a b fa fb dst rpid spid rrc src line n secs
	# shellcheck disable=SC2034 # filled and read through namerefs
	local -A before after
	a=ub${p}a b=ub${p}b
	fa=inet fb=inet
	[ "${p:0:1}" = c ] && fa=cnet
	[ "${p:1:1}" = c ] && fb=cnet
	dst=10.8.${NET[$p]}.2
	SENT='' RECV='' LOST='' DROPS='' NA=''
	if [ "$CNET_UDP" = 0 ] && [ "$fa$fb" != inetinet ]; then
		NA="not available yet: $CNET_WHY"
		return 0
	fi
	[ -n "$count" ] && counters "$p" before
	nsenter --net="/run/netns/$b" $P "${PIN_RX[@]}" recv "$fb" "$dst" $PORT "$size" \
		"$SECS" "$WARM" 5 > "$TMP/recv" 2> "$TMP/recv.err" &
	rpid=$!
	if [ "$sender" = pktgen ]; then
		nsenter --net="/run/netns/$a" sh -c "$(pktgen_setup "$dst" "${MAC[$p]}" "$size") &&
			echo start > pgctrl" 2> "$TMP/send.err" &
		spid=$!
	else
		nsenter --net="/run/netns/$a" $P "${PIN_TX[@]}" send "$fa" "$dst" $PORT "$size" 0 \
			> "$TMP/send" 2> "$TMP/send.err" &
		spid=$!
	fi
	wait $rpid
	rrc=$?
	if [ "$sender" = pktgen ]; then
		# Stopped, then removed once "start" has returned (all stopped):
		# removing a running device makes pktgen log a WARNING.
		nsx "$a" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
		wait $spid
		line=$(nsx "$a" sh -c 'cd /proc/net/pktgen && cat a0 &&
			echo rem_device_all > kpktgend_0')
		if [ -s "$TMP/send.err" ] || [[ $line != *"Result: OK"* ]]; then
			echo "udp: pktgen failed: $(cat "$TMP/send.err")" >&2
			return 1
		fi
		SENT=${line##*Result: OK: }
		SENT=${SENT#*$'\n'}
		SENT=${SENT%%pps*}
		SENT=${SENT##* }
	else
		kill -TERM $spid 2>/dev/null
		wait $spid
		src=$?
		read -r line < "$TMP/send.err"
		[ $src -eq 4 ] && { NA="not available yet: ${line#udpbench: }"; return 0; }
		[ $src -eq 0 ] || { echo "udp: $p sender failed: $line" >&2; return 1; }
		n=$(kv "$TMP/send" sent) && secs=$(kv "$TMP/send" secs) || return 1
		SENT=$((n * 1000 / $(ms "$secs")))
	fi
	if [ $rrc -ne 0 ]; then
		line=$(grep -v listening "$TMP/recv.err")
		[ $rrc -eq 4 ] && { NA="not available yet: ${line#udpbench: }"; return 0; }
		echo "udp: $p receiver failed: $line" >&2
		return 1
	fi
	if [ -n "$count" ]; then
		counters "$p" after
		DROPS=$(moved before after)
	fi
	n=$(kv "$TMP/recv" received) || { echo "udp: $p: no result from the receiver" >&2; return 1; }
	RECV=$((n * 1000 / SECS_MS))
	[ "$RECV" = 0 ] && return 0
	LOST=0
	[ "${SENT:-0}" -gt "$RECV" ] && LOST=$(((SENT - RECV) * 100 / SENT))
	n=$(kv "$TMP/recv" short)
	[ "$n" = 0 ] || DROPS+="${DROPS:+, }$n datagrams of the wrong length"
	return 0
}

# The rows: PAIR SENDER SIZE, and the row each one is compared with.
ROWS=(
	"ll pktgen 64" "lc pktgen 64"
	"ll udpbench 64" "cl udpbench 64" "cc udpbench 64"
	"ll udpbench 1472" "lc udpbench 1472" "cl udpbench 1472" "cc udpbench 1472"
	"ll udpbench 65507" "lc udpbench 65507" "cl udpbench 65507" "cc udpbench 65507"
	"ll udpbench 8000" "lc udpbench 8000"
)
declare -A sent recv lost drops na none
for r in $(seq "$ROUNDS"); do
	for row in "${ROWS[@]}"; do
		[ -n "${na[$row]:-}" ] && continue	# it will not run next time either
		# The counters only in the last round: reading cnet's costs execs.
		count=
		[ "$r" = "$ROUNDS" ] && count=count
		# shellcheck disable=SC2086 # PAIR SENDER SIZE [count]
		measure $row $count || exit 1
		if [ -n "$NA" ]; then
			na[$row]=$NA
			continue
		fi
		if [ "$RECV" = 0 ]; then
			# Nothing came: once more, counting, to say where it went.
			# shellcheck disable=SC2086
			[ -z "$count" ] && { measure $row count || exit 1; }
			n=${none[$row]:-0}
			none[$row]="$((${n%% *} + 1)) ${DROPS:-no counter moved}"
			[ "$RECV" = 0 ] && continue
		fi
		sent[$row]+="$SENT " recv[$row]+="$RECV " lost[$row]+="$LOST "
		drops[$row]=$DROPS	# the last round's
	done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

name() {
	case $1 in
	ll) echo "Linux -> Linux" ;; lc) echo "Linux -> cnet" ;;
	cl) echo "cnet  -> Linux" ;; cc) echo "cnet  -> cnet" ;;
	esac
}

# the reference row of a cnet row: Linux -> Linux, same sender and size
declare -A med
print_row() {
	local row=$1 p sender size s rv l ref ratio note mbit
	read -r p sender size <<< "$row"
	if [ -n "${na[$row]:-}" ]; then
		printf '  %-15s %-8s  %s\n' "$(name "$p")" "$sender" "${na[$row]}"
		return
	fi
	if [ -z "${recv[$row]:-}" ]; then
		note=${none[$row]#* }
		[[ $note == *ip_drop_frag* ]] && note="not available yet, no reassembly: $note"
		printf '  %-15s %-8s  nothing received in %s rounds (%s)\n' "$(name "$p")" \
			"$sender" "$ROUNDS" "$note"
		return
	fi
	s=$(echo "${sent[$row]}" | median)
	rv=$(echo "${recv[$row]}" | median)
	l=$(echo "${lost[$row]}" | median)
	med[$row]=$rv
	mbit=$(awk -v r="$rv" -v z="$size" 'BEGIN { printf "%.0f", r * z * 8 / 1e6 }')
	ratio=
	ref="ll $sender $size"
	if [ "$p" != ll ] && [ -n "${med[$ref]:-}" ]; then
		ratio=$(awk -v c="$rv" -v l="${med[$ref]}" 'BEGIN { printf "%.2fx", c / l }')
	fi
	note=receiver
	[ "$l" -le "$LOSS_PCT" ] && note=sender
	case "$p:$note" in
	lc:sender) note="sender (pktgen/Linux; cnet kept up)" ;;
	cl:receiver) note="receiver (Linux; cnet sent faster)" ;;
	esac
	[ -n "${none[$row]:-}" ] &&
		note+="; nothing received in ${none[$row]%% *} round(s): ${none[$row]#* }"
	printf '  %-15s %-8s %9s %10s %5s%% %7s %6s  %s\n' "$(name "$p")" "$sender" \
		"$s" "$rv" "$l" "$mbit" "$ratio" "$note"
}

echo "udp: datagrams/s sent and received (counted by the receiver over ${SECS}s after ${WARM}s), median of $ROUNDS rounds"
echo "  kernel $(uname -r), $(nproc) CPUs${RPS:+; sender on CPU 0, receiver and its softirq (RPS) on CPU 1}"
hdr() {
	echo "  $1"
	printf '  %-15s %-8s %9s %10s %6s %7s %6s  %s\n' "" sender sent/s received/s lost \
		"Mbit/s" ratio bottleneck
}
last=
for row in "${ROWS[@]}"; do
	read -r _ _ size <<< "$row"
	if [ "$size" != "$last" ]; then
		case $size in
		64) hdr "packet rate, 64-byte payloads" ;;
		1472) hdr "throughput, 1472-byte datagrams (one 1514-byte frame each)" ;;
		65507) hdr "throughput, 65507-byte datagrams (45 fragments each at MTU 1500)" ;;
		8000) hdr "reassembly, 8000-byte datagrams (6 fragments each)" ;;
		esac
		last=$size
	fi
	print_row "$row"
done
for p in ll lc; do
	row="$p udpbench 8000"
	[ -n "${med[$row]:-}" ] && printf '  %s: %.1f us of the receiving side per reassembled datagram\n' \
		"$(name "$p")" "$(awk -v r="${med[$row]}" 'BEGIN { print 1e6 / r }')"
done
echo "  (an overloaded receiver loses fragments: their datagrams' queues wait for the"
echo "  timeout; Linux drops every new fragment while they fill ipfrag_high_thresh,"
echo "  ip:ReasmFails, where cnet evicts the oldest: a cost only when nothing is lost)"
echo "  ratio: received/s against Linux -> Linux with the same sender and size (above 1: cnet is faster)"
echo "  bottleneck: the receiving side when more than ${LOSS_PCT}% was lost, else the sender"
echo "  where datagrams were lost (counters that moved in the last round; softnet:"
echo "  B's receive backlog was full; reassembly timeouts come 30 s after the loss):"
for row in "${ROWS[@]}"; do
	[ -n "${drops[$row]:-}" ] || continue
	read -r p sender size <<< "$row"
	printf '    %-15s %-8s %5s: %s\n' "$(name "$p")" "$sender" "$size" \
		"$(echo "${drops[$row]}" | sed 's/, /\n/g' | sort | paste -sd, | sed 's/,/, /g')"
done
exit 0
