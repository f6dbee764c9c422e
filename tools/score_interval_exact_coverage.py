#!/usr/bin/env python3
"""Exact coverage of the score intervals `metrics` reports for rates (issue 22, session 7b).

Wilson (one rate) and Newcombe's hybrid score interval (difference of two independent rates)
are computed by statsmodels (`proportion_confint(method="wilson")`,
`confint_proportions_2indep(method="newcomb", compare="diff")`); fairness-core's own intervals
equal them within 1e-9 (RateIntervalsGoldenTest). Coverage is summed exactly over the binomial
distribution(s), no simulation. For each setting it prints:
  - the coverage over all tables (the construction's coverage),
  - the coverage of the tables a "note when the count is below 5" rule leaves unnoted, and of the
    tables it notes (the selection effect that made session 7's unnoted intervals cover 97-100 %).
Since session 9 it also prints Wilson against Brown, Cai & DasGupta's modified Wilson (what the
reports give per group now) over n = 20-1000 and p = 0.001-0.999 plus expected counts 0.1-10.
Usage: /work/pyenv/bin/python tools/score_interval_exact_coverage.py   (about 1 minute)
"""
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

ALPHA = 0.05
MIN_COUNT = 5


def one_rate(n, p):
    x = np.arange(n + 1)
    lo, hi = proportion_confint(x, n, alpha=ALPHA, method="wilson")
    pmf = stats.binom.pmf(x, n, p)
    cover = (lo <= p) & (p <= hi)
    small = np.minimum(x, n - x) < MIN_COUNT
    return summary(pmf, cover, small)


def modified_wilson_cover(n, p):
    """Wilson with Brown, Cai & DasGupta's (2001, Stat. Sci. 16, sec. 4.1.1) one-sided Poisson bound
    for x = 1..x* (x* = 2 for n <= 50, else 3), and symmetrically for n - x: what `metrics` reports
    per group since session 9 (ProportionIntervals.modifiedWilson)."""
    x = np.arange(n + 1)
    lo, hi = proportion_confint(x, n, alpha=ALPHA, method="wilson")
    xs = 2 if n <= 50 else 3
    k = (x >= 1) & (x <= xs)
    lo = np.where(k, stats.chi2.ppf(ALPHA, 2 * np.maximum(x, 1)) / (2 * n), lo)
    m = (n - x >= 1) & (n - x <= xs)
    hi = np.where(m, 1 - stats.chi2.ppf(ALPHA, 2 * np.maximum(n - x, 1)) / (2 * n), hi)
    return float(np.sum(stats.binom.pmf(x, n, p) * ((lo <= p) & (p <= hi))))


