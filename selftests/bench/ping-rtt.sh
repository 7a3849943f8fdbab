#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Ping round-trip time through cnet next to the Linux stack, in the same VM
# run: two veth pairs, one Linux<->Linux, one Linux<->cnet, the same ping
# load on each. A benchmark, not a test: it prints figures and ratios, and
# fails only if a ping fails. Run with `make bench`.
set -u
cd "$(dirname "$0")/../.." || exit 1

COUNT=${COUNT:-500}
INTERVAL=${INTERVAL:-0.002}
NS=(bl1 bl2 bc1 bc2)
cleanup() { for n in "${NS[@]}"; do ip netns del "$n" 2>/dev/null; done; }
trap cleanup EXIT

lsmod | grep -q '^cnet ' || insmod "${CNET_KO:-module/cnet.ko}" || exit 1
for n in "${NS[@]}"; do ip netns add "$n" || exit 1; done
ip link add v0 netns bl1 type veth peer name v1 netns bl2
ip link add v0 netns bc1 type veth peer name v1 netns bc2
for n in "${NS[@]}"; do ip -n "$n" link set lo up; done
ip -n bl1 link set v0 up; ip -n bl2 link set v1 up
ip -n bc1 link set v0 up; ip -n bc2 link set v1 up
ip -n bl1 addr add 10.0.9.1/24 dev v0
ip -n bl2 addr add 10.0.9.2/24 dev v1
ip netns exec bc1 tools/cnet link attach v0 || exit 1
ip netns exec bc1 tools/cnet addr add 10.0.9.1/24 dev v0 nodad || exit 1
ip -n bc2 addr add 10.0.9.2/24 dev v1

# avg rtt in microseconds from a ping summary on stdin
avg_us() { awk -F'/' '/^rtt/ { printf "%d", $5 * 1000 }'; }

run() {	# NS PINGCMD... -> avg rtt in us
	local ns=$1 out; shift
	# warm up: ARP resolved, caches hot
	ip netns exec "$ns" "$@" -q -c 20 -i 0.01 "$DST" >/dev/null 2>&1
	out=$(ip netns exec "$ns" "$@" -q -c "$COUNT" -i "$INTERVAL" "$DST" 2>&1) ||
		{ echo "ping failed: $out" >&2; return 1; }
	echo "$out" | avg_us
}

# Software emulation is noisy: alternate the four runs ROUNDS times and keep
# each one's median.
ROUNDS=${ROUNDS:-3}
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
l2l=() l2c=() lfl=() c2l=()
for _ in $(seq "$ROUNDS"); do
	DST=10.0.9.1
	l2l+=("$(run bl2 ping)") || exit 1
	l2c+=("$(run bc2 ping)") || exit 1
	DST=10.0.9.2
	lfl+=("$(run bl1 ping)") || exit 1
	c2l+=("$(run bc1 tools/cnet-ping)") || exit 1
done
lin_to_lin=$(echo "${l2l[*]}" | median)
lin_to_cnet=$(echo "${l2c[*]}" | median)
lin_from_lin=$(echo "${lfl[*]}" | median)
cnet_to_lin=$(echo "${c2l[*]}" | median)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b ? a / b : 0) }'; }
echo "ping rtt, median of $ROUNDS runs of $COUNT pings every ${INTERVAL}s, in microseconds:"
printf '  %-34s %6s us\n' "Linux ping -> Linux host" "$lin_to_lin"
printf '  %-34s %6s us  (%sx Linux)\n' "Linux ping -> cnet host" "$lin_to_cnet" \
	"$(ratio "$lin_to_cnet" "$lin_to_lin")"
printf '  %-34s %6s us\n' "Linux ping (Linux host) -> Linux" "$lin_from_lin"
printf '  %-34s %6s us  (%sx Linux)\n' "cnet-ping (cnet host) -> Linux" "$cnet_to_lin" \
	"$(ratio "$cnet_to_lin" "$lin_from_lin")"
