# SPDX-License-Identifier: GPL-2.0
"""The conformance scenarios: each runs once against Linux and once against
cnet, and the two records must be equal (README.rst says how to add one).

A scenario is a function of a Testbench t (tb.py) decorated with
@scenario(name, ref, ...). It brings the DUT's socket to a state, injects
segments (t.inject) and records what the DUT sends back (t.observe) or a
fact about its socket (t.note). Options of @scenario:

  expect  {label: [line, ...]}: what RFC says the records of these labels
          must be; checked on both stacks (on cnet alone with differs).
  differs "why": cnet deliberately does not do what Linux does; the
          records are not compared, cnet's is checked against expect
          (which a scenario with differs must have).
  slow    True: the scenario waits seconds on the stacks' timers; its
          runs on Linux and on cnet go at once, each in a thread of its
          own (they share no socket, device or setting).
"""
import re
import socket
import time

from tb import (M32, TS_BASE, flags_str, o_mss, o_sack, o_sackok, o_ts,
                o_ws, pad4)

SCENARIOS = []
FAR = 0x40000000        # a sequence distance beyond any window


class Scenario:
    def __init__(self, name, ref, fn, expect, differs, slow):
        self.name = name
        self.ref = ref
        self.fn = fn
        self.expect = expect or {}
        self.differs = differs
        self.slow = slow
        if differs and not expect:
            raise ValueError(name + ": differs needs an expect")


def scenario(name, ref, expect=None, differs=None, slow=False):
    def deco(fn):
        SCENARIOS.append(Scenario(name, ref, fn, expect, differs, slow))
        return fn
    return deco


FULL = "<mss=1460 ws sackok ts(ecr=0)>"


# ---- LISTEN and SYN-RECEIVED -----------------------------------------------

