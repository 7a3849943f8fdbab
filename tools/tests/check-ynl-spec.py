#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
The netlink spec and the code must not drift: check that
Documentation/netlink/specs/cnet.yaml names every command, attribute,
enum value, address flag and multicast group of the uapi header
(module/include/uapi/linux/cnet.h) with the same number, and nothing the
header lacks; and that each command's do/dump in the spec is what the
module's ops tables (module/netlink.c, module/sock_diag.c) implement.

With the kernel source tree (--ksrc DIR, or CNET_KSRC), the spec is also
loaded by the kernel's own ynl library (tools/net/ynl/lib), which checks it
against the genetlink-legacy schema (needs python3-jsonschema).

Usage: check-ynl-spec.py [--ksrc DIR] [--self-test]
Prints one line per check; exit status 1 when one fails.
"""
import argparse
import os
import re
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, '..', '..'))
SPEC = os.path.join(repo, 'Documentation/netlink/specs/cnet.yaml')
HEADER = os.path.join(repo, 'module/include/uapi/linux/cnet.h')
OPS_FILES = [os.path.join(repo, 'module', f)
             for f in ('netlink.c', 'sock_diag.c')]


def c_name(*parts):
    return ''.join(parts).upper().replace('-', '_')


def strip_comments(text):
    return re.sub(r'/\*.*?\*/', '', text, flags=re.S)


def header_enums(text):
    """{enum name: {CONSTANT: value}} of the header's named enums."""
    enums = {}
    for name, body in re.findall(r'enum\s+(\w+)\s*\{(.*?)\}', text, re.S):
        vals = {}
        val = 0
        for item in body.split(','):
            item = item.strip()
            if not item:
                continue
            m = re.fullmatch(r'(\w+)(?:\s*=\s*(\w+))?', item)
            if not m:
                raise ValueError(f'enum {name}: cannot read "{item}"')
            if m.group(2):
                val = int(m.group(2), 0)
            vals[m.group(1)] = val
            val += 1
        enums[name] = vals
    return enums


def header_defines(text):
    return dict(re.findall(r'^#define[ \t]+(\w+)[ \t]+(\S+)', text, re.M))


def spec_enums(spec):
    """{enum name: {CONSTANT: value}} as ynl-gen-c would render the spec."""
    fam = spec['name']
    enums = {}
    for d in spec.get('definitions', []):
        if d['type'] not in ('enum', 'flags'):
            continue
        pfx = d.get('name-prefix', f"{fam}-{d['name']}-")
        name = d.get('enum-name', f"{fam}-{d['name']}")
        vals = {}
        val = d.get('value-start', 0)
        for e in d['entries']:
            ename = e if isinstance(e, str) else e['name']
            if isinstance(e, dict) and 'value' in e:
                val = e['value']
            vals[c_name(pfx, ename)] = (1 << val if d['type'] == 'flags'
                                        else val)
            val += 1
        if d.get('render-max') and d['type'] == 'enum':
            vals[c_name('__', pfx, 'max')] = val
        enums[c_name(name) if name else None] = vals
    return enums


def spec_attrs(spec, set_name):
    aset = next(s for s in spec['attribute-sets'] if s['name'] == set_name)
    pfx = aset.get('name-prefix', f"{spec['name']}-{set_name}-a-")
    vals = {}
    val = 1
    for a in aset['attributes']:
        if 'value' in a:
            val = a['value']
        vals[c_name(pfx, a['name'])] = val
        val += 1
    if 'attr-cnt-name' in aset:
        vals[c_name(aset['attr-cnt-name'])] = val
    return c_name(aset.get('enum-name', '')), vals


