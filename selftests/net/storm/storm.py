# SPDX-License-Identifier: GPL-2.0
"""A storm of hostile frames written straight into cnet's receive path.

    storm.py TAP MY_IP FWD_IP TCP_PORT COUNT SEED

TAP is a tap device in this namespace that cnet is attached to with the
address MY_IP/24; FWD_IP is a host cnet routes to through another device
(cnet forwards); a cnet listener waits on TCP_PORT. A frame written to
the tap's file descriptor is received by the device as if from a wire, so
it enters cnet's rx handler with no Linux stack in front of it; what cnet
sends out of the tap is read back here.

COUNT frames are made from templates of every layer (ARP, IPv4 with and
without options, fragments, ICMP echo and errors quoting a header, UDP,
TCP with options, forwarded packets, VLAN tags, martian addresses) and
mutated field-wise: a byte or a 16-bit field of the headers set to a
random or boundary value, the frame cut short or lengthened, and most
times the IPv4 and transport checksums made right again, so that the
mutation reaches the layer behind them. The same SEED makes the same
frames. Python rather than scapy: scapy takes many seconds to start and
to build each packet in the emulated VM, and a storm is tens of thousands
of frames.

Afterwards cnet must still answer on the tap: an ARP request and an echo
request from a new host each get their reply. Prints "PASS: ..." or
"FAIL: ..." lines and what came back.
"""
import fcntl
import os
import random
import select
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..'))
import checks  # noqa: E402
from checks import check  # noqa: E402
from frames import csum, with_csum  # noqa: E402

TUNSETIFF = 0x400454ca
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
BCAST = b'\xff' * 6


