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
failure, as unittest counts them). Under cnet-run the same process makes
its AF_INET sockets on cnet: this file only loads and counts.
"""
import collections
import faulthandler
import signal
import sys
import time
import unittest

from test import test_socket


def main():
    log_path, names = sys.argv[1], sys.argv[2:]
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in names:
        suite.addTests(loader.loadTestsFromTestCase(getattr(test_socket, name)))

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