@scenario("listen-syn-options", "RFC 9293 3.10.7.2, RFC 7323 2.2, RFC 2018 2",
          expect={"syn-ack": ["SA seq=0 ack=1 win=+ " + FULL + " @immediate"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c))
    t.observe(c, "syn-ack")


@scenario("listen-syn-no-options", "RFC 7323 1.3, RFC 2018 2: no option unasked",
          expect={"syn-ack": ["SA seq=0 ack=1 win=+ <mss=1460> @immediate"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=b"")
    t.observe(c, "syn-ack")


@scenario("listen-syn-with-data", "RFC 9293 3.10.7.2: data in a SYN may be "
          "queued; without TFO it is not acknowledged")
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c), data=b"D" * 20)
    t.observe(c, "syn-ack")


@scenario("listen-syn-fin", "RFC 9293 3.10.7.2: SYN+FIN to a listener",
          differs="Linux drops a SYN+FIN to a listener as an invalid "
          "combination (tcp_rcv_state_process()); cnet does what RFC 9293 "
          "3.10.7.2 and its eighth step say: the SYN is processed, the FIN "
          "ignored in LISTEN (not acknowledged)",
          expect={"answer": ["SA seq=0 ack=1 win=+ " + FULL + " @immediate"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "SF", ack=0, opts=t.syn_opts(c))
    t.observe(c, "answer")


@scenario("listen-syn-rst", "RFC 9293 3.10.7.2: a RST to a listener is ignored",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "SR", ack=0, opts=t.syn_opts(c))
    t.observe(c, "answer")


@scenario("listen-rst", "RFC 9293 3.10.7.2: a RST to a listener is ignored",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "R", ack=0)
    t.observe(c, "answer")


@scenario("listen-ack", "RFC 9293 3.10.7.2: an ACK to a listener: <SEQ=SEG.ACK><CTL=RST>",
          expect={"answer": ["R seq=123456789 @immediate"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "A", ack=123456789)
    t.observe(c, "answer")


@scenario("listen-fin", "RFC 9293 3.10.7.2: a segment without SYN or ACK is dropped",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "F", ack=0)
    t.observe(c, "answer")


@scenario("listen-no-flags", "RFC 9293 3.10.7.2: no control bit: dropped",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "", ack=0, data=b"x" * 10)
    t.observe(c, "answer")


@scenario("listen-doff-small", "RFC 9293 3.1: data offset under 5 words: dropped",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=b"", doff=4)
    t.observe(c, "answer")


@scenario("listen-doff-large", "RFC 9293 3.1: data offset past the segment: dropped",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=b"", doff=15)
    t.observe(c, "answer")


@scenario("listen-bad-checksum", "RFC 9293 3.1, RFC 1122 4.2.2.7: bad checksum: silence",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c), bad_csum=True)
    t.observe(c, "answer")


@scenario("listen-mss-absent-536", "RFC 9293 3.7.1, RFC 1122 4.2.2.6: no MSS option: 536",
          expect={"data": ["A seq=%d ack=1 len=536 win=+ @immediate" % (1 + 536 * i)
                           for i in range(3)]})
def _(t):
    c = t.established(mss=None, ws=None, sack=False, ts=False)
    t.dut_send(c, b"m" * (3 * 536))
    t.observe(c, "data")


@scenario("listen-wscale-15-clamped", "RFC 7323 2.3: a shift over 14 is used as 14")
def _(t):
    c = t.conn()
    ls = t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c, ws=15))
    sa = t.observe(c, "syn-ack")
    if not sa:
        return
    t.handshake(c, sa[0])
    # a window field of 1: 16384 bytes with the shift clamped, 1 byte if
    # the shift were thrown away
    t.inject(c, "A", win=1)
    c.sock = t.stack.accept(ls)
    t.note("accepted", c.sock is not None)
    if c.sock is None:
        return
    t.socks.append(c.sock)
    t.dut_send(c, b"w" * 2896)
    t.observe(c, "data")


@scenario("synrecv-dup-syn", "RFC 9293 3.10.7.4: a retransmitted SYN in "
          "SYN-RECEIVED: the SYN-ACK again")
def _(t):
    c = t.conn()
    t.listener()
    o = t.syn_opts(c)
    t.inject(c, "S", ack=0, opts=o)
    sa = t.observe(c, "syn-ack")
    if sa:
        t.handshake(c, sa[0])
    t.inject(c, "S", seq=c.isn, ack=0, opts=o, advance=False)
    t.observe(c, "again")


@scenario("synrecv-bad-ack", "RFC 9293 3.10.7.4: an unacceptable ACK in "
          "SYN-RECEIVED: <SEQ=SEG.ACK><CTL=RST>",
          expect={"answer": ["R seq=1000 @immediate"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c))
    sa = t.collect(c, 2000, until=lambda s: True)
    if sa:
        t.handshake(c, sa[0])
    t.inject(c, "A", ack=c.dut_isn + 1000)
    t.observe(c, "answer")


@scenario("synrecv-rst", "RFC 9293 3.10.7.4: a RST in SYN-RECEIVED ends the "
          "embryo; the ACK after it finds none",
          expect={"rst": ["none"]})
def _(t):
    c = t.conn()
    t.listener()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c))
    sa = t.collect(c, 2000, until=lambda s: True)
    if sa:
        t.handshake(c, sa[0])
    t.inject(c, "R", ack=0, opts=b"")
    t.observe(c, "rst")
    t.inject(c, "A")
    t.observe(c, "ack")


@scenario("synrecv-synack-retries-sysctl", "the namespace's "
          "tcp_synack_retries 1: the SYN-ACK at 0 and 1 s, the request "
          "dropped at 3 s (1 + 2 s); the handshake's ACK at 3.5 s finds "
          "none",
          expect={"synacks": ["SA @0s", "SA @1s"]}, slow=True)
def _(t):
    old = t.stack.sysctl("tcp_synack_retries", 1)
    try:
        c = t.conn()
        t.listener()
        t.inject(c, "S", ack=0, opts=t.syn_opts(c))
        sas = t.collect_all(c, 3400)
        t.record.append(("synacks", ["%s @%ds" % (flags_str(sg.flags),
                                                  round(sg.t))
                                     for sg in sas] or ["none"]))
        if sas:
            t.handshake(c, sas[0])
        time.sleep(max(0, 3.5 - (time.monotonic() - t.t0)))
        t.inject(c, "A")
        t.observe(c, "late-ack")
    finally:
        t.stack.sysctl("tcp_synack_retries", old)


# ---- CLOSED ------------------------------------------------------------------

@scenario("closed-syn", "RFC 9293 3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>",
          expect={"answer": ["RA seq=0 ack=1 @immediate"]})
def _(t):
    c = t.conn()
    t.inject(c, "S", ack=0, opts=t.syn_opts(c))
    t.observe(c, "answer")


@scenario("closed-ack", "RFC 9293 3.10.7.1: <SEQ=SEG.ACK><CTL=RST>",
          expect={"answer": ["R seq=123456789 @immediate"]})
def _(t):
    c = t.conn()
    t.inject(c, "PA", ack=123456789, data=b"z" * 10)
    t.observe(c, "answer")


@scenario("closed-data-no-ack", "RFC 9293 3.10.7.1: no ACK: ACK=SEG.SEQ+SEG.LEN",
          expect={"answer": ["RA seq=0 ack=10 @immediate"]})
def _(t):
    c = t.conn()
    t.inject(c, "", ack=0, data=b"z" * 10)
    t.observe(c, "answer")


@scenario("closed-fin", "RFC 9293 3.10.7.1: a FIN counts in SEG.LEN",
          expect={"answer": ["RA seq=0 ack=1 @immediate"]})
def _(t):
    c = t.conn()
    t.inject(c, "F", ack=0)
    t.observe(c, "answer")


@scenario("closed-rst", "RFC 9293 3.10.7.1: a RST is never answered",
          expect={"answer": ["none"]})
def _(t):
    c = t.conn()
    t.inject(c, "RA", ack=5)
    t.observe(c, "answer")


# ---- SYN-SENT ----------------------------------------------------------------

SYNSENT_RETX = ("Linux sends its SYN again at once after a segment with an "
                "unacceptable ACK in SYN-SENT (tcp_rcv_synsent_state_process(): "
                "the peer may have lost an earlier RST); cnet drops it (or "
                "answers the RST RFC 9293 3.10.7.3 asks for) and leaves the "
                "SYN to its retransmission timer")

@scenario("synsent-syn-options", "RFC 9293 3.10.7.3, RFC 7323, RFC 2018: the SYN")
def _(t):
    t.active()


@scenario("synsent-syn-timeouts", "RFC 6298 5.5 after Linux's "
          "tcp_syn_linear_timeouts (4): TCP_SYNCNT 1 sends the SYN at 0, 1 "
          "and 2 s, and the connect fails at 3 s (1 + 2 s, its time)",
          expect={"syns": ["S @0s", "S @1s", "S @2s"],
                  "tcp_info": ["retransmits=2 probes=0 backoff=0"],
                  "so_error": ["ETIMEDOUT"]}, slow=True)
def _(t):
    c = t.conn()
    c.sock = t.stack.connect_nb(c.sport, c.dport, syncnt=1)
    t.socks.append(c.sock)
    t.t0 = time.monotonic()
    syns = t.collect_all(c, 2500)
    info = c.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
    t.note("tcp_info", "retransmits=%d probes=%d backoff=%d" %
           (info[2], info[3], info[4]))
    syns += t.collect_all(c, 4000)
    t.record.append(("syns", ["%s @%ds" % (flags_str(sg.flags), round(sg.t))
                              for sg in syns] or ["none"]))
    t.note("so_error", t.so_error(c))


@scenario("synsent-syn-retries-sysctl", "the namespace's tcp_syn_retries 1 "
          "and tcp_syn_linear_timeouts 0, no TCP_SYNCNT: the SYN at 0 and "
          "1 s, the timeout doubled, the connect fails at 3 s (1 + 2 s); "
          "TCP_SYNCNT reads the setting",
          expect={"syncnt": ["1"], "syns": ["S @0s", "S @1s"],
                  "tcp_info": ["retransmits=1 probes=0 backoff=1"],
                  "so_error": ["ETIMEDOUT"]}, slow=True)
def _(t):
    old = {n: t.stack.sysctl(n, v) for n, v in
           (("tcp_syn_retries", 1), ("tcp_syn_linear_timeouts", 0))}
    try:
        c = t.conn()
        c.sock = t.stack.connect_nb(c.sport, c.dport)
        t.socks.append(c.sock)
        t.t0 = time.monotonic()
        t.note("syncnt", c.sock.getsockopt(socket.IPPROTO_TCP,
                                           socket.TCP_SYNCNT))
        syns = t.collect_all(c, 2500)
        info = c.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
        t.note("tcp_info", "retransmits=%d probes=%d backoff=%d" %
               (info[2], info[3], info[4]))
        syns += t.collect_all(c, 3500)
        t.record.append(("syns", ["%s @%ds" % (flags_str(sg.flags),
                                               round(sg.t))
                                  for sg in syns] or ["none"]))
        t.note("so_error", t.so_error(c))
    finally:
        for n, v in old.items():
            t.stack.sysctl(n, v)


@scenario("synsent-rst-bad-ack", "RFC 9293 3.10.7.3: a RST whose ACK is not "
          "acceptable is dropped; one that is refuses the connection",
          differs=SYNSENT_RETX,
          expect={"bad-rst": ["none"], "so_error-before": ["0"],
                  "good-rst": ["none"], "so_error": ["ECONNREFUSED"]})
def _(t):
    c = t.active(record_syn=False)
    t.inject(c, "RA", seq=c.isn, ack=c.dut_isn + 100, opts=b"")
    t.observe(c, "bad-rst")
    t.note("so_error-before", t.so_error(c))
    t.inject(c, "RA", seq=c.isn, ack=c.dut_isn + 1, opts=b"")
    t.observe(c, "good-rst")
    t.note("so_error", t.so_error(c))


@scenario("synsent-rst-no-ack", "RFC 9293 3.10.7.3: a RST without ACK in "
          "SYN-SENT is dropped", expect={"rst": ["none"], "so_error": ["0"]})
def _(t):
    c = t.active(record_syn=False)
    t.inject(c, "R", seq=c.isn, ack=0, opts=b"")
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))


