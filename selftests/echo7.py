#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""UDP and TCP echo servers on port 7 of ADDR (Linux's stack), the peer
of cnet's traffic in fail/ and storm/: each datagram goes back to its
sender; each connection gets back what it sent, and a FIN once the
client sent its own.
Prints "ready" once bound.

Usage: echo7.py ADDR
"""
import socket
import sys
import threading

addr = sys.argv[1]


def udp(s):
    while True:
        data, peer = s.recvfrom(65536)
        s.sendto(data, peer)


def tcp_conn(c):
    with c:
        try:
            while True:
                data = c.recv(65536)
                if not data:
                    break
                c.sendall(data)
            c.shutdown(socket.SHUT_WR)
        except OSError:
            pass


u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((addr, 7))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind((addr, 7))
t.listen(64)
threading.Thread(target=udp, args=(u,), daemon=True).start()
print('ready', flush=True)
while True:
    conn, _ = t.accept()
    threading.Thread(target=tcp_conn, args=(conn,), daemon=True).start()
