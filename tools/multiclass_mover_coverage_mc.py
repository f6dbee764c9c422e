"""Simulated coverage at 95 % of the MOVER intervals of three-class macro averages (session 10, h22x).

    /work/pyenv/bin/python tools/multiclass_mover_coverage_mc.py [--designs] [SIMS]   (default 20000, seed 7351)

For one group of n rows (true class k with prior[k], prediction j with confusion[k][j]; the group
settings of fairness-benchmarks CoverageClassDesigns), draws SIMS multinomial 3x3 tables with numpy
and reports how often the interval contains the population value (a ratio of expected cells):

- macro recall and macro precision: MOVER for a sum of K independent proportions from the K modified
  Wilson intervals (statsmodels' proportion_confint(method="wilson"), scipy's chi2 for the Poisson
  bounds), as fairness-core's MulticlassIntervals;
- macro F1 "MOVER-jaccard": the K per-class F1 intervals 2l/(1+l), 2u/(1+u) from the Wilson interval
  of the Jaccard index TP/(TP+FP+FN), combined by MOVER as if independent (they are not: a row
  predicted wrongly is a FP of one class and a FN of another). Measured, not shipped.

With --designs it instead simulates the six two-group settings of CoverageClassDesigns.multiclassSettings
(A the reference): group A, overall (the pooled table of both groups, fixed group sizes) and B - A, B / A
(MOVER, MOVER on the log scale, from the two groups' intervals) of macro recall and macro precision.

Tables where a component is undefined (a class without true or predicted rows) are left out of that
statistic and counted.
"""
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

GOOD = [[0.8, 0.15, 0.05], [0.1, 0.75, 0.15], [0.05, 0.15, 0.8]]
FAIR = [[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.25, 0.65]]
BAL = [1 / 3, 1 / 3, 1 / 3]
SKEW = [0.6, 0.3, 0.1]
MID = [0.5, 0.35, 0.15]
GROUPS = [
    ("200 balanced good", 200, BAL, GOOD),
    ("300 balanced fair", 300, BAL, FAIR),
    ("150 skewed good", 150, SKEW, GOOD),
    ("50 skewed fair", 50, SKEW, FAIR),
    ("80 balanced good", 80, BAL, GOOD),
    ("400 skewed good", 400, SKEW, GOOD),
    ("100 balanced fair", 100, BAL, FAIR),
    ("60 mid fair", 60, MID, FAIR),
    ("100 mid good", 100, MID, GOOD),
    ("120 0.45/0.35/0.2 fair", 120, [0.45, 0.35, 0.2], FAIR),
    ("30 skewed fair", 30, SKEW, FAIR),
]


def modified_wilson(x, n):
    x, n = np.asarray(x, float), np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        lo, hi = proportion_confint(x, np.maximum(n, 1), alpha=0.05, method="wilson")
    xs = np.where(n <= 50, 2, 3)
    low = (x >= 1) & (x <= xs)
    high = (n - x >= 1) & (n - x <= xs)
    lo = np.where(low, stats.chi2.ppf(0.05, 2 * np.maximum(x, 1)) / (2 * np.maximum(n, 1)), lo)
    hi = np.where(high, 1 - stats.chi2.ppf(0.05, 2 * np.maximum(n - x, 1)) / (2 * np.maximum(n, 1)), hi)
    return lo, hi


def mover_mean(r, lo, hi):
    k = r.shape[1]
    m = r.mean(axis=1)
    return m - np.sqrt(((r - lo) ** 2).sum(axis=1)) / k, m + np.sqrt(((hi - r) ** 2).sum(axis=1)) / k, m


def run(n, prior, conf, sims, rng):
    cells = (np.array(prior)[:, None] * np.array(conf)).ravel()
    tables = rng.multinomial(n, cells, size=sims).reshape(sims, 3, 3)
    diag = np.einsum("sii->si", tables).astype(float)
    rows, cols = tables.sum(axis=2), tables.sum(axis=1)
    ec = np.array(prior)[:, None] * np.array(conf)
    truth = {
        "macro_recall": np.mean(np.diag(ec) / ec.sum(axis=1)),
        "macro_precision": np.mean(np.diag(ec) / ec.sum(axis=0)),
        "macro_f1": np.mean(2 * np.diag(ec) / (ec.sum(axis=1) + ec.sum(axis=0))),
    }
    out = {}
    for name, den in (("macro_recall", rows), ("macro_precision", cols), ("macro_f1", rows + cols - diag)):
        ok = (den > 0).all(axis=1)
        x, d = diag[ok], den[ok]
        lo, hi = modified_wilson(x, d)
        r = x / d
        if name == "macro_f1":
            r, lo, hi = 2 * r / (1 + r), 2 * lo / (1 + lo), 2 * hi / (1 + hi)
        lo_m, hi_m, _ = mover_mean(r, lo, hi)
        t = truth[name]
        out[name] = (float(np.mean((lo_m <= t + 1e-12) & (t - 1e-12 <= hi_m))), int(sims - ok.sum()))
    return out


