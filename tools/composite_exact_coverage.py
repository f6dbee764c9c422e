#!/usr/bin/env python3
"""Exact coverage of a group's F1 and balanced-accuracy intervals, by their binomial components
(issue 22, session 10, h22s). No simulation: sums over the exact distribution of a group's table.

A group of n rows, each positive with prevalence pi and predicted positive with the group's TPR
(positives) or FPR (negatives), as in the coverage study (CoverageSettings):
  - F1 = 2J/(1 + J), J = TP/(TP + FP + FN). With m = TP + FP + FN ~ Bin(n, 1 - p_TN) and
    TP | m ~ Bin(m, J), an interval [l, u] of J from (TP, m) covers J exactly when its map covers F1,
    so the coverage is sum_m P(m) cov_J(m) over m >= 1, divided by P(m >= 1) (F1 undefined at m = 0:
    no interval, not a miss).
  - Balanced accuracy (TPR + TNR)/2: P ~ Bin(n, pi) positives; TP | P ~ Bin(P, TPR), TN | P ~
    Bin(n - P, TNR); MOVER for the sum from the component intervals of TPR and TNR; tables with P = 0
    or P = n are undefined (excluded, weighted out).
Component intervals (one rate x/n), each from statsmodels 0.15.0 / scipy 1.17.1:
  wilson           statsmodels proportion_confint(method="wilson")    (what CompositeIntervals used)
  wilson-modified  Brown, Cai & DasGupta (2001, sec. 4.1.1) modified Wilson: the one-sided Poisson
                   bound chi2.ppf(alpha, 2x)/(2n) for x = 1..x* (x* = 2 for n <= 50, else 3), and
                   symmetrically for n - x (ProportionIntervals.modifiedWilson)
  jeffreys         statsmodels proportion_confint(method="jeffreys") with Brown et al.'s boundary
                   rule (lower 0 at x = 0, upper 1 at x = n)
  mid-p            mid-p Clopper-Pearson: P(X > x) + P(X = x)/2 = alpha/2 at the lower bound (scipy
                   binom, bisection, 45 halvings)
  agresti-coull    statsmodels proportion_confint(method="agresti_coull")
  clopper-pearson  statsmodels proportion_confint(method="beta")
Usage: nice -n 10 /work/pyenv/bin/python tools/composite_exact_coverage.py [components|rates|all]
"""
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

ALPHA = 0.05
LOW, HIGH = 0.93, 0.97
CUT = 1e-12


def wilson(x, n):
    return proportion_confint(x, n, alpha=ALPHA, method="wilson")


def wilson_modified(x, n):
    lo, hi = wilson(x, n)
    xs = 2 if n <= 50 else 3
    k = (x >= 1) & (x <= xs)
    lo = np.where(k, stats.chi2.ppf(ALPHA, 2 * np.maximum(x, 1)) / (2 * n), lo)
    m = (n - x >= 1) & (n - x <= xs)
    hi = np.where(m, 1 - stats.chi2.ppf(ALPHA, 2 * np.maximum(n - x, 1)) / (2 * n), hi)
    return lo, hi


def jeffreys(x, n):
    lo, hi = proportion_confint(x, n, alpha=ALPHA, method="jeffreys")
    return np.where(x == 0, 0.0, lo), np.where(x == n, 1.0, hi)


def mid_p(x, n):
    x = np.asarray(x, dtype=float)

    def solve(f, target):  # f(p) increasing in p; root of f(p) = target on (0, 1)
        a, b = np.zeros_like(x), np.ones_like(x)
        for _ in range(45):
            m = (a + b) / 2
            up = f(m) > target
            b = np.where(up, m, b)
            a = np.where(up, a, m)
        return (a + b) / 2

    lo = solve(lambda p: stats.binom.sf(x, n, p) + 0.5 * stats.binom.pmf(x, n, p), ALPHA / 2)
    hi = solve(lambda p: 1 - stats.binom.cdf(x - 1, n, p) - 0.5 * stats.binom.pmf(x, n, p), 1 - ALPHA / 2)
    return np.where(x == 0, 0.0, lo), np.where(x == n, 1.0, hi)


