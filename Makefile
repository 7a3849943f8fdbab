# SPDX-License-Identifier: GPL-2.0
#
# cnet: an IPv4 stack as a loadable Linux module.
#
#   make              module and tools (module against the running kernel's
#                     headers when installed, else the cached test kernel)
#   make install      install module, tools and man pages
#   make uninstall    remove them
#   make check        the test suite in the test VM (README's test command),
#                     and the fuzz targets' corpora replayed on the host;
#                     T="PATTERN..." runs only some selftests: an area
#                     (T=icmp) or a part of a test's name (T=dad)
#   make demo         two hosts, one on cnet, one on Linux, pinging each other
#   make vm-run CMD=  run CMD as root in the test VM, exit with its status
#   make vm           interactive shell in the test VM
#   make lint         checkpatch --strict, sparse (C=2) and W=1 on module/;
#                     the pure files include no skbuff.h or sock.h
#   make bench        benchmarks in the VM on the bench kernel (no debug
#                     checkers), as ratios against Linux; B="PATTERN..."
#                     runs only some (B=udp)
#   make fuzz         the fuzz targets of the pure code (fuzz/), on the host,
#                     each for FUZZ_SECONDS (default 60), then a summary of
#                     executions and coverage; F="TARGET..." only some.
#                     `make check` replays their corpora (no fuzzing)
#
# KDIR=/path/to/kernel/build overrides the kernel the module is built for.

CNET_CACHE	?= /var/cache/cnet
export CNET_CACHE

HOST_KDIR	:= /lib/modules/$(shell uname -r)/build
TEST_KDIR	= $(shell selftests/vm/build-kernel.sh)
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

.PHONY: all module tools install uninstall clean kernel bench-kernel vm-build vm-run vm check demo \
	bench lint fuzz

all: module tools

module:
	@kdir="$(KDIR)"; test -n "$$kdir" || { echo "no kernel to build against"; exit 1; }; \
	$(MAKE) -C "$$kdir" M=$(CURDIR) $(if $(W),W=$(W)) $(if $(C),C=$(C)) modules

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

clean:
	@kdir="$(firstword $(wildcard $(HOST_KDIR)/Makefile))"; \
	for d in $(CNET_CACHE)/kernel-*; do \
		[ -f "$$d/.cnet-built" ] && kdir="$$d/Makefile"; done; \
	if [ -n "$$kdir" ]; then $(MAKE) -C "$$(dirname $$kdir)" M=$(CURDIR) clean; fi
	$(MAKE) -C tools clean
	$(MAKE) -C selftests/progs clean
	$(MAKE) -C fuzz clean
	rm -rf .vm

kernel:
	@selftests/vm/build-kernel.sh

bench-kernel:
	@selftests/vm/build-kernel.sh --bench

# Everything that runs in the VM is built against the test kernel.
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

demo: vm-build
	@selftests/vm/run.sh "$(TEST_KDIR)" -- selftests/demo.sh

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
