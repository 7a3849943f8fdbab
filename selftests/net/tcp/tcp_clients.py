#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Many TCP clients at once, on Linux, for selftests/net/tcp/3x-*.sh.

tcp_clients.py ADDR PORT N [request|reset] [TIMEOUT] [SPORT]

request: N connections started together; each sends "x", waits for
"y" and for the server to close first (so the server's side, not ours,
goes to TIME-WAIT). reset: each connects and waits for the connection to be reset.
Prints one line per outcome and its count, e.g. "served 200", "refused 3",
"reset 5", "timeout 1", and exits 0. SPORT: the clients' source port
(N 1: a 4-tuple used again).
"""
import collections
import errno
import selectors
import socket
import sys
import time

addr, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mode = sys.argv[4] if len(sys.argv) > 4 else "request"
deadline = time.monotonic() + (float(sys.argv[5]) if len(sys.argv) > 5 else 60)
sport = int(sys.argv[6]) if len(sys.argv) > 6 else 0

sel = selectors.DefaultSelector()
outcome = collections.Counter()
for _ in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sport:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", sport))
    s.setblocking(False)
    s.connect_ex((addr, port))
    sel.register(s, selectors.EVENT_WRITE, "connecting")


def done(s, what):
    sel.unregister(s)
    s.close()
    outcome[what] += 1


while sel.get_map() and time.monotonic() < deadline:
    for key, ev in sel.select(timeout=0.5):
        s, state = key.fileobj, key.data
        if state == "connecting":
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                done(s, "refused" if err == errno.ECONNREFUSED else
                     errno.errorcode.get(err, str(err)))
                continue
            if mode == "request":
                s.send(b"x")
            sel.modify(s, selectors.EVENT_READ, "waiting")
            continue
        try:
            data = s.recv(1)
        except ConnectionResetError:
            done(s, "served" if state == "got_y" else "reset")
            continue
        if state == "got_y":
            done(s, "served" if not data else "other")
        elif mode == "request" and data == b"y":
            sel.modify(s, selectors.EVENT_READ, "got_y")
        else:
            done(s, "closed" if not data else "other")
outcome["timeout"] += len(sel.get_map())
for what, count in sorted(outcome.items()):
    if count:
        print(what, count)