@scenario("synsent-synack-bad-ack", "RFC 9293 3.10.7.3: an unacceptable ACK: "
          "<SEQ=SEG.ACK><CTL=RST>",
          differs=SYNSENT_RETX,
          expect={"answer": ["R seq=100 @immediate"],
                  "first": ["R seq=100 @immediate"]})
def _(t):
    c = t.active(record_syn=False)
    t.inject(c, "SA", ack=c.dut_isn + 100,
             opts=o_mss(1460) + o_sackok() + o_ts(c.tsval, c.ts_recent))
    segs = t.observe(c, "answer")
    # what comes next is the stack's choice (Linux sends its SYN again
    # at once: the peer may have lost an earlier RST)
    t.note("first", t.norm(c, segs[0]) if segs else "none")


@scenario("synsent-synack-no-mss", "RFC 9293 3.7.1, RFC 1122 4.2.2.6: "
          "no MSS in the SYN-ACK: 536",
          expect={"ack": ["A seq=1 ack=1 win=+ @immediate"],
                  "data": ["A seq=%d ack=1 len=536 win=+ @immediate" % (1 + 536 * i)
                           for i in range(3)]})
def _(t):
    c = t.active(record_syn=False)
    c.ts = c.sack = False
    c.dut_ws = 0
    t.inject(c, "SA", opts=b"")
    t.observe(c, "ack")
    t.dut_send(c, b"n" * (3 * 536))
    t.observe(c, "data")


