# SPDX-License-Identifier: GPL-2.0
"""The testbench of the conformance harness (selftests/conformance/).

One Testbench drives one stack under test (the DUT: cnet or Linux) from
the testbench namespace: it sends crafted TCP segments out of a packet
socket on its side of the veth pair, as the peer 10.0.1.2 that has no
address in any stack, and reads what the DUT sends back from a second
packet socket on the same device. The DUT's own sockets (listeners,
connects, accepts, sends) are made in the DUT's namespace with setns();
a socket keeps its namespace after the process leaves it.

What a DUT sends is recorded normalised (Seg.norm): sequence numbers
relative to the ISNs of the connection, window as a class, options by
name, a timing class. The scenarios (scenarios.py) compare the records
of the two stacks.
"""
import ctypes
import errno
import fcntl
import os
import re
import select
import socket
import struct
import time

import frames

AF_CUSTOM = 19
CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)

TB_IP = "10.0.1.2"      # the testbench's address: no stack owns it
DUT_IP = "10.0.1.1"     # both DUTs', each in its own namespace
TS_BASE = 1000000       # the testbench's first TSval
M32 = 0xFFFFFFFF

FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128
FLAG_NAMES = "FSRPAUEC"

# Timing classes: how long after the stimulus a segment left the DUT.
# The VM is emulated and slow: "immediate" is generous.
IMMEDIATE_MS = 120
WAIT_NONE_MS = 250      # how long silence is waited for
SETTLE_MS = 120         # how long to wait for more after a segment


SIOCETHTOOL = 0x8946
ETHTOOL_STSO = 0x1f
ETHTOOL_SGSO = 0x24


def ethtool(dev, cmd, data=0):
    """An ethtool ioctl of one value on dev (the VM has no ethtool)."""
    val = ctypes.create_string_buffer(struct.pack("II", cmd, data))
    ifr = struct.pack("16sP", dev.encode(), ctypes.addressof(val))
    ifr += b"\0" * (40 - len(ifr))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifr)
    return struct.unpack("II", val.raw[:8])[1]


def setns(name):
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns " + name)
    finally:
        os.close(fd)


def flags_str(f, keep_psh=False):
    s = "".join(n for i, n in enumerate(FLAG_NAMES) if f & (1 << i)
                and (keep_psh or n != "P"))
    return s or "-"


def parse_flags(text):
    f = 0
    for ch in text:
        if ch in FLAG_NAMES:
            f |= 1 << FLAG_NAMES.index(ch)
    return f


# ---- options ------------------------------------------------------------

def o_mss(v):
    return struct.pack("!BBH", 2, 4, v)


def o_ws(v):
    return struct.pack("!BBB", 3, 3, v)


def o_sackok():
    return b"\x04\x02"


def o_ts(val, ecr):
    return struct.pack("!BBII", 8, 10, val & M32, ecr & M32)


def o_sack(blocks):
    return struct.pack("!BB", 5, 2 + 8 * len(blocks)) + b"".join(
        struct.pack("!II", a & M32, b & M32) for a, b in blocks)


def pad4(opts):
    """opts with NOPs in front up to a multiple of 4 bytes."""
    return b"\x01" * (-len(opts) % 4) + opts


def parse_opts(b):
    """{name: value} of a TCP header's options."""
    out = {}
    i = 0
    while i < len(b):
        kind = b[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(b) or b[i + 1] < 2 or i + b[i + 1] > len(b):
            out["BAD"] = True
            break
        ln = b[i + 1]
        v = b[i + 2:i + ln]
        if kind == 2 and ln == 4:
            out["MSS"] = struct.unpack("!H", v)[0]
        elif kind == 3 and ln == 3:
            out["WS"] = v[0]
        elif kind == 4:
            out["SACKOK"] = True
        elif kind == 5:
            out["SACK"] = [struct.unpack("!II", v[j:j + 8])
                           for j in range(0, len(v) - 7, 8)]
        elif kind == 8 and ln == 10:
            out["TS"] = struct.unpack("!II", v)
        else:
            out["OPT%d" % kind] = v
        i += ln
    return out


# ---- segments ------------------------------------------------------------

def tcp_segment(sport, dport, seq, ack, flags, win=65535, opts=b"",
                data=b"", urg=0, doff=None, bad_csum=False,
                saddr=TB_IP, daddr=DUT_IP):
    opts = pad4(opts)
    if doff is None:
        doff = (20 + len(opts)) // 4
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & M32, ack & M32,
                      (doff & 15) << 4, flags, win, 0, urg) + opts
    seg = hdr + data
    pseudo = socket.inet_aton(saddr) + socket.inet_aton(daddr) + \
        struct.pack("!BBH", 0, 6, len(seg))
    c = frames.csum(pseudo + seg)
    if bad_csum:
        c ^= 0x5A5A
    return seg[:16] + struct.pack("!H", c) + seg[18:]


