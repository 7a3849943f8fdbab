#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# nginx, unmodified, on both sides: A runs cnet (10.0.1.1), B Linux
# (10.0.1.2), each with an nginx serving the same files (a 1 MiB blob and a
# 2 KiB page; sendfile on, as nginx's default, so the blob leaves A through
# splice into a cnet socket).
#
# - nginx under cnet-run in A, Linux curl in B fetches the blob (sha256)
#   and two pages over one kept-alive connection;
# - ab (apache2-utils) in B: 400 requests, 100 at a time, to A's nginx; none
#   may fail, and A's TCP sockets all go away afterwards;
# - curl and wget under cnet-run in A fetch the blob from B's nginx (sha256).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
for p in nginx ab curl wget; do
	command -v $p > /dev/null || skip "$p is not installed"
done

tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
cnet_listening() { cnet_a sock show -t state listen | grep -q ":$1 "; }
sha() { sha256sum < "$1" | cut -d' ' -f1; }

# nginx_conf NAME ADDR:PORT: a configuration for an nginx in the foreground
# serving $TMP/www, everything it writes under $TMP/NAME.
nginx_conf() {
	mkdir -p "$TMP/$1"
	cat > "$TMP/$1/nginx.conf" <<-EON
	worker_processes 1;
	user root;
	pid $TMP/$1/nginx.pid;
	error_log stderr;
	events { worker_connections 512; }
	http {
		access_log $TMP/$1/access.log;
		client_body_temp_path $TMP/$1/body;
		proxy_temp_path $TMP/$1/proxy;
		fastcgi_temp_path $TMP/$1/fastcgi;
		uwsgi_temp_path $TMP/$1/uwsgi;
		scgi_temp_path $TMP/$1/scgi;
		server {
			listen $2 backlog=256;
			root $TMP/www;
		}
	}
	EON
}
# nginx_bg NS NAME [WRAPPER]: nginx in the background in NS
nginx_bg() {
	run_bg ip netns exec "$1" ${3:+"$3"} nginx -e stderr -p "$TMP/$2" \
		-c "$TMP/$2/nginx.conf" -g 'daemon off;' > "$TMP/$2/err.log" 2>&1
}

setup_pair
tcp_mem_track "$A"
TMP=$(mktemp -d)
on_exit "rm -rf $TMP"
mkdir "$TMP/www"
head -c 1048576 /dev/urandom > "$TMP/www/blob"
head -c 2048 /dev/urandom > "$TMP/www/page"
want=$(sha "$TMP/www/blob")

# ---- nginx on cnet, Linux clients -------------------------------------------
nginx_conf a "$A_IP:8080"
nginx_bg "$A" a "$RUN"
busywait 30000 cnet_listening 8080 ||
	die "nginx under cnet-run did not listen: $(< "$TMP/a/err.log")"

ns_b curl -sS -o "$TMP/blob.b" "http://$A_IP:8080/blob"
match "$?/$(sha "$TMP/blob.b")" "0/$want" "nginx over cnet, Linux curl: 1 MiB, sha256"
out=$(ns_b curl -sS -o /dev/null -o /dev/null -w '%{num_connects} ' \
	"http://$A_IP:8080/page" "http://$A_IP:8080/page" 2>&1)
match "$?/$out" "0/1 0 " "two requests over one kept-alive connection"

out=$(ns_b ab -q -n 400 -c 100 -s 30 "http://$A_IP:8080/page" 2>&1)
match_re "$out" "^Complete requests: +400$" "ab -c 100: 400 requests complete" ||
	tail -5 "$TMP/a/err.log" | indent
match_re "$out" "^Failed requests: +0$" "ab -c 100: no failed request"
match_re "$out" "^HTML transferred: +819200 bytes$" "ab: every page whole (400 x 2 KiB)"
log "ab: $(grep -E '^(Time taken|Requests per second)' <<< "$out" | tr -s ' ' | paste -sd ';')"
match "$(grep -c '"GET /page HTTP/1.0" 200 2048' "$TMP/a/access.log")" 400 \
	"nginx's log: 400 answers of 2 KiB, each to B's address" ||
	tail -3 "$TMP/a/access.log" | indent

# ---- nginx on Linux, clients on cnet ----------------------------------------
nginx_conf b "$B_IP:8080"
nginx_bg "$B" b
busywait 30000 tcp_listening "$B" 8080 || die "nginx in B did not listen"
ns_a "$RUN" curl -sS -o "$TMP/blob.curl" "http://$B_IP:8080/blob"
match "$?/$(sha "$TMP/blob.curl")" "0/$want" "curl over cnet, nginx on Linux: 1 MiB, sha256"
ns_a "$RUN" wget -q -O "$TMP/blob.wget" "http://$B_IP:8080/blob"
match "$?/$(sha "$TMP/blob.wget")" "0/$want" "wget over cnet, nginx on Linux: 1 MiB, sha256"
match_re "$(< "$TMP/b/access.log")" "^$A_IP - .*\"GET /blob HTTP/1.1\" 200 1048576 .*Wget" \
	"B's nginx served wget at cnet's address"
exit_test
