#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# What ends a cnet connection (A) to Linux (B), and what does not: keepalive
# (idle 1 s, interval 1 s, 2 probes) keeps a connection to a live peer,
# whose answers tcpdump sees, and ends one to a vanished peer (netem drops
# all B sends) with ETIMEDOUT and a RST; TCP_USER_TIMEOUT ends data that
# stays unacknowledged, and so does tcp_retries2 (3: after 3 retransmissions,
# at the first timeout past Linux's model, (2^4 - 1) x 200 ms); an orphan
# (closed with data in flight) ends sooner, after tcp_orphan_retries (2:
# two retransmissions, past 1.4 s), with no RST; a peer that stops
# reading gets zero-window probes
# and, once it reads again, every byte (sha256); with TCP_USER_TIMEOUT a
# window that stays closed ends the connection (as Linux).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

PROG=$REPO/selftests/progs/tcp_opts
NC=$REPO/tools/cnet-nc
[ -x "$PROG" ] || skip "tcp_opts is not built"
command -v socat > /dev/null || skip "socat is not installed"
setup_pair
ns_b tc qdisc add dev veth1 root netem delay 1ms 2>/dev/null || skip "no netem qdisc"
ns_b tc qdisc del dev veth1 root
tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
vanish() { ns_b tc qdisc replace dev veth1 root netem loss 100%; }
come_back() { ns_b tc qdisc del dev veth1 root 2>/dev/null; }

# prog_start ARGS...: tcp_opts ARGS in A, in the background; returns once
# it is connected. prog_go: let it go on, wait for it (status in $PROG_RC).
prog_start() {
	rm -f "$tmp/go" "$tmp/out"
	mkfifo "$tmp/go"
	ip netns exec "$A" timeout 60 "$PROG" "$@" < "$tmp/go" > "$tmp/out" 2>&1 &
	PROG_PID=$!
	exec 3> "$tmp/go"
	busywait 20000 grep -q '^connected' "$tmp/out" || { cat "$tmp/out"; die "tcp_opts $1 did not connect"; }
}
prog_go() {
	echo go >&3
	exec 3>&-
	wait "$PROG_PID"
	PROG_RC=$?
	indent < "$tmp/out"
}

run_bg ip netns exec "$B" socat TCP4-LISTEN:7600,reuseaddr,fork PIPE
busywait 30000 tcp_listening "$B" 7600 || die "socat did not listen"

# ---- keepalive, a live peer: probes answered, the connection stays
stats_save "$A"
prog_start keepalive "$B_IP" 7600 live
capture_start "$B" veth1 "src host $A_IP and tcp port 7600 and tcp[tcpflags] == tcp-ack"
prog_go
match "$PROG_RC" 0 "keepalive, live peer: the connection survives 4.5 s quiet"
stats_deltas
match_re "${STATS_DELTA[tcp_keepalive]}" '^([3-9]|[1-9][0-9]+)$' \
	"keepalive probes sent (tcp_keepalive ${STATS_DELTA[tcp_keepalive]})"
# after the handshake: the probes, and the ACK of the echo
n=$(grep -c "length 0" "$CAP")
match_re "$n" '^([4-9]|[1-9][0-9]+)$' "tcpdump on B: the probes ($n bare ACKs from A)"

# ---- keepalive, a vanished peer: ETIMEDOUT and a RST
capture_start "$B" veth1 "src host $A_IP and tcp port 7600 and tcp[tcpflags] & tcp-rst != 0"
stats_save "$A"
prog_start keepalive "$B_IP" 7600 dead
vanish
prog_go
come_back
match "$PROG_RC" 0 "keepalive, vanished peer: ETIMEDOUT after the probes"
busywait 5000 grep -q "Flags \[R" "$CAP"
match_re "$(cat "$CAP")" "$A_IP\.[0-9]+ > $B_IP\.7600: Flags \[R" \
	"tcpdump on B: the keepalive timeout sent a RST"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}" 1 "tcp_timeout grew by 1"

# ---- TCP_USER_TIMEOUT: 1.5 s of unacknowledged data
prog_start user_timeout "$B_IP" 7600 1500
vanish
prog_go
come_back
match "$PROG_RC" 0 "TCP_USER_TIMEOUT 1500: ETIMEDOUT after about 1.5 s"

# ---- tcp_retries2 3: the first timeout past Linux's model (3 s) ends it
conf_set "$A" tcp_retries2 3 tcp_orphan_retries 2 || die "cannot set the retries"
stats_save "$A"
prog_start retries "$B_IP" 7600
rto=$(tcp_rto_ms "$A" "$B_IP:7600") || die "no RTO for the connection"
read -r model when < <(tcp_give_up 3 "$rto")
vanish
prog_go
come_back
match "$PROG_RC" 0 "tcp_retries2 3: ETIMEDOUT"
dt=$(sed -n 's/.*# ETIMEDOUT after \([0-9]*\) ms$/\1/p' "$tmp/out")
match_re "$(( ${dt:-0} >= model && ${dt:-0} <= when + 3000 ))/$dt" "^1/" \
	"tcp_retries2 3: at the timeout past Linux's model ($model ms): $when ms with an RTO of $rto ms ($dt ms)"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" 1/3 \
	"tcp_retries2 3: three timeouts retransmitted, the fourth ended it (tcp_timeout/tcp_rto)"

