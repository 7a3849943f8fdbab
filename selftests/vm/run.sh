#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a command as root in the cnet test VM, or an interactive shell.
#
#   run.sh KDIR -- CMD...        run CMD, exit with its status
#   run.sh KDIR --interactive    a root shell on the console (Ctrl-A x quits)
#   run.sh --scan [--kcsan] LOG...
#                                only scan kernel logs for splats (--kcsan:
#                                as on the KCSAN kernel, below)
#
# The VM boots $KDIR/arch/x86/boot/bzImage with no initramfs and no disk: its
# root filesystem is the host's / over virtio-9p, read-only, and the
# repository is a second, writable 9p share that init.sh mounts at a fixed
# path, /run/cnet-repo, and binds at the path it has on the host too. So the
# clone may be anywhere, under /tmp, /run or /mnt (tmpfs in the guest) or in
# a path with spaces. PID 1 is selftests/vm/init.sh. CMD's words are joined
# with spaces and run by `bash -c` from /run/cnet-repo, like ssh does.
#
# Files in $REPO/.vm/ (kept after the run):
#   cmd          the command, written here, read by the guest
#   status       CMD's exit status, written by the guest
#   dmesg.log    the guest's dmesg at the end (plus kmemleak's report)
#   console.log  the kernel console (second serial port), all of it
#   splat.log    the splat report, when the kernel logs showed one
#   kcsan.log    on the KCSAN kernel: every KCSAN report, each after a line
#                "# cnet: TITLE" or "# core: TITLE"
#   times        guest timestamps (boot and command)
#
# The kernel logs are scanned for splats (BUG, WARNING, KASAN, lockdep,
# kmemleak, ...) after the run: if any, the report is printed and the exit
# status is non-zero even when CMD passed.
#
# On the KCSAN kernel (build-kernel.sh --kcsan; KDIR's .config has
# CONFIG_KCSAN=y) a data-race report ("BUG: KCSAN: data-race in A / B",
# between two lines of "=") is a splat when it is cnet's: a frame of it is
# in the module ("[cnet]") or a function in it is named cnet_*. A report
# wholly in core kernel code is Linux's own race, not cnet's to fix: it is
# listed in .vm/kcsan.log and counted on stderr, and fails nothing.
#
# Acceleration: KVM when /dev/kvm is hardware virtualization (kvm_intel or
# kvm_amd), else TCG (emulation: ~10x slower; some cloud VMs have a
# /dev/kvm, kvm_pvm, that cannot run a stock kernel at a usable speed).
#
# Environment:
#   VM_TIMEOUT   seconds before the VM is killed (default 1200; not with
#                --interactive)
#   VM_ACCEL     auto (default), kvm or tcg
#   VM_MEM       guest memory (default 4G with KVM, 2G with TCG)
#   VM_SMP       vCPUs (default 2)
#   VM_KMEMLEAK  0: skip the final kmemleak scans (~10 s with TCG)
#   VM_APPEND    extra kernel arguments; cnet_trace=1 traces init.sh, with
#                timestamps, in .vm/console.log
#   VM_HOST_TSC  1: with TCG, the guest's TSC runs at the host's TSC
#                frequency, not a calibration that fails on a busy host
#   VM_QUIET     1: no timing line on stderr
# One VM runs at a time per work tree (.vm/.lock); a second one waits.
#
# Exit status: CMD's, or 1 if CMD passed but the kernel logged a splat, or
# 124 if the VM timed out, or 125 if the VM did not run CMD to the end.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
vmdir=$repo/.vm

usage() {
	echo "usage: $0 KDIR -- CMD... | $0 KDIR --interactive | $0 --scan [--kcsan] LOG..." >&2
	exit 2
}

# splat_re and ignore_re: what a splat looks like.
# shellcheck source=selftests/vm/splat.sh
source "$here/splat.sh"

# KCSAN reports are told apart (kcsan=1) only on the KCSAN kernel.
kcsan=0