DESIGNS = [
    ("balanced classes, 200 vs 300", (200, BAL, GOOD), (300, BAL, FAIR)),
    ("null, skewed classes 0.6/0.3/0.1, 150 vs 150", (150, SKEW, GOOD), (150, SKEW, GOOD)),
    ("small groups 50 vs 80, skewed classes", (50, SKEW, FAIR), (80, BAL, GOOD)),
    ("400 vs 100, skewed vs balanced", (400, SKEW, GOOD), (100, BAL, FAIR)),
    ("fresh: 60 vs 100, classes 0.5/0.35/0.15", (60, MID, FAIR), (100, MID, GOOD)),
    ("fresh: 120 vs 120, classes 0.45/0.35/0.2", (120, [0.45, 0.35, 0.2], FAIR), (120, [0.45, 0.35, 0.2], GOOD)),
]


def macro_interval(tables, columns):
    diag = np.einsum("sii->si", tables).astype(float)
    den = tables.sum(axis=1) if columns else tables.sum(axis=2)
    ok = (den > 0).all(axis=1)
    lo, hi = modified_wilson(diag, den)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = diag / den
    lo_m, hi_m, m = mover_mean(r, lo, hi)
    return np.where(ok, m, np.nan), lo_m, hi_m


def designs(sims, rng):
    print(f"coverage at 95 %, {sims} tables per setting (undefined tables left out)\n")
    print("| setting | statistic | A | overall | B - A | B / A |")
    print("|---|---|---:|---:|---:|---:|")
    for name, a, b in DESIGNS:
        tabs, ecs = [], []
        for n, prior, conf in (a, b):
            ec = n * np.array(prior)[:, None] * np.array(conf)
            ecs.append(ec)
            tabs.append(rng.multinomial(n, (ec / n).ravel(), size=sims).reshape(sims, 3, 3))
        for stat, columns in (("macro recall", False), ("macro precision", True)):
            def truth(ec):
                return np.mean(np.diag(ec) / (ec.sum(axis=0) if columns else ec.sum(axis=1)))
            ta, tb, to = truth(ecs[0]), truth(ecs[1]), truth(ecs[0] + ecs[1])
            ma, la, ha = macro_interval(tabs[0], columns)
            mb, lb, hb = macro_interval(tabs[1], columns)
            mo, lo_, ho = macro_interval(tabs[0] + tabs[1], columns)
            d = mb - ma
            dl = d - np.hypot(mb - lb, ha - ma)
            dh = d + np.hypot(hb - mb, ma - la)
            with np.errstate(invalid="ignore", divide="ignore"):
                g1, g0 = np.log(mb), np.log(ma)
                rl = np.exp(g1 - g0 - np.hypot(g1 - np.log(lb), np.log(ha) - g0))
                rh = np.exp(g1 - g0 + np.hypot(np.log(hb) - g1, g0 - np.log(la)))

            def cov(m, lo, hi, t):
                ok = ~np.isnan(m)
                return f"{np.mean((lo[ok] <= t + 1e-12) & (t - 1e-12 <= hi[ok])):.3f}"
            both = ~np.isnan(d)
            print(f"| {name} | {stat} | {cov(ma, la, ha, ta)} | {cov(mo, lo_, ho, to)} | "
                  f"{cov(np.where(both, d, np.nan), dl, dh, tb - ta)} | "
                  f"{cov(np.where(both & (ma > 0), d, np.nan), rl, rh, tb / ta)} |")


def main():
    if "--designs" in sys.argv:
        args = [a for a in sys.argv[1:] if a != "--designs"]
        designs(int(args[0]) if args else 20000, np.random.default_rng(7351))
        return
    sims = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = np.random.default_rng(7351)
    print(f"coverage at 95 %, {sims} tables per group (undefined tables left out, counted)\n")
    print("| group | smallest expected class count (true, predicted) | macro recall | macro precision | macro F1 (MOVER-jaccard, not shipped) |")
    print("|---|---|---:|---:|---:|")
    for name, n, prior, conf in GROUPS:
        ec = n * np.array(prior)[:, None] * np.array(conf)
        c = run(n, prior, conf, sims, rng)
        cell = lambda k: f"{c[k][0]:.3f}" + (f" ({c[k][1]} undef.)" if c[k][1] else "")
        print(f"| {name} | {ec.sum(axis=1).min():.1f}, {ec.sum(axis=0).min():.1f} | {cell('macro_recall')} | {cell('macro_precision')} | {cell('macro_f1')} |")


if __name__ == "__main__":
    main()