def agresti_coull(x, n):
    lo, hi = proportion_confint(x, n, alpha=ALPHA, method="agresti_coull")
    return np.clip(lo, 0, 1), np.clip(hi, 0, 1)


def clopper_pearson(x, n):
    lo, hi = proportion_confint(x, n, alpha=ALPHA, method="beta")
    return np.nan_to_num(lo, nan=0.0), np.nan_to_num(hi, nan=1.0)


COMPONENTS = {
    "wilson": wilson,
    "wilson-modified": wilson_modified,
    "jeffreys": jeffreys,
    "mid-p": mid_p,
    "agresti-coull": agresti_coull,
    "clopper-pearson": clopper_pearson,
}
_CACHE = {}


def bounds(name, n):
    key = (name, n)
    if key not in _CACHE:
        x = np.arange(n + 1)
        lo, hi = COMPONENTS[name](x, n)
        _CACHE[key] = (np.asarray(lo, float), np.asarray(hi, float))
    return _CACHE[key]


def rate_coverage(name, n, p):
    lo, hi = bounds(name, n)
    x = np.arange(n + 1)
    return float(np.sum(stats.binom.pmf(x, n, p) * ((lo <= p + 1e-13) & (p - 1e-13 <= hi))))


def support(n, p):
    """The counts of Bin(n, p) with probability above CUT (the rest is below 1e-9 in all)."""
    lo = int(stats.binom.ppf(CUT, n, p))
    hi = int(stats.binom.isf(CUT, n, p))
    return np.arange(max(lo - 1, 0), min(hi + 1, n) + 1)


def f1_coverage(name, n, pi, tpr, fpr):
    ptp, pfn, pfp = pi * tpr, pi * (1 - tpr), (1 - pi) * fpr
    q = ptp + pfn + pfp
    j = ptp / q
    ms = support(n, q)
    ms = ms[ms >= 1]
    w = stats.binom.pmf(ms, n, q)
    cov = np.array([rate_coverage(name, int(m), j) for m in ms])
    return float(np.sum(w * cov) / np.sum(w))


def ba_coverage(name, n, pi, tpr, fpr):
    tnr = 1 - fpr
    truth = (tpr + tnr) / 2
    ps = support(n, pi)
    ps = ps[(ps >= 1) & (ps <= n - 1)]
    w = stats.binom.pmf(ps, n, pi)
    total = 0.0
    for npos, wp in zip(ps, w):
        nneg = n - npos
        a = support(int(npos), tpr)
        b = support(int(nneg), tnr)
        la, ua = bounds(name, int(npos))
        lb, ub = bounds(name, int(nneg))
        ta, tb = a / npos, b / nneg
        below = np.hypot((ta - la[a])[:, None], (tb - lb[b])[None, :]) / 2
        above = np.hypot((ua[a] - ta)[:, None], (ub[b] - tb)[None, :]) / 2
        est = (ta[:, None] + tb[None, :]) / 2
        hit = (np.maximum(est - below, 0) <= truth + 1e-12) & (truth - 1e-12 <= np.minimum(est + above, 1))
        pa = stats.binom.pmf(a, int(npos), tpr)
        pb = stats.binom.pmf(b, int(nneg), tnr)
        total += wp * float(pa @ hit @ pb)
    return total / float(np.sum(w))


NS = (20, 30, 50, 80, 100, 150, 250, 500)
PIS = (0.05, 0.2, 0.4, 0.7, 0.92)
RATES = ((0.6, 0.4), (0.7, 0.2), (0.8, 0.1), (0.9, 0.05), (0.95, 0.03), (0.97, 0.02), (0.99, 0.01))
STUDY = (  # the coverage study's unclustered first groups (n, prevalence, TPR, FPR)
    (300, 0.3, 0.70, 0.10), (200, 0.4, 0.75, 0.12), (150, 0.3, 0.97, 0.02), (30, 0.15, 0.80, 0.10),
    (40, 0.35, 0.80, 0.10), (200, 0.92, 0.90, 0.30), (150, 0.35, 0.80, 0.10), (60, 0.5, 0.65, 0.25),
    (250, 0.2, 0.90, 0.06), (80, 0.6, 0.72, 0.30), (100, 0.4, 0.95, 0.04), (30, 0.5, 0.80, 0.10),
    (400, 0.05, 0.70, 0.10), (150, 0.3, 0.92, 0.04), (300, 0.5, 0.80, 0.20),
)