# kcsan_reports LOG: one line per KCSAN report in LOG: its first and last
# line numbers, "cnet" or "core", and its title. A report runs from the
# line of "=" before "BUG: KCSAN:" to the next such line (or the next
# report, or the end of the log, when it was cut short). It is cnet's when
# its title or a frame of it names cnet's code: a function of the module
# ("func+0x1/0x2 [cnet]") or one named cnet_*; except a race on the core
# kernel's own static data, an address in vmlinux's image
# (0xffffffff80000000 to the module area at 0xffffffffa0000000), which
# cnet has none of: the seconds ktime_get_seconds() reads while the timer
# tick rewrites the timekeeper is the kernel's race whoever calls it.
kcsan_reports() {
	awk '
		function emit(last) {
			if (cls == "cnet" && accesses && accesses == in_vmlinux)
				cls = "core"
			printf "%d %d %s %s\n", s, last, cls, title
			s = 0
		}
		{ sub(/\r$/, "") }
		/BUG: KCSAN: / {
			if (s) emit(NR - 1)
			s = prev ~ /========================================$/ ? NR - 1 : NR
			title = $0; sub(/.*BUG: KCSAN: /, "", title)
			cls = title ~ /(in | \/ )cnet_|\[cnet\]/ ? "cnet" : "core"
			accesses = in_vmlinux = 0
			prev = $0; next
		}
		s && match($0, / to 0x[0-9a-f]+ of [0-9]+ bytes by /) {
			accesses++
			addr = substr($0, RSTART + 4, RLENGTH - 4); sub(/ .*/, "", addr)
			if (addr ~ /^0xffffffff[89][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]$/)
				in_vmlinux++
		}
		s && /========================================$/ { emit(NR); prev = $0; next }
		s && (/\[cnet\]/ || /[[:space:]]cnet_[[:alnum:]_.]*\+0x/) {
			cls = "cnet"
		}
		{ prev = $0 }
		END { if (s) emit(NR) }
	' "$1"
}