class Seg:
    """A segment the DUT sent."""

    def __init__(self, ip, ihl, tcp, t):
        tot = struct.unpack("!H", ip[2:4])[0]
        (self.sport, self.dport, self.seq, self.ack, off, self.flags,
         self.win, _, self.urg) = struct.unpack("!HHIIBBHHH", tcp[:20])
        doff = (off >> 4) * 4
        self.opts = parse_opts(tcp[20:doff])
        self.data = tcp[doff:tot - ihl]
        self.t = t

    def has(self, f):
        return (self.flags & f) == f

    def __repr__(self):
        return "<%s seq %d ack %d len %d win %d %s>" % (
            flags_str(self.flags, True), self.seq, self.ack, len(self.data),
            self.win, self.opts)


class Conn:
    """A connection (or a would-be one) between the testbench and a DUT.
    snd_nxt: the testbench's next sequence number; rcv_nxt: the DUT's
    next one as the testbench knows it. isn (the testbench's) and
    dut_isn are what the DUT's numbers are shown relative to."""

    def __init__(self, tb, dport, sport):
        self.tb = tb
        self.dport = dport
        self.sport = sport
        self.isn = 0x10000000 + dport * 7919
        self.snd_nxt = self.isn
        self.dut_isn = 0
        self.rcv_nxt = 0
        self.dut_ws = 0     # the DUT's window scale (its SYN)
        self.dut_win = 0    # its last window, scaled
        self.tsval = TS_BASE
        self.ts_recent = 0  # the DUT's last TSval
        self.ts = False
        self.sack = False
        self.sock = None    # the DUT's socket (accepted or connected)
        self.lsock = None   # the DUT's listener

    def opts(self, extra=b""):
        """The options of a segment on the connection: a timestamp if
        negotiated, then extra."""
        o = b""
        if self.ts:
            o += b"\x01\x01" + o_ts(self.tsval, self.ts_recent)
        return o + extra


