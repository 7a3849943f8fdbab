#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-timeout: 1500
#
# What ends a connection to a vanished peer with the default settings, the
# long way (make soak only; tcp/60 runs both with short settings): netem
# drops all B sends, and
# - an orphan (a cnet socket closed with 1000 bytes and its FIN in
#   flight), with tcp_orphan_retries 0 (Linux's 8 retransmissions while
#   the RTO is short of its maximum), is gone at its first timeout past
#   200 ms x (2^9 - 1) = 102.2 s, with 8 retransmissions and no RST;
# - a connection with data unacknowledged, with tcp_retries2 15, ends
#   with ETIMEDOUT at its first timeout past Linux's model of 15
#   retransmissions: 200 ms doubling to 102.4 s, then 120 s (the RTO's
#   maximum) 6 times, 924.6 s.
# The timeouts are the connection's: its RTO, SRTT above 200 ms, doubling
# (219 ms in the emulated VM: 112 s and 944 s). A has a static entry for B:
# otherwise B's ARP replies, which netem drops too, stop coming, the entry
# fails, the retransmissions draw a host unreachable, and the connection
# ends with EHOSTUNREACH instead, as on Linux (tcp_write_err() gives the
# soft error first).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

# shellcheck source=selftests/net/tcp/vanish.bash
source "$(dirname "$0")/../tcp/vanish.bash"

PROG_TIMEOUT=1200
vanish_setup
cnet_a neigh add "$B_IP" lladdr "$B_MAC" dev veth0 || die "cannot add B's static entry"
match "$(cnet_a conf show | grep -E '^tcp_(retries2|orphan_retries) ' | tr '\n' ' ')" \
	"tcp_retries2 15 tcp_orphan_retries 0 " "the defaults: tcp_retries2 15, tcp_orphan_retries 0"

# ---- an orphan: 8 retransmissions, past 102.2 s
orphan_case 8

# ---- a connection: 15 retransmissions, past 924.6 s
retries_case 15
exit_test