# scan LOG...: print each splat found with its context; status 1 if any.
# With kcsan=1 a KCSAN report is printed whole when it is cnet's, and a
# line that matches inside any report is not a hit of its own.
scan() {
	local f found=0 lines reports=
	for f in "$@"; do
		[ -s "$f" ] || continue
		lines=$(grep -naE "$splat_re" "$f" | grep -vE "$ignore_re" |
			cut -d: -f1)
		if [ $kcsan = 1 ]; then
			reports=$(kcsan_reports "$f")
			lines=$(echo "$reports" | awk -v hits="$lines" '
				$1 ~ /^[0-9]+$/ { for (l = $1; l <= $2; l++) in_report[l] = 1 }
				END { n = split(hits, h, "\n")
				      for (i = 1; i <= n; i++)
					      if (h[i] != "" && !in_report[h[i]]) print h[i] }')
			reports=$(echo "$reports" | awk '$3 == "cnet" { print $1 "-" $2 }')
		fi
		[ -n "$lines$reports" ] || continue
		found=1
		echo "=== kernel splat in $f ==="
		# Context: 5 lines before each hit, 40 after; merged ranges,
		# at most 400 lines in all (cnet's KCSAN reports whole).
		awk -v hits="$(echo "$lines" | tr '\n' ' ')" \
		    -v whole="$(echo "$reports" | tr '\n' ' ')" '
			BEGIN { n = split(hits, h, " ")
				for (i = 1; i <= n; i++)
					for (l = h[i] - 5; l <= h[i] + 40; l++)
						want[l] = 1
				n = split(whole, w, " ")
				for (i = 1; i <= n; i++) {
					split(w[i], r, "-")
					for (l = r[1]; l <= r[2]; l++)
						want[l] = 1
				} }
			want[NR] { if (NR != last + 1 && last) print "    ..."
				   print "    " $0; last = NR; if (++out >= 400) exit }
		' "$f" | sed -u 's/\r//g'
		if [ $kcsan = 1 ]; then
			echo "=== end of splat ($(echo -n "$lines" | grep -c .) matching lines, $(echo -n "$reports" | grep -c .) KCSAN reports in cnet's code) ==="
		else
			echo "=== end of splat ($(echo "$lines" | wc -l) matching lines) ==="
		fi
	done
	[ $found -eq 0 ]
}

# kcsan_list LOG: every KCSAN report in LOG, each after a line "# cnet:
# TITLE" or "# core: TITLE", and a first line that counts them.
kcsan_list() {
	local reports
	reports=$(kcsan_reports "$1")
	echo "# KCSAN reports in $(basename "$1"):" \
		"$(echo -n "$reports" | awk '$3 == "cnet"' | grep -c .) in cnet's code (each fails the run)," \
		"$(echo -n "$reports" | awk '$3 == "core"' | grep -c .) in core kernel code (listed only)"
	echo "$reports" | while read -r first last cls title; do
		[ -n "$first" ] || continue
		echo "# $cls: $title"
		sed -n "${first},${last}p" "$1" | sed 's/\r//g'
	done
}

[ $# -ge 1 ] || usage
if [ "$1" = --scan ]; then
	shift
	[ "${1:-}" = --kcsan ] && { kcsan=1; shift; }
	scan "$@"
	exit
fi

kdir=$1
shift
[ $# -ge 1 ] || usage
mode=cmd
case "$1" in
--interactive) mode=interactive; [ $# -eq 1 ] || usage ;;
--) shift; [ $# -ge 1 ] || usage ;;
*) usage ;;
esac

kernel=$kdir/arch/x86/boot/bzImage
if [ ! -f "$kernel" ]; then
	echo "run.sh: no kernel at $kernel (build it: selftests/vm/build-kernel.sh)" >&2
	exit 125
fi
grep -qx 'CONFIG_KCSAN=y' "$kdir/.config" 2>/dev/null && kcsan=1
# A distribution's kernel (debian-kernel.sh) needs modules to mount the
# root share: its KDIR has an initrd that loads them.
initrd=()
[ -f "$kdir/initrd.img" ] && initrd=(-initrd "$kdir/initrd.img")
"$here/deps.sh" vm tests >&2 || exit 125

mkdir -p "$vmdir"
# One VM at a time per work tree: they share .vm/.
exec 8>"$vmdir/.lock"
if ! flock -n 8; then
	echo "run.sh: another VM is running in $repo; waiting" >&2
	flock 8
fi
rm -f "$vmdir/cmd" "$vmdir/status" "$vmdir/dmesg.log" "$vmdir/console.log" \
	"$vmdir/splat.log" "$vmdir/kcsan.log" "$vmdir/times"

if [ $mode = cmd ]; then
	printf '%s\n' "$*" > "$vmdir/cmd"
fi

# KVM when /dev/kvm opens and is hardware virtualization (kvm_intel or
# kvm_amd): other KVMs, like kvm_pvm in some cloud VMs, cannot run a stock
# kernel at a usable speed. VM_ACCEL=kvm or tcg overrides the choice.
# shellcheck disable=SC2054 # commas are QEMU's
accel=(-accel tcg,thread=multi -cpu max)
case "${VM_ACCEL:-auto}" in
auto)	if [ -c /dev/kvm ] && { exec 7<>/dev/kvm; } 2>/dev/null; then
		exec 7>&-
		if [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; then
			accel=(kvm)
		else
			kvms=(/sys/module/kvm_*)
			echo "run.sh: /dev/kvm is not hardware KVM (${kvms[*]##*/}); using TCG (slow)" >&2
		fi
	else
		echo "run.sh: /dev/kvm not usable, using TCG (slow)" >&2
	fi ;;
kvm)	accel=(kvm) ;;
tcg)	;;
*)	echo "run.sh: VM_ACCEL is auto, kvm or tcg" >&2; exit 2 ;;
esac
mem=2G
if [ "${accel[0]}" = kvm ]; then
	# Without arch-capabilities: some nested KVM hosts refuse its MSR.
	# shellcheck disable=SC2054
	accel=(-enable-kvm -cpu host,-arch-capabilities)
	mem=4G
