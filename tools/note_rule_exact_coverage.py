#!/usr/bin/env python3
"""Exact coverage of the score intervals CONDITIONAL on a small-expected-count note (issue 22, session 9).

For each cell (n1, p1, n2, p2) the two binomials are enumerated (tails below 1e-12 cut), and for each
candidate note rule the script reports the coverage of the tables the rule leaves unnoted, the
coverage of the noted ones and the share noted, for
  - Wilson of group 1's rate (statsmodels `proportion_confint(method="wilson")`),
  - the Miettinen-Nurminen interval of p1 - p2 (closed-form restricted MLE of
    tools/two_group_exact_coverage.py, itself checked there against scipy's numerical maximum),
  - the Miettinen-Nurminen interval of p1 / p2, on the rates near 0 and on their complements near 1,
  - the two-group gap |p1 - p2| from FoldedInterval's test inversion of the MN interval (the same
    acceptance condition as fairness-core's FoldedInterval.of; since session 9 (h22f) reported only
    from clustered counts), and "mn-scas-folded", the gap from counts since h22f (ScasFoldedGap;
    tools/folded_gap_exact_coverage.py, hull_cover).
Rules (x = the rarer cell of the rate, pooled over the two groups; m = min(s, 1 - s) with s = (x1 +
x2) / (n1 + n2), i.e. the pooled share of the rarer side):
  - "E<T":  note when min(n1, n2) * m < T (the smaller group's pooled expected count), T in 1, 1.5, 2, 3;
            for Wilson of group 1: n1 * m < T (the group's own pooled expected count);
  - "S<K":  note when the pooled total count min(x1 + x2, N - x1 - x2) < K;
  - "obs<5": the rejected earlier rule (own observed count below 5), for comparison.
Usage: /work/pyenv/bin/python tools/note_rule_exact_coverage.py [--quick]   (about 15 s)
Output of session 9 (statsmodels 0.15.0, scipy 1.17.1, numpy 2.4.6): docs/coverage-study.md, "Session 9 (h22n)".
The folded acceptance test was checked against fairness-core's FoldedInterval and MiettinenNurminen
on five cells (exact coverage equal to 3 decimals, a throwaway Java probe, not committed).
"""
import itertools
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from two_group_exact_coverage import CHI2, mn_ratio_statistic, mn_statistic

ALPHA = 0.05
Z = stats.norm.ppf(1 - ALPHA / 2)
KMAX = 40  # thresholds K on the pooled count scanned: 0 (no note) to KMAX
RULES = [("E<1", "E", 1.0), ("E<1.5", "E", 1.5), ("E<2", "E", 2.0), ("E<3", "E", 3.0),
         ("S<3", "S", 3), ("S<5", "S", 5), ("obs<5", "O", 5)]


def support(n, p):
    lo = int(stats.binom.ppf(1e-13, n, p))
    hi = int(stats.binom.isf(1e-13, n, p))
    return np.arange(max(lo - 1, 0), min(hi + 1, n) + 1)


def mn_bounds(x1, n1, x2, n2):
    """Vectorised MN bounds of p1 - p2 by bisection on the score statistic (60 steps)."""
    d = x1 / n1 - x2 / n2
    def bound(lo_end):
        a = np.full_like(d, lo_end)
        b = d.copy()
        # a: rejected (or the end), b: accepted; statistic decreasing towards d
        accepted_end = mn_statistic(x1, n1, x2, n2, np.full_like(d, lo_end * (1 - 1e-12))) <= CHI2
        for _ in range(60):
            m = (a + b) / 2
            acc = mn_statistic(x1, n1, x2, n2, m) <= CHI2
            a = np.where(acc, a, m)
            b = np.where(acc, m, b)
        return np.where(accepted_end, lo_end, (a + b) / 2)
    return d, bound(-1.0), bound(1.0)


