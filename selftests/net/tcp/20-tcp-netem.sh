#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
# soak-timeout: 14400
#
# TCP between cnet and Linux on bad links: each case has its own cnet
# namespace A<n> (its own counters) and veth pair to the Linux namespace
# B, with the same netem on both ends: loss 5 %, reordering 25 %, delay
# 50 ms +- 10 ms, and all of them at once with duplication 5 % and
# corruption 0.1 % (make check); with SOAK=1 also loss 1 % and 10 %,
# duplication and corruption alone. In every case the data goes up (cnet-nc -> socat) and
# down (socat -> cnet-nc) at the same time and must arrive byte for byte
# (sha256): retransmission by timeout and by three duplicate ACKs
# (NewReno), the out-of-order queue, duplicates and bad checksums
# dropped. The cases run in parallel (their links are apart). 512 KiB
# each way in make check (256 KiB all at once, the slowest case by far,
# which retransmits dozens of times even so); 100 MiB with SOAK=1 (make
# soak), or TCP_NETEM_KIB, in every case. Every cnet socket is gone at
# the end.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

NC=$REPO/tools/cnet-nc
[ -x "$NC" ] || skip "cnet-nc is not built"
command -v socat > /dev/null || skip "socat is not installed"

if [ "${SOAK:-0}" = 1 ]; then
	kib=${TCP_NETEM_KIB:-102400}
	limit=12000
else
	kib=${TCP_NETEM_KIB:-512}
	limit=400
fi

# the cases: name and netem arguments; make check runs the four that
# between them take every path (timeout and fast retransmission, the
# out-of-order queue, duplicates, bad checksums), each case costs a
# namespace pair to set up and tear down under emulation
names=("loss 5%" "reorder 25%" "delay 50ms+-10ms" "all at once")
netems=("loss 5%" "delay 5ms reorder 25% 50%" "delay 50ms 10ms"
	"delay 50ms 10ms loss 5% duplicate 5% corrupt 0.1% reorder 25% 50%")
if [ "${SOAK:-0}" = 1 ]; then
	names+=("loss 1%" "loss 10%" "duplicate 5%" "corrupt 0.1%")
	netems+=("loss 1%" "loss 10%" "duplicate 5%" "corrupt 0.1%")