def open_tap(name):
    fd = os.open('/dev/net/tun', os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF,
                struct.pack('16sH', name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def aton(a):
    return socket.inet_aton(a)


class Frames:
    """Templates and their mutations. Each template is a frame with the
    offsets of its IPv4 header (or None) kept for fixing checksums."""

    def __init__(self, rng, my_mac, my_ip, fwd_ip, port):
        self.rng = rng
        self.my_mac = my_mac
        self.my_ip = my_ip
        self.fwd_ip = fwd_ip
        self.port = port
        net = my_ip.rsplit('.', 1)[0]
        self.net = net
        self.bcast_ip = net + '.255'

    def peer(self):
        r = self.rng
        n = r.randrange(2, 254)
        return struct.pack('!IH', 0x02000000 | n, r.randrange(65536)), \
            f'{self.net}.{n}'

    def ip(self, src, dst, proto, payload, ttl=64, opts=b'', frag=0,
           ident=None):
        ihl = 5 + len(opts) // 4
        ident = self.rng.randrange(65536) if ident is None else ident
        h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, ihl * 4 + len(payload),
                        ident, frag, ttl, proto, 0, aton(src), aton(dst))
        return with_csum(h + opts, 10) + payload

    def l4(self, proto, src, dst, seg, at):
        pseudo = aton(src) + aton(dst) + struct.pack('!BBH', 0, proto,
                                                     len(seg))
        c = csum(pseudo + seg)
        return seg[:at] + struct.pack('!H', c) + seg[at + 2:]

    def tcp(self, src, dst, flags, payload=b'', opts=b'', sport=None,
            dport=None):
        r = self.rng
        sport = sport or r.randrange(1024, 65536)
        dport = dport or self.port
        off = 5 + len(opts) // 4
        seg = struct.pack('!HHIIBBHHH', sport, dport, r.getrandbits(32),
                          r.getrandbits(32), off << 4, flags,
                          r.choice((0, 1, 512, 65535)), 0,
                          r.choice((0, 0, 1, 65535))) + opts + payload
        return self.l4(6, src, dst, seg, 16)

    def udp(self, src, dst, payload, dport=None):
        r = self.rng
        dport = dport or r.choice((7, 53, 67, 68, 9, r.randrange(65536)))
        seg = struct.pack('!HHHH', r.randrange(65536), dport,
                          8 + len(payload), 0) + payload
        return self.l4(17, src, dst, seg, 6)

    def icmp(self, typ, code, rest, body):
        return with_csum(struct.pack('!BBH', typ, code, 0) + rest + body, 2)

    def template(self):
        """One frame, before mutation: (frame, ip_offset)."""
        r = self.rng
        mac, src = self.peer()
        me, dst_mac = self.my_ip, self.my_mac
        kind = r.randrange(16)
        if kind == 0:           # ARP of every shape, to us or to all
            sip = r.choice((src, self.fwd_ip, '0.0.0.0', me,
                            '192.0.2.1', self.bcast_ip))
            op = r.choice((1, 2, 2, 3))
            arp = struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, op, mac,
                              aton(sip), r.choice((bytes(6), dst_mac)),
                              aton(r.choice((me, src, sip))))
            return (r.choice((BCAST, dst_mac, mac)) + mac + b'\x08\x06' +
                    arp, None)
        if kind == 1:           # echo, to us or to our broadcast
            body = self.icmp(8, 0, struct.pack('!HH', r.randrange(65536), 1),
                             os.urandom(r.randrange(0, 64)))
            dst = r.choice((me, me, self.bcast_ip, '255.255.255.255'))
            p = self.ip(src, dst, 1, body)
        elif kind == 2:         # an ICMP error quoting one of our packets
            quoted = self.ip(me, src, r.choice((6, 17, 1)),
                             struct.pack('!HHI', r.randrange(65536),
                                         r.randrange(65536),
                                         r.getrandbits(32)))
            typ, code = r.choice(((3, 0), (3, 1), (3, 3), (3, 4), (11, 0),
                                  (12, 0), (5, 1), (4, 0), (3, 13)))
            rest = struct.pack('!HH', 0, r.choice((0, 68, 576, 1280, 9000)))
            if typ == 5:
                rest = aton(r.choice((src, self.fwd_ip, '192.0.2.9')))
            p = self.ip(src, me, 1, self.icmp(typ, code, rest, quoted))
        elif kind == 3:         # UDP
            p = self.ip(src, r.choice((me, me, self.bcast_ip)), 17,
                        self.udp(src, me, os.urandom(r.randrange(0, 200))))
        elif kind in (4, 5, 6):  # TCP to the listener, with options
            opts = r.choice((b'',
                             b'\x02\x04\x05\xb4\x01\x03\x03\x07',
                             b'\x04\x02\x08\x0a' + os.urandom(8),
                             b'\x05\x0a' + os.urandom(8) + b'\x01\x01',
                             b'\x02\x00\x00\x00', b'\x03\x03\x0f\x00',
                             b'\x01\x01\x01\x00'))
            flags = r.choice((0x02, 0x02, 0x10, 0x12, 0x04, 0x14, 0x11,
                              0x18, 0x01, 0x03, 0x06, 0x3f, 0x20 | 0x10,
                              0xc2))
            data = os.urandom(r.choice((0, 0, 1, 100, 1460)))
            p = self.ip(src, me, 6, self.tcp(src, me, flags, data, opts))
        elif kind == 7:         # IP options of every kind
            opts = r.choice((b'\x07\x07\x04' + bytes(4) + b'\x00',
                             b'\x44\x0c\x05\x00' + bytes(8),
                             b'\x83\x07\x04' + aton(self.fwd_ip) + b'\x00',
                             b'\x89\x07\x04' + aton(me) + b'\x00',
                             b'\x94\x04\x00\x00', b'\x01\x01\x01\x00',
                             b'\x07\x00\x00\x00', b'\x44\xff\x05\x00'))
            body = self.icmp(8, 0, b'\x00\x01\x00\x01', b'x' * 8)
            p = self.ip(src, r.choice((me, self.fwd_ip)), 1, body, opts=opts)
        elif kind in (8, 9):    # fragments, in any order and size
            ident = r.randrange(65536)
            off = r.choice((0, 0, 1, 2, 8, 185, 8189, 8191))
            mf = r.choice((0, 0x2000))
            df = r.choice((0, 0, 0x4000))
            data = os.urandom(r.choice((0, 8, 16, 24, 1480)))
            p = self.ip(src, me, r.choice((17, 1, 6)), data,
                        frag=df | mf | off, ident=ident)
        elif kind in (10, 11):  # through us to the other side
            body = r.choice((
                self.icmp(8, 0, b'\x00\x02\x00\x01', b'y' * 16),
                self.udp(src, self.fwd_ip, b'z' * 32, 33434)))
            p = self.ip(src, r.choice((self.fwd_ip, self.fwd_ip,
                                       '198.51.100.7')),
                        1 if body[0] == 8 else 17, body,
                        ttl=r.choice((0, 1, 2, 64)),
                        frag=r.choice((0, 0x4000)))
        elif kind == 12:        # martians
            s = r.choice(('0.0.0.0', '127.0.0.1', '224.0.0.1', self.bcast_ip,
                          me, '255.255.255.255', '240.0.0.1'))
            d = r.choice((me, '0.0.0.0', '127.0.0.1', '224.0.0.5',
                          '255.255.255.255'))
            p = self.ip(s, d, 1, self.icmp(8, 0, b'\x00\x03\x00\x01', b''))
        elif kind == 13:        # an unknown protocol, or none at all
            p = self.ip(src, me, r.choice((0, 2, 47, 50, 132, 255)),
                        os.urandom(r.randrange(0, 40)))
        elif kind == 14:        # VLAN tagged: priority tag or a VLAN
            body = self.icmp(8, 0, b'\x00\x04\x00\x01', b'v' * 8)
            tci = r.choice((0, 5, 0x2000, 4095))
            return (dst_mac + mac + struct.pack('!HH', 0x8100, tci) +
                    b'\x08\x00' + self.ip(src, me, 1, body), 18)
        else:                   # random bytes after a valid header
            p = self.ip(src, me, r.choice((1, 6, 17)),
                        os.urandom(r.randrange(0, 100)))
        eth_dst = r.choice((dst_mac, dst_mac, dst_mac, BCAST, mac))
        return eth_dst + mac + b'\x08\x00' + p, 14

    def mutate(self, frame, at):
        """frame with up to three field-wise mutations; the checksums
        made right again most of the time."""
        r = self.rng
        f = bytearray(frame)
        for _ in range(r.choice((0, 1, 1, 2, 3))):
            op = r.randrange(5)
            if op == 0 and len(f) > 12:     # a byte of the headers
                i = r.randrange(12, min(len(f), 80))
                f[i] = r.choice((0, 0xff, 0x80, 1, r.randrange(256)))
            elif op == 1 and len(f) > 16:   # a 16-bit field
                i = r.randrange(12, min(len(f), 80) - 1)
                v = r.choice((0, 1, 0x7fff, 0xffff, len(f) - 13, len(f) - 15,
                              r.randrange(65536)))
                f[i:i + 2] = struct.pack('!H', v & 0xffff)
            elif op == 2:                   # cut short
                del f[r.randrange(14, max(15, len(f))):]
            elif op == 3:                   # longer than it says
                f += os.urandom(r.choice((1, 4, 18, 200)))
            # op 4: none
        if at is not None and r.random() < 0.8:
            self.fix(f, at)
        return bytes(f)

    @staticmethod
    def fix(f, at):
        if len(f) < at + 20 or f[at] >> 4 != 4:
            return
        ihl = (f[at] & 15) * 4
        if ihl < 20 or len(f) < at + ihl:
            return
        f[at + 10:at + 12] = b'\0\0'
        f[at + 10:at + 12] = struct.pack('!H', csum(bytes(f[at:at + ihl])))
        tot = struct.unpack('!H', f[at + 2:at + 4])[0]
        frag = struct.unpack('!H', f[at + 6:at + 8])[0]
        proto = f[at + 9]
        seg = f[at + ihl:at + tot] if ihl <= tot else b''
        where = {1: 2, 6: 16, 17: 6}.get(proto)
        if frag & 0x3fff or where is None or len(seg) < where + 2 or \
                at + tot > len(f):
            return
        seg = bytearray(seg)
        seg[where:where + 2] = b'\0\0'
        if proto == 1:
            c = csum(bytes(seg))
        else:
            c = csum(bytes(f[at + 12:at + 20]) +
                     struct.pack('!BBH', 0, proto, len(seg)) + bytes(seg))
        f[at + ihl + where:at + ihl + where + 2] = struct.pack('!H', c)