def one_sided_tails(n1, p1, n2, p2):
    """P(U < δ) and P(L > δ) of the 95 % MN interval of δ = p1 - p2 (2.5 % each nominal)."""
    a1, a2 = support(n1, p1), support(n2, p2)
    x1, x2 = np.meshgrid(a1, a2, indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    _, lower, upper = mn_bounds(x1, n1, x2, n2)
    return float(np.sum(pmf * (upper < p1 - p2))), float(np.sum(pmf * (lower > p1 - p2)))


def ncdf(t, theta, s):
    return stats.norm.cdf((t - theta) / s) - stats.norm.cdf((-t - theta) / s)


def g(theta, s):
    return np.clip((theta / s - Z) / Z, 0, 1)


def folded_cover(d, lower, upper, theta):
    """Whether FoldedInterval.of(d, lower, upper, z, alpha) contains theta (its acceptance test)."""
    t = np.abs(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        s_low = np.where(d >= 0, d - lower, upper - d) / Z
        s_up = np.where(d >= 0, upper - d, d - lower) / Z
        ok = (s_low > 0) & (s_up > 0)
        sl = np.where(ok, s_low, 1.0)
        su = np.where(ok, s_up, 1.0)
        low_ok = (ncdf(t, 0, sl) <= 1 - ALPHA) | (ncdf(t, theta, sl) <= 1 - ALPHA + ALPHA / 2 * g(theta, sl))
        up_ok = ncdf(t, theta, su) >= ALPHA / 2 * g(theta, su)
    flo = np.where(lower > 0, lower, np.where(upper < 0, -upper, 0))
    fhi = np.maximum(np.abs(lower), np.abs(upper))
    fold_ok = (flo <= theta + 1e-12) & (theta <= fhi + 1e-12)
    return np.where(ok, low_ok & up_ok, fold_ok)


def cell(n1, p1, n2, p2):
    a1, a2 = support(n1, p1), support(n2, p2)
    x1, x2 = np.meshgrid(a1, a2, indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    n = n1 + n2
    s = (x1 + x2) / n
    m = np.minimum(s, 1 - s)
    own_small1 = np.minimum(x1, n1 - x1) < 5
    own_small2 = np.minimum(x2, n2 - x2) < 5
    notes = {}
    for name, kind, t in RULES:
        if kind == "E":
            notes[name] = (min(n1, n2) * m < t, n1 * m < t)
        elif kind == "S":
            small = np.minimum(x1 + x2, n - x1 - x2) < t
            notes[name] = (small, small)
        else:
            notes[name] = (own_small1 | own_small2, own_small1)
    lo, hi = proportion_confint(x1, n1, alpha=ALPHA, method="wilson")
    wilson = (lo <= p1 + 1e-12) & (p1 - 1e-12 <= hi)
    diff = mn_statistic(x1, n1, x2, n2, np.full_like(x1, p1 - p2)) <= CHI2
    ratio0 = mn_ratio_statistic(x1, n1, x2, n2, np.full_like(x1, p1 / p2)) <= CHI2
    ratio1 = mn_ratio_statistic(n1 - x1, n1, n2 - x2, n2, np.full_like(x1, (1 - p1) / (1 - p2))) <= CHI2
    d, lower, upper = mn_bounds(x1, n1, x2, n2)
    folded = folded_cover(d, lower, upper, abs(p1 - p2))
    # the gap from counts since session 9 (h22f), fairness-core's ScasFoldedGap (imported here:
    # folded_gap_exact_coverage imports this module)
    from folded_gap_exact_coverage import hull_cover
    scas = hull_cover(x1, n1, x2, n2, abs(p1 - p2))
    covers = {"wilson": wilson, "mn-diff": diff, "mn-ratio(near 0)": ratio0,
              "mn-ratio(near 1)": ratio1, "mn-folded": folded, "mn-scas-folded": scas}
    out = {}
    pooled = np.minimum(x1 + x2, n - x1 - x2).astype(int)
    pooled = np.minimum(pooled, KMAX + 1)
    for iname, cov in covers.items():
        out[("by pooled count", iname)] = (
            np.bincount(pooled, weights=pmf, minlength=KMAX + 2),
            np.bincount(pooled, weights=pmf * cov, minlength=KMAX + 2))
        allc = float(np.sum(pmf * cov))
        out[(iname, "all")] = (allc, allc, 0.0)
        for rname, _, _ in RULES:
            noted = notes[rname][1] if iname == "wilson" else notes[rname][0]
            mass = float(np.sum(pmf * noted))
            un = float(np.sum(pmf * ~noted * cov) / (1 - mass)) if 1 - mass > 1e-9 else np.nan
            no = float(np.sum(pmf * noted * cov) / mass) if mass > 1e-9 else np.nan
            out[(iname, rname)] = (un, no, mass)
    return out


def cells(quick):
    sizes = [(20, 20), (20, 50), (45, 45), (50, 50), (40, 60), (105, 105), (100, 150), (30, 300),
             (200, 200), (100, 1000), (500, 500), (1000, 1000), (300, 1000)]
    lams = [0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0]
    ratios = [1.0, 2.0, 0.5]
    if quick:
        sizes, lams = [(45, 45), (30, 300), (200, 200)], [0.3, 1.0, 2.0, 5.0]
    out = []
    for (n1, n2), lam, r in itertools.product(sizes, lams, ratios):
        # rates near 0 with min(n1 p1, n2 p2) = lam and p2 = r p1
        p1 = lam / min(n1, n2 * r)
        p2 = r * p1
        if max(p1, p2) < 0.5:
            out.append((n1, p1, n2, p2, "grid"))
    # the project's coverage settings (CoverageSettings; n = the expected positives or negatives per
    # group at the base rate, p = the rarer side's rate: FNR for recall, FPR; the study draws n)
    out += [(45, 0.03, 45, 0.01, "rates near 0/1: FNR 0.03/0.01 (TPR 0.97/0.99), 45 positives each"),
            (105, 0.02, 105, 0.03, "rates near 0/1: FPR 0.02/0.03, 105 negatives each"),
            (40, 0.05, 60, 0.03, "smallcounts recall 0.95/0.97, 100 vs 150, base 0.4: FNR"),
            (60, 0.04, 90, 0.03, "smallcounts recall 0.95/0.97, 100 vs 150, base 0.4: FPR"),
            (15, 0.20, 22, 0.15, "smallcounts small groups 30 vs 45, base 0.5: FNR"),
            (15, 0.10, 22, 0.15, "smallcounts small groups 30 vs 45, base 0.5: FPR"),
            (20, 0.30, 30, 0.20, "smallcounts rare positives 400 vs 600, base 0.05: FNR"),
            (45, 0.08, 45, 0.08, "smallcounts null 150 vs 150, base 0.3: FNR 0.08"),
            (105, 0.04, 105, 0.04, "smallcounts null 150 vs 150, base 0.3: FPR 0.04"),
            (90, 0.30, 60, 0.20, "main independent 300 vs 200, base 0.3: FNR"),
            (210, 0.10, 140, 0.15, "main independent 300 vs 200, base 0.3: FPR")]
    return out


def main():
    quick = "--quick" in sys.argv
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    rows = []
    for n1, p1, n2, p2, label in cells(quick):
        lam = min(n1 * p1, n2 * p2)
        rows.append((lam, n1, p1, n2, p2, label, cell(n1, p1, n2, p2)))
    rows.sort(key=lambda r: r[:5])
    inames = ["wilson", "mn-diff", "mn-ratio(near 0)", "mn-ratio(near 1)", "mn-folded",
              "mn-scas-folded"]
    print()
    print("Per rule and interval: range over cells of the UNNOTED conditional coverage (cells with at "
          "least 10 % unnoted), worst cells, minimum NOTED coverage (cells with at least 5 % noted), "
          "largest share noted among cells with λ ≥ 3, smallest among cells with λ < 1, how many "
          "cells' unnoted coverage lies outside 93–97 %, how many noted cells cover below 95 %")
    print()
    print("| interval | rule | unnoted range | unnoted range, cells with ≥ 50 % unnoted | worst unnoted cell | "
          "noted min | P(noted) at λ ≥ 3, max | P(noted) at λ < 1, min | cells outside 93–97 % (of cells ≥ 10 % unnoted) | noted cells below 95 % |")
    print("|---|---|---|---|---|---:|---:|---:|---:|---:|")
    for iname in inames:
        for rname in ["all"] + [r[0] for r in RULES]:
            un = [(r[6][(iname, rname)][0], r) for r in rows if 1 - r[6][(iname, rname)][2] >= 0.1]
            un50 = [c for c, r in un if 1 - r[6][(iname, rname)][2] >= 0.5]
            no = [r[6][(iname, rname)][1] for r in rows if r[6][(iname, rname)][2] >= 0.05]
            big = [r[6][(iname, rname)][2] for r in rows if r[0] >= 3]
            tiny = [r[6][(iname, rname)][2] for r in rows if r[0] < 1]
            lo_c, lo_r = min(un, key=lambda t: t[0])
            hi_c, hi_r = max(un, key=lambda t: t[0])
            worst = (f"{lo_c:.3f} at {lo_r[1]}/{lo_r[2]:.4g} vs {lo_r[3]}/{lo_r[4]:.4g}; "
                     f"{hi_c:.3f} at {hi_r[1]}/{hi_r[2]:.4g} vs {hi_r[3]}/{hi_r[4]:.4g}")
            print(f"| {iname} | {rname} | {lo_c:.3f}–{hi_c:.3f} | "
                  f"{min(un50):.3f}–{max(un50):.3f} | {worst} | "
                  f"{min(no) if no else float('nan'):.3f} | {max(big):.2f} | {min(tiny):.2f} | "
                  f"{sum(1 for c, _ in un if not 0.93 <= c <= 0.97)} of {len(un)} | "
                  f"{sum(1 for c in no if c < 0.95)} of {len(no)} |")
    print()
    print("Any threshold on the pooled count (note when the pooled count of the rarer side is below K; "
          "every E<T rule is such a threshold, K = T (n1 + n2) / min(n1, n2)): per group sizes, the K "
          "in 0..40 for which every rate cell of those sizes has its unnoted coverage in 93–97 % (cells "
          "with ≥ 10 % unnoted) and its noted coverage ≥ 95 % (cells with ≥ 5 % noted); else the K "
          "with the fewest failing cells, their number and the worst cell")
    print()
    print("| interval | n1, n2 | rate cells | K that work | else: best K, failing cells, worst (cell: unnoted / noted / share noted) |")
    print("|---|---|---:|---|---|")
    for iname in inames:
        for size in dict.fromkeys((r[1], r[3]) for r in rows):
            sel = [r for r in rows if (r[1], r[3]) == size]
            fails = []
            for k in range(KMAX + 1):
                bad = []
                for r in sel:
                    mass, covm = r[6][("by pooled count", iname)]
                    noted, unnoted = mass[:k].sum(), mass[k:].sum()
                    un = covm[k:].sum() / unnoted if unnoted > 1e-12 else np.nan
                    no = covm[:k].sum() / noted if noted > 1e-12 else np.nan
                    if (unnoted >= 0.1 and not 0.93 <= un <= 0.97) or (noted >= 0.05 and no < 0.95):
                        bad.append((abs(un - 0.95) if unnoted >= 0.1 else 0, r, un, no, noted))
                fails.append(bad)
            ok = [k for k in range(KMAX + 1) if not fails[k]]
            if ok:
                print(f"| {iname} | {size[0]}, {size[1]} | {len(sel)} | {ok[0]}–{ok[-1]} ({len(ok)} values) | |")
            else:
                k = min(range(KMAX + 1), key=lambda j: len(fails[j]))
                _, r, un, no, sh = max(fails[k], key=lambda t: t[0])
                print(f"| {iname} | {size[0]}, {size[1]} | {len(sel)} | none | K = {k}: {len(fails[k])} "
                      f"failing; {r[1]}/{r[2]:.4g} vs {r[3]}/{r[4]:.4g}: {un:.3f} / {no:.3f} / {sh:.2f} |")
    print()
    print("One-sided tails of the 95 % MN interval of δ (nominal 0.025 each) where the folded gap "
          "under-covers with 1:10 groups (FoldedInterval's one-sided region puts all of α in one tail)")
    print()
    print("| n1, p1 | n2, p2 | P(U < δ) | P(L > δ) |")
    print("|---|---|---:|---:|")
    for n1, p1, n2, p2 in ((100, 0.1, 1000, 0.05), (100, 0.05, 1000, 0.025), (30, 1 / 3, 300, 1 / 6),
                           (100, 0.05, 1000, 0.1), (200, 0.1, 200, 0.15)):
        below, above = one_sided_tails(n1, p1, n2, p2)
        print(f"| {n1}, {p1:.4g} | {n2}, {p2:.4g} | {below:.3f} | {above:.3f} |")
    print()
    print("By λ (the smaller of n1 p1, n2 p2): UNNOTED range (cells with at least 10 % unnoted) / "
          "NOTED minimum (cells with at least 5 % noted) / mean share noted")
    print()
    bins = ((0, 1), (1, 2), (2, 3), (3, 5), (5, np.inf))
    print("| interval | rule | " + " | ".join(f"λ {a}–{b}" for a, b in bins) + " |")
    print("|---|---|" + "---|" * len(bins))
    for iname in inames:
        for rname in ("all", "E<1.5", "E<3", "S<5"):
            parts = []
            for a, b in bins:
                sel = [r[6][(iname, rname)] for r in rows if a <= r[0] < b]
                un = [u for u, _, m in sel if 1 - m >= 0.1]
                no = [x for _, x, m in sel if m >= 0.05]
                un_s = f"{min(un):.3f}–{max(un):.3f}" if un else "—"
                no_s = f"{min(no):.3f}" if no else "—"
                parts.append(f"{un_s} / {no_s} / {np.mean([m for _, _, m in sel]):.2f}")
            print(f"| {iname} | {rname} | " + " | ".join(parts) + " |")
    print()
    print("Per cell, rule E<1.5 (unnoted / noted / P(noted)); 'all' = without any note")
    print()
    print("| n1, p1 | n2, p2 | λ | setting | " + " | ".join(inames) + " |")
    print("|---|---|---:|---|" + "---|" * len(inames))
    for lam, n1, p1, n2, p2, label, res in rows:
        parts = []
        for iname in inames:
            a = res[(iname, "all")][0]
            u, no, mass = res[(iname, "E<1.5")]
            parts.append(f"{a:.3f} → {u:.3f} / {no:.3f} / {mass:.2f}")
        print(f"| {n1}, {p1:.4g} | {n2}, {p2:.4g} | {lam:.2f} | {label} | " + " | ".join(parts) + " |")


if __name__ == "__main__":
    main()
