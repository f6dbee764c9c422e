#!/usr/bin/env python3
"""Exact coverage of the two-group min / max ratio of a rate from counts (issue 22, session 10, h22g).

fairness-core's ScoreBounds.minMaxRatio: the Miettinen-Nurminen (MN) score interval [lo, hi] of
r = p1 / p2, inverted for |log r| by FoldedInterval.of(log r^, log lo, log hi) (method
`miettinen-nurminen-folded`), reported as exp(-|log r|) = min(r, 1/r); no score interval when a
count x1 or x2 is 0 (the percentile interval with the extreme-over-groups warning stays), and the
plain fold where the MN upper bound is infinite. Unlike the gap (ScasFoldedGap, session 9) it has no
skew correction. Coverage = P(|log(p1/p2)| accepted | both counts positive), summed exactly over
both binomials (tails below 1e-13 cut), with the share of tables without a score interval.
Candidates beside the built one: "fold" (the plain fold of [log lo, log hi]), "hybrid" (the
built lower bound with the larger of the built and the folded upper bounds, as CompositeGaps does
for F1 and balanced accuracy) and "scas" (a first, untuned skew-corrected score test of |log r| at
phi = exp(+-theta), the outline of docs/coverage-study.md "Session 9 (h22f)"; scas_cover; it
over-covers near 0, see "Session 10 (h22g)").

Cells: note_rule_exact_coverage's grid (rates near 0: lambda = min(n1 p1, n2 p2) of 0.1-10, 13
group-size pairs, equal or 2x apart) and the same with both rates complemented (rates near 1, the
TPR ratio), its 11 CoverageSettings cells both ways, and moderate rates 0.3-0.7 with ratios 1-1.2.

Usage: nice -n 10 /work/pyenv/bin/python tools/minmax_ratio_exact_coverage.py [--quick]
"""
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats

from note_rule_exact_coverage import Z, cells, folded_cover, support
from two_group_exact_coverage import CHI2, mn_ratio_statistic


def mn_ratio_bounds(x1, n1, x2, n2):
    """Vectorised MN bounds of p1/p2 (both counts positive): bisection on log phi, 60 steps."""
    g = np.log((x1 / n1) / (x2 / n2))

    def bound(end):
        a = np.full_like(g, end)
        b = g.copy()
        accepted_end = mn_ratio_statistic(x1, n1, x2, n2, np.exp(a)) <= CHI2
        for _ in range(60):
            m = (a + b) / 2
            acc = mn_ratio_statistic(x1, n1, x2, n2, np.exp(m)) <= CHI2
            a = np.where(acc, a, m)
            b = np.where(acc, m, b)
        return np.where(accepted_end, -np.inf if end < 0 else np.inf, (a + b) / 2)

    return g, bound(-30.0), bound(30.0)