# ---- an orphan with data and its FIN in flight: tcp_orphan_retries 2
# ends it past 1.4 s, before tcp_retries2 would, and sends no RST
# orphans: A's sockets to B:7600 in FIN-WAIT-1, their local ports in ORPHANS
orphans() {
	mapfile -t ORPHANS < <(cnet_a sock show -t state fin-wait-1 |
		sed -nE "s/.* $A_IP:([0-9]+) +$B_IP:7600( .*)?\$/\1/p")
	echo ${#ORPHANS[@]}
}
# (the keepalive case's capture still runs: every RST A sends to B:7600)
stats_save "$A"
prog_start orphan "$B_IP" 7600
rto=$(tcp_rto_ms "$A" "$B_IP:7600") || die "no RTO for the connection"
read -r model when < <(tcp_give_up 2 "$rto")
vanish
t0=$(now_ms)
prog_go
match "$PROG_RC" 0 "orphan: closed with 1000 bytes and its FIN unacknowledged"
orphans > /dev/null
match "${#ORPHANS[@]}" 1 "orphan: in FIN-WAIT-1 after close"
port=${ORPHANS[0]:-none}
wait_for 15000 'test "$(orphans)" = 0'
dt=$(( $(now_ms) - t0 ))
match "$(orphans)" 0 "orphan: gone once tcp_orphan_retries ran out"
match_re "$(( dt >= model && dt <= when + 3000 ))/$dt" "^1/" \
	"orphan: gone at the timeout past Linux's model ($model ms): $when ms with an RTO of $rto ms ($dt ms)"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}/${STATS_DELTA[tcp_rto]}" 1/2 \
	"orphan: two timeouts retransmitted, the third ended it (tcp_timeout/tcp_rto)"
match "$(grep -c "$A_IP\.$port > $B_IP\.7600: Flags \[R" "$CAP")" 0 \
	"tcpdump on B: the orphan's timeout sent no RST"
come_back
conf_set "$A" tcp_retries2 15 tcp_orphan_retries 0 || die "cannot reset the retries"

# ---- a peer that stops reading for 4 s, then reads everything
head -c $((256 * 1024)) /dev/urandom > "$tmp/data"
want=$(sha256sum < "$tmp/data" | cut -d' ' -f1)
cat > "$tmp/slow.py" <<'PY'
import hashlib, socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind(("0.0.0.0", int(sys.argv[1])))
s.listen(1)
c, _ = s.accept()
time.sleep(float(sys.argv[2]))
h, n = hashlib.sha256(), 0
while True:
    d = c.recv(65536)
    if not d:
        break
    h.update(d)
    n += len(d)
print(h.hexdigest(), n, flush=True)
PY
ip netns exec "$B" /usr/bin/python3 "$tmp/slow.py" 7601 4 > "$tmp/got" &
SLOW=$!
busywait 30000 tcp_listening "$B" 7601 || die "the slow reader did not listen"
capture_start "$B" veth1 "tcp port 7601 and src host $B_IP"
stats_save "$A"
ns_a timeout 60 "$NC" -N "$B_IP" 7601 < "$tmp/data"
match "$?" 0 "zero window: cnet-nc sent 256 KiB to a peer that paused"
wait "$SLOW"
match "$(cut -d' ' -f1 "$tmp/got")" "$want" "the peer got every byte (sha256)"
stats_deltas
match_re "${STATS_DELTA[tcp_win_probe]}" '^[1-9][0-9]*$' \
	"zero-window probes sent (tcp_win_probe ${STATS_DELTA[tcp_win_probe]})"
match "${STATS_DELTA[tcp_timeout]}" 0 "probes answered: nothing timed out"
match_re "$(cat "$CAP")" "win 0," "tcpdump on B: Linux closed its window"

# ---- the window stays closed: TCP_USER_TIMEOUT ends it
ip netns exec "$B" /usr/bin/python3 "$tmp/slow.py" 7602 30 > /dev/null &
SLOW=$!
busywait 30000 tcp_listening "$B" 7602 || die "the slow reader did not listen"
out=$(ns_a timeout 60 "$PROG" zerowin_timeout "$B_IP" 7602 1500 2>&1)
match "$?" 0 "zero window and TCP_USER_TIMEOUT 1500: ETIMEDOUT"
indent <<< "$out"
kill "$SLOW" 2>/dev/null
exit_test
