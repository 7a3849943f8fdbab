#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The differential conformance driver: every scenario of scenarios.py
against Linux, then against cnet, in one process; one TAP line each.

conformance.py TB_NS LINUX_NS,DUT_DEV,DEV,DUT_MAC,TB_MAC
               CNET_NS,DUT_DEV,DEV,DUT_MAC,TB_MAC [NAME...]

TB_NS is the testbench's namespace, which holds DEV of each pair (the
veth peer of the DUT's device DUT_DEV). With NAMEs, only the scenarios whose name
contains one of them run. Prints "ok N - NAME" or "not ok N - NAME" per
scenario, each stack's record as "# " lines, and exits 1 if one failed.
"""
import os
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tb  # noqa: E402
from scenarios import SCENARIOS  # noqa: E402

PORT_BASE = 20000


def run_one(stack, sc, port):
    """The record of scenario sc on stack, or an error line."""
    t = tb.Testbench(stack, port)
    try:
        sc.fn(t)
    except Exception as e:  # a broken scenario or stack fails, not the run
        t.record.append(("error", ["%s: %s" % (type(e).__name__, e)]))
        traceback.print_exc(file=sys.stdout)
    finally:
        t.close()
    return t.record


def show(name, rec):
    for label, lines in rec:
        for ln in lines:
            print("#   %-5s %-14s %s" % (name, label, ln))


def check_expect(sc, rec):
    """What of sc.expect rec does not meet (a list of lines)."""
    got = {}
    for label, lines in rec:
        got.setdefault(label, []).extend(lines)
    bad = []
    for label, want in sc.expect.items():
        if got.get(label) != want:
            bad.append("%s: expected %s, got %s" % (label, want, got.get(label)))
    return bad


def main():
    tb_ns = sys.argv[1]
    specs = [a.split(",") for a in sys.argv[2:4]]
    specs = [[s[0], tb_ns] + s[1:] for s in specs]
    only = sys.argv[4:]
    stacks = [tb.Stack("linux", *s, False) for s in specs[:1]]
    # CF_BOTH_LINUX=1: Linux in both roles (a trial of the harness itself)
    both = os.environ.get("CF_BOTH_LINUX") == "1"
    stacks += [tb.Stack("cnet", *s, not both) for s in specs[1:]]
    linux, cnet = stacks
    t_start = time.monotonic()
    n = 0
    failed = 0
    for i, sc in enumerate(SCENARIOS):
        if only and not any(o in sc.name for o in only):
            continue
        n += 1
        t0 = time.monotonic()
        port = PORT_BASE + i
        if sc.slow:
            # seconds of timers: both stacks at once (setns() is the
            # calling thread's, each run keeps to its own namespaces)
            res = {}
            ths = [threading.Thread(target=lambda st=st: res.__setitem__(
                st.name, run_one(st, sc, port))) for st in stacks]
            for th in ths:
                th.start()
            for th in ths:
                th.join()
            rl, rc = res["linux"], res["cnet"]
        else:
            rl = run_one(linux, sc, port)
            rc = run_one(cnet, sc, port)
        bad = []
        if any(lab == "error" for lab, _ in rl + rc):
            bad.append("the scenario did not run through")
        if sc.differs:
            bad += ["cnet: " + b for b in check_expect(sc, rc)]
        else:
            if rl != rc:
                bad.append("cnet's record differs from Linux's")
            bad += ["linux: " + b for b in check_expect(sc, rl)]
            bad += ["cnet: " + b for b in check_expect(sc, rc)]
        ok = not bad
        if not ok:
            failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, sc.name), flush=True)
        print("#   %s (%.1f s)" % (sc.ref, time.monotonic() - t0))
        if sc.differs:
            print("#   cnet differs from Linux: %s" % sc.differs)
        for b in bad:
            print("#   " + b)
        show("linux", rl)
        show("cnet", rc)
        sys.stdout.flush()
    print("1..%d" % n)
    print("# %d scenarios, %d failed, %.1f s" % (n, failed,
                                                 time.monotonic() - t_start))
    return 1 if failed else 0


sys.exit(main())
