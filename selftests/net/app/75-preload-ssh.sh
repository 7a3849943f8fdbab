#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timeout: 240
#
# OpenSSH, unmodified, both ways between cnet (A, 10.0.1.1) and Linux (B,
# 10.0.1.2), with a key made for the test (ed25519: one throwaway key is
# the host key and the user's) and a configuration of the test's own (no
# PAM, no DNS, nothing of /etc/ssh):
# - sshd under cnet-run in A (it re-executes itself per connection and runs
#   sftp-server: the environment carries the shim): Linux's ssh runs a
#   command that prints both ends' addresses, scp (SFTP) copies 10 MiB to
#   A (cnet receives), checked by sha256;
# - ssh and scp under cnet-run in A against sshd in B: the command, and
#   10 MiB copied to B (cnet sends).
# Both sshds start at once. (The login shell's own messages on stderr,
# such as a read-only root's, are kept out of the checks.) About a minute
# in the emulated VM (each of the four connections costs sshd's
# re-execution, a login shell or sftp-server, ssh itself: a process start
# is about a second there). What costs time and tests nothing of cnet is
# left out: the key exchange is curve25519-sha256 (the default's
# post-quantum sntrup761 half is 1.5 s of emulated CPU per connection),
# and Linux's sshd does not re-execute itself (-r).
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/../../lib.sh"

RUN=$REPO/tools/preload/cnet-run
[ -f "$REPO/tools/preload/libcnet-preload.so" ] ||
	skip "tools/preload/libcnet-preload.so is not built"
for p in ssh scp ssh-keygen /usr/sbin/sshd; do
	command -v $p > /dev/null || skip "$p is not installed"
done

tcp_listening() { ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .; }
cnet_listening() { cnet_a sock show -t state listen | grep -q ":$1 "; }
sha() { sha256sum < "$1" | cut -d' ' -f1; }

setup_pair
tcp_mem_track "$A"
TMP=$(mktemp -d)
on_exit "rm -rf $TMP"
# sshd's privilege separation directory (/run is the VM's tmpfs)
mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$TMP/id" || die "ssh-keygen failed"
cp "$TMP/id.pub" "$TMP/authorized_keys"
head -c 10485760 /dev/urandom > "$TMP/blob"
want=$(sha "$TMP/blob")
SSHO=(-F /dev/null -i "$TMP/id" -o StrictHostKeyChecking=no
      -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR
      -o ConnectTimeout=20 -o KexAlgorithms=curve25519-sha256)

# sshd_bg NS ADDR NAME [WRAPPER]: sshd in NS on ADDR:2222, its log in
# $TMP/NAME.log
sshd_bg() {
	cat > "$TMP/$3.conf" <<-EOC
	ListenAddress $2:2222
	HostKey $TMP/id
	UseDNS no
	PidFile none
	AuthorizedKeysFile $TMP/authorized_keys
	StrictModes no
	UsePAM no
	PermitRootLogin prohibit-password
	Subsystem sftp /usr/lib/openssh/sftp-server
	EOC
	# (-r: Linux's sshd does not re-execute itself per connection, a
	# second or three of process start in the emulated VM that tests
	# nothing of cnet; the one under cnet-run does, as the shim must
	# survive it)
	local rexec=(-r)
	[ -n "${4:-}" ] && rexec=()
	run_bg ip netns exec "$1" ${4:+"$4"} /usr/sbin/sshd -D -e "${rexec[@]}" \
		-f "$TMP/$3.conf" > "$TMP/$3.log" 2>&1
}

sshd_bg "$A" "$A_IP" a "$RUN"
sshd_bg "$B" "$B_IP" b
busywait 20000 cnet_listening 2222 || die "sshd under cnet-run did not listen: $(< "$TMP/a.log")"
busywait 20000 tcp_listening "$B" 2222 || die "sshd in B did not listen: $(< "$TMP/b.log")"

# ---- sshd on cnet, Linux's ssh ----------------------------------------------
# shellcheck disable=SC2016 # expanded by the remote shell
out=$(ns_b ssh "${SSHO[@]}" -p 2222 root@"$A_IP" 'echo $SSH_CONNECTION' 2> "$TMP/err")
match "$?/$out" "0/$B_IP ${out#* }" "ssh from Linux to sshd over cnet: a command" &&
	match_re "$out" " $A_IP 2222$" "...which saw both ends' addresses" ||
	indent < "$TMP/err"
ns_b scp "${SSHO[@]}" -P 2222 "$TMP/blob" root@"$A_IP":"$TMP/up.a" 2> "$TMP/err"
match "$?/$(sha "$TMP/up.a" 2>&1)" "0/$want" \
	"scp from Linux to sshd over cnet: 10 MiB to cnet, sha256" ||
	tail -5 "$TMP/err" "$TMP/a.log" | indent

# ---- sshd on Linux, ssh on cnet ---------------------------------------------
# shellcheck disable=SC2016 # expanded by the remote shell
out=$(ns_a "$RUN" ssh "${SSHO[@]}" -p 2222 root@"$B_IP" 'echo $SSH_CONNECTION' 2> "$TMP/err")
match "$?/$out" "0/$A_IP ${out#* }" "ssh over cnet to sshd on Linux: a command" &&
	match_re "$out" " $B_IP 2222$" "...which saw both ends' addresses" ||
	indent < "$TMP/err"
ns_a "$RUN" scp "${SSHO[@]}" -P 2222 "$TMP/blob" root@"$B_IP":"$TMP/up.b" 2> "$TMP/err"
match "$?/$(sha "$TMP/up.b" 2>&1)" "0/$want" \
	"scp over cnet to sshd on Linux: 10 MiB from cnet, sha256" ||
	tail -5 "$TMP/err" "$TMP/b.log" | indent
exit_test
