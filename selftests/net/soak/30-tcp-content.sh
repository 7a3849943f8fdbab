#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# soak-timeout: 3600
#
# Every byte, in order, when segments are cut at unusual places (make soak
# only): once, CPython's sendfile testOffset received the right number of
# bytes over cnet's lo with different content, and it never came back. This
# loops the shapes that cut segments oddly until SOAK_SECS (default 600)
# have passed: sendfile() from a random offset, to a reader with a 4 KiB
# receive buffer that reads in bursts and pauses, past the RTO once a MiB
# (zero windows, zero-window probes, sends of part of a window, window
# updates), over a link with netem loss and reordering (retransmissions
# of part of a segment, SACK and RACK):
#   cnet -> Linux  A's cnet sends, B's Linux reads slowly
#   Linux -> cnet  B's Linux sends, A's cnet reads slowly
#   cnet lo        both ends cnet, over A's lo (the first report's case)
# SOAK_MIB (default 8) per transfer. Each must arrive whole (sha256 of
# the file from the offset); a mismatch prints where the content first
# differs, and 32 bytes of each from there.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
PY=/usr/bin/python3
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
secs=${SOAK_SECS:-600}
mib=${SOAK_MIB:-8}
setup_pair
ns_a tc qdisc add dev veth0 root netem delay 2ms 1ms loss 1% reorder 10% ||
	skip "no netem qdisc"
ns_b tc qdisc add dev veth1 root netem delay 2ms 1ms loss 1% reorder 10%

tmp=$(mktemp -d)
on_exit "rm -rf $tmp"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$tmp/data" || die "no room for the data"
cat > "$tmp/peer.py" <<'PY'
import hashlib, os, socket, sys, time
# recv PORT OUT: one connection, 4 KiB of receive buffer, bursts of 64 KiB
# with 5 ms pauses, 300 ms after each MiB; the bytes to OUT. send HOST PORT FILE OFFSET: sendfile()
# of FILE from OFFSET, then close.
if sys.argv[1] == "recv":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.bind(("0.0.0.0", int(sys.argv[2])))
    s.listen(1)
    print("listening", flush=True)
    c, _ = s.accept()
    with open(sys.argv[3], "wb") as out:
        got = 0
        while True:
            b = c.recv(65536)
            if not b:
                break
            out.write(b)
            got += len(b)
            if got % (1 << 20) < len(b):
                time.sleep(0.3)     # past the RTO: the sender probes
            elif got % (1 << 16) < len(b):
                time.sleep(0.005)
    print("received", got, flush=True)
else:
    c = socket.create_connection((sys.argv[2], int(sys.argv[3])), timeout=120)
    with open(sys.argv[4], "rb") as f:
        c.sendfile(f, int(sys.argv[5]))
    c.close()
PY

# transfer NAME RECV_NS RECV_WRAP SEND_NS SEND_WRAP HOST: one transfer from
# a random offset; 0 when the bytes arrived whole. *_WRAP is "$RUN" for a
# cnet end, "" for a Linux one.
port=8100
transfer() {
	local name=$1 rns=$2 rwrap=$3 sns=$4 swrap=$5 host=$6 off want got
	off=$(( (RANDOM * 32768 + RANDOM) % (mib * 1024 * 1024) ))
	port=$((port + 1))
	rm -f "$tmp/out" "$tmp/recv.log"
	# shellcheck disable=SC2086 # no wrapper for a Linux end
	ip netns exec "$rns" timeout 300 $rwrap "$PY" "$tmp/peer.py" recv "$port" "$tmp/out" \
		> "$tmp/recv.log" 2>&1 &
	local rpid=$!
	busywait 30000 grep -q listening "$tmp/recv.log" ||
		{ cat "$tmp/recv.log"; return 1; }
	# shellcheck disable=SC2086
	ip netns exec "$sns" timeout 300 $swrap "$PY" "$tmp/peer.py" send "$host" "$port" \
		"$tmp/data" "$off" > "$tmp/send.log" 2>&1 || { cat "$tmp/send.log"; return 1; }
	wait "$rpid" || { cat "$tmp/recv.log"; return 1; }
	want=$(tail -c +$((off + 1)) "$tmp/data" | sha256sum)
	got=$(sha256sum < "$tmp/out")
	[ "$want" = "$got" ] && return 0
	# where, and 32 bytes of each from there (od -A d: offsets in the
	# transfer, 0 being the file's byte $off)
	tail -c +$((off + 1)) "$tmp/data" > "$tmp/want"
	log "$name: sendfile from offset $off: the content differs:"
	cmp "$tmp/want" "$tmp/out" 2>&1 | indent
	local at
	at=$(cmp "$tmp/want" "$tmp/out" 2> /dev/null | sed -n 's/.* byte \([0-9]*\),.*/\1/p')
	if [ -n "$at" ]; then
		log "sent:"
		od -A d -t x1 -j $((at - 1)) -N 32 "$tmp/want" | indent
		log "received:"
		od -A d -t x1 -j $((at - 1)) -N 32 "$tmp/out" | indent
	fi
	return 1
}

stats_save "$A"
t0=$(now_ms)
n=0
bad=0
while [ $(( $(now_ms) - t0 )) -lt $((secs * 1000)) ]; do
	transfer cnet-linux "$B" "" "$A" "$RUN" "$B_IP" || bad=$((bad + 1))
	transfer linux-cnet "$A" "$RUN" "$B" "" "$A_IP" || bad=$((bad + 1))
	transfer cnet-lo "$A" "$RUN" "$A" "$RUN" 127.0.0.1 || bad=$((bad + 1))
	n=$((n + 3))
done
stats_deltas
log "$n transfers of up to $mib MiB in $(( ($(now_ms) - t0) / 1000 )) s;" \
	"retransmissions ${STATS_DELTA[tcp_retrans]:-?}," \
	"zero-window probes ${STATS_DELTA[tcp_win_probe]:-?}"
match "$bad" 0 "all $n transfers arrived whole (sha256 from a random offset)"
exit_test
