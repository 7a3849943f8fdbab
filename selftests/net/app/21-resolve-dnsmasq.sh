#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# cnet-resolve on cnet UDP sockets (A) asking dnsmasq on Linux (B): the
# checks of resolve-checks.bash, which 20-resolve-inet.sh runs on Linux
# alone. An A record, a CNAME chain, NXDOMAIN (also at the end of an
# alias), no data, several names; a dead server times out in bounded time
# with exit 6, each try from a new random port with a new random ID; a
# resolv.conf-style file lists a dead server then a good one; a closed port
# is refused (ICMP port unreachable read as ECONNREFUSED).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"
# shellcheck source=selftests/net/app/nc-resolve.bash
source "$(dirname "$0")/nc-resolve.bash"
# shellcheck source=selftests/net/app/resolve-checks.bash
source "$(dirname "$0")/resolve-checks.bash"

command -v dnsmasq > /dev/null || skip "dnsmasq is not installed"
app_setup cnet
resolve_checks
exit_test
