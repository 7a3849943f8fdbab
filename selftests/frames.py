# SPDX-License-Identifier: GPL-2.0
"""Frames the selftests send at cnet from a Linux namespace.

Tests that need a frame the Linux stack would not send (a bad header, a
spoofed source, a VLAN tag) build it here and send it with a packet
socket. lib.sh puts this folder on PYTHONPATH, so a test's python reads:

    import frames
    s = frames.sender("veth1")
    s.send(frames.eth(dst, src, 0x0800,
                      frames.ipv4("10.0.1.2", "10.0.1.1", 1,
                                  frames.icmp_echo(0x4242, 1, bytes(24)))))
"""
import socket
import struct


def mac(text):
    """b"..." of a MAC address written 02:00:00:00:00:01."""
    return bytes.fromhex(text.replace(":", ""))


def csum(b):
    """The Internet checksum (RFC 1071) of b."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def with_csum(b, at):
    """b with the checksum of b (its field zero) written at offset at."""
    return b[:at] + struct.pack("!H", csum(b)) + b[at + 2:]


def ipv4(saddr, daddr, proto, payload, ver=4, ihl=5, tot=None,
         good_csum=True, ident=7, ttl=64):
    """A 20-byte IPv4 header and payload. ver, ihl and tot (default: the
    real length) go in as given, even when wrong; good_csum=False spoils
    the header checksum."""
    tot = 20 + len(payload) if tot is None else tot
    h = struct.pack("!BBHHHBBH4s4s", ver << 4 | ihl, 0, tot, ident, 0, ttl,
                    proto, 0, socket.inet_aton(saddr), socket.inet_aton(daddr))
    h = with_csum(h, 10)
    if not good_csum:
        h = h[:10] + struct.pack("!H", struct.unpack("!H", h[10:12])[0] ^ 0x00FF) + h[12:]
    return h + payload


def icmp_echo(ident, seq, data):
    """An ICMP echo request with its checksum."""
    return with_csum(struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data, 2)


def eth(dst, src, ethertype, payload, tci=None):
    """An Ethernet frame; with tci, 802.1Q-tagged (priority << 13 | VLAN)."""
    tag = b"" if tci is None else struct.pack("!HH", 0x8100, tci)
    return dst + src + tag + struct.pack("!H", ethertype) + payload


def sender(ifname):
    """A packet socket that sends whole frames out of ifname."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    return s


def tcp_frames(sock):
    """The IPv4 TCP frames a non-blocking packet socket holds now, as
    (ip, ihl, tcp): the frame from its IPv4 header on, that header's
    length, and the segment. Frames too short for both headers, and
    others, are passed over."""
    while True:
        try:
            f = sock.recv(65535)
        except BlockingIOError:
            return
        ip = f[14:]
        if f[12:14] != b"\x08\x00" or len(ip) < 40 or ip[9] != 6:
            continue
        ihl = (ip[0] & 15) * 4
        yield ip, ihl, ip[ihl:]
