#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# make demo's script (selftests/demo.sh, the URL journey) runs to the end:
# exit status 0 (it checks the fetched page and file against nginx's), and
# each layer's step showed what it should: the lease, the DNS answer, the
# laptop's ARP entries for the DNS server and the router, the route via the
# router, an established then a TIME-WAIT connection, and the router's
# forwarding counters. It cleans up after itself: no namespace left.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

for p in nginx dnsmasq curl tcpdump; do
	command -v $p > /dev/null || skip "$p is not installed"
done
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"

out=$("$REPO/selftests/demo.sh" 2>&1)
rc=$?
if ! match "$rc" 0 "the demo ran to the end"; then
	tail -40 <<< "$out" | indent
	exit_test
fi
match_re "$out" ": BOUND 10\.0\.1\.1[0-9][0-9]/24 " "DHCP: a lease of dnsmasq's range"
match_re "$out" "^www\.example\.test has address 10\.0\.2\.80$" "DNS: the web server's address"
match_re "$out" "^10\.0\.1\.53 dev eth0 lladdr " "ARP: the DNS server's MAC learnt"
match_re "$out" "^10\.0\.2\.80 via 10\.0\.1\.1 dev eth0" "route: via the router"
match_re "$out" "ESTAB .*10\.0\.2\.80:80" "TCP: the connection established"
match_re "$out" "TIME-WAIT .*10\.0\.2\.80:80" "TCP: TIME-WAIT after curl's close"
match_re "$out" "(^|[[:space:]])fwd_tx[[:space:]]+[1-9]" "the router's fwd_tx counter moved"
match "$(ip netns list | grep -cE '^(laptop|lan|dns|router|web)( |$)')" 0 \
	"the demo's namespaces are gone"
log "the demo's output:"
indent <<< "$out"
exit_test
