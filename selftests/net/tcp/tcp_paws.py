#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Timestamps and PAWS on a live cnet TCP connection, for
tcp/64-tcp-timestamps.sh.

tcp_paws.py NS_A NS_B DEV_B A_IP A_MAC B_IP B_MAC PORT

A cnet socket in NS_A (made with ctypes: Python's socket module does not
know AF_CUSTOM addresses) connects to a Linux socket listening in NS_B on
B_IP:PORT; a packet socket on DEV_B (B's device toward A) sees the
segments and sends forged ones as the peer would.

  1. A byte each way; cnet's segments carry timestamps, its TSecr echoes
     a TSval Linux sent, and TCP_INFO has TCPI_OPT_TIMESTAMPS and a send
     MSS of 1448 (1460 less the 12-byte option, as Linux).
  2. A segment forged with the connection's next sequence numbers and one
     byte of data, but a TSval 100 s older than Linux's: PAWS drops it
     and cnet answers with a duplicate ACK (the byte not acknowledged).
  3. The connection goes on: what Linux sends next arrives, the forged
     byte never does.

Prints one "ok ..." or "not ok ..." line per check; exits 1 if a check
failed.
"""
import socket
import struct
import sys
import time

import cnetsock
import frames
from cnetsock import check, setns

TCPI_OPT_TIMESTAMPS = 1


def ts_option(opts):
    """(TSval, TSecr) of a TCP header's options, or None."""
    i = 0
    while i < len(opts):
        kind = opts[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(opts) or opts[i + 1] < 2:
            break
        if kind == 8 and opts[i + 1] == 10:
            return struct.unpack("!II", opts[i + 2:i + 10])
        i += opts[i + 1]
    return None


def tcp_segment(saddr, daddr, sport, dport, seq, ack, flags, opts, data):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack,
                      ((20 + len(opts)) // 4) << 4, flags, 502, 0, 0) + opts
    seg = hdr + data
    pseudo = socket.inet_aton(saddr) + socket.inet_aton(daddr) + \
        struct.pack("!BBH", 0, 6, len(seg))
    c = frames.csum(pseudo + seg)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def main():
    ns_a, ns_b, dev_b, a_ip, a_mac, b_ip, b_mac, port = sys.argv[1:9]
    port = int(port)

    setns(ns_b)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((b_ip, port))
    ls.listen(1)
    # ETH_P_ALL: a packet socket sees what B sends only with it
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                          socket.htons(0x0003))
    sniff.bind((dev_b, 0))
    sniff.setblocking(False)
    out = frames.sender(dev_b)
    setns(ns_a)
    s = cnetsock.connect(b_ip, port)
    s.settimeout(10)
    ls.settimeout(10)
    c, _ = ls.accept()
    c.settimeout(10)

    segs = []   # (from A?, seq, ack, data length, flags, ts or None, port)

    def drain():
        for ip, ihl, tcp in frames.tcp_frames(sniff):
            src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
            sport, dport = struct.unpack("!HH", tcp[:4])
            if port not in (sport, dport):
                continue
            doff = (tcp[12] >> 4) * 4
            tot = struct.unpack("!H", ip[2:4])[0]
            seq, ack = struct.unpack("!II", tcp[4:12])
            segs.append((src == a_ip and dst == b_ip, seq, ack,
                         tot - ihl - doff, tcp[13], ts_option(tcp[20:doff]),
                         sport if src == a_ip else dport))

    s.send(b"a")
    check(c.recv(1) == b"a", "a byte from cnet to Linux")
    c.send(b"b")
    check(s.recv(1) == b"b", "a byte from Linux to cnet")
    time.sleep(0.3)
    drain()
    from_a = [x for x in segs if x[0]]
    from_b = [x for x in segs if not x[0]]
    check(len(from_a) >= 3 and len(from_b) >= 2,
          "the sniffer saw the connection (%d + %d segments)"
          % (len(from_a), len(from_b)))
    if len(from_a) < 3 or len(from_b) < 2:
        return 1
    check(all(x[5] for x in from_a), "every segment cnet sent has timestamps")
    check(all(x[5] for x in from_b), "Linux sends timestamps: negotiated")
    b_tsvals = {x[5][0] for x in from_b if x[5]}
    echoes = [x[5][1] for x in from_a[1:] if x[5]]
    check(echoes and all(e in b_tsvals for e in echoes),
          "cnet's TSecr echoes TSvals Linux sent")
    tsvals = [x[5][0] for x in from_a if x[5]]
    check(all((b - a) & 0xFFFFFFFF < 1 << 31 for a, b in zip(tsvals, tsvals[1:])),
          "cnet's TSval does not go back")
    info = s.getsockopt(socket.SOL_TCP, socket.TCP_INFO, 104)
    check(info[5] & TCPI_OPT_TIMESTAMPS,
          "TCP_INFO: tcpi_options has TCPI_OPT_TIMESTAMPS")
    snd_mss = struct.unpack("=I", info[16:20])[0]
    check(snd_mss == 1448, "TCP_INFO: tcpi_snd_mss 1448 (got %d)" % snd_mss)

    # the forged old duplicate, at the connection's next numbers
    last_a, last_b = from_a[-1], from_b[-1]
    a_port = last_a[6]
    b_nxt = (last_b[1] + last_b[3]) & 0xFFFFFFFF
    a_nxt = (last_a[1] + last_a[3]) & 0xFFFFFFFF
    old = (last_b[5][0] - 100000) & 0xFFFFFFFF
    opts = struct.pack("!BBBBII", 1, 1, 8, 10, old, last_a[5][0])
    seg = tcp_segment(b_ip, a_ip, port, a_port, b_nxt, a_nxt, 0x18, opts,
                      b"X")
    segs.clear()
    out.send(frames.eth(frames.mac(a_mac), frames.mac(b_mac), 0x0800,
                        frames.ipv4(b_ip, a_ip, 6, seg)))
    print("forged seq %d ack %d tsval %d" % (b_nxt, a_nxt, old), flush=True)
    time.sleep(0.5)
    drain()
    acks = [x for x in segs if x[0]]
    check(len(acks) == 1 and acks[0][2] == b_nxt and acks[0][3] == 0,
          "cnet answered with one duplicate ACK of %d: %s" % (b_nxt, acks))

    c.send(b"bye")
    got = b""
    while len(got) < 3:
        d = s.recv(16)
        if not d:
            break
        got += d
    check(got == b"bye", "the connection goes on, the forged byte never read "
          "(got %r)" % got)
    s.close()
    c.close()
    return 1 if cnetsock.failed else 0


sys.exit(main())