def spec_ops(spec):
    ops = spec['operations']
    pfx = ops.get('name-prefix', f"{spec['name']}-cmd-")
    vals, modes, ntfs = {}, {}, {}
    val, cnt = 1, 1
    for op in ops['list']:
        if 'value' in op:
            val = op['value']
        if 'notify' in op or 'event' in op:
            # a notification: the value of the command whose change it
            # reports (as rtnetlink's), not an entry of the enum
            ntfs[op['name']] = val
        else:
            cname = c_name(pfx, op['name'])
            vals[cname] = val
            modes[cname] = {m for m in ('do', 'dump') if m in op}
            cnt = max(cnt, val + 1)
        val += 1
    if 'cmd-cnt-name' in spec:
        vals[c_name(spec['cmd-cnt-name'])] = cnt
    return c_name(ops.get('enum-name', '')), vals, modes, ntfs


def module_ops(texts):
    """{CNET_CMD_X: {'do', 'dump'}} from the genl ops tables."""
    modes = {}
    for text in texts:
        for block in re.findall(r'\{([^{}]*\.cmd\s*=[^{}]*)\}', text):
            cmd = re.search(r'\.cmd\s*=\s*(\w+)', block).group(1)
            m = modes.setdefault(cmd, set())
            if '.doit' in block:
                m.add('do')
            if '.dumpit' in block:
                m.add('dump')
    return modes


class Checker:
    def __init__(self):
        self.failed = 0

    def check(self, ok, what, detail=''):
        print(f"{'ok' if ok else 'FAIL'}: {what}"
              + (f': {detail}' if detail and not ok else ''))
        if not ok:
            self.failed += 1


def compare(chk, what, hdr, spc):
    missing = sorted(set(hdr) - set(spc), key=hdr.get)
    extra = sorted(set(spc) - set(hdr), key=spc.get)
    wrong = [f'{k} is {hdr[k]} in the header, {spc[k]} in the spec'
             for k in hdr if k in spc and hdr[k] != spc[k]]
    detail = '; '.join(
        ([f"not in the spec: {', '.join(missing)}"] if missing else []) +
        ([f"not in the header: {', '.join(extra)}"] if extra else []) +
        wrong)
    chk.check(not detail, f'{what}: {len(hdr)} names agree', detail)


def check_all(chk, spec, htext, optexts):
    htext = strip_comments(htext)
    henums = header_enums(htext)
    hdefs = header_defines(htext)

    chk.check(spec['name'] == hdefs.get('CNET_GENL_NAME', '').strip('"'),
              'family name', f"spec {spec['name']}, header "
              f"{hdefs.get('CNET_GENL_NAME')}")
    chk.check(str(spec.get('version', 1)) == hdefs.get('CNET_GENL_VERSION'),
              'family version')

    enum_name, attrs = spec_attrs(spec, spec['name'])
    compare(chk, f'attributes (enum {enum_name.lower()})', henums[enum_name.lower()],
            attrs)
    enum_name, cmds, modes, ntfs = spec_ops(spec)
    compare(chk, f'commands (enum {enum_name.lower()})', henums[enum_name.lower()],
            cmds)
    bad = sorted(n for n, v in ntfs.items() if v not in cmds.values())
    chk.check(not bad, f'notifications ({len(ntfs)}) take the values of commands',
              ', '.join(bad))

    senums = spec_enums(spec)
    for name, vals in senums.items():
        if name is None:	# rendered as an unnamed enum: our defines
            hvals = {k: int(hdefs[k], 0) for k in vals if k in hdefs}
            pfx = os.path.commonprefix(list(vals))
            hvals.update({k: int(v, 0) for k, v in hdefs.items()
                          if k.startswith(pfx)})
            compare(chk, f'flags {pfx}*', hvals, vals)
        else:
            compare(chk, f'enum {name.lower()}', henums.get(name.lower(), {}),
                    vals)
    spec_named = {n.lower() for n in senums if n}
    other = set(henums) - spec_named - {'cnet_attr', 'cnet_cmd'}
    chk.check(not other, 'every enum of the header is in the spec',
              ', '.join(sorted(other)))

    groups = {c_name(g.get('c-define-name', '')) or
              c_name(spec['name'], '-genl-mcgrp-', g['name']): g['name']
              for g in spec.get('mcast-groups', {}).get('list', [])}
    hgroups = {k: v.strip('"') for k, v in hdefs.items()
               if k.startswith('CNET_GENL_MCGRP_')}
    # The header gets its groups with `cnet monitor`: until then the spec
    # may name more; every group the header has must be in the spec.
    bad = [f'{k} "{v}"' for k, v in hgroups.items() if groups.get(k) != v]
    chk.check(not bad, f'multicast groups ({len(hgroups)} in the header, '
              f'{len(groups)} in the spec)', 'not in the spec: ' +
              ', '.join(bad))

    mops = module_ops(optexts)
    bad = [f'{c}: module {sorted(m)}, spec {sorted(modes.get(c, set()))}'
           for c, m in mops.items() if modes.get(c) != m]
    bad += [f'{c}: in the spec, not in the module'
            for c, m in modes.items() if m and c not in mops]
    chk.check(not bad, f'do/dump of {len(mops)} commands match the module',
              '; '.join(bad))


