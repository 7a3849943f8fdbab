#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# libcnet-preload.so and cnet-run on a host without the cnet module
# (selftests/net/app/7*-preload-*.sh test them on cnet, in the VM):
#   - the calls of tests/preload-probe give the same results with the
#     library as without, for everything that is not an AF_INET TCP or
#     UDP socket: AF_INET6, AF_UNIX, netlink, raw and ping sockets, a
#     socket made with syscall() and a statically linked program (out of
#     its reach, as documented), and
#     getaddrinfo() of numbers;
#   - without the module, socket(AF_INET, SOCK_STREAM or SOCK_DGRAM) fails
#     with EAFNOSUPPORT, not a silent fall back to Linux, saying why once;
#   - cnet-run's command line, and its refusal without the module.
# Run from tools/ after "make preload-probe" (make check does both).
set -u
cd "$(dirname "$0")/.." || exit 1

pass=0
fail=0
lib=$PWD/preload/libcnet-preload.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
same() {	# same WHAT GOT WANT
	if [ "$2" = "$3" ]; then ok; else
		bad "$1"; echo "  got:  ${2//$'\n'/$'\n'        }"
		echo "  want: ${3//$'\n'/$'\n'        }"
	fi
}

if [ -d /sys/module/cnet ]; then
	echo "check-preload: the cnet module is loaded here: skipped"
	exit 0
fi

echo "== libcnet-preload.so"
probes=(inet-raw inet-ping netlink inet6 unix direct gai-numeric gai-v6)
./preload-probe "${probes[@]}" > "$tmp/linux" 2>&1
LD_PRELOAD=$lib ./preload-probe "${probes[@]}" > "$tmp/shim" 2>&1
same "pass-through: what is not AF_INET TCP/UDP is Linux's, unchanged" \
	"$(cat "$tmp/shim")" "$(cat "$tmp/linux")"
if grep -q '^direct: SO_DOMAIN 2, "hi" from family 2 127.0.0.1, same port 1$' \
	"$tmp/shim"; then
	ok
else
	bad "a syscall() socket: Linux's, its addresses AF_INET"
fi

LD_PRELOAD=$lib ./preload-probe inet-stream inet-dgram > "$tmp/out" 2> "$tmp/err"
same "no module: AF_INET TCP and UDP sockets fail with EAFNOSUPPORT" \
	"$(cat "$tmp/out")" "inet-stream: EAFNOSUPPORT
inet-dgram: EAFNOSUPPORT"
same "no module: said once, on stderr" "$(sed 's/\[[0-9]*\]/[PID]/' "$tmp/err")" \
	"cnet-preload[PID]: socket(AF_INET, SOCK_STREAM): no AF_CUSTOM sockets: is the cnet module loaded?"

# A statically linked program never loads the library: Linux's socket.
LD_PRELOAD=$lib ./preload-probe-static inet-stream > "$tmp/out" 2>&1
same "a static program: out of the library's reach (documented)" \
	"$(cat "$tmp/out")" "$(./preload-probe-static inet-stream 2>&1)"
same "...its AF_INET socket is Linux's" "$(cat "$tmp/out")" "inet-stream: ok"

# A name the library would ask the DNS over cnet: no socket, EAI_AGAIN.
out=$(LD_PRELOAD=$lib getent ahostsv4 no-such-host.invalid 2>&1)
same "no module: getaddrinfo() of a name fails, saying why" \
	"$(sed 's/\[[0-9]*\]/[PID]/' <<< "$out")" \
	'cnet-preload[PID]: getaddrinfo("no-such-host.invalid"): no AF_CUSTOM sockets: is the cnet module loaded?'
# /etc/hosts' names stay glibc's: no socket needed, no message.
out=$(LD_PRELOAD=$lib getent ahostsv4 localhost 2>&1 | head -1)
same "a name of /etc/hosts: glibc's answer" "$out" "127.0.0.1       STREAM localhost"

echo "== cnet-run"
run=preload/cnet-run
t() {	# t WANT_STATUS STDERR_REGEX CMD...
	local want=$1 re=$2 st good=false
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	if [ -z "$re" ] && [ ! -s "$tmp/err" ]; then
		good=true
	elif [ -n "$re" ] && grep -Eq -- "$re" "$tmp/err"; then
		good=true
	fi
	if $good && [ "$st" -eq "$want" ]; then
		ok
	else
		bad "$* -> status $st (want $want)"
		sed 's/^/  stderr: /' "$tmp/err"
	fi
}
t 2 '^cnet-run: no program given$'			$run
t 2 '^cnet-run: no program given$'			$run --
t 0 ''							$run -h
if grep -q '^Usage: cnet-run ' "$tmp/out"; then ok; else bad "cnet-run -h: no usage"; fi
t 0 ''							$run --help
t 2 '^cnet-run: unknown option -x$'			$run -x true
t 1 '^cnet-run: the cnet module is not loaded'		$run true
t 1 '^cnet-run: the cnet module is not loaded'		$run -- true
# in a copy without the library next to it
mkdir "$tmp/bin"
cp $run "$tmp/bin/"
t 1 '^cnet-run: libcnet-preload.so not found'		"$tmp/bin/cnet-run" true

echo "check-preload: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
