#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Run classes of CPython's own test.test_socket, unmodified, and sum up.

    test-socket-run.py LOG CLASS...

Each CLASS of test.test_socket (Debian's libpython3.11-testsuite) runs in
this one process (a process start costs about a second in the emulated
VM), with unittest's verbose report in LOG (each test's start time in
seconds first; on SIGTERM, every thread's traceback). On stdout, one line per class
and one per test that did not pass, for the selftest to compare:

    class NAME RUN PASS FAIL ERROR SKIP
    FAIL|ERROR NAME.test_method

(an expected failure counts as a pass, an unexpected success as a
failure, as unittest counts them). Two bytes objects that differ are
reported by their lengths and first differing offset: unittest's own
message holds the repr of both, which takes half a minute for the
sendfile tests' 10 MiB in the emulated VM. Under cnet-run the same process makes
its AF_INET sockets on cnet: this file only loads and counts.
"""
import collections
import faulthandler
import signal
import sys
import time
import unittest

from test import test_socket


def bytes_differ(first, second, msg=None):
    """assertEqual for bytes: where they differ, not their whole repr."""
    if first == second:
        return
    n = min(len(first), len(second))
    at = next((i for i in range(0, n, 4096)
               if first[i:i + 4096] != second[i:i + 4096]), n)
    at = next((i for i in range(at, min(at + 4096, n))
               if first[i] != second[i]), n)
    text = (f"bytes differ: lengths {len(first)} and {len(second)}, first "
            f"at offset {at}: {first[at:at + 32]!r} != {second[at:at + 32]!r}")
    raise AssertionError(f"{msg}: {text}" if msg else text)


def tests_of(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from tests_of(t)
        else:
            yield t


def main():
    log_path, names = sys.argv[1], sys.argv[2:]
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in names:
        suite.addTests(loader.loadTestsFromTestCase(getattr(test_socket, name)))
    for test in tests_of(suite):
        test.addTypeEqualityFunc(bytes, bytes_differ)

    counts = collections.OrderedDict((n, [0, 0, 0, 0, 0]) for n in names)
    bad = []

    def cls(test):
        # a setUpClass/setUpModule error is a _ErrorHolder without a class
        name = type(test).__name__
        return counts.setdefault(name, [0, 0, 0, 0, 0])

    class Result(unittest.TextTestResult):
        def addSuccess(self, test):
            super().addSuccess(test)
            cls(test)[1] += 1

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            cls(test)[1] += 1

        def addFailure(self, test, err):
            super().addFailure(test, err)
            cls(test)[2] += 1
            bad.append(("FAIL", test))

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            cls(test)[2] += 1
            bad.append(("FAIL", test))

        def addError(self, test, err):
            super().addError(test, err)
            cls(test)[3] += 1
            bad.append(("ERROR", test))

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            cls(test)[4] += 1

        def startTest(self, test):
            self.stream.write(f"[{time.monotonic() - start:6.1f}] ")
            super().startTest(test)
            cls(test)[0] += 1

    start = time.monotonic()
    with open(log_path, "w", buffering=1) as log:
        # killed by a timeout: where each thread was, in the log
        faulthandler.register(signal.SIGTERM, file=log, all_threads=True,
                              chain=True)
        runner = unittest.TextTestRunner(stream=log, verbosity=2,
                                         resultclass=Result)
        runner.run(suite)
    for name, (run, ok, fail, err, skip) in counts.items():
        print(f"class {name} {run} {ok} {fail} {err} {skip}")
    for kind, test in bad:
        tid = test.id().removeprefix("test.test_socket.")
        print(f"{kind} {tid}")


if __name__ == "__main__":
    main()
