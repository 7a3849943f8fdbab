#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# Unmodified HTTP programs on cnet through cnet-run (libcnet-preload.so):
# A runs cnet (10.0.1.1), B Linux (10.0.1.2). curl and wget under cnet-run
# in A fetch a 1 MiB file from `python3 -m http.server` in B; Linux curl in
# B fetches it from `python3 -m http.server` under cnet-run in A. Each copy
# is checked by sha256. A's Linux stack has no address, so nothing could
# go over it; CNET_DEBUG=1 shows the sockets were made AF_CUSTOM.
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
for p in curl wget; do
	command -v $p > /dev/null || skip "$p is not installed"
done

tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
cnet_listening() { cnet_a sock show -t state listen | grep -q ":$1 "; }
sha() { sha256sum < "$1" | cut -d' ' -f1; }

setup_pair
TMP=$(mktemp -d)
on_exit "rm -rf $TMP"
mkdir "$TMP/www"
head -c 1048576 /dev/urandom > "$TMP/www/blob"
want=$(sha "$TMP/www/blob")

# ---- cnet clients, a Linux server ---------------------------------------
run_bg ip netns exec "$B" /usr/bin/python3 -m http.server 8000 \
	--bind "$B_IP" --directory "$TMP/www" > "$TMP/srv-b.log" 2>&1
busywait 30000 tcp_listening "$B" 8000 || die "http.server in B did not listen"

out=$(CNET_DEBUG=1 ns_a "$RUN" curl -sS -o "$TMP/curl.out" \
	"http://$B_IP:8000/blob" 2>&1)
match "$?/$(sha "$TMP/curl.out")" "0/$want" "curl over cnet: 1 MiB, sha256"
match_re "$out" "socket\(AF_INET, SOCK_STREAM, [0-9]+\) = [0-9]+: an AF_CUSTOM socket" \
	"curl: its socket was made AF_CUSTOM (CNET_DEBUG)"

out=$(ns_a "$RUN" wget -q -O "$TMP/wget.out" "http://$B_IP:8000/blob" 2>&1)
match "$?/$(sha "$TMP/wget.out")" "0/$want" "wget over cnet: 1 MiB, sha256"

# Without cnet-run, the same curl in A has no IPv4 at all.
ns_a curl -sS -m 5 -o /dev/null "http://$B_IP:8000/blob" 2> /dev/null
match "$?" 7 "curl in A without cnet-run: no route on Linux (exit 7)"

# ---- a cnet server, a Linux client ----------------------------------------
# --bind: without it http.server listens on "::", an IPv6 socket: Linux's.
run_bg ip netns exec "$A" "$RUN" /usr/bin/python3 -m http.server 8001 \
	--bind "$A_IP" --directory "$TMP/www" > "$TMP/srv-a.log" 2>&1
busywait 30000 cnet_listening 8001 || die "http.server under cnet-run did not listen"
ns_b curl -sS -o "$TMP/srv.out" "http://$A_IP:8001/blob"
match "$?/$(sha "$TMP/srv.out")" "0/$want" "http.server over cnet, Linux curl: 1 MiB, sha256"
# the server logs the client's address: accept()'s, translated
match_re "$(< "$TMP/srv-a.log")" "^$B_IP - - .*\"GET /blob HTTP/1.1\" 200" \
	"http.server saw Linux's address as an AF_INET peer"
exit_test
