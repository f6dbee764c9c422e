#!/usr/bin/env python3
"""Exact coverage of candidate replacements for the folded two-group gap (issue 22, session 9, h22w).

`miettinen-nurminen-folded` (FoldedInterval.of on the Miettinen-Nurminen (MN) interval of
delta = p1 - p2) under-covers, 0.90-0.92, when one group is ten times the other (h22n): the MN
interval's tails are unequal there and FoldedInterval, in its one-sided region, extrapolates one
tail from the two-sided half-width with a normal model. The candidates replace that normal model
by the score statistic itself, evaluated at the two hypotheses delta = +theta and -theta:
  - "score": Z(d0) = (d - d0) / sqrt(V(d0)), V the MN variance at the restricted MLE under
    p1 - p2 = d0 (with N / (N - 1)); P_theta(|d'| <= t) ~ Phi(Z(s theta)) - Phi((-t - theta) / sigma),
    s the sign of d, sigma = sqrt(V(s theta)); accepted exactly when FoldedInterval's condition holds
    with that distribution function and g(theta) computed with sigma.
  - "score-skew": the same with the skewness-corrected score Z - (gamma / 6)(Z^2 - 1) (Gart & Nam
    1990; Laud 2017, "Equal-tailed confidence intervals for comparison of rates", Pharmaceutical
    Statistics 16, the SCAS interval), gamma = mu3 / V^1.5, mu3 = q1(1-q1)(1-2 q1)/n1^2
    - q2(1-q2)(1-2 q2)/n2^2 at the restricted MLE (q1, q2). The N / (N - 1) factor is kept in V; Z
    is clipped to [-3, 3] inside the correction term (the quadratic turns back beyond 3/|gamma|).
  - "either sign": theta accepted when the test at delta = +theta OR the one at delta = -theta
    accepts, each with its own variance and skewness (a test of the composite |delta| = theta by its
    larger p-value; the sign-of-d versions test only the hypothesis on d's side).
  - "lower condition at either sign": the upper condition (|d| too large) at the hypothesis on d's
    side, the lower condition (|d| too small) passing when it passes at either sign.
Coverage here is the probability that the true theta is accepted; whether the accepted set is an
interval in theta is checked (--interval-check) only for the skew-corrected "lower condition at
either sign" candidate (session 9: 30 of 35,501 tables accept an extra sliver near theta = 0).
BUILT (session 9, h22f): that candidate, reported as the HULL of its accepted set, is fairness-core's
ScasFoldedGap (the gap from counts, method miettinen-nurminen-folded); scas_tests and scas_hull
mirror it, "the same, hull (built)" is the hull's exact coverage (hull_cover), and
tools/make_scas_folded_golden.py writes the Java golden values from scas_hull.
Coverage = P(theta_true accepted), summed exactly over both binomials (tails below 1e-13 cut).
The current construction is note_rule_exact_coverage.folded_cover (checked there against
fairness-core's FoldedInterval.of on five cells). Cells: h22n's 379 grid cells (rates near 0,
lambda = min(n1 p1, n2 p2) of 0.1-10, 13 group-size pairs, balanced and 1:10, rates equal or 2x
apart), the 11 CoverageSettings cells, and 48 cells with moderate rates and gaps of 0-4 standard
errors (balanced, 1:3 and 1:10).
Usage: /work/pyenv/bin/python tools/folded_gap_exact_coverage.py   (about 40 s)
       /work/pyenv/bin/python tools/folded_gap_exact_coverage.py --interval-check
       (whether the built candidate's accepted set is an interval, whether scas_hull's assumptions
       hold and hull_cover agrees with it, at 95 % and at sqrt(0.95); several minutes)
"""
import itertools
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats

from note_rule_exact_coverage import ALPHA, Z, cells, folded_cover, mn_bounds, support
from two_group_exact_coverage import restricted


def score_parts(x1, n1, x2, n2, delta):
    q1, q2 = restricted(x1, n1, x2, n2, delta)
    n = n1 + n2
    var = (q1 * (1 - q1) / n1 + q2 * (1 - q2) / n2) * n / (n - 1)
    mu3 = q1 * (1 - q1) * (1 - 2 * q1) / n1**2 - q2 * (1 - q2) * (1 - 2 * q2) / n2**2
    return var, mu3


