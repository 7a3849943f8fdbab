#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# A UDP echo server on the Linux stack, for the UDP selftests:
#
#	echo.py PORT
#
# Sends each datagram back to its sender, but for three questions:
# "tos?" is answered "tos=T ttl=N" (the TOS byte and TTL it arrived with),
# "from?" with "ADDR:PORT" of the sender, "flood N" with N datagrams of
# 1000 bytes. Prints "ready" once bound.
import socket
import sys

IP_RECVTTL, IP_RECVTOS, IP_TOS, IP_TTL = 12, 13, 1, 2

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_IP, IP_RECVTTL, 1)
s.setsockopt(socket.SOL_IP, IP_RECVTOS, 1)
s.bind(("0.0.0.0", int(sys.argv[1])))
print("ready", flush=True)
while True:
    data, anc, _, peer = s.recvmsg(65536, 256)
    if data == b"tos?":
        tos = ttl = -1
        for level, kind, value in anc:
            if level == socket.SOL_IP and kind == IP_TOS:
                tos = value[0]
            if level == socket.SOL_IP and kind == IP_TTL:
                ttl = int.from_bytes(value[:4], sys.byteorder)
        data = b"tos=%d ttl=%d" % (tos, ttl)
    elif data == b"from?":
        data = ("%s:%d" % peer).encode()
    elif data.startswith(b"flood "):
        for _ in range(int(data[6:])):
            s.sendto(b"f" * 1000, peer)
        continue
    s.sendto(data, peer)
