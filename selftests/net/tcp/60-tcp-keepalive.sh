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
# two retransmissions, past 1.4 s), with no RST; when ARP gives up on the
# vanished peer on the way, tcp_retries2 ends the connection with
# EHOSTUNREACH, the soft error ARP's ICMP left (as Linux); a peer that stops
# reading gets zero-window probes
# and, once it reads again, every byte (sha256); with TCP_USER_TIMEOUT a
# window that stays closed ends the connection (as Linux).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

# shellcheck source=selftests/net/tcp/vanish.bash
source "$(dirname "$0")/vanish.bash"

NC=$REPO/tools/cnet-nc
vanish_setup

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
match_re "$(< "$CAP")" "$A_IP\.[0-9]+ > $B_IP\.7600: Flags \[R" \
	"tcpdump on B: the keepalive timeout sent a RST"
stats_deltas
match "${STATS_DELTA[tcp_timeout]}" 1 "tcp_timeout grew by 1"

# ---- TCP_USER_TIMEOUT: 1.5 s of unacknowledged data
prog_start user_timeout "$B_IP" 7600 1500
vanish
prog_go
come_back
match "$PROG_RC" 0 "TCP_USER_TIMEOUT 1500: ETIMEDOUT after about 1.5 s"

# ---- tcp_retries2 3, tcp_orphan_retries 2: the first timeouts past
# Linux's model of 3 retransmissions (3 s) and of 2 (1.4 s) end them
conf_set "$A" tcp_retries2 3 tcp_orphan_retries 2 || die "cannot set the retries"
retries_case 3
orphan_case 2
# ...and with ARP giving up on B on the way (veth0's own short ARP times):
# EHOSTUNREACH, as Linux, whose ARP leaves the same ICMP error
cnet_a link set veth0 neigh_reachable_ms 300 neigh_delay_ms 100 \
	neigh_retrans_ms 100 neigh_ucast_probes 1 neigh_max_probes 1 ||
	die "cannot shorten veth0's ARP times"
# (B's entry afresh: a REACHABLE one keeps the 30 s it drew before)
cnet_a neigh flush dev veth0 || die "cannot flush A's ARP cache"
retries_case 3 EHOSTUNREACH
cnet_a link set veth0 neigh_reachable_ms 30000 neigh_delay_ms 5000 \
	neigh_retrans_ms 1000 neigh_ucast_probes 3 neigh_max_probes 3 ||
	die "cannot reset veth0's ARP times"
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
match_re "$(< "$CAP")" "win 0," "tcpdump on B: Linux closed its window"

# ---- the window stays closed: TCP_USER_TIMEOUT ends it
ip netns exec "$B" /usr/bin/python3 "$tmp/slow.py" 7602 30 > /dev/null &
SLOW=$!
busywait 30000 tcp_listening "$B" 7602 || die "the slow reader did not listen"
out=$(ns_a timeout 60 "$PROG" zerowin_timeout "$B_IP" 7602 1500 2>&1)
match "$?" 0 "zero window and TCP_USER_TIMEOUT 1500: ETIMEDOUT"
indent <<< "$out"
kill "$SLOW" 2>/dev/null
exit_test