def score_cover(x1, n1, x2, n2, theta, skew):
    """Whether the score-based folded test accepts theta (see the module comment)."""
    d = x1 / n1 - x2 / n2
    t = np.abs(d)
    s = np.where(d >= 0, 1.0, -1.0)
    # the hypothesis delta = s * theta, on the |delta| scale: d * s = t
    delta = np.clip(s * theta, -1, 1)
    var, mu3 = score_parts(x1, n1, x2, n2, delta)
    ok = var > 0
    sigma = np.sqrt(np.where(ok, var, 1.0))
    zs = (t - theta) / sigma  # = (d - delta) / sigma after the sign flip
    zm = (-t - theta) / sigma  # the mirror end -t of |d'| <= t
    if skew:
        gamma = s * mu3 / sigma**3  # skewness of s * d
        # clipped: Z - (gamma/6)(Z^2 - 1) turns back for |Z| > 3/|gamma| (small counts); both ends
        # corrected, so that P(|d'| <= 0) stays 0
        zs = zs - gamma / 6 * (np.clip(zs, -3, 3) ** 2 - 1)
        zm = zm - gamma / 6 * (np.clip(zm, -3, 3) ** 2 - 1)
    cdf = stats.norm.cdf(zs) - stats.norm.cdf(zm)
    g = np.clip((theta / sigma - Z) / Z, 0, 1)
    low_ok = cdf <= 1 - ALPHA + ALPHA / 2 * g
    up_ok = cdf >= ALPHA / 2 * g
    # no variance (both rates 0 or 1 under the hypothesis): accept only the observed gap
    return np.where(ok, low_ok & up_ok, np.abs(t - theta) < 1e-12)


def sign_tests(x1, n1, x2, n2, theta, skew):
    """Per hypothesis delta = +theta, -theta: (upper condition ok, lower condition ok), where the
    upper condition rejects |d| too large and the lower one |d| too small."""
    d = x1 / n1 - x2 / n2
    t = np.abs(d)
    out = {}
    for sign in (1.0, -1.0):
        # theta may be an array of d's shape (interval_check)
        delta = np.broadcast_to(np.clip(sign * theta, -1, 1), d.shape).astype(float)
        var, mu3 = score_parts(x1, n1, x2, n2, delta)
        ok = var > 0
        sigma = np.sqrt(np.where(ok, var, 1.0))
        gamma = mu3 / sigma**3

        def phi(w):
            if skew:
                w = w - gamma / 6 * (np.clip(w, -3, 3) ** 2 - 1)
            return stats.norm.cdf(w)

        cdf = phi((t - delta) / sigma) - phi((-t - delta) / sigma)
        g = np.clip((theta / sigma - Z) / Z, 0, 1)
        exact = np.abs(t - theta) < 1e-12
        out[sign] = (np.where(ok, cdf <= 1 - ALPHA + ALPHA / 2 * g, exact),
                     np.where(ok, cdf >= ALPHA / 2 * g, exact))
    return d, out


def hybrid_cover(x1, n1, x2, n2, theta, skew):
    """The upper condition (|d| too large) at the hypothesis on d's side; the lower one (|d| too
    small) passes when it passes at either sign (the larger of the two lower-tail p-values)."""
    d, out = sign_tests(x1, n1, x2, n2, theta, skew)
    near = np.where(d >= 0, out[1.0][0], out[-1.0][0])
    return near & (out[1.0][1] | out[-1.0][1])


