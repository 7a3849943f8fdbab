#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lo is in every namespace, with no device attached, and each namespace's
# is its own: pings to 127.0.0.1 in X move X's lo counters and not Y's,
# and the other way round. A namespace made after the module was loaded
# has it too, and Linux's own lo there keeps working for Linux.
# timeout: 400
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

X=; Y=
setup_ns X Y
# Linux's lo in X up: Linux's 127.0.0.1 must keep working beside cnet's
ip -n "$X" link set lo up || die "cannot set lo up in $X"

check "in_ns $X $CNET link show" "1: lo mtu 65536" "$X: link show is lo alone"
check "in_ns $Y $CNET addr show" "lo 127.0.0.1/8" "$Y: addr show is 127.0.0.1/8 alone"

lo_counts() { echo "$(stat_get "$1" lo_tx)/$(stat_get "$1" lo_rx)"; }
match "$(lo_counts "$X")/$(lo_counts "$Y")" "0/0/0/0" "fresh namespaces: lo counters at 0"

out=$(in_ns "$X" "$CNET_PING" -c 2 -i 0.2 127.0.0.1 2>&1)
match_re "$out" '^2 packets transmitted, 2 received, 0% packet loss' "$X: cnet-ping 127.0.0.1"
match "$(lo_counts "$X")/$(lo_counts "$Y")" "4/4/0/0" "$X's lo counted 4 packets, $Y's none"

out=$(in_ns "$Y" "$CNET_PING" -c 3 -i 0.2 127.3.2.1 2>&1)
match_re "$out" '^3 packets transmitted, 3 received, 0% packet loss' "$Y: cnet-ping 127.3.2.1"
match "$(lo_counts "$X")/$(lo_counts "$Y")" "4/4/6/6" "$Y's lo counted 6 packets, $X's no more"

# Linux's stack in X still has its own loopback
check_ok "$X: Linux pings 127.0.0.1 on its own lo" in_ns "$X" ping -c 1 -W 2 127.0.0.1
match "$(lo_counts "$X")" "4/4" "$X: Linux's ping did not go through cnet"
exit_test
