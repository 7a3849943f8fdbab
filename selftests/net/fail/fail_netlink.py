#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Every allocation of a netlink request, failed in turn
(fail/10-fail-netlink).

For each request (a link attached, an address, a route, a static
neighbour, a device's settings, the dumps...), with the kernel's ynl
library: fail its first allocation in cnet's code, then its second, and so
on, until the request no longer reaches the allocation it was asked to
fail and must then succeed. Each time, the request either succeeds or
fails with ENOMEM or ENOBUFS, and what the dumps show is then either all
of it or none of it: a request cnet refused left nothing behind. One
python process makes every call (a process costs a fraction of a second in
the emulated VM). Prints a PASS or FAIL line per check.

Usage: fail_netlink.py KSRC REPO (in namespace A of fail/10-fail-netlink,
with the dummy device fl0)
"""
import errno
import ipaddress
import os
import sys

ksrc, repo = sys.argv[1:3]
sys.path.insert(0, os.path.join(ksrc, 'tools/net/ynl'))
from lib import YnlFamily, NlError  # noqa: E402 (the kernel's tree)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faults import Faults  # noqa: E402
import checks  # noqa: E402
from checks import check  # noqa: E402

def ip(a):
    return int(ipaddress.IPv4Address(a))


# ynl without the schema: validating the spec costs seconds here, and
# conf/45 does it
ynl = YnlFamily(os.path.join(repo, 'Documentation/netlink/specs/cnet.yaml'),
                '')


def state():
    """What the dumps show, less what changes by itself (neighbour states
    and ages, tentative flags)."""
    s = set()
    for e in ynl.dump('link-get', {}):
        s.add(('link', e['ifname'], e.get('proxy-arp'),
               e.get('neigh-retrans-ms')))
    for e in ynl.dump('addr-get', {}):
        s.add(('addr', e['ifname'], e['addr'], e['prefixlen']))
    for e in ynl.dump('route-get', {}):
        s.add(('route', e['addr'], e['prefixlen'], e.get('gateway'),
               e.get('ifname'), e.get('metric'), e.get('rt-type')))
    for e in ynl.dump('neigh-get', {}):
        s.add(('neigh', e['ifname'], e['addr']))
    return frozenset(s)


def nl_errno(fn):
    try:
        fn()
    except NlError as e:
        return e.error
    return 0


inject = Faults()
total = 0


def each_allocation(name, do, undo=None):
    """Fail do()'s allocations in turn (undo() takes back what a success
    did; a read has none)."""
    global total
    before = state()
    after = before
    if undo:
        do()
        after = state()
        undo()
        if state() != before or after == before:
            check(False, f'{name}: a change that undo takes back')
            return
    bad = []
    n = 0
    while n <= 300:
        n += 1
        inject.nth(n)
        err = nl_errno(do)
        hit = inject.injected()
        now = state()
        if err not in (0, errno.ENOMEM, errno.ENOBUFS) or \
           (not hit and err):
            bad.append(f'allocation {n}: {os.strerror(err)}')
        if now != (after if err == 0 else before):
            bad.append(f'allocation {n}: {"done" if err == 0 else "refused"}'
                       f', but the dumps differ by '
                       f'{sorted(now ^ (after if err == 0 else before))}')
        if err == 0 and undo:
            undo()
        if not hit:
            break
        if state() != before:
            bad.append(f'allocation {n}: not back after it: '
                       f'{sorted(state() ^ before)}')
            break
    n -= 1
    check(n > 0 and not bad, f'{name}: each of its {n} allocations failed '
          'in turn: ENOMEM or ENOBUFS, and all or nothing',
          '; '.join(bad[:4]) or 'no allocation in cnet')
    total += n


try:
    fl0 = {'ifname': 'fl0'}
    sub = {'ifname': 'fl0', 'addr': ip('10.7.0.1'), 'prefixlen': 24}
    route = {'addr': ip('10.9.0.0'), 'prefixlen': 16,
             'gateway': ip('10.0.1.2'), 'metric': 7}
    neigh = {'ifname': 'veth0', 'addr': ip('10.0.1.77'),
             'lladdr': bytes.fromhex('020000000077')}

    each_allocation('link-attach fl0', lambda: ynl.do('link-attach', fl0),
                    lambda: ynl.do('link-detach', fl0))
    ynl.do('link-attach', fl0)
    each_allocation('addr-add 10.7.0.1/24 dev fl0',
                    lambda: ynl.do('addr-add', {**sub,
                                                'addr-flags': ['nodad']}),
                    lambda: ynl.do('addr-del', sub))
    ynl.do('addr-add', {**sub, 'addr-flags': ['nodad']})
    each_allocation('route-add 10.9.0.0/16 via 10.0.1.2',
                    lambda: ynl.do('route-add', route),
                    lambda: ynl.do('route-del', route))
    each_allocation('neigh-add 10.0.1.77 (static)',
                    lambda: ynl.do('neigh-add', neigh),
                    lambda: ynl.do('neigh-del', neigh))
    # detaching a device that has an address and routes (and back)
    each_allocation('link-detach fl0',
                    lambda: ynl.do('link-detach', fl0),
                    lambda: (ynl.do('link-attach', fl0),
                             ynl.do('addr-add', {**sub, 'addr-flags':
                                                 ['nodad']})))
    # the reads: cnet allocates their replies (a dump's are netlink's)
    ynl.do('route-add', route)
    for what, fn in (
            ('route-get 10.9.3.4', lambda: ynl.do('route-get',
                                                 {'addr': ip('10.9.3.4')})),
            ('conf-get', lambda: ynl.do('conf-get', {})),
            ('stats-get', lambda: ynl.do('stats-get', {}))):
        each_allocation(what, fn)
finally:
    inject.restore()

print(f'# {total} allocations failed in all', flush=True)
sys.exit(1 if checks.failed else 0)