def interval_check(sizes=((100, 1000), (30, 300), (45, 45), (20, 50), (200, 200), (300, 1000))):
    """For every table (x1, x2) of these group sizes (x up to 60 and 150), at 95 % and at the Sidak
    level sqrt(0.95) of worst-case equalized odds, on a grid of 4001 theta in [0, 1]: whether the
    accepted set of the skew-corrected 'lower condition at either sign' candidate is an interval,
    and whether scas_hull's assumptions hold (A rejects one run of theta, B accepts [0, b], |d| is
    accepted) and its bounds agree with the grid's hull within a grid step."""
    thetas = np.linspace(0, 1, 4001)
    step = thetas[1]
    for alpha in (ALPHA, 1 - np.sqrt(1 - ALPHA)):
        bad, broken, total = [], [], 0
        for n1, n2 in sizes:
            for x1 in range(0, min(n1, 60) + 1):
                x2s = np.arange(0, min(n2, 150) + 1, dtype=float)
                xx1 = np.full((len(x2s), len(thetas)), float(x1))
                xx2 = np.repeat(x2s[:, None], len(thetas), axis=1)
                a, b = scas_tests(xx1, n1, xx2, n2, np.broadcast_to(thetas, xx1.shape), alpha)
                lo, hi = scas_hull(np.full_like(x2s, x1), n1, x2s, n2, alpha)
                t0, t1 = scas_tests(np.full_like(x2s, x1), n1, x2s, n2,
                                    np.abs(x1 / n1 - x2s / n2), alpha)
                for k, x2 in enumerate(x2s):
                    total += 1
                    acc = np.flatnonzero(a[k] & b[k])
                    if len(acc) == 0 or acc[-1] - acc[0] + 1 != len(acc):
                        bad.append((n1, x1, n2, int(x2)))
                    formula = (a[k, 0] | a[k]) & (b[k] | b[k, -1])
                    hull = (thetas >= lo[k]) & (thetas <= hi[k])
                    off = np.flatnonzero(formula != hull)
                    if np.any(np.minimum(np.abs(thetas[off] - lo[k]), np.abs(thetas[off] - hi[k]))
                              > step):
                        broken.append((n1, x1, n2, int(x2), "hull_cover differs from scas_hull"))
                    grid_lo, grid_hi = (thetas[acc[0]], thetas[acc[-1]]) if len(acc) else (0, 0)
                    # A's rejected theta up to the hull's upper end form one run (A also rejects
                    # theta = 1, where the variance is 0, unless |d| = 1); B's accepted theta below
                    # 1 form one run from 0 (B accepts theta = 1 only when |d| = 1)
                    rej = np.flatnonzero(~a[k] & (thetas <= grid_hi))
                    okb = np.flatnonzero(b[k, :-1])
                    assumptions = ((len(rej) == 0 or rej[-1] - rej[0] + 1 == len(rej))
                                   and okb[0] == 0 and okb[-1] + 1 == len(okb)
                                   and t0[k] and t1[k])
                    if not assumptions or abs(lo[k] - grid_lo) > step or abs(hi[k] - grid_hi) > step:
                        broken.append((n1, x1, n2, int(x2), lo[k], hi[k], grid_lo, grid_hi))
        print(f"level {1 - alpha:.4f}: {total} tables, {len(bad)} with an accepted set that is empty "
              f"or not an interval, {len(broken)} where the hull's assumptions fail or its bounds "
              f"differ from the grid's by more than a step")
        for r in broken[:10]:
            print("  ", r)


def scas_tests(x1, n1, x2, n2, theta, alpha=ALPHA):
    """The built construction's two conditions at theta (arrays of one shape, any level): A, "|d| is
    not too large" at the hypothesis on d's side, and B, "|d| is not too small" at either sign (the
    skew-corrected 'lower condition at either sign' candidate: hybrid_cover(..., True) is A & B at
    alpha = 0.05). Mirrors fairness-core's ScasFoldedGap."""
    z = stats.norm.ppf(1 - alpha / 2)
    x1, x2, theta = np.broadcast_arrays(np.asarray(x1, float), np.asarray(x2, float),
                                        np.asarray(theta, float))
    d = x1 / n1 - x2 / n2
    t = np.abs(d)
    exact = np.abs(t - theta) < 1e-12
    out = {}
    for sign in (1.0, -1.0):
        delta = np.clip(sign * theta, -1, 1)
        var, mu3 = score_parts(x1, n1, x2, n2, delta)
        ok = var > 0
        sigma = np.sqrt(np.where(ok, var, 1.0))
        gamma = mu3 / sigma**3

        def phi(w):
            return stats.norm.cdf(w - gamma / 6 * (np.clip(w, -3, 3) ** 2 - 1))

        cdf = phi((t - delta) / sigma) - phi((-t - delta) / sigma)
        g = np.clip((theta / sigma - z) / z, 0, 1)
        out[sign] = (np.where(ok, cdf <= 1 - alpha + alpha / 2 * g, exact),
                     np.where(ok, cdf >= alpha / 2 * g, exact))
    a = np.where(d >= 0, out[1.0][0], out[-1.0][0])
    b = out[1.0][1] | out[-1.0][1]
    return a, b


