#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Drive cnet with the kernel's ynl library and our netlink spec
(Documentation/netlink/specs/cnet.yaml), in one process: ynl loads and
validates the spec, then talks to the module; what it reads is compared
with what `cnet -j` shows. Run in the namespace of 45-ynl.sh (cnet on veth0,
10.0.1.1/24, the peer 10.0.1.2). Prints a PASS or FAIL line per check.

Usage: ynl_drive.py KSRC REPO CNET
"""
import ctypes
import ipaddress
import json
import os
import re
import socket
import struct
import subprocess
import sys

ksrc, repo, cnet = sys.argv[1:4]
sys.path.insert(0, os.path.join(ksrc, 'tools/net/ynl'))
from lib import YnlFamily, NlError  # noqa: E402 (the kernel's tree)

import checks  # noqa: E402 (selftests/, on PYTHONPATH)
from checks import check  # noqa: E402


def cnet_json(*args):
    out = subprocess.run([cnet, '-j', *args], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def ip(a):
    return int(ipaddress.IPv4Address(a))


def nl_error(fn, *args):
    """The NlError fn(*args) raises (None if it succeeds)."""
    try:
        fn(*args)
    except NlError as e:
        return e
    return None


spec = os.path.join(repo, 'Documentation/netlink/specs/cnet.yaml')
schema = os.path.join(ksrc, 'Documentation/netlink/genetlink-legacy.yaml')
ynl = YnlFamily(spec, schema)
check(True, f'ynl loads the spec with the kernel schema ({len(ynl.ops)} '
      'operations)')

# ---- addresses: the dump is what `cnet addr show` shows ----
addrs = ynl.dump('addr-get', {})
got = sorted((a['ifname'], a['addr'], a['prefixlen']) for a in addrs)
shown = cnet_json('addr', 'show')
shown = sorted((a['ifname'], a['addr'], a['prefixlen']) for a in shown)
check(got == shown and ('veth0', '10.0.1.1', 24) in got,
      f'addr-get dump is cnet addr show ({len(got)} addresses)',
      f'ynl {got}, cnet {shown}')
check(any(a.get('broadcast') == '10.0.1.255' for a in addrs),
      'addr-get: broadcast decoded as an IPv4 address')

# ---- a route added with ynl shows in `cnet route show` ----
ynl.do('route-add', {'addr': ip('10.9.0.0'), 'prefixlen': 16,
                     'gateway': ip('10.0.1.2'), 'metric': 7})
routes = cnet_json('route', 'show')
check(any(r['dst'] == '10.9.0.0/16' and r.get('gateway') == '10.0.1.2' and
          r['metric'] == 7 for r in routes),
      'route-add: cnet route show has 10.9.0.0/16 via 10.0.1.2 metric 7')
res = ynl.do('route-get', {'addr': ip('10.9.3.4')})
check(res['nexthop'] == '10.0.1.2' and res['ifname'] == 'veth0' and
      res['rt-type'] == 'unicast' and res['rt-proto'] == 'static',
      'route-get do: via 10.0.1.2 dev veth0, unicast, static', str(res))
dump = ynl.dump('route-get', {})
check(any(r['addr'] == '10.9.0.0' and r['prefixlen'] == 16 for r in dump),
      f'route-get dump has it ({len(dump)} routes)')
e = nl_error(ynl.do, 'route-add', {'addr': ip('10.9.0.0'), 'prefixlen': 16,
                                   'gateway': ip('10.0.1.2'), 'metric': 7})
check(e is not None and e.nl_msg.error == -17,
      'route-add again: EEXIST', str(e))

# ---- settings and counters ----
conf = ynl.do('conf-get', {})
shown = cnet_json('conf')
check(conf['tcp-congestion'] == shown['tcp_congestion'] and
      conf['icmp-burst'] == shown['icmp_burst'] and
      conf['local-port-lo'] == shown['ip_local_port_lo'] and
      conf['ipfrag-mem'] == shown['ipfrag_mem'],
      'conf-get is cnet conf', f'ynl {conf}')
ynl.do('conf-set', {'icmp-burst': 42})
check(ynl.do('conf-get', {})['icmp-burst'] == 42, 'conf-set icmp-burst 42')
stats = ynl.do('stats-get', {})['stats']['stat']
names = {s['stat-name']: s['stat-value'] for s in stats}
with open(os.path.join(repo, 'module/stats_list.h')) as f:
    listed = re.findall(r'^CNET_STAT\((\w+)\)', f.read(), re.M)
check(sorted(names) == sorted(n.lower() for n in listed),
      f'stats-get: every counter of stats_list.h ({len(names)})')
check(names.get('eth_tx', 0) > 0, 'stats-get: eth_tx counted',
      str(names.get('eth_tx')))

# ---- sockets: a UDP socket bound to 10.0.1.1:5353 ----
libc = ctypes.CDLL(None, use_errno=True)
s = socket.socket(19, socket.SOCK_DGRAM, 0)
sa = struct.pack('=H', 19) + struct.pack('!H4s8x', 5353,
                                         socket.inet_aton('10.0.1.1'))
if libc.bind(s.fileno(), ctypes.create_string_buffer(sa, len(sa)), len(sa)):
    raise OSError(ctypes.get_errno(), 'bind')
socks = ynl.dump('sock-get', {'sock-kinds': ['udp']})
mine = [x for x in socks if x.get('sock-lport') == 5353]
check(len(mine) == 1 and mine[0]['sock-laddr'] == '10.0.1.1' and
      mine[0]['sock-kind'] == 'udp' and mine[0]['sock-state'] == 'close' and
      mine[0]['sock-inode'] == os.fstat(s.fileno()).st_ino,
      'sock-get dump (sock-kinds udp): the socket bound to 10.0.1.1:5353',
      str(socks))
check(all(x['sock-kind'] == 'udp' for x in socks),
      'sock-get: the sock-kinds filter holds')
s.close()

# ---- errors: the kernel's extack, through ynl ----
e = nl_error(ynl.do, 'conf-set', {'icmp-burst': 0})
ext = e.nl_msg.extack if e else {}
check(e is not None and e.nl_msg.error == -34 and
      'out of range' in ext.get('msg', '') and
      ext.get('bad-attr') == '.icmp-burst' and
      ext.get('policy', {}).get('min-value') == 1,
      'conf-set icmp-burst 0: ERANGE, "out of range", bad-attr .icmp-burst, '
      'policy min 1', str(e))
e = nl_error(ynl.do, 'conf-set', {'neigh-retrans-ms': 9})
ext = e.nl_msg.extack if e else {}
check(e is not None and e.nl_msg.error == -34 and
      ext.get('bad-attr') == '.neigh-retrans-ms' and
      ext.get('policy', {}).get('min-value') == 10 and
      ynl.do('conf-get', {})['neigh-retrans-ms'] == 1000,
      'conf-set neigh-retrans-ms 9: ERANGE, policy min 10, value kept',
      str(e))
e = nl_error(ynl.do, 'neigh-add', {'ifname': 'veth0', 'addr': ip('224.0.0.9'),
                                   'lladdr': bytes.fromhex('020000000001')})
check(e is not None and e.nl_msg.error == -22 and
      e.nl_msg.extack.get('msg') ==
      'multicast and loopback addresses are not neighbour addresses' and
      e.nl_msg.extack.get('bad-attr') == '.addr',
      "neigh-add 224.0.0.9: the module's own extack message", str(e))

# ---- a device's own neighbour settings (link-set), shown by link-get ----
ynl.do('link-set', {'ifname': 'veth0', 'neigh-retrans-ms': 500,
                    'neigh-queue-len': 0})
links = {x['ifname']: x for x in ynl.dump('link-get', {})}
shown = {x['ifname']: x for x in cnet_json('link', 'show')}
own = {k: v for k, v in links['veth0'].items() if k.startswith('neigh-')}
check(own == {'neigh-retrans-ms': 500, 'neigh-queue-len': 0} and
      not any(k.startswith('neigh-') for k in links['lo']) and
      shown['veth0'].get('neigh_retrans_ms') == 500 and
      shown['veth0'].get('neigh_queue_len') == 0 and
      ynl.do('conf-get', {})['neigh-retrans-ms'] == 1000,
      "link-set veth0 neigh-retrans-ms 500 neigh-queue-len 0: veth0's own, "
      'in link-get and cnet link show; the namespace keeps 1000', str(links))
e = nl_error(ynl.do, 'link-set', {'ifname': 'veth0', 'neigh-max-entries': 5})
check(e is not None and e.nl_msg.error == -22 and
      e.nl_msg.extack.get('bad-attr') == '.neigh-max-entries' and
      'namespace' in e.nl_msg.extack.get('msg', ''),
      "link-set neigh-max-entries: EINVAL, the table's size is no device's",
      str(e))
e = nl_error(ynl.do, 'link-set', {'ifname': 'veth0', 'neigh-max-probes': 256})
links = {x['ifname']: x for x in ynl.dump('link-get', {})}
check(e is not None and e.nl_msg.error == -34 and
      e.nl_msg.extack.get('bad-attr') == '.neigh-max-probes' and
      'neigh-max-probes' not in links['veth0'],
      "link-set neigh-max-probes 256: ERANGE (conf-set's range), not set",
      str(e))

# ---- notifications: what the addr group carried, decoded by the spec ----
# A socket of their own, as `ynl --subscribe addr` has (6.12's ynl cannot
# take a notification in the middle of a request's replies). The spec was
# checked against the schema above: not again.
ntf = YnlFamily(spec, '')
ntf.ntf_subscribe('addr')
ynl.do('addr-add', {'ifname': 'veth0', 'addr': ip('10.0.1.9'),
                    'prefixlen': 24})
ynl.do('addr-del', {'ifname': 'veth0', 'addr': ip('10.0.1.9'),
                    'prefixlen': 24})
ntf.check_ntf()
seen = [(n['name'], n['msg'].get('addr'), n['msg'].get('ifname'))
        for n in ntf.async_msg_queue]
mine = [x for x in seen if x[1] == '10.0.1.9']
check(len(mine) >= 2 and mine[0] == ('addr-add-ntf', '10.0.1.9', 'veth0') and
      mine[-1] == ('addr-del-ntf', '10.0.1.9', 'veth0') and
      all(x[0] in ('addr-add-ntf', 'addr-del-ntf') for x in seen),
      'subscribed to "addr": addr-add-ntf then addr-del-ntf for 10.0.1.9 '
      'on veth0, and nothing of other groups', str(seen))

sys.exit(1 if checks.failed else 0)
