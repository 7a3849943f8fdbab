#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A SOCK_GET dump request with hand-made attributes, for the requests the
cnet tool never sends: prints "ok N in P parts" (N sockets, in P reads:
one per netlink dump call) or "error ERRNO EXTACK".

    sock_get.py [NAME=VALUE]... [-- [NAME=VALUE]...]...
                                  NAME a CNET_A_ attribute without the
                                  prefix; VALUE a u32, or a string for
                                  IFNAME; "u8:V" sends it as a u8
Each "--" starts another request, answered on a line of its own (one
python start for several: it costs about a second in the emulated VM).
The attribute numbers are read from the uapi header.
"""
import os
import re
import socket
import struct
import sys

HDR = os.path.join(os.path.dirname(__file__), "../../../module/include/uapi/linux/cnet.h")
NLMSG_ERROR, NLMSG_DONE, GENL_ID_CTRL = 2, 3, 0x10
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSGERR_ATTR_MSG = 1


def enum(name):
    """The values of enum NAME of the header, by name."""
    text = open(HDR).read()
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    vals, v = {}, 0
    for item in body.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            item, val = (s.strip() for s in item.split("="))
            v = int(val, 0)
        vals[item] = v
        v += 1
    return vals


def attr(t, payload):
    a = struct.pack("HH", 4 + len(payload), t) + payload
    return a + b"\0" * (-len(a) % 4)


def msg(fam, flags, cmd, attrs, seq):
    body = struct.pack("BBH", cmd, 1, 0) + attrs
    return struct.pack("IHHII", 16 + len(body), fam, flags, seq, 0) + body


def talk(s, data):
    """Messages until DONE or an error: ("ok", [payloads], reads) or
    ("error", errno, extack)."""
    s.send(data)
    out = []
    reads = 0
    while True:
        buf = s.recv(1 << 20)
        reads += 1
        off = 0
        while off < len(buf):
            ln, typ, flags, _, _ = struct.unpack_from("IHHII", buf, off)
            payload = buf[off + 16:off + ln]
            off += (ln + 3) & ~3
            if typ == NLMSG_DONE:
                return ("ok", out, reads)
            if typ == NLMSG_ERROR:
                err = -struct.unpack_from("i", payload)[0]
                if err == 0:
                    return ("ok", out, reads)
                ext = ""
                olen = struct.unpack_from("I", payload, 4)[0]
                p = 4 + (16 if flags & 0x100 else olen)  # capped: header only
                while p + 4 <= len(payload):
                    alen, atyp = struct.unpack_from("HH", payload, p)
                    if atyp == NLMSGERR_ATTR_MSG:
                        ext = payload[p + 4:p + alen].rstrip(b"\0").decode()
                    p += (alen + 3) & ~3
                return ("error", err, ext)
            out.append(payload)


def main():
    a = enum("cnet_attr")
    cmd = enum("cnet_cmd")["CNET_CMD_SOCK_GET"]
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
    s.setsockopt(270, 11, 1)  # NETLINK_EXT_ACK
    s.setsockopt(270, 12, 1)  # NETLINK_CAP_ACK
    s.bind((0, 0))
    r = talk(s, msg(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 3,
                    attr(2, b"cnet\0"), 1))
    fam = None
    for p in r[1]:
        q = 4
        while q + 4 <= len(p):
            alen, atyp = struct.unpack_from("HH", p, q)
            if atyp == 1:
                fam = struct.unpack_from("H", p, q + 4)[0]
            q += (alen + 3) & ~3
    requests = [[]]
    for arg in sys.argv[1:]:
        if arg == "--":
            requests.append([])
        else:
            requests[-1].append(arg)
    for seq, args in enumerate(requests, 2):
        attrs = b""
        for arg in args:
            name, val = arg.split("=", 1)
            t = a["CNET_A_" + name]
            if name == "IFNAME":
                attrs += attr(t, val.encode() + b"\0")
            elif val.startswith("u8:"):
                attrs += attr(t, struct.pack("B", int(val[3:], 0)))
            else:
                attrs += attr(t, struct.pack("I", int(val, 0)))
        r = talk(s, msg(fam, NLM_F_REQUEST | NLM_F_DUMP, cmd, attrs, seq))
        if r[0] == "ok":
            print("ok %d in %d parts" % (len(r[1]), r[2]), flush=True)
        else:
            print("error %s %s" % (os.strerror(r[1]), r[2]), flush=True)


main()