def scas_hull(x1, n1, x2, n2, alpha=ALPHA, iterations=60):
    """The hull [lo, hi] of the accepted set, as fairness-core's ScasFoldedGap computes it
    (vectorised over tables): lo = 0 where theta = 0 is accepted, else the crossing of A in
    [0, |d|] by bisection; hi = the crossing of B in [|d|, 1] by bisection (1 where B holds at 1).
    Valid where A's accepted set is an interval or a sliver from 0 plus an interval, B's is [0, hi]
    and |d| is accepted (checked by --interval-check)."""
    x1 = np.asarray(x1, float)
    x2 = np.asarray(x2, float)
    t = np.abs(x1 / n1 - x2 / n2)
    a0, _ = scas_tests(x1, n1, x2, n2, np.zeros_like(t), alpha)
    lo_out, lo_in = np.zeros_like(t), t.copy()
    hi_in, hi_out = t.copy(), np.ones_like(t)
    for _ in range(iterations):
        m = (lo_out + lo_in) / 2
        a, _ = scas_tests(x1, n1, x2, n2, m, alpha)
        lo_in, lo_out = np.where(a, m, lo_in), np.where(a, lo_out, m)
        m = (hi_in + hi_out) / 2
        _, b = scas_tests(x1, n1, x2, n2, m, alpha)
        hi_in, hi_out = np.where(b, m, hi_in), np.where(b, hi_out, m)
    _, b1 = scas_tests(x1, n1, x2, n2, np.ones_like(t), alpha)
    lo = np.where(a0, 0.0, (lo_out + lo_in) / 2)
    hi = np.where(b1, 1.0, (hi_in + hi_out) / 2)
    return lo, hi


def hull_cover(x1, n1, x2, n2, theta, alpha=ALPHA):
    """Whether scas_hull's [lo, hi] contains theta, without the bisections: lo <= theta exactly when
    A holds at 0 or at theta, and hi >= theta exactly when B holds at theta or at 1 (under the shapes
    that --interval-check confirms, where it also compares this with scas_hull on a grid)."""
    t = np.zeros_like(np.asarray(x1, float))
    a0, _ = scas_tests(x1, n1, x2, n2, t, alpha)
    _, b1 = scas_tests(x1, n1, x2, n2, t + 1, alpha)
    a, b = scas_tests(x1, n1, x2, n2, t + theta, alpha)
    return (a0 | a) & (b | b1)


def union_cover(x1, n1, x2, n2, theta, skew):
    """theta accepted when either hypothesis delta = +theta or delta = -theta accepts |d| (see the
    module comment): the distribution of |d'| under each uses that hypothesis' own variance."""
    d = x1 / n1 - x2 / n2
    t = np.abs(d)
    accepted = np.zeros_like(d, dtype=bool)
    for sign in (1.0, -1.0):
        delta = np.full_like(d, np.clip(sign * theta, -1, 1))
        var, mu3 = score_parts(x1, n1, x2, n2, delta)
        ok = var > 0
        sigma = np.sqrt(np.where(ok, var, 1.0))
        gamma = mu3 / sigma**3

        def phi(w):
            if skew:
                wc = np.clip(w, -3, 3)
                w = w - gamma / 6 * (wc**2 - 1)
            return stats.norm.cdf(w)

        cdf = phi((t - delta) / sigma) - phi((-t - delta) / sigma)
        g = np.clip((theta / sigma - Z) / Z, 0, 1)
        acc = (cdf <= 1 - ALPHA + ALPHA / 2 * g) & (cdf >= ALPHA / 2 * g)
        accepted |= np.where(ok, acc, np.abs(t - theta) < 1e-12)
    return accepted