def min_expected(n, pi, tpr, fpr):
    return n * min(pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr))


def components(names):
    cells = [(n, pi, t, f) for n in NS for pi in PIS for (t, f) in RATES] + list(STUDY)
    rows = []
    for c in cells:
        rows.append((c, {m: (f1_coverage(m, *c), ba_coverage(m, *c)) for m in names}))
    print("Per cell (n, prevalence, TPR, FPR; lam = smallest expected confusion count):")
    print("| n | prevalence | TPR | FPR | λ | " + " | ".join(f"F1 {m}" for m in names) + " | "
          + " | ".join(f"BA {m}" for m in names) + " |")
    print("|" + "---:|" * (5 + 2 * len(names)))
    for c, r in rows:
        lam = min_expected(*c)
        print(f"| {c[0]} | {c[1]} | {c[2]} | {c[3]} | {lam:.2f} | "
              + " | ".join(f"{r[m][0]:.3f}" for m in names) + " | "
              + " | ".join(f"{r[m][1]:.3f}" for m in names) + " |")
    print()
    for lam_lo, lam_hi, label in ((0, 5, "λ < 5"), (5, 1e9, "λ ≥ 5"), (0, 1e9, "all")):
        sub = [(c, r) for c, r in rows if lam_lo <= min_expected(*c) < lam_hi]
        print(f"Summary, {label} ({len(sub)} cells):")
        print("| component | F1 min | F1 max | F1 < 0.93 | F1 > 0.97 | BA min | BA max | BA < 0.93 | BA > 0.97 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for m in names:
            f = [r[m][0] for _, r in sub]
            b = [r[m][1] for _, r in sub]
            print(f"| {m} | {min(f):.3f} | {max(f):.3f} | {sum(v < LOW for v in f)} | {sum(v > HIGH for v in f)} "
                  f"| {min(b):.3f} | {max(b):.3f} | {sum(v < LOW for v in b)} | {sum(v > HIGH for v in b)} |")
        print()


def rates(names):
    ns = (10, 15, 20, 25, 30, 40, 50, 51, 75, 100, 200, 500)
    ps = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
    lams = (0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7, 10)
    rows = []
    for n in ns:
        cells = sorted(set(ps) | {lam / n for lam in lams if lam / n <= 0.5})
        for p in cells:  # coverage at p equals coverage at 1 - p for these symmetric intervals
            rows.append((n, p, {m: rate_coverage(m, n, p) for m in names}))
    for label, keep in (("n ≤ 50", lambda n: n <= 50), ("20 ≤ n ≤ 50", lambda n: 20 <= n <= 50),
                        ("n > 50", lambda n: n > 50), ("all", lambda n: True)):
        sub = [r for r in rows if keep(r[0])]
        sub1 = [r for r in sub if r[0] * r[1] >= 1]
        print(f"Rates, {label}: {len(sub)} cells (p ≤ 0.5; {len(sub1)} with n·p ≥ 1)")
        print("| interval | min | at (n, p) | < 0.93 | > 0.97 | min, n·p ≥ 1 | < 0.93, n·p ≥ 1 | > 0.97, n·p ≥ 1 | outside 93–97 %, n·p ≥ 1 |")
        print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
        for m in names:
            lo = min(sub, key=lambda r: r[2][m])
            v = [r[2][m] for r in sub]
            v1 = [r[2][m] for r in sub1]
            print(f"| {m} | {lo[2][m]:.3f} | ({lo[0]}, {lo[1]:.4g}) | {sum(x < LOW for x in v)} | {sum(x > HIGH for x in v)} "
                  f"| {min(v1):.3f} | {sum(x < LOW for x in v1)} | {sum(x > HIGH for x in v1)} "
                  f"| {sum(x < LOW or x > HIGH for x in v1)} |")
        print()


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    print()
    if what in ("rates", "all"):
        rates(list(COMPONENTS))
    if what in ("components", "all"):
        components(["wilson", "wilson-modified", "jeffreys", "mid-p", "agresti-coull"])


if __name__ == "__main__":
    main()