class Stack:
    """One stack under test: its namespace, the testbench's device toward
    it, the MACs, whether its sockets are cnet's."""

    def __init__(self, name, ns, tb_ns, dut_dev, dev, dut_mac, tb_mac, cnet):
        self.name = name
        self.ns = ns
        self.tb_ns = tb_ns
        self.cnet = cnet
        self.dut_mac = frames.mac(dut_mac)
        self.tb_mac = frames.mac(tb_mac)
        # The DUT's segments as they go on the wire, one per MSS: no TSO
        # or GSO on its device (what the testbench reads is what a peer
        # would see on a link that does not aggregate).
        setns(ns)
        for cmd in (ETHTOOL_STSO, ETHTOOL_SGSO):
            ethtool(dut_dev, cmd, 0)
        setns(tb_ns)
        self.out = frames.sender(dev)
        self.sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                   socket.htons(0x0003))
        self.sniff.bind((dev, 0))
        self.sniff.setblocking(False)

    # -- the DUT's sockets, made in its namespace --
    def socket(self):
        setns(self.ns)
        try:
            fam = AF_CUSTOM if self.cnet else socket.AF_INET
            return socket.socket(fam, socket.SOCK_STREAM, 0)
        finally:
            setns(self.tb_ns)

    def sockaddr(self, ip, port):
        if not self.cnet:
            return None
        sa = struct.pack("!HH4s8x", 0, port, socket.inet_aton(ip))
        return struct.pack("=H", AF_CUSTOM) + sa[2:]

    def _call(self, fn, s, ip, port):
        sa = self.sockaddr(ip, port)
        buf = ctypes.create_string_buffer(sa, len(sa))
        if fn(s.fileno(), buf, len(sa)):
            return ctypes.get_errno()
        return 0

    def listen(self, port, backlog=8, rcvbuf=None):
        s = self.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        if self.cnet:
            e = self._call(libc.bind, s, DUT_IP, port)
            if e:
                raise OSError(e, "bind")
        else:
            s.bind((DUT_IP, port))
        s.listen(backlog)
        s.setblocking(False)
        return s

    def accept(self, ls, timeout=2.0):
        r, _, _ = select.select([ls], [], [], timeout)
        if not r:
            return None
        fd = libc.accept(ls.fileno(), None, None)
        if fd < 0:
            return None
        fam = AF_CUSTOM if self.cnet else socket.AF_INET
        return socket.socket(fam, socket.SOCK_STREAM, 0, fileno=fd)

    # the settings whose names differ: cnet's name says the unit
    CNET_SYSCTL = {"tcp_fin_timeout": "tcp_fin_timeout_s"}

    def sysctl(self, name, value):
        """Set the namespace's TCP setting name (net.ipv4.NAME on Linux,
        net.cnet.NAME on cnet: the same names but for CNET_SYSCTL's) to
        value; the old value."""
        if self.cnet:
            path = "/proc/sys/net/cnet/%s" % self.CNET_SYSCTL.get(name, name)
        else:
            path = "/proc/sys/net/ipv4/%s" % name
        setns(self.ns)
        try:
            with open(path, "r+") as f:
                old = f.read().strip()
                f.seek(0)
                f.write(str(value))
            return old
        finally:
            setns(self.tb_ns)

    def connect_nb(self, port, lport, syncnt=None):
        """A non-blocking connect to the testbench from lport (with
        TCP_SYNCNT syncnt when given)."""
        s = self.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if syncnt:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_SYNCNT, syncnt)
        if self.cnet:
            e = self._call(libc.bind, s, DUT_IP, lport)
            if e:
                raise OSError(e, "bind")
        else:
            s.bind((DUT_IP, lport))
        s.setblocking(False)
        if self.cnet:
            e = self._call(libc.connect, s, TB_IP, port)
        else:
            e = s.connect_ex((TB_IP, port))
        if e not in (0, errno.EINPROGRESS):
            raise OSError(e, "connect")
        return s


def abort(s):
    """Close a DUT socket with a RST (SO_LINGER 0): nothing lingers."""
    if s is None:
        return
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
    except OSError:
        pass
    s.close()


