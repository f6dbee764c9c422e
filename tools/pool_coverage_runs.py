"""Pools CoverageStudy outputs of several seeds (tools/coverage_study.sh ... > FILE).

    python3 tools/pool_coverage_runs.py [--match TEXT] [--summary [MIN_TABLES]] FILE...

Reads the Markdown tables CoverageStudy prints (one "### setting" section each) and prints, per
setting, statistic and interval kind ("asked for" column), the pooled coverage of the intervals
reported without a warning or note, ± its binomial standard error, the number of such tables, the
pooled warned count and the coverage when warned. Counts are recovered exactly from each row
(unwarned = the "(n)" at the end of the coverage cell, or tables − warned in outputs before session 10; covered = round(coverage × unwarned)). Standard library only; the
analysis of outputs, not a reference computation. --match keeps statistics containing TEXT.
--summary (after --match, if both) prints instead, for the default ("asked for" = default) intervals
with at least MIN_TABLES (default 50) unwarned tables pooled, how many cells lie inside 93-97 %,
below and above, and lists the cells whose pooled coverage is more than 2 standard errors outside
the band (the ones chance alone rarely explains: about 1 in 40 cells of a true 95 % construction
lies outside by chance at 200 tables, far fewer by more than 2 SE).
"""

import math
import re
import sys
from collections import OrderedDict


def parse(path, pooled):
    setting = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("### "):
            setting = line[4:].strip()
            continue
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if setting is None or len(cols) < 7 or cols[0] in ("statistic", "---") or cols[0].startswith("-"):
            continue
        stat, asked, method, cov, warned, cov_warned = cols[:6]
        m = re.match(r"(\d+)/(\d+)", warned)
        if not m:
            continue
        w, tables = int(m.group(1)), int(m.group(2))
        # Since session 10 the coverage cell ends with the unwarned count "(n)": tables where the
        # statistic is undefined have no interval and are neither warned nor unwarned. Older
        # outputs lack it (tables - warned then counts them as unwarned misses).
        n = re.search(r"\((\d+)\)\s*$", cov)
        unwarned = int(n.group(1)) if n else (0 if cov.startswith("—") else tables - w)
        c = re.match(r"([0-9.]+)", cov)
        covered = round(float(c.group(1)) * unwarned) if c and unwarned else 0
        cw = re.match(r"([0-9.]+)", cov_warned)
        covered_w = round(float(cw.group(1)) * w) if cw and w else 0
        key = (setting, stat, asked)
        e = pooled.setdefault(key, {"u": 0, "c": 0, "w": 0, "cw": 0, "methods": OrderedDict()})
        e["u"] += unwarned
        e["c"] += covered
        e["w"] += w
        e["cw"] += covered_w
        e["methods"][method] = True


def summary(pooled, match, min_tables):
    inside = below = above = 0
    far = []
    for (setting, stat, asked), e in pooled.items():
        if (match and match not in stat) or asked != "default" or e["u"] < min_tables:
            continue
        p = e["c"] / e["u"]
        se = math.sqrt(max(p * (1 - p), 0.25 / e["u"]) / e["u"])
        if p < 0.93:
            below += 1
        elif p > 0.97:
            above += 1
        else:
            inside += 1
        if p + 2 * se < 0.93 or p - 2 * se > 0.97:
            far.append((setting, stat, ", ".join(e["methods"]), p, se, e["u"]))
    total = inside + below + above
    print(f"default intervals without a warning or note, cells with >= {min_tables} tables: {total}; "
          f"inside 93-97 %: {inside}, below: {below}, above: {above}; "
          f"more than 2 SE outside: {len(far)}")
    for setting, stat, methods, p, se, u in far:
        print(f"  {setting} | {stat} | {methods} | {p:.3f} ± {se:.3f} ({u})")


def main(argv):
    match = None
    min_tables = None
    if argv[:1] == ["--match"]:
        match, argv = argv[1], argv[2:]
    if argv[:1] == ["--summary"]:
        argv = argv[1:]
        min_tables = 50
        if argv and argv[0].isdigit():
            min_tables, argv = int(argv[0]), argv[1:]
    pooled = OrderedDict()
    for path in argv:
        parse(path, pooled)
    if min_tables is not None:
        summary(pooled, match, min_tables)
        return
    print("| setting | statistic | asked for | method | unwarned coverage ± SE (tables) | warned | coverage when warned |")
    print("|---|---|---|---|---:|---:|---:|")
    for (setting, stat, asked), e in pooled.items():
        if match and match not in stat:
            continue
        if e["u"]:
            p = e["c"] / e["u"]
            cov = f"{p:.3f} ± {math.sqrt(p * (1 - p) / e['u']):.3f} ({e['u']})"
        else:
            cov = "—"
        cw = f"{e['cw'] / e['w']:.3f}" if e["w"] else "—"
        print(f"| {setting} | {stat} | {asked} | {', '.join(e['methods'])} | {cov} | {e['w']} | {cw} |")


if __name__ == "__main__":
    main(sys.argv[1:])
