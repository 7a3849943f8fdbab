#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A burst with a tail to lose, for 67-tcp-rack.sh: in namespace NS, a
cnet TCP connection to ADDR:PORT sends BURST bytes in one call (one
flight: the link's queue drops its tail), waits, then MORE bytes (whose
ACK goes past what the tail's repair sent), and closes. Prints the
sha256 of all it sent.

    tcp_tail.py NS ADDR PORT BURST MORE
"""
import hashlib
import sys
import time

import cnetsock

ns, addr, port, burst, more = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    int(sys.argv[4]), int(sys.argv[5])
data = bytes((i * 7 + i // 251) & 0xff for i in range(burst + more))
cnetsock.setns(ns)
s = cnetsock.connect(addr, port)
time.sleep(0.3)		# the handshake's ACK leaves the link's queue
s.sendall(data[:burst])
time.sleep(1.5)		# the tail is repaired meanwhile (probe or RTO)
s.sendall(data[burst:])
s.close()
print(hashlib.sha256(data).hexdigest(), flush=True)
