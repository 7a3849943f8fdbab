# SPDX-License-Identifier: GPL-2.0
#
# cnet: an IPv4 stack as a loadable Linux module.
#
#   make              module and tools (module against the running kernel's
#                     headers when installed, else the cached test kernel)
#   make install      install module, tools and man pages
#   make uninstall    remove them
#   make deb          Debian packages cnet-dkms and cnet-tools in build/
#                     (DEB_OUT= elsewhere), lintian-checked; see
#                     Documentation/install.rst
#   make check        the test suite in the test VM (README's test command),
#                     and the fuzz targets' corpora replayed on the host;
#                     T="PATTERN..." runs only some selftests: an area
#                     (T=icmp) or a part of a test's name (T=dad)
#   make check KERNEL=kcsan
#                     the same on the KCSAN kernel (data-race detector in
#                     place of KASAN; not part of the default run): a race
#                     in cnet's code fails it, one in core kernel code is
#                     listed in .vm/kcsan.log (Documentation/testing.rst)
#   make soak         the long tests in the VM, not part of make check
#                     (Documentation/testing.rst): TCP's netem matrix and a
#                     clean link at 100 MiB, 10 000 connections, 100 000 UDP
#                     sockets, connections churned for minutes and TCP's
#                     default retry limits (selftests/net/soak/); T= as for
#                     check, SOAK_SECS= how long the churn lasts
#   make demo         what happens when you type a URL, on cnet: DHCP, ARP,
#                     DNS, a route, TCP and HTTP with unmodified curl, layer
#                     by layer (selftests/demo.sh)
#   make demo-ping    two hosts, one on cnet, one on Linux, pinging each
#                     other; then cnet routes and traceroute crosses it
#   make vm-run CMD=  run CMD as root in the test VM, exit with its status
#   make vm           interactive shell in the test VM
#   make lint         checkpatch --strict, sparse (C=2) and W=1 on module/;
#                     the pure files include no skbuff.h or sock.h
#   make compat-check the module built with W=1 against Debian 12's own
#                     kernel headers (6.1, installed when missing), in a
#                     scratch copy; any warning fails it. `make check` runs
#                     it too
#   make bench        benchmarks in the VM on the bench kernel (no debug
#                     checkers), as ratios against Linux; B="PATTERN..."
#                     runs only some (B=udp)
#   make fuzz         the fuzz targets of the pure code (fuzz/), on the host,
#                     each for FUZZ_SECONDS (default 60), then a summary of
#                     executions and coverage; F="TARGET..." only some.
#                     `make check` replays their corpora (no fuzzing)
#
# KDIR=/path/to/kernel/build overrides the kernel the module is built for.
# KERNEL=kcsan makes the VM targets (vm-build, vm-run, vm, check, soak,
# demo, demo-ping, kernel) use the KCSAN kernel, `build-kernel.sh --kcsan`,
# instead of the test kernel (KERNEL=test, the default). module/ is built
# for one kernel at a time: switching rebuilds it.

CNET_CACHE	?= /var/cache/cnet
export CNET_CACHE

HOST_KDIR	:= /lib/modules/$(shell uname -r)/build
KERNEL		?= test
ifeq ($(KERNEL),test)
KERNEL_OPT	:=
else ifeq ($(KERNEL),kcsan)
KERNEL_OPT	:= --kcsan
else
$(error KERNEL is test (the default) or kcsan, not "$(KERNEL)")
endif
TEST_KDIR	= $(shell selftests/vm/build-kernel.sh $(KERNEL_OPT))
BENCH_KDIR	= $(shell selftests/vm/build-kernel.sh --bench)
ifeq ($(origin KDIR),undefined)
ifneq ($(wildcard $(HOST_KDIR)/Makefile),)
KDIR		:= $(HOST_KDIR)
else
KDIR		= $(TEST_KDIR)
endif
endif

PREFIX		?= /usr/local
MODDIR		?= /lib/modules/$(shell uname -r)/extra

.PHONY: all module tools install uninstall clean kernel bench-kernel vm-build vm-run vm check soak \
	demo demo-ping bench lint fuzz

all: module tools

# Kbuild takes no space in M=: kbuild-dir.sh gives a path without any.
module:
	@kdir="$(KDIR)"; test -n "$$kdir" || { echo "no kernel to build against"; exit 1; }; \
	m=$$(selftests/vm/kbuild-dir.sh) || exit 1; \
	$(MAKE) -C "$$kdir" M="$$m" $(if $(W),W=$(W)) $(if $(C),C=$(C)) modules

tools:
	@selftests/vm/deps.sh tools
	$(MAKE) -C tools

install: all
	install -D -m 0644 module/cnet.ko $(DESTDIR)$(MODDIR)/cnet.ko
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	@if [ -z "$(DESTDIR)" ]; then depmod -a || true; fi

