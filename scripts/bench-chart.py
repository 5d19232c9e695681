#!/usr/bin/env python3
"""Turns JMH JSON results of the collection suites into per-entry numbers and a chart.

Usage:
  scripts/bench-chart.py RESULTS.json [MORE.json ...] [--out docs/bench-collections.png]
                         [--size N] [--table]

Reads the results of dev.arbor.benchmarks.collections.* (LongMap, LongMapTransient, StringMap,
StringMapTransient, LongVector) and of dev.arbor.benchmarks.nativeformat.NativeBuildBenchmark and
NativeReadBenchmark (the arena runs become the "arbor-native" column, beside Arbor's managed
format), converts every score to nanoseconds per entry (build and iterate
benchmarks measure a whole collection per operation, so their score is divided by the `size`
parameter; lookup, update and get benchmarks are already per entry; the score is the median of
the measurement iterations), then:
  --table  prints a markdown table: one row per (collection, operation, size), a column per
           library, the fastest persistent peer, and Arbor's time divided by that peer's
           (below 1.00 = Arbor is faster);
  --native-table
           prints native (arena) against managed from the nativeformat suites, same run: ns per
           entry and the ratio native / managed (below 1.00 = native is faster);
  --out    draws grouped bars (log scale) of ns per entry per operation, for each library, at
           the largest size present (or --size), into a PNG (default docs/bench-collections.png).
A later file overrides an earlier one for the same benchmark, library and size.
Needs matplotlib for the PNG (Debian: apt-get install python3-matplotlib); without it the chart
is written as SVG and converted with ImageMagick's `convert` if that is installed.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys

PERSISTENT = ["arbor", "scala", "clojure", "vavr", "pcollections", "bifurcan"]
MUTABLE = ["fastutil", "java.util"]
# Arbor's native format under an arena: not a peer, so never the "best persistent peer".
NATIVE = "arbor-native"
# java.util.HashMap (maps) and java.util.ArrayList (vectors) share a column.
ALIASES = {"javaHashMap": "java.util", "javaArrayList": "java.util"}
LIBS = PERSISTENT[:1] + [NATIVE] + PERSISTENT[1:] + MUTABLE
PER_COLLECTION_OPS = {"buildPersistent", "buildTransient", "iterate"}
SUITES = {
    "LongMapBenchmark": "long->long map",
    "LongMapTransientBenchmark": "long->long map",
    "StringMapBenchmark": "String->String map",
    "StringMapTransientBenchmark": "String->String map",
    "LongVectorBenchmark": "long vector",
}
# The nativeformat suites' benchmarks, as (collection, operation) of the collection suites.
NATIVE_SUITES = {
    "NativeBuildBenchmark": {"buildMap": ("long->long map", "buildTransient"),
                             "buildVector": ("long vector", "buildTransient")},
    "NativeReadBenchmark": {"mapGetLongHit": ("long->long map", "lookupHit"),
                            "mapIterate": ("long->long map", "iterate"),
                            "vectorGetLong": ("long vector", "get"),
                            "vectorIterate": ("long vector", "iterate")},
}
OP_ORDER = ["buildPersistent", "buildTransient", "lookupHit", "lookupMiss", "get", "iterate", "update"]
COLORS = {
    "arbor": "#d62728", "scala": "#1f77b4", "clojure": "#2ca02c", "vavr": "#9467bd",
    "pcollections": "#8c564b", "bifurcan": "#ff7f0e", "fastutil": "#7f7f7f",
    "java.util": "#bcbd22", NATIVE: "#e377c2",
}
# Native and managed from the same nativeformat run: {(collection, op, size): {format: ns per entry}}.
NATIVE_RUNS = {}


def load(files):
    """{(collection, op, size): {lib: (ns per entry, error per entry)}}."""
    rows = {}
    for f in files:
        with open(f) as fh:
            results = json.load(fh)
        for r in results:
            cls, op = r["benchmark"].split(".")[-2:]
            params = r.get("params", {})
            metric = r["primaryMetric"]
            if cls in NATIVE_SUITES and op in NATIVE_SUITES[cls]:
                coll, op = NATIVE_SUITES[cls][op]
                size = int(params["size"])
                value = median_score(metric) / (size if op in PER_COLLECTION_OPS else 1)
                NATIVE_RUNS.setdefault((coll, op, size), {})[params["format"]] = value
                if params["format"] == "arena":
                    rows.setdefault((coll, op, size), {})[NATIVE] = (value, float("nan"))
                continue
            if cls not in SUITES:
                continue
            size = int(params["size"])
            lib = ALIASES.get(params["lib"], params["lib"])
            if metric["scoreUnit"] != "ns/op":
                sys.exit(f"{f}: {r['benchmark']} is in {metric['scoreUnit']}; run the suites in the default ns/op")
            div = size if op in PER_COLLECTION_OPS else 1
            err = metric.get("scoreError")
            err = err / div if isinstance(err, (int, float)) and not math.isnan(err) else float("nan")
            rows.setdefault((SUITES[cls], op, size), {})[lib] = (median_score(metric) / div, err)
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if alloc:
                ALLOC.setdefault((SUITES[cls], op, size), {})[lib] = (alloc["score"] / div, float("nan"))
    return rows


def median_score(metric):
    """The median of the measurement iterations (rawData), which a noisy shared machine moves less
    than the mean; the mean when the JSON has no raw data."""
    values = sorted(v for fork in metric.get("rawData") or [] for v in fork)
    if not values:
        return metric["score"]
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


# Bytes allocated per entry, from runs with -prof gc (gc.alloc.rate.norm), same keys as the rows.
ALLOC = {}


def order_key(key):
    coll, op, size = key
    colls = list(dict.fromkeys(SUITES.values()))
    return (colls.index(coll), OP_ORDER.index(op) if op in OP_ORDER else 99, size)


def fmt(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def table(rows, unit="ns per entry"):
    libs = [l for l in LIBS if any(l in r for r in rows.values())]
    head = ["collection", "operation", "size"] + libs + ["best persistent peer", "Arbor / best peer"]
    print(f"{unit}; Arbor / best peer below 1.00 = Arbor is better")
    print()
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * 3 + ["---:"] * (len(libs)) + ["---", "---:"]) + "|")
    for key in sorted(rows, key=order_key):
        coll, op, size = key
        r = rows[key]
        peers = {l: r[l][0] for l in PERSISTENT[1:] if l in r}
        best = min(peers, key=peers.get) if peers else None
        # A ratio to a peer that allocates (almost) nothing says nothing.
        ratio = f"{r['arbor'][0] / peers[best]:.2f}" if best and "arbor" in r and peers[best] >= 0.5 else "-"
        cells = [coll, op, f"{size:,}"] + [fmt(r[l][0]) if l in r else "-" for l in libs]
        cells += [best or "-", ratio]
        print("| " + " | ".join(cells) + " |")


def native_table():
    print("native (arena) against managed, same nativeformat run: ns per entry; native / managed below 1.00 = native is faster")
    print()
    print("| collection | operation | size | managed | native | native / managed |")
    print("|---|---|---|---:|---:|---:|")
    for key in sorted(NATIVE_RUNS, key=order_key):
        r = NATIVE_RUNS[key]
        if "managed" in r and "arena" in r:
            coll, op, size = key
            print(f"| {coll} | {op} | {size:,} | {fmt(r['managed'])} | {fmt(r['arena'])} | {r['arena'] / r['managed']:.2f} |")


def chart_data(rows, size):
    # Only operations some peer was measured on: a lone Arbor bar compares nothing.
    keys = [k for k in sorted(rows, key=order_key)
            if k[2] == size and any(l in rows[k] for l in PERSISTENT[1:] + MUTABLE)]
    short = {"long->long map": "long map", "String->String map": "String map"}
    groups = [f"{short.get(k[0], k[0])}\n{k[1]}" for k in keys]
    libs = [l for l in LIBS if any(l in rows[k] for k in keys)]
    return keys, groups, libs


def draw_matplotlib(rows, size, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    keys, groups, libs = chart_data(rows, size)
    width = 0.8 / len(libs)
    fig, ax = plt.subplots(figsize=(max(10, 1.1 * len(groups)), 6.5), dpi=110)
    for j, lib in enumerate(libs):
        xs, ys = [], []
        for i, k in enumerate(keys):
            if lib in rows[k]:
                xs.append(i - 0.4 + width * (j + 0.5))
                ys.append(rows[k][lib][0])
        hatch = "//" if lib in MUTABLE else None
        ax.bar(xs, ys, width, label=lib + (" (mutable)" if lib in MUTABLE else ""),
               color=COLORS.get(lib), hatch=hatch, edgecolor="white" if hatch else None, linewidth=0)
    ax.set_yscale("log")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, fontsize=8)
    ax.set_ylabel("ns per entry (log scale, lower is better)")
    ax.set_title(f"Arbor collections (managed; native under an arena) vs peers, {size:,} entries (median of JMH iterations)")
    ax.grid(axis="y", which="both", alpha=0.3)
    # Under the axis labels, so it never hides a bar or the title.
    ax.legend(ncol=len(libs), fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False)
    fig.tight_layout()
    fig.savefig(out)


def draw_svg(rows, size, out):
    keys, groups, libs = chart_data(rows, size)
    vals = [rows[k][l][0] for k in keys for l in libs if l in rows[k] and rows[k][l][0] > 0]
    lo = 10 ** math.floor(math.log10(min(vals)))
    hi = 10 ** math.ceil(math.log10(max(vals)))
    w, h, left, top, bottom = max(1000, 140 * len(groups)), 620, 70, 60, 110
    ph = h - top - bottom
    gw = (w - left - 20) / len(groups)
    bw = gw * 0.8 / len(libs)

    def y(v):
        return top + ph * (1 - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)))

    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="16">Arbor collections vs peers, '
         f'{size:,} entries: ns per entry (log scale, lower is better)</text>']
    d = lo
    while d <= hi:
        s.append(f'<line x1="{left}" x2="{w - 20}" y1="{y(d):.1f}" y2="{y(d):.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{left - 6}" y="{y(d) + 4:.1f}" text-anchor="end" font-size="11">{d:g}</text>')
        d *= 10
    for i, k in enumerate(keys):
        for j, lib in enumerate(libs):
            if lib in rows[k]:
                v = rows[k][lib][0]
                x = left + gw * i + gw * 0.1 + bw * j
                s.append(f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{bw:.1f}" height="{top + ph - y(v):.1f}" '
                         f'fill="{COLORS.get(lib)}"/>')
        for n, line in enumerate(groups[i].split("\n")):
            s.append(f'<text x="{left + gw * (i + 0.5):.1f}" y="{top + ph + 18 + 14 * n}" text-anchor="middle" '
                     f'font-size="11">{line.replace(">", "&gt;")}</text>')
    for j, lib in enumerate(libs):
        x = left + 130 * j
        s.append(f'<rect x="{x}" y="{h - 40}" width="12" height="12" fill="{COLORS.get(lib)}"/>')
        s.append(f'<text x="{x + 16}" y="{h - 30}" font-size="12">{lib}</text>')
    s.append("</svg>")
    svg = os.path.splitext(out)[0] + ".svg"
    with open(svg, "w") as fh:
        fh.write("\n".join(s))
    for tool in (["rsvg-convert", "-o", out, svg], ["convert", svg, out]):
        if shutil.which(tool[0]) and subprocess.run(tool, capture_output=True).returncode == 0:
            return
    print(f"no matplotlib and no working SVG converter (rsvg-convert, ImageMagick): wrote {svg} only; "
          "apt-get install python3-matplotlib", file=sys.stderr)


def have_matplotlib():
    try:
        import matplotlib  # noqa: F401
        return True
    except ImportError:
        return False


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", nargs="+", help="JMH JSON files (scripts/bench.sh --json FILE ...)")
    p.add_argument("--out", default=os.path.join(here, "..", "docs", "bench-collections.png"))
    p.add_argument("--size", type=int, help="size to chart (default: the largest present)")
    p.add_argument("--table", action="store_true", help="print the markdown table of every size")
    p.add_argument("--native-table", action="store_true", help="print native against managed (nativeformat suites)")
    p.add_argument("--no-chart", action="store_true")
    a = p.parse_args()
    if not a.no_chart and not have_matplotlib():
        # The python first on PATH (e.g. pyenv's) may lack matplotlib while Debian's has it:
        # rerun there before printing anything.
        if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
                and subprocess.run(["/usr/bin/python3", "-c", "import matplotlib"], capture_output=True).returncode == 0:
            os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    rows = load(a.results)
    if not rows:
        sys.exit("no results of dev.arbor.benchmarks.collections.* in " + ", ".join(a.results))
    if a.table:
        table(rows)
        if ALLOC:
            print()
            # Lookups allocate nothing anywhere: only the rows where some library allocates.
            table({k: v for k, v in ALLOC.items() if max(x[0] for x in v.values()) >= 0.5},
                  "bytes allocated per entry (-prof gc)")
    if a.native_table:
        print()
        native_table()
    if a.no_chart:
        return
    size = a.size or max(k[2] for k in rows)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    if have_matplotlib():
        draw_matplotlib(rows, size, a.out)
    else:
        draw_svg(rows, size, a.out)
    print(f"wrote {os.path.normpath(a.out)} ({size:,} entries)", file=sys.stderr)


if __name__ == "__main__":
    main()