class Reader(threading.Thread):
    """Reads what cnet sends out of the tap; keeps the frames that match
    wanted (a function of a frame) once it is set."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd = fd
        self.count = 0
        self.wanted = None
        self.got = []
        self.stop = False

    def run(self):
        while not self.stop:
            if not select.select([self.fd], [], [], 0.2)[0]:
                continue
            try:
                f = os.read(self.fd, 65536)
            except OSError:
                continue
            self.count += 1
            w = self.wanted
            if w and w(f):
                self.got.append(f)

    def expect(self, want, send, tries=5):
        self.got = []
        self.wanted = want
        for _ in range(tries):
            send()
            end = time.monotonic() + 1
            while time.monotonic() < end and not self.got:
                time.sleep(0.05)
            if self.got:
                break
        self.wanted = None
        return bool(self.got)


def main():
    tap, my_ip, fwd_ip, port, count, seed = sys.argv[1:7]
    count, seed = int(count), int(seed)
    with open(f'/sys/class/net/{tap}/address') as fh:
        my_mac = bytes.fromhex(fh.read().strip().replace(':', ''))
    fd = open_tap(tap)
    rd = Reader(fd)
    rd.start()
    gen = Frames(random.Random(seed), my_mac, my_ip, fwd_ip, int(port))
    print(f'# seed {seed}: {count} frames into {tap}', flush=True)
    sent = errors = 0
    t0 = time.monotonic()
    for i in range(count):
        frame, at = gen.template()
        try:
            os.write(fd, gen.mutate(frame, at))
            sent += 1
        except OSError:
            errors += 1     # the tap refuses a frame shorter than 14 bytes
        if i % 256 == 255:
            time.sleep(0.001)   # let the legitimate traffic in
    secs = time.monotonic() - t0
    print(f'# {sent} frames written ({errors} refused by the tap) in '
          f'{secs:.1f} s; cnet sent {rd.count} frames back', flush=True)
    check(sent >= count * 0.95, f'{sent} of {count} frames went in')

    # cnet still answers a host it has never seen, on the tap
    mac, ip = b'\x02\xaa\xbb\xcc\xdd\x01', gen.net + '.250'
    arp = struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, 1, mac, aton(ip),
                      bytes(6), aton(my_ip))
    req = BCAST + mac + b'\x08\x06' + arp
    check(rd.expect(lambda f: f[12:14] == b'\x08\x06' and f[20:22] ==
                    b'\x00\x02' and f[28:32] == aton(my_ip),
                    lambda: os.write(fd, req)),
          'cnet answers an ARP request on the tap afterwards')
    echo = gen.icmp(8, 0, b'\x12\x34\x00\x01', b'after the storm')
    pkt = my_mac + mac + b'\x08\x00' + gen.ip(ip, my_ip, 1, echo)
    check(rd.expect(lambda f: f[12:14] == b'\x08\x00' and f[23] == 1 and
                    f[34] == 0 and f[38:40] == b'\x12\x34',
                    lambda: os.write(fd, pkt)),
          'cnet answers an echo request on the tap afterwards')
    rd.stop = True
    rd.join()
    os.close(fd)
    return 1 if checks.failed else 0


if __name__ == '__main__':
    sys.exit(main())