@scenario("synsent-simultaneous-open", "RFC 9293 3.5 figure 8: a SYN in "
          "SYN-SENT: SYN-ACK; the peer's SYN-ACK then establishes",
          differs="Linux reports the peer's SYN-ACK, whose SYN it had, with a "
          "D-SACK block of the SYN's sequence number; cnet acknowledges it "
          "plainly (RFC 2883 D-SACK reports duplicate data, and a SYN-ACK in "
          "SYN-RECEIVED is the expected step of a simultaneous open)",
          expect={"syn-ack": ["SA seq=0 ack=1 win=+ " + FULL + " @immediate"],
                  "after-syn-ack": ["A seq=1 ack=1 win=+ <ts(ecr=10)> @immediate"],
                  "so_error": ["0"],
                  "data": ["A seq=1 ack=1 len=10 win=+ <ts(ecr=10)> @immediate"]})
def _(t):
    c = t.active(record_syn=False)
    o = o_mss(1460) + o_sackok() + o_ts(c.tsval, 0) + b"\x01" + o_ws(7)
    t.inject(c, "S", ack=0, opts=o)
    t.observe(c, "syn-ack")
    c.ts = True
    t.inject(c, "SA", seq=c.isn, advance=False,
             opts=o_mss(1460) + o_sackok() + o_ts(c.tsval, c.ts_recent) +
             b"\x01" + o_ws(7))
    t.observe(c, "after-syn-ack")
    t.note("so_error", t.so_error(c))
    t.dut_send(c, b"s" * 10)
    t.observe(c, "data")


# ---- ESTABLISHED: data, SACK, D-SACK -------------------------------------------

@scenario("est-data-in-order", "RFC 9293 3.10.7.4: in-order data is acknowledged")
def _(t):
    c = t.established()
    t.inject(c, "PA", data=b"d" * 100)
    t.observe(c, "ack")
    t.note("read", t.dut_read(c) == b"d" * 100)


