#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the benchmarks in the VM (make bench): every selftests/bench/*.sh, or
# those whose file name contains one of the PATTERNs, one after the other,
# with the module loaded first from $CNET_KO (default module/cnet.ko).
#
#   selftests/bench/run.sh [PATTERN...]
#
# Exit status: 0 when every benchmark ran, 1 when one failed (the others
# still run).
set -u
cd "$(dirname "$0")/../.." || exit 1

ko=${CNET_KO:-module/cnet.ko}
checkers=
[ -e /proc/lockdep ] && checkers+=" lockdep"
[ -e /sys/kernel/debug/kmemleak ] && checkers+=" kmemleak"
dmesg | grep -q KernelAddressSanitizer && checkers+=" KASAN"
echo "bench: kernel $(uname -r), $(nproc) CPUs, module $ko"
[ -n "$checkers" ] &&
	echo "bench: this kernel runs debug checkers ($checkers ): figures are theirs"

lsmod | grep -q '^cnet ' || insmod "$ko" || exit 1

status=0
for b in selftests/bench/*.sh; do
	[ "$b" = "$0" ] || [ "${b##*/}" = run.sh ] && continue
	if [ $# -gt 0 ]; then
		want=0
		for p in "$@"; do
			case ${b##*/} in *"$p"*) want=1 ;; esac
		done
		[ $want = 1 ] || continue
	fi
	start=$(date +%s)
	"$b" || { echo "bench: ${b##*/} failed" >&2; status=1; }
	echo "bench: ${b##*/} took $(( $(date +%s) - start ))s"
done
exit $status
