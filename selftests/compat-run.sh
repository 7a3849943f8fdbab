#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# compat-run.sh [TEST...]: cnet on the kernel Debian 12 users run. The
# module is built against Debian's 6.1 headers (as compat-check.sh, and as
# DKMS would), and loaded in the test VM booted on Debian's own
# linux-image of those headers (debian-kernel.sh), where the tests given
# (default: a scenario of each area, below) run against it. The test
# kernel stays 6.12: this shows that what builds on 6.1 also works there.
# Its KUnit suites do not run: Debian's kernel has no KUnit.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cd "$repo" || exit 1

hdr=$("$here/vm/headers-6.1.sh") || exit 1
"$here/vm/deps.sh" kernel vm tests tools >&2 || exit 1

kdir=$("$here/vm/debian-kernel.sh" "$hdr") || exit 1
ko=$("$here/vm/build-module.sh" "$hdr") || exit 1
make --no-print-directory -C tools >&2 || exit 1
make --no-print-directory -C selftests/progs >&2 || exit 1

tests=("$@")
[ ${#tests[@]} -gt 0 ] ||
	tests=(icmp/11 frag/15 neigh/60 neigh/72 route/21 udp/20 udp/21
	       tcp/10 tcp/15 tcp/20 sock/30 lo/11 conf/43 conf/44)
VM_KMEMLEAK=0 exec "$here/vm/run.sh" "$kdir" -- \
	"CNET_KO=${ko#"$repo"/} selftests/run-tests.sh ${tests[*]}"
