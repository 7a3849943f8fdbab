#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Every allocation of a socket's life, failed in turn
(fail/20-fail-sockets).

Run under cnet-run, so that AF_INET sockets are cnet's. For each exchange
(UDP to a Linux echo server and over cnet's loopback, TCP to a Linux echo
server and over cnet's loopback: socket, bind, connect, listen, accept,
send, receive, close), fail the first allocation made in cnet's code, then
the second, and so on, until the exchange no longer reaches the
allocation it was asked to fail; it must then complete. An exchange whose
allocation failed may fail with ENOMEM or ENOBUFS, or lose a datagram (UDP
has the right), or go on and complete (TCP retransmits what could not be
sent); any other error is a fault. Prints a PASS or FAIL line per check.

Usage: fail_sockets.py PEER (under cnet-run, in namespace A of
fail/20-fail-sockets; PEER runs UDP and TCP echo servers on port 7)
"""
import errno
import os
import socket
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faults import Faults  # noqa: E402
import checks  # noqa: E402
from checks import check  # noqa: E402

peer = sys.argv[1]
MSG = bytes(range(256)) * 40  # 10 KiB: more than one segment


def recv_all(s, n):
    """Up to n bytes of s, until its end. Into a buffer written first: a
    page the copy to it faulted in would be allocated with cnet on the
    stack, and its injected failure would be an EFAULT of the test's own
    making, not cnet's."""
    buf = bytearray(b'\x01') * n
    view = memoryview(buf)
    got = 0
    while got < n:
        k = s.recv_into(view[got:])
        if not k:
            break
        got += k
    return bytes(buf[:got])


def udp(dst):
    """A datagram to dst's port 7 and its echo; False if it was lost."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.5)
        s.bind(('', 0))
        s.sendto(MSG[:512], (dst, 7))
        try:
            return s.recv(1024) == MSG[:512]
        except socket.timeout:
            return False


udp_lo_srv = None


def udp_lo():
    """The same over cnet's loopback, to our own echo socket."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.5)
        s.bind(('127.0.0.1', 0))
        s.sendto(MSG[:512], udp_lo_srv.getsockname())
        try:
            data, src = udp_lo_srv.recvfrom(1024)
            udp_lo_srv.sendto(data, src)
            return s.recv(1024) == MSG[:512]
        except socket.timeout:
            return False


def tcp(dst):
    with socket.create_connection((dst, 7), timeout=10) as s:
        s.sendall(MSG)
        s.shutdown(socket.SHUT_WR)
        return recv_all(s, len(MSG) + 1) == MSG


def tcp_lo():
    """A listener, a connection to it and the accepted one, over cnet's
    loopback: both ends' allocations are this thread's."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as lst:
        lst.bind(('127.0.0.1', 0))
        lst.listen(1)
        lst.settimeout(10)
        with socket.create_connection(lst.getsockname(), timeout=10) as c:
            a, _ = lst.accept()
            with a:
                a.settimeout(10)
                c.sendall(MSG)
                c.shutdown(socket.SHUT_WR)
                got = recv_all(a, len(MSG) + 1)
                a.sendall(got)
                a.shutdown(socket.SHUT_WR)
                return recv_all(c, len(MSG) + 1) == MSG


inject = Faults()
total = 0


def each_allocation(name, fn, may_lose):
    global total
    bad = []
    lost = refused = 0
    n = 0
    while n <= 400:
        n += 1
        inject.nth(n)
        try:
            ok, err = fn(), 0
        except OSError as e:
            ok, err = False, e.errno
        hit = inject.injected()
        if not hit:
            break
        if err in (errno.ENOMEM, errno.ENOBUFS):
            refused += 1
        elif err:
            bad.append(f'allocation {n}: {os.strerror(err or 0)}')
        elif not ok:
            lost += 1
            if not may_lose:
                bad.append(f'allocation {n}: the data came back wrong')
    n -= 1
    check(ok and not err, f'{name}: completes past its last allocation',
          os.strerror(err) if err else 'no echo')
    check(n > 0 and not bad, f'{name}: each of its {n} allocations failed '
          f'in turn ({refused} refused with ENOMEM or ENOBUFS, {lost} '
          'datagrams lost, the rest completed)',
          '; '.join(bad[:4]) or 'no allocation in cnet')
    total += n


def stream(data, percent):
    """data up to PEER's port 7100 and PEER's own down from its port 7101,
    at once, on connections made before percent % of cnet's allocations
    fail (in every context: the receive path runs in softirq). The sends
    must wait for memory, not fail; TCP must recover what was dropped."""
    res = {}

    def up(s):
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            res['up'] = recv_all(s, 1) == b''
        except OSError as e:
            res['up'] = e

    with socket.create_connection((peer, 7100), timeout=60) as u, \
         socket.create_connection((peer, 7101), timeout=60) as d:
        before = inject.failed()
        inject.random(percent)
        t = threading.Thread(target=up, args=(u,))
        t.start()
        try:
            got = recv_all(d, len(data) + 1)
        except OSError as e:
            got = e
        t.join()
        inject.random(0)
        if not isinstance(got, bytes) or got != data or res['up'] is not True:
            # what the connections were at, before they go
            subprocess.run([os.environ.get('CNET', 'cnet'), 'sock', 'show',
                            '-taoi'])
    n = inject.failed() - before
    check(n > 0, f'{percent} % failing: {n} allocations failed')
    check(res['up'] is True, f'{percent} % failing: {len(data)} bytes sent '
          f'to {peer}', res['up'])
    check(got == data, f'{percent} % failing: {len(data)} bytes from '
          f'{peer}, whole', got if isinstance(got, OSError) else
          f'{len(got)} bytes, not the same')


udp_lo_srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_lo_srv.bind(('127.0.0.1', 0))
udp_lo_srv.settimeout(0.5)
try:
    each_allocation(f'UDP echo from {peer}', lambda: udp(peer), True)
    each_allocation('UDP echo over loopback', udp_lo, True)
    each_allocation(f'TCP echo from {peer}', lambda: tcp(peer), False)
    each_allocation('TCP connection over loopback', tcp_lo, False)
    if len(sys.argv) > 2:
        with open(sys.argv[2], 'rb') as f:
            stream(f.read(), int(sys.argv[3]))
finally:
    inject.restore()
udp_lo_srv.close()

print(f'# {total} allocations failed in all', flush=True)
sys.exit(1 if checks.failed else 0)
