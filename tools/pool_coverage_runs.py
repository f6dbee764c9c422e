"""Pools CoverageStudy outputs of several seeds (tools/coverage_study.sh ... > FILE).

    python3 tools/pool_coverage_runs.py [--match TEXT] FILE...

Reads the Markdown tables CoverageStudy prints (one "### setting" section each) and prints, per
setting, statistic and interval kind ("asked for" column), the pooled coverage of the intervals
reported without a warning or note, ± its binomial standard error, the number of such tables, the
pooled warned count and the coverage when warned. Counts are recovered exactly from each row
(unwarned = tables − warned; covered = round(coverage × unwarned)). Standard library only; the
analysis of outputs, not a reference computation. --match keeps statistics containing TEXT.
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
        unwarned = tables - w
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


def main(argv):
    match = None
    if argv[:1] == ["--match"]:
        match, argv = argv[1], argv[2:]
    pooled = OrderedDict()
    for path in argv:
        parse(path, pooled)
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
