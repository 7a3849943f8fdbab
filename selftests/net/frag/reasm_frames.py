# SPDX-License-Identifier: GPL-2.0
"""Fragments the reassembly tests (NN-reasm-*.sh) send at cnet.

Built by hand on top of selftests/frames.py, so that every field (offset,
MF, length) is exactly what the test says, overlaps and all:

    from reasm_frames import Peer
    p = Peer("veth1", a_mac, b_mac, "10.0.1.2", "10.0.1.1")
    dgram = p.echo(ident=0x4242, seq=1, data=bytes(40))   # ICMP message
    p.send_frags(ip_id=7, proto=1, payload=dgram,
                 pieces=[(0, 16, True), (16, 16, True), (32, 16, False)])
"""
import select
import socket
import struct
import time

import frames


def ipv4_frag(saddr, daddr, proto, ident, offset, more, data, opts=b"",
              ttl=64):
    """One IPv4 fragment: data at byte offset (a multiple of 8) of the
    datagram's data, MF set if more; options opts (padded to 4 bytes)."""
    opts = opts + b"\0" * (-len(opts) % 4)
    ihl = 5 + len(opts) // 4
    fo = (offset // 8) | (0x2000 if more else 0)
    h = struct.pack("!BBHHHBBH4s4s", 4 << 4 | ihl, 0, ihl * 4 + len(data),
                    ident, fo, ttl, proto, 0, socket.inet_aton(saddr),
                    socket.inet_aton(daddr)) + opts
    return frames.with_csum(h, 10) + data


class Peer:
    """The Linux side of the pair, sending fragments from its address."""

    def __init__(self, ifname, dst_mac, src_mac, saddr, daddr):
        self.s = frames.sender(ifname)
        self.dst = frames.mac(dst_mac)
        self.src = frames.mac(src_mac)
        self.saddr = saddr
        self.daddr = daddr

    @staticmethod
    def echo(ident, seq, data):
        """An ICMP echo request (the whole message, to be fragmented)."""
        return frames.icmp_echo(ident, seq, data)

    def frag(self, ip_id, proto, payload, offset, length, more, opts=b""):
        """The fragment of payload at offset, length bytes, as a frame."""
        return frames.eth(self.dst, self.src, 0x0800,
                          ipv4_frag(self.saddr, self.daddr, proto, ip_id,
                                    offset, more,
                                    payload[offset:offset + length], opts))

    def send_frags(self, ip_id, proto, payload, pieces, gap=0.0):
        """Send the pieces (offset, length, more) in the order given."""
        for offset, length, more in pieces:
            self.s.send(self.frag(ip_id, proto, payload, offset, length,
                                  more))
            if gap:
                time.sleep(gap)

    def send_raw(self, ip_id, proto, offset, more, data):
        """A fragment whose data is given as is (overlaps with other
        content, lengths that do not add up)."""
        self.s.send(frames.eth(self.dst, self.src, 0x0800,
                               ipv4_frag(self.saddr, self.daddr, proto,
                                         ip_id, offset, more, data)))


def icmp_listener():
    """A raw ICMP socket on the Linux side."""
    return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)


def wait_icmp(sock, want, timeout):
    """ICMP messages received in timeout seconds for which want(type, code,
    ident, seq, packet) is true, as a list of (type, code, ident, seq)."""
    got = []
    end = time.time() + timeout
    while True:
        left = end - time.time()
        if left <= 0:
            return got
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            return got
        pkt = sock.recv(65535)
        ihl = (pkt[0] & 15) * 4
        t, c = pkt[ihl], pkt[ihl + 1]
        ident, seq = struct.unpack("!HH", pkt[ihl + 4:ihl + 8])
        if want(t, c, ident, seq, pkt):
            got.append((t, c, ident, seq))
