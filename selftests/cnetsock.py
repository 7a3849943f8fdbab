# SPDX-License-Identifier: GPL-2.0
"""What the python selftests that drive a cnet socket share: AF_CUSTOM,
entering a network namespace, a cnet TCP connect made with ctypes
(Python's socket module does not know AF_CUSTOM addresses), and TAP-like
checks. lib.sh puts selftests/ on PYTHONPATH.

    import cnetsock
    cnetsock.setns(ns)
    s = cnetsock.connect(addr, port)
    cnetsock.check(cond, "what")
    sys.exit(1 if cnetsock.failed else 0)
"""
import ctypes
import os
import socket
import struct

AF_CUSTOM = 19
CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)
failed = False


def setns(name):
    """Enter the network namespace NAME (as made by ip netns add)."""
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), "setns " + name)
    os.close(fd)


def check(cond, what):
    """Print "ok WHAT" or "not ok WHAT"; remember a failure in failed."""
    global failed
    print(("ok " if cond else "not ok ") + what, flush=True)
    if not cond:
        failed = True


def connect(addr, port):
    """A cnet TCP socket connected to ADDR:PORT (blocking)."""
    s = socket.socket(AF_CUSTOM, socket.SOCK_STREAM, 0)
    sa = struct.pack("!HH4s8x", 0, port, socket.inet_aton(addr))
    sa = struct.pack("=H", AF_CUSTOM) + sa[2:]
    buf = ctypes.create_string_buffer(sa, len(sa))
    if libc.connect(s.fileno(), buf, len(sa)):
        raise OSError(ctypes.get_errno(), "connect")
    return s
