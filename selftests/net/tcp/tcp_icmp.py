#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""ICMP errors about a live cnet TCP connection, for tcp/71-tcp-icmp.sh.

tcp_icmp.py NS_A NS_B DEV_B A_IP A_MAC B_IP B_MAC C_IP PORT

From namespace NS_A (cnet), a TCP connection to the echo server C_IP:PORT
(a cnet socket, made with ctypes since Python's socket module does not
know AF_CUSTOM addresses); from NS_B (the Linux router, DEV_B its device
toward A), a packet socket that sees the connection's segments and sends
ICMP errors as the router would, each quoting the connection's IP header
and its TCP ports and sequence number:

  1. host unreachable (code 1) quoting SND.NXT, as a router that lost
     its route for a moment;
  2. port unreachable (code 3) quoting SND.NXT;
  3. host unreachable quoting a sequence number far outside what is in
     flight (a blind attack: it must be ignored);
  4. fragmentation needed, MTU 576, quoting a sequence number outside
     what is in flight (RFC 5927: ignored, the path MTU not learned).

After each, the connection must still carry a byte each way. A soft
error on an established connection is only remembered, as Linux's
sk_err_soft: SO_ERROR reports it once (and clears it, as Linux's
sock_getsockopt() does), the out-of-window one not at all. Prints one "ok ..." or "not ok ..." line per
check and "seq N" for the sequence numbers it quoted; exits 1 if a check
failed.
"""
import errno
import socket
import struct
import sys
import time

import cnetsock
import frames
from cnetsock import check, setns



def main():
    ns_a, ns_b, dev_b, a_ip, a_mac, b_ip, b_mac, c_ip, port = sys.argv[1:10]
    port = int(port)

    setns(ns_b)
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    sniff.bind((dev_b, 0))
    sniff.setblocking(False)
    out = frames.sender(dev_b)
    setns(ns_a)
    s = cnetsock.connect(c_ip, port)
    s.settimeout(20)

    last = {}

    def drain():
        """Read what the sniffer saw: the last segment from A to C:PORT."""
        for ip, ihl, tcp in frames.tcp_frames(sniff):
            if ip[12:16] != socket.inet_aton(a_ip) or \
               ip[16:20] != socket.inet_aton(c_ip):
                continue
            if struct.unpack("!H", tcp[2:4])[0] != port:
                continue
            tot = struct.unpack("!H", ip[2:4])[0]
            doff = (tcp[12] >> 4) * 4
            flags = tcp[13]
            seq = struct.unpack("!I", tcp[4:8])[0]
            nxt = seq + tot - ihl - doff + (1 if flags & 0x03 else 0)
            last["ip"], last["tcp8"], last["nxt"] = ip[:ihl], tcp[:8], nxt & 0xFFFFFFFF

    def exchange(what, want=0):
        try:
            s.send(what)
            got = s.recv(1)
        except OSError as e:
            got = repr(e).encode()
        check(got == what, "a byte each way after %s" % step)
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        check(err == want, "SO_ERROR %d after %s (got %d)" % (want, step, err))
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        check(err == 0, "SO_ERROR 0 read again after %s (got %d)" % (step, err))

    def icmp(code, seq, mtu=0):
        quote = last["ip"] + last["tcp8"][:4] + struct.pack("!I", seq)
        msg = frames.with_csum(struct.pack("!BBHHH", 3, code, 0, 0, mtu) +
                               quote, 2)
        out.send(frames.eth(frames.mac(a_mac), frames.mac(b_mac), 0x0800,
                            frames.ipv4(b_ip, a_ip, 1, msg)))
        print("seq %d" % seq, flush=True)
        time.sleep(0.5)

    # The sniffer is on B, which forwards A's segments to C: once the echo
    # is back in A, the segment it answers is in the sniffer's queue.
    step = "the handshake"
    exchange(b"a")
    drain()
    check("nxt" in last, "the sniffer saw the connection")
    if "nxt" not in last:
        return 1
    for step, code, off, want in (
            ("host unreachable", 1, 0, errno.EHOSTUNREACH),
            ("port unreachable", 3, 0, errno.ECONNREFUSED),
            ("an out-of-window error", 1, 1 << 30, 0),
            ("an out-of-window fragmentation needed", 4, 1 << 30, 0)):
        icmp(code, (last["nxt"] + off) & 0xFFFFFFFF, 576 if code == 4 else 0)
        exchange(b"b", want)
        drain()
    s.close()
    return 1 if cnetsock.failed else 0


sys.exit(main())
