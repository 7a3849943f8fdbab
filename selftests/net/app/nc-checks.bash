#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cnet-nc checks (sourced by NN-nc-*.sh after app_setup): $NC in A
# against socat and OpenBSD nc on Linux in B.

# lines_at_least FILE N: FILE has N lines or more.
lines_at_least() {
	local -a l
	mapfile -t l < "$1"
	[ "${#l[@]}" -ge "$2" ]
}
# udp_bound_all NS PORT...: Linux UDP sockets in NS are bound to every
# PORT (one ss for all; a local address is followed by spaces).
udp_bound_all() {
	local ns=$1 out p
	shift
	out=$(ip netns exec "$ns" ss -Hnul)
	for p in "$@"; do
		[[ $out == *":$p "* ]] || return 1
	done
}

nc_checks() {
	local out rc start pid

	# The Linux ends that stay up, started at once and waited for
	# together: two echoes and, for -z, a socket on 7400.
	# A -> B -> A: a text line and a 1472-byte datagram (the most one
	# 1500-byte frame carries) echoed by socat (PIPE: what it reads from
	# its peer, it sends back).
	run_bg ip netns exec "$B" socat -T 20 UDP4-LISTEN:7000 PIPE
	run_bg ip netns exec "$B" socat -T 20 UDP4-LISTEN:7001 PIPE
	run_bg ip netns exec "$B" socat -u UDP4-RECV:7400 /dev/null
	busywait 5000 udp_bound_all "$B" 7000 7001 7400 || die "socat did not start"
	# (-w 1: socat echoes at once; the client then waits out -w)
	out=$(echo "hello over UDP" | ns_a "$NC" -u -w 1 "$B_IP" 7000 2>&1)
	rc=$?
	match "$rc" 0 "client: exits 0 when idle for -w"
	match "$out" "hello over UDP" "client: text round trip through socat"

	head -c 1472 /dev/urandom > "$TMP/1472"
	ns_a "$NC" -u -w 1 "$B_IP" 7001 < "$TMP/1472" > "$TMP/1472.back"
	if cmp -s "$TMP/1472" "$TMP/1472.back"; then
		pass "client: a 1472-byte datagram there and back"
	else
		fail "client: 1472 bytes sent, $(wc -c < "$TMP/1472.back") came back different"
	fi

	# B -> A: A listens; the first datagram's sender becomes its peer and
	# A's standard input goes back to it.
	echo "reply from A" > "$TMP/reply"
	# (not run_bg: an asynchronous command's standard input is
	# /dev/null unless the command itself redirects it)
	# (-w 4: long enough for socat to start in an emulated VM, about a
	# second there; once answered, the listener is idle for as long as
	# socat's -t 3 and one second more)
	ip netns exec "$A" "$NC" -luv -w 4 7100 \
		< "$TMP/reply" > "$TMP/got" 2> "$TMP/lerr" &
	pid=$!
	BG_PIDS+=("$pid")
	busywait 5000 file_has_line "$TMP/lerr" "Listening on 0.0.0.0 7100" ||
		die "the listener did not start: $(< "$TMP/lerr")"
	out=$(echo "hello from Linux" |
	      ns_b socat -t 3 - UDP4:"$A_IP":7100,sourceport=7101 2>&1)
	match "$out" "reply from A" "listener: its standard input went back to the peer"
	wait "$pid"
	match "$?" 0 "listener: exits 0 when idle for -w"
	match "$(< "$TMP/got")" "hello from Linux" "listener: the datagram printed"
	match_re "$(< "$TMP/lerr")" "^Connection received on $B_IP 7101$" \
		"listener -v: who the peer is"

	# A 1472-byte datagram from OpenBSD nc to a listener.
	run_bg ip netns exec "$A" "$NC" -luv -w 20 7200 \
		< /dev/null > "$TMP/got" 2> "$TMP/lerr"
	pid=$BG_PID
	busywait 5000 file_has_line "$TMP/lerr" "Listening on 0.0.0.0 7200" ||
		die "the listener did not start"
	ns_b nc -u -w 1 "$A_IP" 7200 < "$TMP/1472"
	wait_for 10000 '[ "$(wc -c < "$TMP/got")" -ge 1472 ]'
	kill "$pid"
	if cmp -s "$TMP/1472" "$TMP/got"; then
		pass "listener: a 1472-byte datagram from nc"
	else
		fail "listener: got $(wc -c < "$TMP/got") bytes, not the 1472 sent"
	fi

	# -k: datagrams from two peers; standard input would go to the last.
	run_bg ip netns exec "$A" "$NC" -lukv -w 20 7300 \
		< /dev/null > "$TMP/got" 2> "$TMP/lerr"
	pid=$BG_PID
	busywait 5000 file_has_line "$TMP/lerr" "Listening on 0.0.0.0 7300" ||
		die "the listener did not start"
	echo one | ns_b socat -u - UDP4:"$A_IP":7300,sourceport=7301
	echo two | ns_b socat -u - UDP4:"$A_IP":7300,sourceport=7302
	busywait 10000 lines_at_least "$TMP/got" 2
	kill "$pid"
	match "$(< "$TMP/got")" "one
two" "listener -k: datagrams from two peers"
	match "$(grep -c "^Connection received on $B_IP 730[12]$" "$TMP/lerr")" 2 \
		"listener -k -v: both peers named"

	# -z: an open port (a socket on B) and a closed one (port
	# unreachable, ECONNREFUSED on A's connected socket).
	out=$(ns_a "$NC" -zuv "$B_IP" 7400 2>&1)
	rc=$?
	match "$rc" 0 "-z: open port, exit 0"
	match "$out" "Connection to $B_IP 7400 port [udp/*] succeeded!" "-z -v: says so"
	out=$(ns_a "$NC" -zuv "$B_IP" 7401 2>&1)
	rc=$?
	match "$rc" 1 "-z: closed port, exit 1"
	match "$out" "cnet-nc: connect $B_IP:7401 (udp): Connection refused" \
		"-z -v: refused"
	out=$(ns_a "$NC" -zu "$B_IP" 7401 2>&1)
	match "$?/$out" "1/" "-z without -v: only the status"
	out=$(ns_a "$NC" -zu "$B_IP" 7398-7402 2>&1)
	match "$?" 0 "-z: a range with one open port"

	# Sending to a closed port: the refusal ends the session.
	out=$(echo x | ns_a "$NC" -u -w 3 "$B_IP" 7401 2>&1)
	rc=$?
	match "$rc" 1 "client: refused, exit 1"
	match_re "$out" "^cnet-nc: (receive from|send to) $B_IP:7401: Connection refused$" \
		"client: one line says so"

	# -w: a client with nothing to say, a listener nobody talks to.
	start=$(now_ms)
	ns_a "$NC" -u -w 1 "$B_IP" 7500 < /dev/null
	rc=$?
	match "$rc" 0 "client -w 1: exit 0 when idle"
	in_range "$(elapsed_ms "$start")" 900 5000 "client -w 1: about 1 s"
	start=$(now_ms)
	out=$(ns_a "$NC" -lu -w 1 7600 < /dev/null 2>&1)
	rc=$?
	match "$rc" 1 "listener -w 1: exit 1 without a peer"
	match "$out" "cnet-nc: no datagram on 0.0.0.0:7600 within -w" \
		"listener -w 1: says so"
	in_range "$(elapsed_ms "$start")" 900 5000 "listener -w 1: about 1 s"
}
