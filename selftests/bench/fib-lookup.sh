#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Route lookup cost and memory, cnet's FIB next to Linux's, in the same VM
# run: for each table size, the same internet-like routes and the same
# random lookups (module/fib_bench_gen.h, one seed) go to cnet's debugfs
# fib_bench and to Linux's main table (selftests/progs/linux_fib_bench,
# which times bpf_fib_lookup() with the BPF loop's own cost subtracted).
# Both print a digest of their routes and addresses; they must agree.
#
# Each side builds its table once and times the lookups ROUNDS times.
# Under emulation with the debug kernel, tables are slow to build: a
# route costs ~0.3 ms to add to cnet's table and ~0.6 ms to add to Linux's
# (and as much to delete), so the 1M-prefix size alone takes ~30 min.
#
# A benchmark, not a test: it prints figures and ratios, and fails only if
# a side fails or the two did not do the same work. Run with `make bench`.
#
#   SIZES="1000 100000 1000000" LOOKUPS=1000000 ROUNDS=3 SEED=1
set -u
cd "$(dirname "$0")/../.." || exit 1

SIZES=${SIZES:-1000 100000 1000000}
LOOKUPS=${LOOKUPS:-1000000}
ROUNDS=${ROUNDS:-3}
SEED=${SEED:-1}
BENCH=/sys/kernel/debug/cnet/fib_bench
NS=fibl

# Under emulation with the debug kernel, Linux's trie resizes while a
# 1M-route table is loaded hold a CPU for more than the soft-lockup
# detector's 20 s (Linux's fib_trie has no resched point there; seen in
# inet_rtm_newroute -> fib_insert_alias -> resize). The detector is off
# while Linux's routes are added and deleted, and only then: cnet is idle.
SOFT=/proc/sys/kernel/soft_watchdog
soft_was=$(cat "$SOFT" 2>/dev/null)
soft() { [ -n "$soft_was" ] && echo "$1" > "$SOFT"; }

cleanup() { ip netns del "$NS" 2>/dev/null; soft "$soft_was"; }
trap cleanup EXIT

lsmod | grep -q '^cnet ' || insmod "${CNET_KO:-module/cnet.ko}" || exit 1
[ -w "$BENCH" ] || { echo "fib-lookup: no $BENCH (debugfs?)" >&2; exit 1; }

field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p"; }	# NAME < line
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# cnet SIZE -> ROUNDS result lines, one table
cnet_runs() {
	echo "$1 $LOOKUPS $SEED $ROUNDS" > "$BENCH" && cat "$BENCH"
}

# linux SIZE -> ROUNDS result lines, in a namespace of its own
linux_runs() {
	local k
	cleanup
	ip netns add "$NS" || return 1
	ip -n "$NS" link set lo up
	for k in 0 1 2 3; do
		ip -n "$NS" link add "fb$k" type dummy &&
			ip -n "$NS" link set "fb$k" up || return 1
	done
	ip netns exec "$NS" sh -c 'echo 1 > /proc/sys/net/ipv4/conf/lo/forwarding' ||
		return 1
	soft 0
	ip netns exec "$NS" selftests/progs/linux_fib_bench "$1" "$LOOKUPS" \
		"$SEED" "$ROUNDS"
	local rc=$?
	soft "$soft_was"
	cleanup
	return $rc
}

echo "fib-lookup: ns per lookup, $LOOKUPS random lookups that all hit, internet-like tables, median of $ROUNDS"
printf '  %9s  %9s %9s %6s  %9s %9s  %10s %10s\n' prefixes "cnet ns" "Linux ns" ratio \
	"cnet B/rt" "Linux B/rt" "cnet add" "Linux add"
status=0
for n in $SIZES; do
	c=$(cnet_runs "$n") || { echo "fib-lookup: cnet failed at $n" >&2; exit 1; }
	l=$(linux_runs "$n") || { echo "fib-lookup: Linux failed at $n" >&2; exit 1; }
	cd_=$(echo "$c" | field digest | sort -u)
	ld_=$(echo "$l" | field digest | sort -u)
	if [ "$cd_" != "$ld_" ] || [ "$(echo "$cd_" | wc -l)" != 1 ]; then
		echo "fib-lookup: at $n prefixes cnet and Linux did not get the same routes and lookups (digests $cd_ / $ld_)" >&2
		status=1
	fi
	for h in $(echo "$c" | field hits) $(echo "$l" | field hits); do
		[ "$h" = "$LOOKUPS" ] || { echo "fib-lookup: $h of $LOOKUPS lookups hit at $n" >&2; status=1; }
	done
	cns=$(echo "$c" | field ns_per_lookup | xargs | median)
	lns=$(echo "$l" | field ns_per_lookup | xargs | median)
	printf '  %9s  %9s %9s %6s  %9s %9s  %8sus %8sus\n' "$n" "$cns" "$lns" \
		"$(awk -v c="$cns" -v l="$lns" 'BEGIN { printf "%.2f", (l ? c / l : 0) }')" \
		"$(echo "$c" | field bytes_per_route | head -1)" \
		"$(echo "$l" | field bytes_per_route | head -1)" \
		"$(echo "$c" | field add_ns_per_route | head -1 | awk '{ printf "%d", $1 / 1000 }')" \
		"$(echo "$l" | field add_ns_per_route | head -1 | awk '{ printf "%d", $1 / 1000 }')"
	echo "    cnet runs: $(echo "$c" | field ns_per_lookup | xargs)  Linux runs: $(echo "$l" | field ns_per_lookup | xargs) (loop $(echo "$l" | field loop_ns | xargs) ns subtracted)"
done
echo "  ratio = cnet ns / Linux ns (below 1: cnet is faster). Linux: bpf_fib_lookup"
echo "  (main table, no rules, no neighbour) minus the BPF loop; B/rt: table bytes"
echo "  per route (cnet: slab sizes; Linux: fib_triestat's struct sizes); add: time"
echo "  per route added (cnet: in the kernel; Linux: rtnetlink batches from userspace)."
exit $status