def cell(n1, p1, n2, p2):
    a1, a2 = support(n1, p1), support(n2, p2)
    x1, x2 = np.meshgrid(a1, a2, indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    theta = abs(p1 - p2)
    d, lower, upper = mn_bounds(x1, n1, x2, n2)
    cur = float(np.sum(pmf * folded_cover(d, lower, upper, theta)))
    sc = float(np.sum(pmf * score_cover(x1, n1, x2, n2, theta, False)))
    sk = float(np.sum(pmf * score_cover(x1, n1, x2, n2, theta, True)))
    un = float(np.sum(pmf * union_cover(x1, n1, x2, n2, theta, False)))
    uk = float(np.sum(pmf * union_cover(x1, n1, x2, n2, theta, True)))
    hy = float(np.sum(pmf * hybrid_cover(x1, n1, x2, n2, theta, False)))
    hk = float(np.sum(pmf * hybrid_cover(x1, n1, x2, n2, theta, True)))
    hull = float(np.sum(pmf * hull_cover(x1, n1, x2, n2, theta)))
    return cur, sc, sk, un, uk, hy, hk, hull


def moderate_cells():
    out = []
    for (n1, n2), p2, k in itertools.product(((100, 100), (100, 300), (100, 1000), (30, 300)),
                                             (0.05, 0.2, 0.5), (0, 1.0, 1.5, 2.0, 3.0, 4.0)):
        se = np.sqrt(p2 * (1 - p2) * (1 / n1 + 1 / n2))
        p1 = p2 + k * se
        if p1 < 0.95 and k in (0, 1.5, 3.0, 4.0):
            out.append((n1, p1, n2, p2, f"moderate, gap {k} se"))
    return out


def main():
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    rows = []
    for n1, p1, n2, p2, label in cells(False) + moderate_cells():
        lam = min(n1 * p1, n2 * p2)
        rows.append((n1, p1, n2, p2, lam, label) + cell(n1, p1, n2, p2))
    names = ("current (FoldedInterval)", "score at ±θ", "skew-corrected score at ±θ",
             "score, either sign", "skew-corrected score, either sign",
             "score, lower condition at either sign", "skew-corrected, lower condition at either sign",
             "the same, hull (built)")
    print()
    print(f"{len(rows)} cells")
    print()
    print("| construction | lowest | highest | cells < 0.93 | cells > 0.97 | 1:10 cells (n2 = 10 n1), lowest | lower than current by > 0.005 | farther outside 93–97 % than current by > 0.005 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def outside(c):
        return max(0.93 - c, c - 0.97, 0)

    for i, name in enumerate(names):
        c = [r[6 + i] for r in rows]
        ten = [r[6 + i] for r in rows if r[2] == 10 * r[0]]
        lower = sum(1 for r in rows if r[6 + i] < r[6] - 0.005)
        farther = sum(1 for r in rows if outside(r[6 + i]) > outside(r[6]) + 0.005)
        print(f"| {name} | {min(c):.3f} | {max(c):.3f} | {sum(x < 0.93 for x in c)} | "
              f"{sum(x > 0.97 for x in c)} | {min(ten):.3f} | {lower} | {farther} |")
    print()
    print("By λ (range over cells):")
    print()
    bins = ((0, 1), (1, 3), (3, 5), (5, np.inf))
    print("| construction | " + " | ".join(f"λ {a}–{b}" for a, b in bins) + " |")
    print("|---|" + "---|" * len(bins))
    for i, name in enumerate(names):
        parts = []
        for a, b in bins:
            c = [r[6 + i] for r in rows if a <= r[4] < b]
            parts.append(f"{min(c):.3f}–{max(c):.3f}")
        print(f"| {name} | " + " | ".join(parts) + " |")
    print()
    print("Cells the built construction (the hull) leaves farther outside 93–97 % than the current "
          "one by > 0.005:")
    print()
    print("| n1, p1 | n2, p2 | λ | setting | current | built (hull) |")
    print("|---|---|---:|---|---:|---:|")
    for r in sorted(rows, key=lambda r: (r[4], r[0], r[2])):
        if outside(r[-1]) > outside(r[6]) + 0.005:
            print(f"| {r[0]}, {r[1]:.4g} | {r[2]}, {r[3]:.4g} | {r[4]:.2f} | {r[5]} | {r[6]:.3f} | "
                  f"{r[-1]:.3f} |")
    print()
    print("Cells where any construction is outside 0.93-0.97 and λ ≥ 1 (current / score / skew):")
    print()
    print("| n1, p1 | n2, p2 | λ | setting | " + " | ".join(names) + " |")
    print("|---|---|---:|---|" + "---:|" * len(names))
    for r in sorted(rows, key=lambda r: (r[0], r[2], r[4])):
        if r[4] >= 1 and any(not 0.93 <= v <= 0.97 for v in r[6:]):
            print(f"| {r[0]}, {r[1]:.4g} | {r[2]}, {r[3]:.4g} | {r[4]:.2f} | {r[5]} | "
                  + " | ".join(f"{v:.3f}" for v in r[6:]) + " |")


if __name__ == "__main__":
    if "--interval-check" in sys.argv:
        interval_check()
    else:
        main()
