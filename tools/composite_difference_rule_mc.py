#!/usr/bin/env python3
"""Coverage of the signed difference B - A and the ratio B / A (A the reference) of F1 and balanced accuracy, with
modified-Wilson components, unwarned by candidate small-count rules (issue 22, session 10, h22s).

The difference depends on both groups' tables and the rules read both, so the conditional coverage
is not separable as it is for one group (tools/composite_warning_rule_exact.py, exact); this script
draws TABLES pairs of tables per cell (numpy default_rng(SEED) multinomials, the design of
CoverageSettings: fixed group sizes, rows positive with the prevalence, predicted positive with
TPR / FPR) and counts. Intervals: MOVER from the two groups' intervals (CompositeIntervals.difference),
each from the modified Wilson bounds of statsmodels' Wilson + scipy's chi2.ppf
(tools/composite_exact_coverage.py, wilson_modified). Rules (a group's expected count of a cell =
its size times the cell's share in the pooled / the other groups' rows; two-group reports):
  none        no warning
  pooled<5    either group's pooled expected count of some cell below 5 (SmallCounts until session 9)
  others<T    either group's expected count from the OTHER group's shares below T (session 10)
Usage: nice -n 10 /work/pyenv/bin/python tools/composite_difference_rule_mc.py [TABLES [SEED]]
       (default 200000 tables, seed 22; about a minute)
"""
import sys

import numpy as np
import scipy
import statsmodels

from composite_exact_coverage import bounds

COMPONENT = "wilson-modified"
LOW, HIGH = 0.93, 0.97
RULES = ("none", "pooled<5", "others<5", "others<3")


def table_bounds(nmax):
    lo = np.zeros((nmax + 1, nmax + 1))
    hi = np.ones((nmax + 1, nmax + 1))
    for n in range(1, nmax + 1):
        lo[n, : n + 1], hi[n, : n + 1] = bounds(COMPONENT, n)
    return lo, hi


def draw(rng, g, tables):
    n, pi, tpr, fpr = g
    p = [pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr)]
    return rng.multinomial(n, p, size=tables)


def intervals(c, lo, hi):
    """(F1 est, lo, hi, defined), (BA est, lo, hi, defined) per table of cells c (k, 4)."""
    tp, fn, fp, tn = c.T
    m = tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = 2 * tp / (2 * tp + fp + fn)
        jl, ju = lo[m, tp], hi[m, tp]
        f1l, f1u = 2 * jl / (1 + jl), 2 * ju / (1 + ju)
        npos, nneg = tp + fn, tn + fp
        a, b = tp / npos, tn / nneg
        la, ua, lb, ub = lo[npos, tp], hi[npos, tp], lo[nneg, tn], hi[nneg, tn]
        ba = (a + b) / 2
        bal = np.maximum(ba - np.hypot(a - la, b - lb) / 2, 0)
        bau = np.minimum(ba + np.hypot(ua - a, ub - b) / 2, 1)
    return (f1, f1l, f1u, m > 0), (ba, bal, bau, (npos > 0) & (nneg > 0))


def truth(g):
    n, pi, tpr, fpr = g
    tp, fn, fp = pi * tpr, pi * (1 - tpr), (1 - pi) * fpr
    return 2 * tp / (2 * tp + fp + fn), (tpr + 1 - fpr) / 2


def cell(rng, a, b, tables, lo, hi):
    ca, cb = draw(rng, a, tables), draw(rng, b, tables)
    ia, ib = intervals(ca, lo, hi), intervals(cb, lo, hi)
    na, nb = a[0], b[0]
    pooled = (ca + cb) / (na + nb)
    warn = {
        "none": np.zeros(tables, bool),
        "pooled<5": ((na * pooled).min(axis=1) < 5) | ((nb * pooled).min(axis=1) < 5),
        "others<5": ((na * cb / nb).min(axis=1) < 5) | ((nb * ca / na).min(axis=1) < 5),
        "others<3": ((na * cb / nb).min(axis=1) < 3) | ((nb * ca / na).min(axis=1) < 3),
    }
    ta, tb = truth(a), truth(b)
    out = {}
    for k, name in ((0, "F1"), (1, "BA")):
        e1, l1, u1, d1 = ib[k]
        e0, l0, u0, d0 = ia[k]
        d = e1 - e0
        lower = np.maximum(d - np.hypot(e1 - l1, u0 - e0), -1)
        upper = np.minimum(d + np.hypot(u1 - e1, e0 - l0), 1)
        t = tb[k] - ta[k]
        hit = (lower <= t + 1e-12) & (t - 1e-12 <= upper)
        ok = d1 & d0
        for r in RULES:
            un = ok & ~warn[r]
            share = un.sum() / max(ok.sum(), 1)
            out[(name, r)] = (hit[un].mean() if un.any() else float("nan"), share)
        # The ratio B / A: MOVER on the log scale, MOVER-R [0, u1 / sqrt(l0 (2 e0 - l0))] where B's
        # value is 0, none where A's is 0 (ScoreBounds.moverRatio; make_composite_interval_golden.py).
        with np.errstate(divide="ignore", invalid="ignore"):
            g1, g0 = np.log(e1), np.log(e0)
            rlo = np.exp(g1 - g0 - np.hypot(g1 - np.log(l1), np.log(u0) - g0))
            rhi = np.exp(g1 - g0 + np.hypot(np.log(u1) - g1, g0 - np.log(l0)))
            zero_hi = u1 / np.sqrt(l0 * (2 * e0 - l0))
        rlo = np.where(e1 > 0, rlo, 0.0)
        rhi = np.where(e1 > 0, rhi, zero_hi)
        t = tb[k] / ta[k]
        rhit = (rlo <= t * (1 + 1e-12)) & (t * (1 - 1e-12) <= rhi)
        rok = ok & (e0 > 0)
        for r in RULES:
            un = rok & ~warn[r]
            share = un.sum() / max(rok.sum(), 1)
            out[(name + " ratio", r)] = (rhit[un].mean() if un.any() else float("nan"), share)
    return out


