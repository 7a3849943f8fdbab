#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the cnet test VM (started by selftests/vm/run.sh).
#
# The root filesystem is the host's /, read-only over 9p. This mounts the
# kernel filesystems and tmpfs where a test must write (selftests/vm/fstab:
# /tmp, /run, /var/tmp, /mnt, /dev/shm), mounts the repository share
# writable at a fixed path, /run/cnet-repo (the commands run there, so a
# host path with spaces never reaches a test), with tools/, module/ and
# selftests/progs/ from a cached read-only view, binds it at the path it has
# on the host as well (a clone under /tmp, /run or /mnt is hidden by those
# tmpfs: its mount point is made in them), runs the command in .vm/cmd (or
# an interactive shell), checks for kmemleak reports, saves dmesg and the
# command's status in .vm/ and reboots, which stops QEMU.
#
# Its settings come from the kernel command line as environment variables:
# cnet_mode (cmd or interactive), cnet_kmemleak (0: no final scan),
# cnet_bootscan (0: no boot-time scan), cnet_trace (1: trace this script),
# and for the interactive shell cnet_rows, cnet_cols, cnet_term. The
# repository's host path is this script's, ../.. (cnet_repo overrides it).
set -u

# cnet_trace=1 on the kernel command line (VM_APPEND) traces this script,
# with timestamps, on the kernel console (.vm/console.log).
if [ "${cnet_trace:-0}" = 1 ] && exec 19> /dev/ttyS1; then
	PS4='+ $EPOCHREALTIME '
	BASH_XTRACEFD=19
	set -x
fi

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=${cnet_term:-linux}
mode=${cnet_mode:-cmd}
# Read before the tmpfs mounts, which may hide it (a clone under /tmp).
repo=${cnet_repo:-$(cd "$(dirname "$0")/../.." && pwd)}
# Where the guest mounts the repository, whatever its host path.
mnt=/run/cnet-repo

say() { echo "init: $*" > /dev/kmsg 2>/dev/null || echo "init: $*" >&2; }

stop() {
	sync
	reboot -f
	# In case reboot is not the one we know: the syscall itself.
	perl -e 'syscall(169, 0xfee1dead, 672274793, 0x01234567)'
	sleep 5
	exit 1	# PID 1 exiting panics, and panic=-1 reboots
}

# Every exec costs ~0.2-1 s in a TCG guest with a debug kernel: this uses
# bash builtins where it can, and a single mount for all the filesystems.
mount -a -T "$repo/selftests/vm/fstab"
# What udev would make: bash's <(...) needs /dev/fd.
ln -s /proc/self/fd /dev/fd
ln -s fd/0 /dev/stdin
ln -s fd/1 /dev/stdout
ln -s fd/2 /dev/stderr

# Boot-time kmemleak reports are noise: mark them seen. The scan is slow
# without KVM; it runs while the rest of the setup does.
kmemleak=/sys/kernel/debug/kmemleak
scan_pid=
if [ -w $kmemleak ] && [ "${cnet_bootscan:-1}" = 1 ]; then
	{ echo scan > $kmemleak; echo clear > $kmemleak; } &
	scan_pid=$!
fi

mkdir -p "$mnt"
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 repo "$mnt"; then
	say "cannot mount the repository share at $mnt"
	stop
fi
# The writable share has no page cache (the host reads what the guest
# writes, and a panic must not lose a test's log), so every exec from it
# reads the whole file again over 9p: about 50 ms more for each run of
# tools/cnet than from a cached mount. The built programs and the module
# do not change while a command runs, so their directories come from a
# read-only view of the same tree with the cache on. Not for the
# interactive shell, where one may rebuild on the host and run again.
ro=/run/cnet-repo-ro
if [ "$mode" != interactive ] && mkdir -p "$ro" &&
   mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro repo-ro "$ro"; then
	for d in tools selftests/progs module; do
		[ -d "$mnt/$d" ] && mount --bind "$ro/$d" "$mnt/$d" ||
			say "cannot bind the cached $d; it stays uncached"
	done
fi
# At its host path too, for commands that name it so. Where a tmpfs hid
# that path, the mount point is made in the tmpfs; under the read-only
# root, the path is there already.
if [ "$repo" != "$mnt" ]; then
	if ! { mkdir -p "$repo" && mount --rbind "$mnt" "$repo"; }; then
		say "cannot bind the repository at $repo; it is at $mnt"
	fi
fi
echo cnet-vm > /proc/sys/kernel/hostname
ip link set lo up
cd "$mnt" || stop
say "filesystems mounted"
if [ -n "$scan_pid" ]; then
	wait "$scan_pid"
	say "kmemleak boot scan done"
fi

now() { local up; read -r up _ < /proc/uptime; echo "$EPOCHREALTIME $up"; }
echo "cmd_start $(now)" > .vm/times

if [ "$mode" = interactive ]; then
	[ "${cnet_rows:-0}" -gt 0 ] && [ "${cnet_cols:-0}" -gt 0 ] &&
		stty -F /dev/ttyS0 rows "$cnet_rows" cols "$cnet_cols"
	# Not root's own .bashrc: the host's may set up things (like a pyenv)
	# that do not work on a read-only root.
	echo "PS1='\u@\h:\w\\$ '" > /tmp/bashrc
	cat > /dev/ttyS0 <<-EOF
	cnet test VM, kernel $(uname -r); the repository is $mnt (and $repo).
	Leave with 'exit' (or Ctrl-A x to kill QEMU).
	EOF
	setsid -c -w bash --rcfile /tmp/bashrc -i <> /dev/ttyS0 >&0 2>&0
	status=$?
else
	bash -c "$(< .vm/cmd)" < /dev/null > /dev/ttyS0 2>&1
	status=$?
fi
echo "cmd_end $(now)" >> .vm/times
say "command exited with status $status"

# Leaks: kmemleak reports an object once it is older than 5 s and a second
# scan found it unreferenced and unchanged. The wait between the scans makes
# the command's last objects old enough; a slow first scan is wait enough.
if [ -w $kmemleak ] && [ "${cnet_kmemleak:-1}" != 0 ]; then
	t0=${EPOCHREALTIME/./}
	echo scan > $kmemleak
	waited=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
	[ $waited -lt 6000 ] && sleep "$(( (6000 - waited + 999) / 1000 ))"
	echo scan > $kmemleak
fi
dmesg > .vm/dmesg.log
leaks=$(< $kmemleak) 2>/dev/null
if [ -n "$leaks" ]; then
	printf -- '--- kmemleak report ---\n%s\n' "$leaks" >> .vm/dmesg.log
fi
echo "end $(now)" >> .vm/times
echo "$status" > .vm/status
stop
