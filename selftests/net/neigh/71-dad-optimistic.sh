#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Optimistic duplicate address detection (the default of "addr add"): the
# address is usable at once while its RFC 5227 probes go out (Linux's first
# ping to it is answered, and it is a source at once), shows "optimistic
# tentative", is announced only after the probes, and a claim by another
# host during the probes marks it dadfailed: it stops answering, and the
# kernel log names the other host's MAC. "dad" and "nodad" together are
# refused.
# timeout: 150
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

setup_pair
# RFC timings, slow enough that the probes outlast what is checked while
# they run: at least 2 x 2 + 4 = 8 s
conf_set "$A" dad_interval_ms 2000 dad_probes 3

cap=$(mktemp)
on_exit "rm -f $cap"
run_bg ip netns exec "$B" tcpdump -i veth1 -e -n -l "ether src $A_MAC" \
	> "$cap" 2>&1
busywait 10000 grep -q "listening on" "$cap" || die "tcpdump did not start"

# Usable at once: Linux's first ping is answered
check_ok "add 10.0.1.10" cnet_a addr add 10.0.1.10/24 dev veth0
check_re 'cnet_a addr show dev veth0' \
	'^veth0 10\.0\.1\.10/24 brd 10\.0\.1\.255 optimistic tentative$' \
	"optimistic tentative at first"
check_re 'cnet_a -j addr show' '"flags": ?\["optimistic", ?"tentative"\]' \
	"-j: flags [optimistic, tentative]"
check_ok "B's first ping to the new address is answered" \
	ns_b ping -c 1 -W 2 10.0.1.10

# A source at once: the address on 10.0.2.0/24 is the one to reach B there
ip -n "$B" addr add 10.0.2.2/24 dev veth1 || die "cannot add 10.0.2.2 on B"
check_ok "add 10.0.2.5" cnet_a addr add 10.0.2.5/24 dev veth0
check_ok "A pings B from it at once" ns_a "$CNET_PING" -c 1 -W 2 10.0.2.2
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.10/24 .* optimistic tentative$' \
	"10.0.1.10 still probing after the pings"
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.2\.5/24 .* optimistic tentative$' \
	"10.0.2.5 still probing after the pings"
sleep 0.3
match_re "$(< "$cap")" ": 10\\.0\\.2\\.5 > 10\\.0\\.2\\.2: ICMP echo request" \
	"the optimistic address is the source"
match_re "$(< "$cap")" ": 10\\.0\\.1\\.10 > 10\\.0\\.1\\.2: ICMP echo reply" \
	"the optimistic address answers"

# The probes still go out; the announcement only after them
busywait 20000 addr_settled "$A" veth0 || fail "the probes did not end"
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.10/24 brd 10\.0\.1\.255$' \
	"in use after the probes"
sleep 0.3
log "capture:"
grep 10.0.1.10 "$cap" | indent
probes=$(grep -n "ff:ff:ff:ff:ff:ff, .* Request who-has 10.0.1.10 tell 0.0.0.0," "$cap")
match "$(grep -c . <<< "$probes")" 3 "3 broadcast probes with sender 0.0.0.0"
ann=$(grep -n "ff:ff:ff:ff:ff:ff, .* Request who-has 10.0.1.10 tell 10.0.1.10," "$cap")
match "$(grep -c . <<< "$ann")" 1 "one announcement"
last_probe=$(tail -n1 <<< "$probes" | cut -d: -f1)
match "$(( ${ann%%:*} > ${last_probe:-999999} ))" 1 "the announcement after the probes"

# A claim while optimistic: another MAC sends with the address as sender
send_arp() {	# send_arp MAC OP SENDER_IP TARGET_IP, from B's veth1
	ns_b python3 - "$@" <<'PY'
import socket, struct, sys
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
op, sip, tip = int(sys.argv[2]), sys.argv[3], sys.argv[4]
arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, mac,
                  socket.inet_aton(sip), bytes(6), socket.inet_aton(tip))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth1", 0))
s.send(b"\xff" * 6 + mac + b"\x08\x06" + arp)
PY
}
other=02:00:00:00:71:01
stats_save "$A"
check_ok "add 10.0.1.30" cnet_a addr add 10.0.1.30/24 dev veth0
check_ok "B reaches it while optimistic" ns_b ping -c 1 -W 2 10.0.1.30
send_arp "$other" 1 10.0.1.30 10.0.1.30 || die "cannot send"
wait_for 5000 'test "$(stat_delta arp_dad_failed)" -ge 1'
check_re 'cnet_a addr show dev veth0' '^veth0 10\.0\.1\.30/24 brd 10\.0\.1\.255 dadfailed$' \
	"a claim while optimistic: dadfailed, still listed"
match "$(stat_delta arp_dad_failed)" 1 "arp_dad_failed counted"
match "$(stat_delta arp_defend_tx)" 0 "not defended"
match_re "$(dmesg | tail -n 50)" "10\\.0\\.1\\.30 is in use by $other" \
	"the kernel log names the other MAC"
ip -n "$B" neigh flush dev veth1
check_err "it stops answering" ns_b ping -c 1 -W 2 10.0.1.30

# dad and nodad exclude each other
check_err "nodad and dad together are refused" \
	cnet_a addr add 10.0.1.40/24 dev veth0 nodad dad
exit_test
