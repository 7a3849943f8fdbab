#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# A misbehaving echo responder for testing cnet-ping's AF_INET build inside a
# private network namespace (net.ipv4.icmp_echo_ignore_all=1 there, so that
# only this script answers). Per icmp_seq:
#   1, 5+  answered normally
#   2      answered twice (a duplicate)
#   3      answered with payload byte #20 flipped (wrong data)
#   4      not answered (lost)
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def reply(sock, src, icmp):
    body = b"\0\0\0\0" + icmp[4:]                  # type 0, code 0
    body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
    sock.sendto(body, (src, 0))


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    print("ready", flush=True)
    while True:
        pkt, (src, _) = sock.recvfrom(65535)
        icmp = pkt[(pkt[0] & 0xF) * 4:]
        if len(icmp) < 8 or icmp[0] != 8:
            continue
        seq = struct.unpack("!H", icmp[6:8])[0]
        if seq == 4:
            continue
        if seq == 3 and len(icmp) > 8 + 20:
            icmp = icmp[:28] + bytes([icmp[28] ^ 0xFF]) + icmp[29:]
        reply(sock, src, icmp)
        if seq == 2:
            reply(sock, src, icmp)


if __name__ == "__main__":
    sys.exit(main())