fi
# Without KVM, 2G: kmemleak's scans walk all of memory, and take 3 times
# longer with 4G (~12 s instead of ~4 s each, and a run has three).
mem=${VM_MEM:-$mem}

append="console=ttyS1 loglevel=7"
if [ $mode = interactive ]; then
	# The kernel console on the terminal too, but only errors.
	append="console=ttyS1 console=ttyS0 loglevel=4"
fi
# Emulated CPUs have no trusted clocksource but the TSC: without this the
# guest falls back to jiffies and every rtt reads 0 or 4 ms.
append+=" tsc=reliable"
# 4-level paging. With 5-level paging (QEMU's "max" CPU has LA57), KASAN's
# idea of which addresses it covers depends on the LA57 CPU feature bit,
# which identify_cpu() clears and sets again at boot: an interrupt in that
# window is reported as a "wild-memory-access" in Linux's own IRQ code (seen
# once, before cnet was loaded), and a false splat fails the run. The
# kernels without KASAN (bench, KCSAN) boot the same way: 4-level paging
# costs them nothing.
append+=" no5lvl"
# Under TCG the guest's TSC counts at the host's TSC frequency (QEMU reads
# the host's counter), but the guest calibrates it against an emulated PIT,
# which fails when the host is busy ("Unable to calibrate against PIT"):
# the guest then falls back to the jiffies clocksource, whose time runs slow
# when timer interrupts come late (seen: 135 s of guest time in 290 s), so
# rates and rtts come out wrong. VM_HOST_TSC=1 (make bench) gives the guest
# the host's figure, which skips the calibration.
if [ "${VM_HOST_TSC:-0}" = 1 ] && [ "${accel[0]}" != -enable-kvm ]; then
	tsc_mhz=$(dmesg 2>/dev/null | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p' | tail -n 1)
	[ -n "$tsc_mhz" ] || tsc_mhz=$(awk '/^cpu MHz/ { print $4; exit }' /proc/cpuinfo)
	[ -n "$tsc_mhz" ] &&
		append+=" tsc_early_khz=$(awk -v m="$tsc_mhz" 'BEGIN { printf "%d", m * 1000 }')"
fi
append+=" root=rootfs rootfstype=9p"
append+=" rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose ro"
# The kernel takes a value in double quotes whole, spaces and all; init.sh
# finds the repository from its own path.
case $repo in *'"'*)
	echo "run.sh: the repository's path has a double quote, which a kernel command line cannot carry: $repo" >&2
	exit 125 ;;
esac
append+=" init=\"$repo/selftests/vm/init.sh\" panic_on_warn=0 oops=panic panic=-1"
append+=" cnet_mode=$mode cnet_kmemleak=${VM_KMEMLEAK:-1}"
if [ $mode = interactive ] && [ -t 0 ]; then
	read -r rows cols < <(stty size 2>/dev/null) || true
	append+=" cnet_rows=${rows:-24} cnet_cols=${cols:-80} cnet_term=${TERM:-vt100}"
fi
append+=" ${VM_APPEND:-}"

# One CPU per socket: with no ACPI in the kernel, CPUs are found in the MP
# table, where SeaBIOS lists only the first CPU of each socket.
smp=${VM_SMP:-2}
qemu=(qemu-system-x86_64 "${accel[@]}" -smp "$smp,sockets=$smp,cores=1,threads=1" -m "$mem"
	# -display none, not -nographic: with -nographic SeaBIOS writes its
	# banner and escape codes to the first serial port, CMD's output.
	-display none -nodefaults -no-user-config -no-reboot
	-kernel "$kernel" "${initrd[@]}" -append "$append"
	-virtfs "local,path=/,mount_tag=rootfs,security_model=none,readonly=on,multidevs=remap"
	# QEMU's option syntax: a comma in a value is written twice
	-virtfs "local,path=${repo//,/,,},mount_tag=repo,security_model=none,multidevs=remap"
	# The same tree again, read-only: init.sh mounts it with the page
	# cache on, for the programs the tests run over and over (see there).
	-virtfs "local,path=${repo//,/,,},mount_tag=repo-ro,security_model=none,readonly=on,multidevs=remap"
	-device virtio-rng-pci)