@scenario("est-sack-ooo", "RFC 2018 4: out-of-order data: a duplicate ACK with "
          "a SACK block of it",
          expect={"ack": ["A seq=1 ack=1 win=+ <ts(ecr=0) sack1001-1101> @immediate"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", seq=c.snd_nxt + 1000, data=b"o" * 100)
    t.observe(c, "ack")


@scenario("est-sack-two-blocks", "RFC 2018 4: the block of the latest segment first",
          expect={"ack2": ["A seq=1 ack=1 win=+ <ts(ecr=0) sack2001-2101,1001-1101>"
                           " @immediate"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", seq=c.snd_nxt + 1000, data=b"o" * 100)
    t.observe(c, "ack1")
    t.inject(c, "PA", seq=c.snd_nxt + 2000, data=b"o" * 100)
    t.observe(c, "ack2")


@scenario("est-sack-hole-filled", "RFC 2018 4: the hole filled: a cumulative ACK, no block")
def _(t):
    c = t.established()
    base = c.snd_nxt
    t.inject(c, "PA", seq=base + 100, data=b"o" * 100)
    t.observe(c, "ack1")
    t.inject(c, "PA", seq=base, data=b"h" * 100)
    t.observe(c, "ack2")


@scenario("est-dsack-duplicate", "RFC 2883 4.1.1: a duplicate segment: a D-SACK block",
          differs="TS.Recent: cnet takes a TSval only from an acceptable "
          "segment that covers Last.ACK.sent (RFC 7323 4.3 (2)); a whole "
          "duplicate is neither, so the D-SACK ACK echoes the original's "
          "TSval (10). Linux takes the duplicate's (20): its "
          "tcp_replace_ts_recent() checks SEG.SEQ <= RCV.WUP only",
          expect={"ack": ["A seq=1 ack=101 win=+ <ts(ecr=10)> @immediate"],
                  "dup": ["A seq=1 ack=101 win=+ <ts(ecr=10) sack1-101> @immediate"]})
def _(t):
    c = t.established()
    base = c.snd_nxt
    t.inject(c, "PA", data=b"d" * 100)
    t.observe(c, "ack")
    t.inject(c, "PA", seq=base, data=b"d" * 100)
    t.observe(c, "dup")


@scenario("est-data-partial-overlap", "RFC 9293 3.10.7.4: the new part of an "
          "overlapping segment is taken")
def _(t):
    c = t.established()
    base = c.snd_nxt
    t.inject(c, "PA", data=b"d" * 100)
    t.observe(c, "ack")
    t.inject(c, "PA", seq=base + 50, data=b"d" * 50 + b"e" * 150)
    t.observe(c, "ack2")


@scenario("est-data-above-window", "RFC 9293 3.10.7.4, RFC 5961 5: not acceptable: "
          "an ACK, the data dropped")
def _(t):
    c = t.established()
    t.inject(c, "PA", seq=c.snd_nxt + FAR, data=b"a" * 100, advance=False)
    t.observe(c, "ack")
    t.note("read", t.dut_read(c))


@scenario("est-data-below-window", "RFC 9293 3.10.7.4: an old segment: an ACK")
def _(t):
    c = t.established()
    t.inject(c, "PA", seq=c.snd_nxt - FAR, data=b"a" * 100, advance=False)
    t.observe(c, "ack")


@scenario("est-keepalive-probe", "RFC 1122 4.2.3.6: a probe with SEG.SEQ = "
          "RCV.NXT - 1 is answered",
          expect={"ack": ["A seq=1 ack=1 win=+ <ts(ecr=0)> @immediate"]})
def _(t):
    # not acceptable (RFC 7323 4.3): TS.Recent stays the handshake's
    c = t.established()
    t.inject(c, "A", seq=c.snd_nxt - 1, advance=False)
    t.observe(c, "ack")


@scenario("est-no-flags", "RFC 9293 3.10.7.4: ACK bit off: the segment is dropped",
          expect={"answer": ["none"], "read": ["None"]})
def _(t):
    c = t.established()
    t.inject(c, "", data=b"x" * 10, advance=False)
    t.observe(c, "answer")
    t.note("read", t.dut_read(c))


@scenario("est-urg-beyond-data", "RFC 9293 3.8.5, RFC 6093: an urgent pointer "
          "past the data; the data is taken")
def _(t):
    c = t.established()
    t.inject(c, "UPA", data=b"u" * 10, urg=100)
    t.observe(c, "ack")


# ---- ESTABLISHED: ACK field -------------------------------------------------

@scenario("est-ack-unsent", "RFC 9293 3.10.7.4, RFC 5961 5.2: ACK of unsent "
          "data: an ACK, the segment dropped",
          differs="Linux 6.12 drops a segment that acknowledges unsent "
          "data silently (tcp_ack(): ACK_UNSENT_DATA); cnet also sends the "
          "ACK RFC 9293 3.10.7.4 and RFC 5961 5.2 ask for (as later Linux "
          "kernels do)",
          expect={"answer": ["A seq=1 ack=1 win=+ <ts(ecr=0)> @immediate"],
                  "read": ["None"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", ack=c.rcv_nxt + 1000, data=b"q" * 10, advance=False)
    t.observe(c, "answer")
    t.note("read", t.dut_read(c))


@scenario("est-ack-too-old", "RFC 5961 5.2: SEG.ACK < SND.UNA - MAX.SND.WND: "
          "a challenge ACK, the segment dropped")
def _(t):
    c = t.established()
    t.inject(c, "PA", ack=c.rcv_nxt - FAR, data=b"q" * 10, advance=False)
    t.observe(c, "answer")
    t.note("read", t.dut_read(c))


# ---- ESTABLISHED: RST and SYN (RFC 5961) -----------------------------------

@scenario("est-rst-exact", "RFC 5961 3.2: a RST at RCV.NXT resets; the next "
          "segment finds no connection",
          expect={"rst": ["none"], "so_error": ["ECONNRESET"]})
def _(t):
    c = t.established()
    t.inject(c, "R", ack=0, opts=b"", advance=False)
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))
    t.inject(c, "PA", data=b"p")
    t.observe(c, "after")


@scenario("est-rst-in-window", "RFC 5961 3.2: a RST in the window but not at "
          "RCV.NXT: a challenge ACK",
          expect={"rst": ["A seq=1 ack=1 win=+ <ts(ecr=0)> @immediate"],
                  "so_error": ["0"]})
def _(t):
    c = t.established()
    t.inject(c, "R", seq=c.snd_nxt + 100, ack=0, opts=b"", advance=False)
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))


@scenario("est-rst-out-of-window", "RFC 5961 3.2: a RST outside the window: dropped",
          expect={"rst": ["none"], "so_error": ["0"]})
def _(t):
    c = t.established()
    t.inject(c, "R", seq=c.snd_nxt + FAR, ack=0, opts=b"", advance=False)
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))


@scenario("est-rst-ack-exact", "RFC 5961 3.2: a RST|ACK at RCV.NXT resets, "
          "whatever its ACK field",
          expect={"rst": ["none"], "so_error": ["ECONNRESET"]})
def _(t):
    c = t.established()
    t.inject(c, "RA", ack=c.rcv_nxt + 12345, opts=b"", advance=False)
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))


@scenario("est-syn-in-window", "RFC 5961 4.2: a SYN in ESTABLISHED: a challenge ACK",
          expect={"so_error": ["0"]})
def _(t):
    c = t.established()
    t.inject(c, "S", ack=0, advance=False)
    t.observe(c, "syn")
    t.note("so_error", t.so_error(c))


@scenario("est-syn-out-of-window", "RFC 5961 4.2: a SYN whatever its sequence "
          "number: an ACK, no reset",
          expect={"so_error": ["0"]})
def _(t):
    c = t.established()
    t.inject(c, "S", seq=c.snd_nxt + FAR, ack=0, advance=False)
    t.observe(c, "syn")
    t.note("so_error", t.so_error(c))


# ---- timestamps and PAWS (RFC 7323) ------------------------------------------

@scenario("ts-echo", "RFC 7323 4.3: TSecr echoes the TSval of the segment "
          "that advanced the window",
          expect={"ack": ["A seq=1 ack=101 win=+ <ts(ecr=10)> @immediate"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", data=b"t" * 100)
    t.observe(c, "ack")


@scenario("ts-echo-ooo", "RFC 7323 4.3: an out-of-order segment does not "
          "change TS.Recent",
          expect={"ooo": ["A seq=1 ack=101 win=+ <ts(ecr=10) sack201-301> @immediate"]})
def _(t):
    c = t.established()
    base = c.snd_nxt
    t.inject(c, "PA", data=b"t" * 100)
    t.observe(c, "ack")
    t.inject(c, "PA", seq=base + 200, data=b"t" * 100, advance=False)
    t.observe(c, "ooo")


@scenario("ts-paws-old", "RFC 7323 5.3: an old TSval: a duplicate ACK, the "
          "data dropped",
          expect={"ack": ["A seq=1 ack=1 win=+ <ts(ecr=0)> @immediate"],
                  "read": ["None"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", data=b"p" * 10, advance=False,
             opts=b"\x01\x01" + o_ts(TS_BASE - 100000, c.ts_recent))
    t.observe(c, "ack")
    t.note("read", t.dut_read(c))


@scenario("ts-paws-rst-exempt", "RFC 7323 5.3: a RST is acceptable whatever its "
          "timestamp", expect={"rst": ["none"], "so_error": ["ECONNRESET"]})
def _(t):
    c = t.established()
    t.inject(c, "R", ack=0, advance=False,
             opts=b"\x01\x01" + o_ts(TS_BASE - 100000, 0))
    t.observe(c, "rst")
    t.note("so_error", t.so_error(c))


@scenario("ts-missing", "RFC 7323 3.2: a segment without TSopt on a connection "
          "that agreed them")
def _(t):
    c = t.established()
    t.inject(c, "PA", data=b"m" * 10, opts=b"")
    t.observe(c, "ack")
    t.note("read", t.dut_read(c))


# ---- windows -------------------------------------------------------------------

@scenario("win-update-releases-data", "RFC 9293 3.8.6: data held by a zero "
          "window leaves on the window update")
def _(t):
    c = t.established()
    t.inject(c, "A", win=0)
    t.collect(c, 30)
    t.dut_send(c, b"w" * 100)
    t.observe(c, "held", wait_ms=100)
    t.inject(c, "A", win=1000)
    t.observe(c, "update")


@scenario("win-small-half-segments", "RFC 1122 4.2.3.4: a peer whose window "
          "is under one MSS gets segments of half its largest window (Linux's "
          "tcp_bound_to_half_wnd()), not nothing",
          expect={"data": ["A seq=1 ack=1 len=500 win=+ @immediate",
                           "A seq=501 ack=1 len=500 win=+ @immediate"]})
def _(t):
    # no window scale, no timestamps: the window is the field, 1000 bytes
    c = t.established(ws=None, ts=False, win=1000)
    t.dut_send(c, b"h" * 2896)
    # the window's worth: the two segments, not what a tail loss probe
    # sends again later (its timers differ by design: RACK-TLP)
    seen = []
    t.observe(c, "data", until=lambda s: seen.append(s) or len(seen) == 2)


@scenario("win-shrunk-probe-data", "RFC 1122 4.2.3.4, RFC 9293 3.8.6.1: a window "
          "that opened less than a segment is filled when the probe timer "
          "runs (Linux's tcp_write_wakeup()), not probed forever")
def _(t):
    c = t.established(ws=None, ts=False)
    # a window shrunk by a segment that starts past the last one that set
    # it (Linux takes a smaller window only from such a newer segment,
    # tcp_may_update_window(); the handshake's ACK started at this data)
    t.inject(c, "PA", data=b"q")
    t.collect(c, 100)
    t.inject(c, "PA", data=b"r", win=1000)
    t.collect(c, 300)
    t.dut_send(c, b"p" * 2896)
    # nothing at once (no whole segment fits), then the probe timer
    t.observe(c, "probe-timer", wait_ms=1500)


@scenario("win-zero-probe", "RFC 9293 3.8.6.1, RFC 1122 4.2.2.17: a probe into "
          "a zero window: an ACK of RCV.NXT with window 0",
          expect={"window-closed": ["True"],
                  "probe": ["A ack=RCV.NXT win=0"]})
def _(t):
    c = t.established(rcvbuf=2048)
    for _ in range(64):
        if c.dut_win == 0:
            break
        t.inject(c, "PA", data=b"f" * min(500, c.dut_win))
        segs = t.collect(c, 400, until=lambda s: True)
        t.learn(c, segs)
        if segs:
            c.snd_nxt = segs[-1].ack
    t.note("window-closed", c.dut_win == 0)
    t.inject(c, "PA", data=b"z", advance=False)
    segs = t.collect(c)
    # what matters: an ACK, at RCV.NXT (the byte not taken), window 0
    t.note("probe", "; ".join(
        "%s ack=%s win=%s" % (
            "A" if s.flags == 0x10 else "flags %#x" % s.flags,
            "RCV.NXT" if s.ack == c.snd_nxt else
            "RCV.NXT%+d" % (((s.ack - c.snd_nxt + (1 << 31)) & M32) - (1 << 31)),
            "0" if s.win == 0 else "+")
        for s in segs) or "none")


@scenario("win-zero-probes-backoff", "RFC 9293 3.8.6.1, RFC 1122 4.2.2.17: a "
          "sender probes a zero window, backing off; TCP_INFO counts the "
          "probes and the backoff (Linux's tcpi_probes, tcpi_backoff)",
          expect={"tcp_info": ["retransmits=0 probes=2 backoff=2"]})
def _(t):
    c = t.established()
    t.inject(c, "A", win=0)
    t.collect(c, 30)
    t.dut_send(c, b"w" * 100)
    probes = t.collect_all(c, 3000, count=2)
    t.record.append(("probes", [t.norm(c, sg) for sg in probes] or ["none"]))
    info = c.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
    t.note("tcp_info", "retransmits=%d probes=%d backoff=%d" %
           (info[2], info[3], info[4]))


@scenario("est-bad-checksum", "RFC 9293 3.1, RFC 1122 4.2.2.7: a bad checksum "
          "in ESTABLISHED: silence, the data not taken",
          expect={"answer": ["none"], "read": ["None"]})
def _(t):
    c = t.established()
    t.inject(c, "PA", data=b"c" * 10, bad_csum=True, advance=False)
    t.observe(c, "answer")
    t.note("read", t.dut_read(c))


@scenario("est-doff-large", "RFC 9293 3.1: a data offset past the segment in "
          "ESTABLISHED: dropped", expect={"answer": ["none"]})
def _(t):
    c = t.established()
    t.inject(c, "A", opts=b"", doff=15, advance=False)
    t.observe(c, "answer")


@scenario("est-synack-in-window", "RFC 5961 4.2: a SYN-ACK in ESTABLISHED: "
          "a challenge ACK", expect={"so_error": ["0"]})
def _(t):
    c = t.established()
    t.inject(c, "SA", advance=False)
    t.observe(c, "synack")
    t.note("so_error", t.so_error(c))


@scenario("est-sack-max-blocks", "RFC 2018 3, 4: with timestamps, three SACK "
          "blocks fit; the latest first (MUST), then the most recently "
          "reported ones (SHOULD), so that each is reported three times",
          expect={"ack%d" % i: ["A seq=1 ack=1 win=+ <ts(ecr=0) sack%s> @immediate"
                                % b] for i, b in (
                                    (1, "201-301"), (2, "401-501,201-301"),
                                    (3, "601-701,401-501,201-301"),
                                    (4, "801-901,601-701,401-501"))})
def _(t):
    c = t.established()
    base = c.snd_nxt
    for i in range(1, 5):
        t.inject(c, "PA", seq=base + 200 * i, data=b"s" * 100, advance=False)
        t.observe(c, "ack%d" % i)


# ---- closing (more) ----

@scenario("rack-lost-retransmit", "RFC 8985 6.2 step 5: a retransmission is "
          "lost like any segment when one sent after it was delivered; it "
          "goes again at once, not at the retransmission timeout",
          expect={"first-retransmit": ["yes"], "new-data-sent": ["yes"],
                  "again": ["A seq=1 ack=1 len=1448 win=+ @immediate"]})
def _(t):
    c = t.established()
    t.dut_send(c, b"r" * 1448 * 40)
    # the initial window, answered well before any timeout (a tail loss
    # probe may have sent more meanwhile: the blocks below cover it)
    flight = [s for s in t.collect_all(c, 150, count=10) if s.data]
    if len(flight) < 4:
        t.note("first-flight", "%d segments" % len(flight))
        return
    start = flight[0].seq
    top = max((s.seq + len(s.data)) & M32 for s in flight)
    # all but the first arrived: RACK (or DupThresh) resends the first
    t.inject(c, "A", ack=start, opts=c.opts(pad4(o_sack([(flight[1].seq,
                                                          top)]))))
    segs = t.collect_all(c, 150)
    t.note("first-retransmit", "yes" if any(s.seq == start for s in segs)
           else "no")
    new = [s for s in segs if s.data and (s.seq - top) & M32 < 1 << 31]
    t.note("new-data-sent", "yes" if new else "no")
    if not new:
        return
    top = max((s.seq + len(s.data)) & M32 for s in new)
    # the new data, sent after the retransmission, arrived; it did not
    t.inject(c, "A", ack=start, opts=c.opts(pad4(o_sack([(flight[1].seq,
                                                          top)]))))
    # the first time it goes (a retransmission timeout later would send
    # it once more)
    again = [s for s in t.collect(c, 400, until=lambda s: s.seq == start)
             if s.seq == start]
    t.record.append(("again", [re.sub(r" <[^>]*>", "", t.norm(c, s))
                               for s in again] or ["none"]))


@scenario("closing-simultaneous-close", "RFC 9293 3.6 figure 13: both FINs cross: "
          "CLOSING, then TIME-WAIT")
def _(t):
    c = t.established()
    t.dut_close(c)
    # first segments only, and at once: the DUT's FIN, not acknowledged
    # here, goes again on its retransmission timer
    t.observe(c, "fin", until=lambda s: True)
    # our FIN, not acknowledging theirs
    t.inject(c, "FA", ack=(c.rcv_nxt - 1) & M32)
    t.observe(c, "ack-of-fin", until=lambda s: True)
    t.inject(c, "A")
    t.observe(c, "final")


@scenario("timewait-rst", "RFC 1337: a RST in TIME-WAIT (Linux's tcp_rfc1337=0 "
          "lets it end TIME-WAIT); a FIN after it")
def _(t):
    c = t.established()
    t.dut_close(c)
    t.observe(c, "fin")
    t.inject(c, "FA")
    t.observe(c, "ack")
    t.inject(c, "R", ack=0, opts=b"", advance=False)
    t.observe(c, "rst")
    t.inject(c, "FA", seq=(c.snd_nxt - 1) & M32, advance=False)
    t.observe(c, "fin-again")


@scenario("timewait-new-syn", "RFC 9293 3.10.7.4 TIME-WAIT, RFC 6191: a new SYN "
          "with a higher sequence number and timestamp opens a new connection")
def _(t):
    c = t.established()
    t.dut_close(c)
    t.observe(c, "fin")
    t.inject(c, "FA")
    t.observe(c, "ack")
    c.tsval += 1000
    t.inject(c, "S", seq=c.snd_nxt + 100000, ack=0, advance=False,
             opts=t.syn_opts(c))
    # the new connection's ISN is the stack's own: its shape only
    t.note("syn", t.shapes(c, t.collect(c)))


# ---- closing -------------------------------------------------------------------

@scenario("fin-established", "RFC 9293 3.10.7.4: a FIN is acknowledged; read "
          "sees the end", expect={"read": ["b''"]})
def _(t):
    c = t.established()
    t.inject(c, "FA")
    t.observe(c, "ack")
    t.note("read", repr(t.dut_read(c)))


@scenario("fin-with-data", "RFC 9293 3.10.7.4: data and FIN in one segment")
def _(t):
    c = t.established()
    t.inject(c, "FPA", data=b"f" * 10)
    t.observe(c, "ack")


@scenario("fin-out-of-order", "RFC 9293 3.10.7.4, RFC 2018: a FIN past a hole "
          "is not processed; the SACK block covers its data and the FIN",
          expect={"ack": ["A seq=1 ack=1 win=+ <ts(ecr=0) sack101-112> @immediate"],
                  "read": ["None"]})
def _(t):
    c = t.established()
    t.inject(c, "FPA", seq=c.snd_nxt + 100, data=b"f" * 10, advance=False)
    t.observe(c, "ack")
    t.note("read", t.dut_read(c))


@scenario("fin-out-of-order-filled", "RFC 9293 3.10.7.4: the hole before a "
          "FIN filled: the data and the FIN are acknowledged",
          expect={"filled": ["A seq=1 ack=22 win=+ <ts(ecr=20)> @immediate"],
                  "read": ["b'ggggggggggffffffffff'"]})
def _(t):
    c = t.established()
    base = c.snd_nxt
    t.inject(c, "FPA", seq=base + 10, data=b"f" * 10, advance=False)
    t.observe(c, "ooo")
    t.inject(c, "PA", seq=base, data=b"g" * 10, advance=False)
    t.observe(c, "filled")
    t.note("read", repr(t.dut_read(c)))


@scenario("closewait-data-after-fin", "RFC 9293 3.10.7.4: data past a FIN "
          "already received")
def _(t):
    c = t.established()
    t.inject(c, "FA")
    t.observe(c, "ack")
    t.inject(c, "PA", data=b"late")
    t.observe(c, "late")


@scenario("timewait-fin-retransmit", "RFC 9293 3.10.7.4 TIME-WAIT: a "
          "retransmitted FIN is acknowledged again")
def _(t):
    c = t.established()
    t.dut_close(c)
    t.observe(c, "fin")
    t.inject(c, "FA")
    t.observe(c, "ack")
    t.inject(c, "FA", seq=(c.snd_nxt - 1) & M32, advance=False)
    t.observe(c, "again")


@scenario("finwait2-data", "RFC 9293 3.10.7.4 FIN-WAIT-2: a half-closed "
          "connection still takes data")
def _(t):
    c = t.established()
    t.mark()
    c.sock.shutdown(socket.SHUT_WR)
    t.observe(c, "fin")
    t.inject(c, "A")
    t.observe(c, "ack-of-fin")
    t.inject(c, "PA", data=b"h" * 20)
    t.observe(c, "data-ack")


@scenario("finwait2-orphan-timeout", "RFC 9293 3.10.7.4 FIN-WAIT-2, after "
          "Linux's tcp_fin_timeout (2 s here): a closed socket's FIN-WAIT-2 "
          "answers a probe at 1 s, and is gone at 3.5 s (a FIN finds no "
          "connection)", slow=True)
def _(t):
    old = t.stack.sysctl("tcp_fin_timeout", 2)
    try:
        c = t.established()
        t.dut_close(c)
        t.observe(c, "fin")
        t.inject(c, "A")
        t.observe(c, "ack-of-fin")
        time.sleep(1)
        t.inject(c, "A", seq=(c.snd_nxt - 1) & M32, advance=False)
        t.observe(c, "probe-at-1s")
        time.sleep(2.5)
        t.inject(c, "FA")
        t.observe(c, "fin-at-3.5s")
    finally:
        t.stack.sysctl("tcp_fin_timeout", old)


@scenario("lastack-final-ack", "RFC 9293 3.10.7.4 LAST-ACK: the ACK of our FIN "
          "closes; then a segment finds no connection")
def _(t):
    c = t.established()
    t.inject(c, "FA")
    t.observe(c, "ack")
    t.dut_close(c)
    t.observe(c, "fin")
    t.inject(c, "A")
    t.observe(c, "final")
    t.inject(c, "PA", data=b"x")
    t.observe(c, "after")