PAIRS = [  # (reference A, group B): the coverage study's two-group unclustered settings, then a grid
    ((300, 0.3, 0.70, 0.10), (200, 0.3, 0.80, 0.15)),
    ((200, 0.4, 0.75, 0.12), (200, 0.4, 0.75, 0.12)),
    ((150, 0.3, 0.97, 0.02), (150, 0.3, 0.99, 0.03)),
    ((30, 0.15, 0.80, 0.10), (300, 0.15, 0.70, 0.20)),
    ((40, 0.35, 0.80, 0.10), (400, 0.35, 0.80, 0.10)),
    ((300, 0.5, 0.80, 0.20), (300, 0.5, 0.82, 0.21)),
    ((60, 0.5, 0.65, 0.25), (120, 0.5, 0.75, 0.18)),
    ((250, 0.2, 0.90, 0.06), (250, 0.2, 0.93, 0.05)),
    ((100, 0.4, 0.95, 0.04), (150, 0.4, 0.97, 0.03)),
    ((30, 0.5, 0.80, 0.10), (45, 0.5, 0.85, 0.15)),
    ((400, 0.05, 0.70, 0.10), (600, 0.05, 0.80, 0.08)),
    ((150, 0.3, 0.92, 0.04), (150, 0.3, 0.92, 0.04)),
] + [((n, pi, t, f), (n, pi, t, f)) for n in (30, 100, 250) for pi in (0.05, 0.2, 0.4)
     for t, f in ((0.7, 0.2), (0.9, 0.05), (0.95, 0.03), (0.99, 0.01))]


def main():
    tables = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 22
    rng = np.random.default_rng(seed)
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}; "
          f"{tables} tables per cell, seed {seed}; SE about {np.sqrt(0.05 * 0.95 / tables):.4f} at full share")
    print()
    nmax = max(max(a[0], b[0]) for a, b in PAIRS)
    lo, hi = table_bounds(nmax)
    rows = [(a, b, cell(rng, a, b, tables, lo, hi)) for a, b in PAIRS]
    kinds = ("F1", "BA", "F1 ratio", "BA ratio")
    print("| reference A | B | " + " | ".join(f"{k} {r}" for k in kinds for r in RULES) + " |")
    print("|---|---|" + "---|" * (len(kinds) * len(RULES)))
    for a, b, r in rows:
        print(f"| {a} | {b} | " + " | ".join(f"{r[(k, x)][0]:.3f} ({r[(k, x)][1]:.2f})"
                                             for k in kinds for x in RULES) + " |")
    print()
    print("Cells with at least 10 % unwarned: range of the unwarned coverage, cells outside 93–97 %")
    print("| rule | number | range | below 0.93 | above 0.97 | cells |")
    print("|---|---|---|---:|---:|---:|")
    for r in RULES:
        for k in kinds:
            v = [(x[(k, r)][0], a, b) for a, b, x in rows if x[(k, r)][1] >= 0.1]
            lo_, hi_ = min(v), max(v)
            print(f"| {r} | {k if 'ratio' in k else k + ' difference'} | {lo_[0]:.3f} {lo_[1]} vs {lo_[2]} – {hi_[0]:.3f} {hi_[1]} vs {hi_[2]} "
                  f"| {sum(x[0] < LOW for x in v)} | {sum(x[0] > HIGH for x in v)} | {len(v)} |")


if __name__ == "__main__":
    main()
