#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# headers-6.1.sh: print the directory of Debian 12's newest 6.1 kernel
# headers (/usr/src/linux-headers-6.1.*-amd64), installing
# linux-headers-amd64 first when there are none. For compat-check.sh and
# compat-run.sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
newest() {
	find /usr/src -maxdepth 1 -name 'linux-headers-6.1.*-amd64' 2> /dev/null |
		sort -V | tail -n 1
}
hdr=$(newest)
if [ -z "$hdr" ]; then
	"$here/deps.sh" headers-6.1 >&2 || exit 1
	hdr=$(newest)
fi
[ -n "$hdr" ] || { echo "headers-6.1: no /usr/src/linux-headers-6.1.*-amd64" >&2; exit 1; }
echo "$hdr"