class Testbench:
    """The testbench facing one stack for one scenario. record: what the
    DUT sent, normalised, one list per observe()."""

    def __init__(self, stack, port):
        self.stack = stack
        self.port = port
        self.record = []
        self.raw = []
        self.socks = []
        self.t0 = time.monotonic()

    # -- packets --
    def drain(self):
        for _ in frames.tcp_frames(self.stack.sniff):
            pass

    def inject(self, c, flags, seq=None, ack=None, data=b"", win=None,
               opts=None, urg=0, doff=None, bad_csum=False, advance=True):
        """Send a segment on connection c (flags as a string "SA", "PA",
        "" for none). seq defaults to c.snd_nxt, ack to c.rcv_nxt; opts
        to c.opts() (the timestamp, if negotiated). With advance, snd_nxt
        moves past what was sent when it started at snd_nxt."""
        f = parse_flags(flags) if isinstance(flags, str) else flags
        seq = c.snd_nxt if seq is None else seq
        ack = c.rcv_nxt if ack is None else ack
        if opts is None:
            opts = c.opts()
        if win is None:
            win = 65535
        seg = tcp_segment(c.sport, c.dport, seq, ack, f, win, opts, data,
                          urg, doff, bad_csum)
        st = self.stack
        self.drain()
        self.t0 = time.monotonic()
        st.out.send(frames.eth(st.dut_mac, st.tb_mac, 0x0800,
                               frames.ipv4(TB_IP, DUT_IP, 6, seg)))
        if advance and (seq - c.snd_nxt) & M32 == 0:
            c.snd_nxt = (seq + len(data) + (1 if f & SYN else 0) +
                         (1 if f & FIN else 0)) & M32
        if c.ts:
            c.tsval += 10

    def collect(self, c, wait_ms=WAIT_NONE_MS, until=None):
        """The segments the DUT sends on c's ports within wait_ms of the
        last inject; stops SETTLE_MS after the first one (or at once when
        until(seg) says so)."""
        got = []
        end = self.t0 + wait_ms / 1000.0
        while True:
            now = time.monotonic()
            if now >= end:
                break
            r, _, _ = select.select([self.stack.sniff], [], [], end - now)
            if not r:
                continue
            t = time.monotonic()
            for ip, ihl, tcp in frames.tcp_frames(self.stack.sniff):
                if ip[12:16] != socket.inet_aton(DUT_IP):
                    continue
                sg = Seg(ip, ihl, tcp, t - self.t0)
                if sg.sport != c.dport or sg.dport != c.sport:
                    continue
                got.append(sg)
                if until and until(sg):
                    return got
                end = min(end, t + SETTLE_MS / 1000.0)
        return got

    def collect_all(self, c, wait_ms, count=None):
        """Every segment the DUT sends on c's ports until wait_ms after
        the last inject (or the first count of them), however far apart
        (collect() stops soon after one)."""
        got = []
        while count is None or len(got) < count:
            segs = self.collect(c, wait_ms, until=lambda s: True)
            if not segs:
                break
            got += segs
        return got

    def learn(self, c, segs):
        """What the testbench learns from the DUT's segments: its next
        sequence number, window, TSval."""
        for sg in segs:
            if sg.flags & RST:
                continue
            nxt = (sg.seq + len(sg.data) + (1 if sg.flags & SYN else 0) +
                   (1 if sg.flags & FIN else 0)) & M32
            if (nxt - c.rcv_nxt) & M32 < 1 << 31:
                c.rcv_nxt = nxt
            c.dut_win = sg.win << (0 if sg.flags & SYN else c.dut_ws)
            if "TS" in sg.opts:
                c.ts_recent = sg.opts["TS"][0]

    def norm(self, c, sg):
        """One line for a segment: flags (PSH left out: stacks set it
        differently), seq and ack relative to the ISNs, data length,
        window class, options, timing class."""
        f = sg.flags
        if f & SYN and c.dut_isn == 0:
            c.dut_isn = sg.seq
        seq = (sg.seq - c.dut_isn) & M32
        s = "%s seq=%d" % (flags_str(f), seq)
        if f & ACK:
            s += " ack=%d" % ((sg.ack - c.isn) & M32)
        if sg.data:
            s += " len=%d" % len(sg.data)
        if not f & RST:
            s += " win=%s" % ("0" if sg.win == 0 else "+")
        o = sg.opts
        names = []
        if "MSS" in o:
            names.append("mss=%d" % o["MSS"])
        if "WS" in o:
            names.append("ws" if o["WS"] <= 14 else "ws>14")
        if "SACKOK" in o:
            names.append("sackok")
        if "TS" in o:
            ecr = o["TS"][1]
            rel = (ecr - TS_BASE) & M32
            names.append("ts(ecr=%s)" % (rel if rel < 1 << 20 else
                                          "0" if ecr == 0 else "?"))
        if "SACK" in o:
            names.append("sack" + ",".join(
                "%d-%d" % ((a - c.isn) & M32, (b - c.isn) & M32)
                for a, b in o["SACK"]))
        for k in sorted(o):
            if k.startswith("OPT") or k == "BAD":
                names.append(k.lower())
        if names:
            s += " <" + " ".join(names) + ">"
        ms = sg.t * 1000
        s += " @" + ("immediate" if ms < IMMEDIATE_MS else "delayed")
        return s

    def shapes(self, c, segs):
        """The lines of segs without their sequence and acknowledgement
        numbers (for a connection whose ISN the testbench does not
        know)."""
        return [re.sub(r" (seq|ack)=[0-9]+", "", self.norm(c, sg))
                for sg in segs] or ["none"]

    def observe(self, c, label="", wait_ms=WAIT_NONE_MS, until=None):
        """Collect what the DUT sends now and record it normalised.
        Returns the segments."""
        segs = self.collect(c, wait_ms, until)
        self.learn(c, segs)
        line = [self.norm(c, sg) for sg in segs] or ["none"]
        self.record.append((label, line))
        self.raw.append((label, segs, [round(sg.t * 1000) for sg in segs]))
        return segs

    def note(self, label, value):
        """Record a fact that is not a segment (a socket's state)."""
        self.record.append((label, [str(value)]))

    # -- connections --
    def conn(self, dport=None):
        dport = self.port if dport is None else dport
        c = Conn(self, dport, 40000 + (dport % 20000))
        return c

    def listener(self, **kw):
        ls = self.stack.listen(self.port, **kw)
        self.socks.append(ls)
        return ls

    def syn_opts(self, c, mss=1460, ws=7, sack=True, ts=True):
        o = b""
        if mss is not None:
            o += o_mss(mss)
        if sack:
            o += o_sackok()
        if ts:
            o += o_ts(c.tsval, 0)
        if ws is not None:
            o += b"\x01" + o_ws(ws)
        return o

    def handshake(self, c, synack, ts=True, sack=True):
        """Take the DUT's SYN-ACK (or SYN) as the start of c."""
        c.dut_isn = synack.seq
        c.rcv_nxt = (synack.seq + 1) & M32
        c.dut_ws = synack.opts.get("WS", 0)
        c.ts = ts and "TS" in synack.opts
        c.sack = sack and "SACKOK" in synack.opts
        if "TS" in synack.opts:
            c.ts_recent = synack.opts["TS"][0]
        c.dut_win = synack.win

    def established(self, mss=1460, ws=7, sack=True, ts=True, rcvbuf=None,
                    record=False, win=None):
        """A connection the testbench opened to a DUT listener, accepted
        by the DUT. Its socket is c.sock. win: the window the SYN and the
        ACK offer (65535 by default)."""
        c = self.conn()
        c.lsock = self.listener(rcvbuf=rcvbuf)
        o = self.syn_opts(c, mss, ws, sack, ts)
        self.inject(c, "S", opts=o, ack=0, win=win)
        segs = self.collect(c, 3000, until=lambda s: s.has(SYN | ACK))
        sa = [s for s in segs if s.has(SYN | ACK)]
        if not sa:
            raise RuntimeError("no SYN-ACK from %s: %s" % (self.stack.name, segs))
        self.handshake(c, sa[-1], ts, sack)
        if record:
            self.record.append(("syn-ack", [self.norm(c, sa[-1])]))
        self.inject(c, "A", win=win)
        c.sock = self.stack.accept(c.lsock)
        if c.sock is None:
            raise RuntimeError("%s did not accept" % self.stack.name)
        self.socks.append(c.sock)
        self.collect(c, 30)
        return c

    def active(self, record_syn=True):
        """A DUT connect() toward the testbench, its SYN read: the
        connection in SYN-SENT (c.sock), c.dut_isn known."""
        c = self.conn()
        c.sock = self.stack.connect_nb(c.sport, c.dport)
        self.socks.append(c.sock)
        self.t0 = time.monotonic()
        segs = self.collect(c, 3000, until=lambda s: s.has(SYN))
        syn = [s for s in segs if s.has(SYN)]
        if not syn:
            raise RuntimeError("no SYN from %s" % self.stack.name)
        self.handshake(c, syn[-1])
        if record_syn:
            self.record.append(("syn", [self.norm(c, syn[-1])]))
        return c

    def mark(self):
        """Now is the stimulus (for an application's call): timing classes
        count from here."""
        self.drain()
        self.t0 = time.monotonic()

    def dut_close(self, c):
        """The DUT's application closes c's socket (now the stimulus);
        the connection lives on in the DUT's stack, not aborted at the
        end."""
        self.socks.remove(c.sock)
        self.mark()
        c.sock.close()

    def dut_send(self, c, data):
        """The DUT's application writes data."""
        self.mark()
        c.sock.setblocking(True)
        c.sock.settimeout(2)
        c.sock.send(data)
        c.sock.setblocking(False)

    def dut_read(self, c, n=65536):
        """What the DUT's application can read now (b"" at end of file,
        None when nothing is there)."""
        try:
            return c.sock.recv(n, socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError as e:
            return "error %s" % errno.errorcode.get(e.errno, e.errno)

    def so_error(self, c):
        e = c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        return errno.errorcode.get(e, e) if e else 0

    def close(self):
        for s in self.socks:
            abort(s)
        self.socks = []