def check_ynl(chk, ksrc):
    """Load the spec with the kernel's ynl library: schema validation."""
    ynl = os.path.join(ksrc, 'tools/net/ynl')
    schema = os.path.join(ksrc, 'Documentation/netlink/genetlink-legacy.yaml')
    if not os.path.isdir(os.path.join(ynl, 'lib')):
        chk.check(False, f'ynl library in {ksrc}', 'missing')
        return
    sys.path.insert(0, ynl)
    try:
        from lib import SpecFamily
        fam = SpecFamily(SPEC, schema)
    except Exception as e:	# jsonschema's error, or the spec's
        chk.check(False, 'spec loads with the kernel ynl library and schema',
                  f'{type(e).__name__}: {str(e).splitlines()[0]}')
        return
    chk.check(True, f'spec loads with the kernel ynl library and schema '
              f'({len(fam.ops)} operations)')


def self_test():
    """The check must fail when the spec lacks, or misnumbers, a name."""
    chk = Checker()
    spec = yaml.safe_load(open(SPEC))
    htext = open(HEADER).read()
    optexts = [open(f).read() for f in OPS_FILES]
    sys.stdout = open(os.devnull, 'w')
    ok = Checker()
    check_all(ok, spec, htext, optexts)
    # an attribute left out: every later one is off by one
    bad = yaml.safe_load(open(SPEC))
    del bad['attribute-sets'][0]['attributes'][-2]
    c1 = Checker()
    check_all(c1, bad, htext, optexts)
    # a command added to the header only
    c2 = Checker()
    check_all(c2, spec, htext.replace('__CNET_CMD_MAX,',
                                      'CNET_CMD_NEW,\n__CNET_CMD_MAX,'),
              optexts)
    # a dump the spec does not say
    c3 = Checker()
    check_all(c3, spec, htext, optexts + [
        '{ .cmd = CNET_CMD_CONF_GET, .dumpit = x, }'])
    # a multicast group the spec does not name
    c4 = Checker()
    check_all(c4, spec, htext.replace('#define CNET_GENL_VERSION',
                                      '#define CNET_GENL_MCGRP_X "x"\n'
                                      '#define CNET_GENL_VERSION'), optexts)
    sys.stdout = sys.__stdout__
    chk.check(not ok.failed, 'self-test: the spec as it is passes')
    for c, what in ((c1, 'a missing attribute'), (c2, 'a missing command'),
                    (c3, 'a dump missing from the spec'),
                    (c4, 'a missing multicast group')):
        chk.check(c.failed > 0, f'self-test: {what} is caught')
    return 1 if chk.failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--ksrc', default=os.environ.get('CNET_KSRC'))
    ap.add_argument('--self-test', action='store_true')
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    chk = Checker()
    check_all(chk, yaml.safe_load(open(SPEC)), open(HEADER).read(),
              [open(f).read() for f in OPS_FILES])
    if args.ksrc:
        check_ynl(chk, args.ksrc)
    else:
        print('skip: ynl schema validation (no kernel source: --ksrc or '
              'CNET_KSRC)')
    print(f"ynl spec: {'clean' if not chk.failed else f'{chk.failed} failed'}")
    return 1 if chk.failed else 0


if __name__ == '__main__':
    sys.exit(main())
