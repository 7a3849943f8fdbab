# SPDX-License-Identifier: GPL-2.0
"""The kernel's fault injection (failslab and fail_page_alloc), limited to
cnet's own call chains, for the tests of selftests/net/fail/.

Two ways to fail an allocation:
- Faults.nth(n): the n-th allocation that this thread makes with cnet's
  code on its stack fails (/proc/thread-self/fail-nth). Faults.injected()
  then tells whether it came that far. Walking n = 1, 2, ... until the
  call no longer reaches the n-th allocation fails each of the call's
  allocations in turn, as syzkaller's "fault_call" does.
- Faults.random(percent): an allocation with cnet on its stack fails at
  that rate, in any context (softirq too: the receive path).

A stack counts as cnet's when one of its 32 innermost return addresses lies
in the module's text (from /proc/kallsyms): the stacktrace filter's
require-start and require-end. Its reject range leaves out the reference
tracker's allocations (it logs their failure, and the log must stay
clean). Nothing fails until a test arms it, and
restore() (at exit) puts the kernel's defaults back.
"""
import os

DBG = '/sys/kernel/debug'
ATTRS = ('failslab', 'fail_page_alloc')


def _write(path, value):
    with open(path, 'w') as f:
        f.write(str(value))


def _read(path):
    with open(path) as f:
        return f.read().strip()


def text_ranges():
    """[start, end) of cnet's text (its text symbols, and room for the last
    function: the module is the only one loaded in the test VM), and of
    ref_tracker_alloc(), whose failure only says so in the log, where it
    reads as a splat."""
    lo = hi = tracker = tracker_end = None
    with open('/proc/kallsyms') as f:
        for line in f:
            parts = line.split()
            a = int(parts[0], 16)
            if tracker and not tracker_end and a > tracker:
                tracker_end = a
            if parts[2] == 'ref_tracker_alloc':
                tracker = a
            if len(parts) < 4 or parts[3] != '[cnet]' or parts[1] not in 'tT':
                continue
            lo = a if lo is None else min(lo, a)
            hi = a if hi is None else max(hi, a)
    if not lo:
        raise RuntimeError('no cnet text symbols in /proc/kallsyms')
    return (lo, hi + 0x4000), (tracker or 0, tracker_end or 0)


class Faults:
    def __init__(self):
        if not os.path.exists('/proc/thread-self/fail-nth'):
            raise RuntimeError('no CONFIG_FAULT_INJECTION')
        if not os.path.isdir(f'{DBG}/failslab'):
            os.system(f'mount -t debugfs none {DBG} 2>/dev/null')
        self.text, reject = text_ranges()
        for a in ATTRS:
            d = f'{DBG}/{a}'
            _write(f'{d}/probability', 0)
            _write(f'{d}/interval', 1)
            _write(f'{d}/times', 10**9)
            _write(f'{d}/space', 0)
            _write(f'{d}/verbose', 0)
            _write(f'{d}/task-filter', 'N')
            _write(f'{d}/ignore-gfp-wait', 'N')
            _write(f'{d}/stacktrace-depth', 32)
            # end first: start must stay below it
            _write(f'{d}/require-end', self.text[1])
            _write(f'{d}/require-start', self.text[0])
            _write(f'{d}/reject-end', reject[1])
            _write(f'{d}/reject-start', reject[0])
        _write(f'{DBG}/fail_page_alloc/min-order', 0)
        _write(f'{DBG}/fail_page_alloc/ignore-gfp-highmem', 'N')

    @staticmethod
    def nth(n):
        # the file cannot seek: opened for each access
        _write('/proc/thread-self/fail-nth', n)

    def injected(self):
        """Whether the armed failure happened (fail-nth counted down to 0);
        disarms it either way."""
        left = int(_read('/proc/thread-self/fail-nth'))
        self.nth(0)
        return left == 0

    def random(self, percent):
        for a in ATTRS:
            _write(f'{DBG}/{a}/probability', percent)

    def failed(self):
        """How many failures were injected: times counts down from 10**9
        (-1 would not count)."""
        return sum(10**9 - int(_read(f'{DBG}/{a}/times')) for a in ATTRS)

    def restore(self):
        self.nth(0)
        for a in ATTRS:
            d = f'{DBG}/{a}'
            _write(f'{d}/probability', 0)
            _write(f'{d}/times', 1)
            _write(f'{d}/verbose', 2)
            _write(f'{d}/ignore-gfp-wait', 'Y')
            _write(f'{d}/require-start', 0)
            _write(f'{d}/require-end', 2**64 - 1)
            _write(f'{d}/reject-start', 0)
            _write(f'{d}/reject-end', 0)
        _write(f'{DBG}/fail_page_alloc/min-order', 1)
        _write(f'{DBG}/fail_page_alloc/ignore-gfp-highmem', 'Y')


if __name__ == '__main__':
    # faults.py restore: the defaults back (a test's exit, in case its
    # python was killed armed)
    Faults.restore(Faults.__new__(Faults))