def wilson_grid():
    """Before/after table (session 9): Wilson and modified Wilson over n = 20-1000 and p = 0.001-0.999,
    with the expected counts 0.1-10 of the rarer side as their own rows."""
    ns = (20, 30, 40, 50, 51, 75, 100, 200, 300, 500, 1000)
    ps = (0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
    lams = (0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7, 10)
    rows = []
    for n in ns:
        cells = [p for p in ps] + [lam / n for lam in lams if lam / n < 0.5]
        cells += [1 - lam / n for lam in lams if lam / n < 0.5]
        for p in cells:
            w = one_rate(n, p)[0]
            m = modified_wilson_cover(n, p)
            rows.append((n, p, n * min(p, 1 - p), w, m))
    print("| n | Wilson min | at p (λ = n·min(p, 1−p)) | modified min | at p (λ) | cells < 0.93: Wilson | modified | cells > 0.97: Wilson | modified | cells |")
    print("|---:|---:|---|---:|---|---:|---:|---:|---:|---:|")
    for n in ns:
        r = [x for x in rows if x[0] == n]
        wmin = min(r, key=lambda x: x[3])
        mmin = min(r, key=lambda x: x[4])
        print(f"| {n} | {wmin[3]:.3f} | {wmin[1]:.4g} ({wmin[2]:.2f}) | {mmin[4]:.3f} | {mmin[1]:.4g} ({mmin[2]:.2f}) "
              f"| {sum(x[3] < 0.93 for x in r)} | {sum(x[4] < 0.93 for x in r)} "
              f"| {sum(x[3] > 0.97 for x in r)} | {sum(x[4] > 0.97 for x in r)} | {len(r)} |")
    print()
    print("| λ = n·min(p, 1−p) (all n, both tails) | Wilson | modified Wilson |")
    print("|---:|---|---|")
    for lam in lams:
        r = [x for x in rows if abs(x[2] - lam) < 1e-9]
        if r:
            print(f"| {lam} | {min(x[3] for x in r):.3f}–{max(x[3] for x in r):.3f} "
                  f"| {min(x[4] for x in r):.3f}–{max(x[4] for x in r):.3f} |")
    changed = [x for x in rows if abs(x[3] - x[4]) > 5e-4]
    print()
    print(f"{len(rows)} cells; coverage changed by more than 0.0005 in {len(changed)}; "
          f"below 0.93: Wilson {sum(x[3] < 0.93 for x in rows)}, modified {sum(x[4] < 0.93 for x in rows)}; "
          f"above 0.97: Wilson {sum(x[3] > 0.97 for x in rows)}, modified {sum(x[4] > 0.97 for x in rows)}")


def summary(pmf, cover, small):
    allc = float(np.sum(pmf * cover))
    big = pmf * ~small
    unnoted = float(np.sum(big * cover) / np.sum(big)) if np.sum(big) > 1e-12 else float("nan")
    noted_mass = float(np.sum(pmf * small))
    noted = float(np.sum(pmf * small * cover) / noted_mass) if noted_mass > 1e-12 else float("nan")
    return allc, unnoted, noted, noted_mass


def difference(n1, p1, n2, p2):
    x1, x2 = np.meshgrid(np.arange(n1 + 1), np.arange(n2 + 1), indexing="ij")
    x1, x2 = x1.ravel(), x2.ravel()
    lo, hi = confint_proportions_2indep(
        x2, n2, x1, n1, method="newcomb", compare="diff", alpha=ALPHA
    )
    d = p2 - p1
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    cover = (lo <= d + 1e-12) & (d - 1e-12 <= hi)
    small = (np.minimum(x1, n1 - x1) < MIN_COUNT) | (np.minimum(x2, n2 - x2) < MIN_COUNT)
    return summary(pmf, cover, small)


def fmt(v):
    return "—" if v != v else f"{v:.3f}"


def main():
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    print()
    print("| Wilson, n | p | expected small count | all tables | unnoted (count ≥ 5) | noted | P(noted) | modified Wilson, all tables |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (15, 25, 40, 70, 150, 400, 2000):
        for p in (0.0001, 0.0004, 0.004, 0.01, 0.02, 0.035, 0.05, 0.08, 0.12, 0.2, 0.35, 0.5, 0.9, 0.96, 0.985):
            a, u, no, m = one_rate(n, p)
            mw = modified_wilson_cover(n, p)
            print(f"| {n} | {p} | {n * min(p, 1 - p):.2f} | {fmt(a)} | {fmt(u)} | {fmt(no)} | {m:.2f} | {fmt(mw)} |")
    print()
    wilson_grid()
    print()
    print("| Newcombe, n1 vs n2 | p1 → p2 | all tables | unnoted (counts ≥ 5) | noted | P(noted) |")
    print("|---|---|---:|---:|---:|---:|")
    pairs = ((0.9, 0.93), (0.95, 0.97), (0.92, 0.92), (0.04, 0.04), (0.1, 0.15), (0.7, 0.8),
             (0.02, 0.05), (0.5, 0.6))
    for n1, n2 in ((20, 30), (40, 60), (50, 50), (100, 150), (300, 300)):
        for p1, p2 in pairs:
            a, u, no, m = difference(n1, p1, n2, p2)
            print(f"| {n1} vs {n2} | {p1} → {p2} | {fmt(a)} | {fmt(u)} | {fmt(no)} | {m:.2f} |")


if __name__ == "__main__":
    main()