uninstall:
	rm -f $(DESTDIR)$(MODDIR)/cnet.ko
	$(MAKE) -C tools uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	@if [ -z "$(DESTDIR)" ]; then depmod -a || true; fi

.PHONY: deb
deb:
	@selftests/vm/deps.sh deb
	@packaging/build-deb.sh $(if $(DEB_OUT),"$(DEB_OUT)")

clean:
	@kdir="$(firstword $(wildcard $(HOST_KDIR)/Makefile))"; \
	for d in $(CNET_CACHE)/kernel-*; do \
		[ -f "$$d/.cnet-built" ] && kdir="$$d/Makefile"; done; \
	if [ -n "$$kdir" ]; then m=$$(selftests/vm/kbuild-dir.sh) && \
		$(MAKE) -C "$$(dirname "$$kdir")" M="$$m" clean; fi
	$(MAKE) -C tools clean
	$(MAKE) -C selftests/progs clean
	$(MAKE) -C fuzz clean
	rm -rf .vm

kernel:
	@selftests/vm/build-kernel.sh $(KERNEL_OPT)

bench-kernel:
	@selftests/vm/build-kernel.sh --bench

# Everything that runs in the VM is built against the test kernel (or the
# one KERNEL= names).
vm-build:
	@$(MAKE) --no-print-directory module tools KDIR="$(TEST_KDIR)"
	@$(MAKE) --no-print-directory -C selftests/progs

vm-run: vm-build
	@selftests/vm/run.sh "$(TEST_KDIR)" -- $(CMD)

vm: vm-build
	@selftests/vm/run.sh "$(TEST_KDIR)" --interactive

# T's patterns are checked before anything is built: a typo fails at once.
check:
	@selftests/run-tests.sh --list $(T) > /dev/null
	@$(MAKE) --no-print-directory vm-build
	@selftests/check.sh "$(TEST_KDIR)" $(T)

# The tests that read SOAK=1 (their long versions: "${SOAK:-0}" in the
# script) and the area soak/, which only make soak runs. Hours in an
# emulated VM.
SOAK_T		?= $(patsubst selftests/net/%.sh,%,$(shell grep -l 'SOAK:-' \
		   selftests/net/*/*.sh)) soak
soak:
	@SOAK=1 selftests/run-tests.sh --list $(or $(T),$(SOAK_T)) > /dev/null
	@$(MAKE) --no-print-directory vm-build
	@SOAK=1 VM_TIMEOUT=$${VM_TIMEOUT:-28800} \
		$(if $(SOAK_SECS),SOAK_SECS=$(SOAK_SECS)) \
		selftests/check.sh "$(TEST_KDIR)" $(or $(T),$(SOAK_T))

demo: vm-build
	@selftests/vm/run.sh "$(TEST_KDIR)" -- selftests/demo.sh

demo-ping: vm-build
	@selftests/vm/run.sh "$(TEST_KDIR)" -- selftests/demo-ping.sh

# Benchmarks boot the bench kernel (build-kernel.sh --bench: the test
# kernel's config without the debug checkers, plus pktgen); its cnet.ko is
# built in a copy of module/ under .vm/, so module/ keeps the test kernel's.
bench: tools
	@$(MAKE) --no-print-directory -C selftests/progs
	@kdir="$(BENCH_KDIR)"; test -n "$$kdir" || exit 1; \
	ko=$$(selftests/vm/build-module.sh "$$kdir") || exit 1; \
	mkdir -p .vm && echo "$$(sed -n 's/^model name.*: //p' /proc/cpuinfo | \
		head -1), $$(nproc) cores" > .vm/bench-host; \
	VM_TIMEOUT=$${VM_TIMEOUT:-3600} VM_HOST_TSC=1 selftests/vm/run.sh "$$kdir" -- \
		"CNET_KO=$${ko#$(CURDIR)/} $(BENCH_ENV) selftests/bench/run.sh $(B)"

# Crashes (and failed properties) fail it; they are kept in fuzz/out/crashes/.
fuzz:
	@selftests/vm/deps.sh fuzz
	@$(MAKE) --no-print-directory -C fuzz run

lint:
	@selftests/vm/deps.sh lint
	@selftests/lint.sh "$(TEST_KDIR)"

# COMPAT_KDIR=/path/to/headers builds against other headers than 6.1's.
.PHONY: compat-check
compat-check:
	@selftests/compat-check.sh $(if $(COMPAT_KDIR),"$(COMPAT_KDIR)")

# The module built against Debian 12's 6.1 headers and loaded on Debian's
# own 6.1 kernel, booted in the VM, for a scenario of each area (or T's).
.PHONY: compat-run
compat-run:
	@selftests/compat-run.sh $(T)