fi
ncase=${#names[@]}
# kibs[N]: case N's size (half in "all at once" unless the size was
# asked for)
kibs=()
for ((i = 0; i < ncase; i++)); do kibs+=("$kib"); done
[ "${SOAK:-0}" != 1 ] && [ -z "${TCP_NETEM_KIB:-}" ] && kibs[3]=$((kib / 2))

setup_ns B
AS=()
for ((i = 0; i < ncase; i++)); do
	setup_ns A
	AS+=("$A")
	ip link add veth0 netns "$A" type veth peer name "vb$i" netns "$B" ||
		die "cannot create a veth pair"
	linux_ns "$B" "vb$i" "10.0.$((10 + i)).2/24" || die "cannot set up Linux in $B"
done
for ((i = 0; i < ncase; i++)); do
	cnet_ns "${AS[i]}" veth0 "10.0.$((10 + i)).1/24" ||
		die "cannot set up cnet in ${AS[i]}"
done
for ((i = 0; i < ncase; i++)); do
	busywait 5000 carrier_up "$B" "vb$i" || die "vb$i has no carrier"
done
in_ns "${AS[0]}" tc qdisc add dev veth0 root netem delay 1ms 2>/dev/null ||
	skip "no netem qdisc"
in_ns "${AS[0]}" tc qdisc del dev veth0 root
tcp_mem_track -t 2000 "${AS[@]}"

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((kib * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data")
# the data of the smaller case, if there is one: the start of it
want3=$want
if [ "${kibs[3]}" != "$kib" ]; then
	head -c $((kibs[3] * 1024)) "$tmp/data" > "$tmp/data.3"
	want3=$(sha256sum < "$tmp/data.3")
fi
# data N: case N's data
data() {
	if [ "$1" = 3 ] && [ -e "$tmp/data.3" ]; then
		echo "$tmp/data.3"
	else
		echo "$tmp/data"
	fi
}
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }

# transfer N: case N, up and down at once; what arrived is not kept, only
# its sha256 (a soak's 100 MiB times 16 would not fit the VM's memory):
# the results in $tmp/N.*
transfer() {
	local i=$1 a=${AS[$1]} ip=10.0.$((10 + $1)).2 up=$((7100 + 2 * $1))
	local down=$((up + 1)) t0 pid f
	f=$(data "$i")

	ip netns exec "$B" timeout $limit socat -u TCP4-LISTEN:$up,bind=$ip,reuseaddr - |
		sha256sum > "$tmp/$i.up" &
	ip netns exec "$B" timeout $limit socat -u "OPEN:$f" \
		TCP4-LISTEN:$down,bind=$ip,reuseaddr &
	if ! busywait 30000 tcp_listening "$B" $up ||
	   ! busywait 30000 tcp_listening "$B" $down; then
		echo "socat did not listen" > "$tmp/$i.err"
		return
	fi
	t0=$(now_ms)
	ip netns exec "$a" timeout $limit "$NC" -N "$ip" $up < "$f" \
		2> "$tmp/$i.nc-up" &
	pid=$!
	{ ip netns exec "$a" timeout $limit "$NC" "$ip" $down < /dev/null \
		2> "$tmp/$i.nc-down"; echo $? > "$tmp/$i.rc-down"; } |
		sha256sum > "$tmp/$i.down"
	wait $pid
	echo $? > "$tmp/$i.rc-up"
	echo $(( $(now_ms) - t0 )) > "$tmp/$i.ms"
	wait
}

# netem drops a GSO packet whole: cnet's 512 KiB leave as a dozen or so,
# and may all get through a 5 % loss. The two cases that must see cnet
# retransmit (loss 5 %, all at once) send MSS-sized segments (the device
# takes no GSO packet larger than one); the others keep GSO.
for i in 0 3; do
	in_ns "${AS[i]}" ip link set veth0 gso_max_size 1500 ||
		die "cannot set gso_max_size on ${AS[i]}'s veth0"
done
# shellcheck disable=SC2086 # netem's arguments are words
for ((i = 0; i < ncase; i++)); do
	if ! in_ns "${AS[i]}" tc qdisc add dev veth0 root netem ${netems[i]} ||
	   ! ns_b tc qdisc add dev "vb$i" root netem ${netems[i]}; then
		die "cannot set netem ${netems[i]}"
	fi
	stats_save "${AS[i]}"
	for k in tcp_retrans tcp_ofo_queued tcp_drop_csum; do
		echo "${STATS_SAVED[$k]:-0}" > "$tmp/$i.$k"
	done
done
t0=$(now_ms)
pids=()
for ((i = 0; i < ncase; i++)); do
	transfer "$i" &
	pids+=($!)
done
wait "${pids[@]}"
log "all cases, ${kibs[*]} KiB each way: $(( $(now_ms) - t0 )) ms"

# Every process costs about a second in the emulated VM: the results
# are read with builtins, each namespace's counters with one "cnet stats".
# got N NAME: the first line of $tmp/N.NAME
got() { local v=; read -r v < "$tmp/$1.$2"; echo "$v"; }
declare -A D=()	# D[N.COUNTER]: how much COUNTER grew in case N
for ((i = 0; i < ncase; i++)); do
	while read -r k v; do
		case $k in
		tcp_retrans|tcp_ofo_queued|tcp_drop_csum)
			D[$i.$k]=$(( v - $(got "$i" "$k") )) ;;
		esac
	done < <(ip netns exec "${AS[i]}" "$CNET" stats)
done
for ((i = 0; i < ncase; i++)); do
	name=${names[i]}
	w=$want
	[ "$i" = 3 ] && w=$want3
	[ -e "$tmp/$i.err" ] && fail "$name: $(got "$i" err)" && continue
	match "$(got "$i" rc-up)" 0 "$name: cnet-nc sent ${kibs[i]} KiB" ||
		indent < "$tmp/$i.nc-up"
	match "$(got "$i" up)" "$w" "$name: Linux got it byte for byte"
	match "$(got "$i" rc-down)" 0 "$name: cnet-nc received until Linux closed" ||
		indent < "$tmp/$i.nc-down"
	match "$(got "$i" down)" "$w" "$name: cnet got it byte for byte"
	log "$name: up and down in $(got "$i" ms) ms," \
		"tcp_retrans ${D[$i.tcp_retrans]}," \
		"tcp_ofo_queued ${D[$i.tcp_ofo_queued]}," \
		"tcp_drop_csum ${D[$i.tcp_drop_csum]}"
done
for i in 0 3; do
	match_re "${D[$i.tcp_retrans]}" "^[1-9][0-9]*$" \
		"${names[i]}: cnet retransmitted (tcp_retrans grew)"
done
match_re "${D[1.tcp_ofo_queued]}" "^[1-9][0-9]*$" \
	"${names[1]}: cnet kept segments out of order (tcp_ofo_queued grew)"
exit_test