def cell(n1, p1, n2, p2):
    a1, a2 = support(n1, p1), support(n2, p2)
    x1, x2 = np.meshgrid(a1, a2, indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    pos = (x1 > 0) & (x2 > 0)
    x1, x2, pmf_pos = x1[pos], x2[pos], pmf[pos]
    theta = abs(np.log(p1 / p2))
    g, lo, hi = mn_ratio_bounds(x1, n1, x2, n2)
    finite = np.isfinite(lo) & np.isfinite(hi)
    gl = np.where(finite, lo, -1.0)
    gh = np.where(finite, hi, 1.0)
    built = folded_cover(g, gl, gh, theta)
    f_lo = np.where(lo > 0, lo, np.where(hi < 0, -hi, 0.0))
    f_hi = np.maximum(np.abs(lo), np.abs(hi))
    fold = (f_lo <= theta + 1e-12) & (theta <= f_hi + 1e-12)
    built = np.where(finite, built, fold)
    # hybrid: the built lower condition, and the built upper condition or the fold's upper bound
    hybrid = np.where(finite, built | (lower_ok(g, gl, gh, theta) & (theta <= f_hi + 1e-12)), fold)
    scas = scas_cover(x1, n1, x2, n2, theta)
    mass = float(pmf_pos.sum())
    return {k: float(np.sum(pmf_pos * v) / mass) for k, v in
            (("built", built), ("fold", fold), ("hybrid", hybrid), ("scas", scas))}, 1 - mass


def scas_parts(x1, n1, x2, n2, theta, sign, t):
    """{P(|log r'| <= t), g(theta)} under phi = exp(sign * theta), skew-corrected contrasts."""
    from two_group_exact_coverage import restricted_ratio
    phi = np.exp(sign * theta)
    q1, q2 = restricted_ratio(x1, n1, x2, n2, phi)
    n = n1 + n2

    def below(c, strict):
        # P(p1' - c p2' <= 0), skew-corrected normal
        m = q1 - c * q2
        v = (q1 * (1 - q1) / n1 + c * c * q2 * (1 - q2) / n2) * n / (n - 1)
        mu3 = q1 * (1 - q1) * (1 - 2 * q1) / n1**2 - c**3 * q2 * (1 - q2) * (1 - 2 * q2) / n2**2
        with np.errstate(divide="ignore", invalid="ignore"):
            sd = np.sqrt(v)
            w = -m / sd
            gam = mu3 / sd**3
            wc = np.clip(w, -3, 3)
            out = stats.norm.cdf(w - gam / 6 * (wc * wc - 1))
        return np.where(v > 0, out, np.where(m <= 0, 1.0, 0.0))

    p = below(np.exp(t), False) - below(np.exp(-t), True)
    with np.errstate(divide="ignore", invalid="ignore"):
        sig = np.sqrt((1 - q1) / (n1 * q1) + (1 - q2) / (n2 * q2))
    from note_rule_exact_coverage import g as gfun
    return np.clip(p, 0, 1), gfun(theta, np.where(sig > 0, sig, 1.0))


def scas_cover(x1, n1, x2, n2, theta):
    """The hull of the skew-corrected test's accepted set contains theta (h22f's hull_cover rule:
    lower <= theta iff A(0) or A(theta); upper >= theta iff B(theta))."""
    from note_rule_exact_coverage import ALPHA
    g = np.log((x1 / n1) / (x2 / n2))
    t = np.abs(g)
    side = np.where(g >= 0, 1.0, -1.0)

    def a_ok(th):
        p, gg = scas_parts(x1, n1, x2, n2, th, side, t)
        return p <= 1 - ALPHA + ALPHA / 2 * gg

    b = np.zeros_like(t, dtype=bool)
    for sgn in (1.0, -1.0):
        p, gg = scas_parts(x1, n1, x2, n2, theta, sgn, t)
        b |= p >= ALPHA / 2 * gg
    return (a_ok(0.0) | a_ok(theta)) & b


def lower_ok(d, lower, upper, theta):
    """FoldedInterval's lower condition alone (theta not below its lower bound)."""
    from note_rule_exact_coverage import ALPHA, g, ncdf
    t = np.abs(d)
    s_low = np.where(d >= 0, d - lower, upper - d) / Z
    ok = s_low > 0
    sl = np.where(ok, s_low, 1.0)
    return ~ok | (ncdf(t, 0, sl) <= 1 - ALPHA) | (
        ncdf(t, theta, sl) <= 1 - ALPHA + ALPHA / 2 * g(theta, sl))


def all_cells(quick):
    out = []
    for n1, p1, n2, p2, label in cells(quick):
        if p1 == p2 == 0:
            continue
        out.append((n1, p1, n2, p2, "near 0: " + label))
        out.append((n1, 1 - p1, n2, 1 - p2, "near 1: " + label))
    if not quick:
        for n1, n2 in ((100, 100), (60, 120), (30, 300), (300, 300), (40, 400)):
            for p in (0.3, 0.5, 0.7):
                for r in (1.0, 1.05, 1.1, 1.2):
                    out.append((n1, p, n2, min(0.999, p * r), "moderate"))
    return out


def main():
    quick = "--quick" in sys.argv
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    rows = []
    for n1, p1, n2, p2, label in all_cells(quick):
        lam = min(n1 * min(p1, 1 - p1), n2 * min(p2, 1 - p2))
        cov, none = cell(n1, p1, n2, p2)
        rows.append((lam, n1, p1, n2, p2, label, cov, none))
    rows.sort(key=lambda r: r[:5])
    print("| n1, p1 | n2, p2 | lambda | cell | built (FoldedInterval) | fold | hybrid |"
          " share without a score interval |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for lam, n1, p1, n2, p2, label, cov, none in rows:
        if cov["built"] < 0.93 or label.startswith("near 0: rates") or "grid" not in label:
            print(f"| {n1}, {p1:.4g} | {n2}, {p2:.4g} | {lam:.2f} | {label} | {cov['built']:.3f} |"
                  f" {cov['fold']:.3f} | {cov['hybrid']:.3f} | {none:.3f} |")
    print()
    print("| lambda | cells | built: lowest-highest, < 0.93, > 0.97 | fold | hybrid | scas (candidate) |")
    print("|---|---:|---|---|---|---|")
    for lo_l, hi_l in ((0, 1), (1, 3), (3, 5), (5, np.inf)):
        sel = [r for r in rows if lo_l <= r[0] < hi_l]
        parts = []
        for k in ("built", "fold", "hybrid", "scas"):
            v = np.array([r[6][k] for r in sel])
            parts.append(f"{v.min():.3f}-{v.max():.3f}, {int((v < 0.93).sum())}, {int((v > 0.97).sum())}")
        print(f"| {lo_l}-{hi_l} | {len(sel)} | " + " | ".join(parts) + " |")


if __name__ == "__main__":
    main()
