#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a device's TSO or GRO on or off, as `ethtool -K DEV tso|gro on|off`
(the VM has no ethtool): the ETHTOOL_STSO / ETHTOOL_SGRO ioctls, run in
the device's namespace. Prints the setting read back (ETHTOOL_GTSO /
ETHTOOL_GGRO): on or off.

usage: ethtool_feature.py DEV tso|gro on|off
"""
import ctypes
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
CMDS = {"tso": (0x1e, 0x1f), "gro": (0x2b, 0x2c)}  # (get, set)


def ethtool(dev, cmd, data=0):
    val = ctypes.create_string_buffer(struct.pack("II", cmd, data))
    ifr = struct.pack("16sP", dev.encode(), ctypes.addressof(val))
    ifr += b"\0" * (40 - len(ifr))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifr)
    return struct.unpack("II", val.raw[:8])[1]


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in CMDS or \
            sys.argv[3] not in ("on", "off"):
        sys.exit(__doc__.strip().splitlines()[-1])
    dev, feat, onoff = sys.argv[1:]
    get, put = CMDS[feat]
    ethtool(dev, put, 1 if onoff == "on" else 0)
    print("on" if ethtool(dev, get) else "off")


if __name__ == "__main__":
    main()
