#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The figures of selftests/bench/tcp.sh: from its raw results to a JSON
file, and from the JSON file to the table make bench prints and to
Documentation/benchmarks.rst, so that the document can be made again from
the committed JSON:

    tcp-report.py json RAW KEY=VALUE... > benchmarks.json
    tcp-report.py text benchmarks.json
    tcp-report.py rst benchmarks.json > Documentation/benchmarks.rst

The rst ends with selftests/bench/tcp-notes.rst, the reading of the
figures written by hand after a full run.

RAW has one line per measurement: TEST PAIR ROUND STATUS REST, STATUS
"ok" (REST: tcpbench's or udpbench's KEY=VALUE output) or "fail" (REST:
why). The KEY=VALUEs after RAW go into the JSON's "meta".
"""
import json
import os
import statistics
import sys

PAIRS = ["ll", "cl", "lc", "cc"]
PAIR_NAMES = {"ll": "Linux -> Linux", "cl": "cnet -> Linux",
              "lc": "Linux -> cnet", "cc": "cnet -> cnet"}

# id, raw test, key, scale, title, unit, better, target (issue 10 / 12)
ROWS = [
    ("stream1", "stream1", "gbps", 1, "throughput, 1 stream", "Gbit/s",
     "higher", ">= 0.8 / >= 1.0"),
    ("stream1buf", "stream1buf", "gbps", 1,
     "throughput, 1 stream, 4 MiB buffers", "Gbit/s", "higher", ""),
    ("stream4", "stream4", "gbps", 1, "throughput, 4 streams", "Gbit/s",
     "higher", ""),
    ("rr_p50", "rr", "p50_us", 1, "64 B request/response, p50", "us",
     "lower", "<= 1.2 / <= 1.0"),
    ("rr_p99", "rr", "p99_us", 1, "64 B request/response, p99", "us",
     "lower", ""),
    ("crr", "crr", "cps", 1, "connect, 64 B request/response, close",
     "conn/s", "higher", ">= 0.8 / >= 1.0"),
    ("idle_used", "idle", "used_b", 1,
     "idle connection, memory used (both ends)", "B/conn", "lower",
     "<= 1.0 / <= 1.0"),
    ("idle_slab", "idle", "slab_b", 1,
     "idle connection, slab (both ends)", "B/conn", "lower", ""),
    ("udp64", "udp64", "pps", 1, "UDP 64 B datagrams received", "pkt/s",
     "higher", ""),
    ("loss0.1", "loss0.1", "gbps", 1000,
     "throughput, 10 ms delay, 0.1 % loss", "Mbit/s", "higher", ""),
    ("loss1", "loss1", "gbps", 1000,
     "throughput, 10 ms delay, 1 % loss", "Mbit/s", "higher",
     "- / >= 0.9"),
    ("loss5", "loss5", "gbps", 1000,
     "throughput, 10 ms delay, 5 % loss", "Mbit/s", "higher", ""),
    ("reorder25", "reorder25", "gbps", 1000,
     "throughput, 10 ms delay, 25 % reordered", "Mbit/s", "higher", ""),
]


def kv(text):
    out = {}
    for word in text.split():
        if "=" in word:
            k, v = word.split("=", 1)
            out[k] = v
    return out


def build(raw, meta):
    results = {}        # (test, pair) -> list of (round, status, rest)
    for line in open(raw):
        parts = line.rstrip("\n").split(" ", 4)
        if len(parts) < 4:
            continue
        test, pair, rnd, status = parts[:4]
        rest = parts[4] if len(parts) > 4 else ""
        results.setdefault((test, pair), []).append((int(rnd), status, rest))
    rows = []
    for rid, test, key, scale, title, unit, better, target in ROWS:
        row = {"id": rid, "title": title, "unit": unit, "better": better,
               "target": target, "pairs": {}}
        for pair in PAIRS:
            runs = results.get((test, pair))
            if not runs:
                continue
            samples, failed, notes = [], [], []
            for rnd, status, rest in runs:
                if status != "ok":
                    failed.append("round %d: %s" % (rnd, rest))
                    continue
                v = kv(rest)
                if key not in v:
                    failed.append("round %d: no %s in %r" % (rnd, key, rest))
                    continue
                samples.append(float(v[key]) * scale)
                if test.startswith("stream") and "bytes" in v and \
                        "want" in meta and int(v["bytes"]) < int(meta["want"]):
                    notes.append("round %d: %d MiB in the time cap" %
                                 (rnd, int(v["bytes"]) >> 20))
                if test == "idle" and key == "used_b":
                    notes.extend(w for w in rest.split()
                                 if w.startswith("slab:"))
            cell = {"samples": samples, "failed": failed}
            if notes:
                cell["notes"] = notes
            if samples:
                cell["median"] = statistics.median(samples)
                cell["min"] = min(samples)
                cell["max"] = max(samples)
            row["pairs"][pair] = cell
        ref = row["pairs"].get("ll", {}).get("median")
        for pair, cell in row["pairs"].items():
            if ref and "median" in cell:
                cell["ratio"] = cell["median"] / ref
        if row["pairs"]:
            rows.append(row)
    return {"meta": meta, "rows": rows}


def fmt(v):
    if v is None:
        return "-"
    if abs(v) >= 100:
        return "{:,.0f}".format(v).replace(",", " ")
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v


def lines(data):
    """(measurement, pair, median, min, max, ratio, note) for each cell"""
    out = []
    for row in data["rows"]:
        first = True
        for pair in PAIRS:
            cell = row["pairs"].get(pair)
            if cell is None:
                continue
            name = "%s, %s" % (row["title"], row["unit"]) if first else ""
            first = False
            note = ""
            if cell["failed"]:
                note = "failed %d of %d: %s" % (
                    len(cell["failed"]),
                    len(cell["failed"]) + len(cell["samples"]),
                    cell["failed"][0].split(": ", 1)[1])
            if "median" not in cell:
                out.append((name, PAIR_NAMES[pair], "-", "-", "-", "-",
                            note or "no result"))
                continue
            ratio = "%.2f" % cell["ratio"] if "ratio" in cell else "-"
            out.append((name, PAIR_NAMES[pair], fmt(cell["median"]),
                        fmt(cell["min"]), fmt(cell["max"]), ratio, note))
    return out


def text(data):
    m = data["meta"]
    print("tcp: %s, kernel %s, %s CPUs, %s rounds (median [min max]), "
          "ratio = cnet row / Linux -> Linux" %
          (m.get("date", "?"), m.get("kernel", "?"), m.get("cpus", "?"),
           m.get("rounds", "?")))
    if m.get("quick") == "1":
        print("tcp: QUICK run: small sizes, not the figures of the document")
    body = lines(data)
    w = [max(len(ln[0]) for ln in body) + 2, 16, 10, 10, 10, 7]
    head = ("measurement", "pair", "median", "min", "max", "ratio")
    print("  " + "".join(h.ljust(w[i]) if i < 2 else h.rjust(w[i])
                         for i, h in enumerate(head)))
    for ln in body:
        s = ln[0].ljust(w[0]) + ln[1].ljust(w[1]) + \
            "".join(ln[i].rjust(w[i]) for i in range(2, 6))
        if ln[6]:
            s += "  " + ln[6]
        print("  " + s.rstrip())
    for row in data["rows"]:
        if row["id"] != "idle_used":
            continue
        for pair in PAIRS:
            notes = row["pairs"].get(pair, {}).get("notes")
            if notes:
                print("  idle %s, slab caches per connection (last round): %s"
                      % (PAIR_NAMES[pair], " ".join(notes[-8:])))


def rst_table(header, body):
    width = [max(len(r[i]) for r in [header] + body)
             for i in range(len(header))]
    rule = "  ".join("=" * x for x in width)
    out = [rule, "  ".join(h.ljust(width[i]) for i, h in enumerate(header))
           .rstrip(), rule]
    for r in body:
        out.append("  ".join((c or "\\" if i == 0 else c).ljust(width[i])
                             for i, c in enumerate(r)).rstrip())
    out.append(rule)
    return "\n".join(out)


def rst(data):
    m = data["meta"]
    title = "Benchmarks"
    print(".. SPDX-License-Identifier: GPL-2.0")
    print()
    print(".. Generated by selftests/bench/tcp-report.py from")
    print("   Documentation/benchmarks.json (make bench B=tcp) and")
    print("   selftests/bench/tcp-notes.rst: do not edit.")
    print()
    print("=" * len(title))
    print(title)
    print("=" * len(title))
    print()
    print("TCP and UDP through cnet next to the Linux stack, measured by")
    print("``selftests/bench/tcp.sh`` (``make bench B=tcp``, see")
    print(":doc:`testing`) in one VM run. Each row is the median of %s runs"
          % m.get("rounds", "?"))
    print("with the smallest and the largest, and its ratio to Linux -> Linux")
    print("(above 1 is more: faster for a rate, slower for a latency, more")
    print("memory for a size). The targets are issue 10's and issue 12's.")
    print()
    print("- Date: %s" % m.get("date", "?"))
    print("- Kernel: %s (the bench kernel, no debug checkers%s)" %
          (m.get("kernel", "?"),
           "; but this one had: " + m["checkers"] if m.get("checkers")
           else ""))
    print("- cnet: %s" % m.get("commit", "?"))
    print("- Machine: %s" % m.get("machine", "?"))
    print("- Sizes: %s" % m.get("sizes", "?"))
    print()
    print("Every figure is an emulated CPU's (QEMU TCG) on cores shared with")
    print("whatever else ran: compare the ratios, not the rates.")
    print()
    body = []
    for ln in lines(data):
        body.append(list(ln[:6]))
    targets = {r["title"]: r["target"] for r in data["rows"]}
    head = ["measurement", "pair", "median", "min", "max", "ratio", "target"]
    for r, ln in zip(body, lines(data)):
        tgt = ""
        if ln[0]:
            for t, v in targets.items():
                if ln[0].startswith(t + ","):
                    tgt = v
        r.append(tgt)
    print(rst_table(head, body))
    print()
    fails, last = [], ""
    for ln in lines(data):
        last = ln[0] or last
        if ln[6]:
            fails.append("- %s, %s: %s" % (last, ln[1], ln[6]))
    if fails:
        print("Rows that failed (a benchmark that stalls is a finding):")
        print()
        print("\n".join(fails))
        print()
    # the reading of the figures, written by hand after a full run
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "tcp-notes.rst")
    if os.path.exists(notes):
        print(open(notes).read().rstrip())


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "json":
        meta = dict(a.split("=", 1) for a in sys.argv[3:])
        json.dump(build(sys.argv[2], meta), sys.stdout, indent=1,
                  sort_keys=True)
        print()
    elif cmd == "text":
        text(json.load(open(sys.argv[2])))
    elif cmd == "rst":
        rst(json.load(open(sys.argv[2])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