start=$(date +%s.%N)
if [ $mode = interactive ]; then
	# ttyS0 on the terminal, muxed with the QEMU monitor (Ctrl-A x quits,
	# Ctrl-C goes to the guest); ttyS1, the kernel console, to a file.
	[ -n "${VM_TIMEOUT:-}" ] && echo "run.sh: VM_TIMEOUT is ignored with --interactive" >&2
	"${qemu[@]}" -chardev stdio,id=con0,mux=on,signal=off \
		-serial chardev:con0 -mon chardev=con0,mode=readline \
		-serial file:"$vmdir/console.log"
	qrc=$?
else
	# ttyS0 is CMD's stdin/stdout (stdin /dev/null); ttyS1 the console.
	timeout --foreground -k 10 "${VM_TIMEOUT:-1200}" "${qemu[@]}" \
		-chardev stdio,id=con0,signal=on -serial chardev:con0 \
		-serial file:"$vmdir/console.log" < /dev/null | sed -u 's/\r//g'
	qrc=${PIPESTATUS[0]}
fi
end=$(date +%s.%N)

rc=0
if [ "$qrc" -eq 124 ]; then
	echo "run.sh: VM timed out after ${VM_TIMEOUT:-1200}s; end of the kernel console:" >&2
	tail -n 60 "$vmdir/console.log" | sed -u 's/\r//g' | sed 's/^/    /' >&2
	rc=124
elif [ -s "$vmdir/status" ]; then
	rc=$(cat "$vmdir/status")
	[[ $rc =~ ^[0-9]+$ ]] || rc=125
elif [ $mode = cmd ]; then
	echo "run.sh: the VM stopped before CMD finished (QEMU status $qrc); end of the kernel console:" >&2
	tail -n 60 "$vmdir/console.log" | sed -u 's/\r//g' | sed 's/^/    /' >&2
	rc=125
fi

# The guest's own dmesg when it saved it (it has kmemleak's report), and
# the console always: it is all that is left when the guest died.
logs=("$vmdir/dmesg.log")
if scan "$vmdir/dmesg.log" > /dev/null; then
	logs+=("$vmdir/console.log")
fi
if ! scan "${logs[@]}" > "$vmdir/splat.log"; then
	cat "$vmdir/splat.log" >&2
	echo "run.sh: the kernel logged a splat (report in .vm/splat.log)" >&2
	[ "$rc" -eq 0 ] && rc=1
else
	rm -f "$vmdir/splat.log"
fi
# The KCSAN reports, from the console (all of the run, even when the guest
# died or its log buffer wrapped), else from the guest's dmesg.
if [ $kcsan = 1 ]; then
	klog=$vmdir/console.log
	[ -s "$klog" ] || klog=$vmdir/dmesg.log
	kcsan_list "$klog" > "$vmdir/kcsan.log"
	counts=$(head -n 1 "$vmdir/kcsan.log")
	echo "run.sh: KCSAN: ${counts#*: } (.vm/kcsan.log)" >&2
fi

if [ "${VM_QUIET:-0}" != 1 ]; then
	booted=
	if [ -s "$vmdir/times" ]; then
		# times: "cmd_start <host-clock seconds> <uptime>"
		read -r _ t_cmd up_cmd < <(grep '^cmd_start' "$vmdir/times") || true
		[ -n "${t_cmd:-}" ] && booted=$(awk "BEGIN { printf \"%.1f\", $t_cmd - $start }")
	fi
	printf 'run.sh: VM %s, CMD started %ss after QEMU start (guest uptime %ss), total %.1fs\n' \
		"$([ "${accel[0]}" = -enable-kvm ] && echo kvm || echo tcg)" \
		"${booted:-?}" "${up_cmd:-?}" "$(awk "BEGIN { print $end - $start }")" >&2
fi
exit "$rc"
