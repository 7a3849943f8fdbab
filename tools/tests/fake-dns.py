#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# A misbehaving DNS server for testing cnet-resolve's AF_INET build inside a
# private network namespace. It listens on 127.0.0.1 and 127.0.0.2, port
# PORT (argv[1]), and prints "ready" once both sockets are open. On
# 127.0.0.2 every name gets "A 10.0.0.9". On 127.0.0.1, by the query's
# first label:
#   a          A 10.0.0.1
#   spoof      first three wrong replies (another ID; the right ID from
#              another port; the right ID for another name), then A 10.0.0.2
#   tc         the TC bit
#   servfail   SERVFAIL
#   loop       an answer whose owner name points at itself
#   chain      only "CNAME a.test" (the resolver must ask for a.test)
#   cnameloop  CNAME to itself
#   silent     no reply
import socket
import struct
import sys


def name(labels):
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def reply(q, flags, answers=b"", ancount=0, qid=None):
    qid = struct.unpack("!H", q[:2])[0] if qid is None else qid
    hdr = struct.pack("!HHHHHH", qid, 0x8180 | flags, 1, ancount, 0, 0)
    return hdr + q[12:] + answers


def a_rr(owner, addr):
    return owner + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton(addr)


def cname_rr(owner, target):
    return owner + struct.pack("!HHIH", 5, 1, 60, len(target)) + target


def labels_of(q):
    out, i = [], 12
    while q[i]:
        out.append(q[i + 1:i + 1 + q[i]])
        i += 1 + q[i]
    return out


port = int(sys.argv[1])
main = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
main.bind(("127.0.0.1", port))
other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
other.bind(("127.0.0.2", port))
side = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
side.bind(("127.0.0.1", port + 1))
print("ready", flush=True)

PTR = b"\xc0\x0c"                   # the question's name
while True:
    import select
    r, _, _ = select.select([main, other], [], [])
    for s in r:
        q, peer = s.recvfrom(4096)
        if s is other:
            s.sendto(reply(q, 0, a_rr(PTR, "10.0.0.9"), 1), peer)
            continue
        first = labels_of(q)[0].lower()
        if first == b"a":
            s.sendto(reply(q, 0, a_rr(PTR, "10.0.0.1"), 1), peer)
        elif first == b"spoof":
            qid = struct.unpack("!H", q[:2])[0]
            s.sendto(reply(q, 0, a_rr(PTR, "6.6.6.6"), 1, qid ^ 1), peer)
            side.sendto(reply(q, 0, a_rr(PTR, "6.6.6.7"), 1), peer)
            other_q = q[:12] + name([b"other", b"test"]) + q[-4:]
            s.sendto(reply(other_q, 0, a_rr(PTR, "6.6.6.8"), 1), peer)
            s.sendto(reply(q, 0, a_rr(PTR, "10.0.0.2"), 1), peer)
        elif first == b"tc":
            s.sendto(reply(q, 0x0200), peer)
        elif first == b"servfail":
            s.sendto(reply(q, 2), peer)
        elif first == b"loop":
            at = len(q)
            s.sendto(reply(q, 0, a_rr(struct.pack("!H", 0xc000 | at),
                                      "6.6.6.6"), 1), peer)
        elif first == b"chain":
            s.sendto(reply(q, 0, cname_rr(PTR, name([b"a", b"test"])), 1),
                     peer)
        elif first == b"cnameloop":
            s.sendto(reply(q, 0, cname_rr(PTR, PTR), 1), peer)
