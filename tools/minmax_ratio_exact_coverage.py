#!/usr/bin/env python3
"""Exact coverage of the two-group min / max ratio of a rate from counts (issue 22, session 10, h22g,
h22m).

BUILT since session 10 (h22m): fairness-core's ScoreBounds.minMaxRatio from counts is
ScasFoldedRatio, the hull of the theta = |log r| accepted by a skew-corrected Miettinen-Nurminen (MN)
score test at phi = exp(+-theta), conditioned on both counts positive with a weight ramp in the
smaller expected count under the hypothesis (1 to 2), the tail split g(theta) with the SD of log r^
at the observed counts, the skewness clipped to +-1; ratio_tests / ratio_hull mirror it (column
"built (h22m)", coverage by ratio_hull_cover); tools/make_scas_folded_ratio_golden.py writes the
Java golden values from ratio_hull. Before it (column "FoldedInterval (before h22m)"): the MN
score interval [lo, hi] of r = p1 / p2, inverted for |log r| by FoldedInterval.of(log r^, log lo,
log hi), the plain fold where the MN upper bound is infinite. Both: method
`miettinen-nurminen-folded`, reported as exp(-|log r|) = min(r, 1/r); no score interval when a
count x1 or x2 is 0 (the percentile interval with the extreme-over-groups warning stays); the
clustered ratio keeps MOVER folded by FoldedInterval. Coverage = P(|log(p1/p2)| accepted | both
counts positive), summed exactly over both binomials (tails below 1e-13 cut), with the share of
tables without a score interval. Other candidates: "fold" (the plain fold of [log lo, log hi]),
"hybrid" (the before-h22m lower bound with the larger of its and the folded upper bounds, as
CompositeGaps does for F1 and balanced accuracy), "scas (h22g)" (h22g's first, untuned prototype,
scas_cover: restricted-rate sigma in g, B tested at theta only), "skew-corrected, unconditioned"
(the built one without the conditioning); with --variants also the tuning of the conditioning and
the skewness clip (docs/coverage-study.md, "Session 10 (h22m)").

Cells: note_rule_exact_coverage's grid (rates near 0: lambda = min(n1 p1, n2 p2) of 0.1-10, 13
group-size pairs, equal or 2x apart) and the same with both rates complemented (rates near 1, the
TPR ratio), its 11 CoverageSettings cells both ways, and moderate rates 0.3-0.7 with ratios 1-1.2.

Usage: nice -n 10 /work/pyenv/bin/python tools/minmax_ratio_exact_coverage.py [--quick] [--variants]
       (under a minute idle; --variants about two minutes at load 8)
       nice -n 10 /work/pyenv/bin/python tools/minmax_ratio_exact_coverage.py --interval-check
       (whether ScasFoldedRatio's accepted set is an interval, whether ratio_hull equals the grid's
       hull and ratio_hull_cover agrees with it; several minutes)
"""
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats

from note_rule_exact_coverage import ALPHA as ALPHA_, Z, cells, folded_cover, support
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
    out = [("built", built), ("fold", fold), ("hybrid", hybrid), ("scas", scas),
           ("unconditioned", ratio_hull_cover(x1, n1, x2, n2, theta, condition=False)),
           ("new", ratio_hull_cover(x1, n1, x2, n2, theta))]
    for name, kw in VARIANTS:
        out.append((name, ratio_hull_cover(x1, n1, x2, n2, theta, **kw)))
    return {k: float(np.sum(pmf_pos * v) / mass) for k, v in out}, 1 - mass


# --variants: the tuning of the conditioning on both counts positive (ramp of its weight in the
# smaller expected count min(n1 q1, n2 q2) under the hypothesis; a step at k is the ramp (k, k + 1e-9))
VARIANTS = []
TUNING = [("skewness unbounded", dict(gamma_max=np.inf)), ("skewness within +-2", dict(gamma_max=2.0)),
          ("skewness within +-0.5", dict(gamma_max=0.5)),
          ("restricted-rate sigma in g", dict(sigma_obs=False)),
          ("unconditioned, restricted-rate sigma", dict(sigma_obs=False, condition=False)),
          ("full conditioning", dict(ramp=(-1.0, -0.5))), ("step at 1", dict(ramp=(1.0, 1.000001))),
          ("step at 1.5", dict(ramp=(1.5, 1.500001))), ("step at 2", dict(ramp=(2.0, 2.000001))),
          ("step at 3", dict(ramp=(3.0, 3.000001))), ("ramp 1-3", dict(ramp=(1.0, 3.0))),
          ("ramp 1.5-2.5", dict(ramp=(1.5, 2.5))), ("ramp 0.5-2.5", dict(ramp=(0.5, 2.5)))]


def scas_parts(x1, n1, x2, n2, theta, sign, t):
    """{P(|log r'| <= t), g(theta)} under phi = exp(sign * theta), skew-corrected contrasts."""
    from two_group_exact_coverage import restricted_ratio
    phi = np.exp(sign * theta)
    q1, q2 = restricted_ratio(x1, n1, x2, n2, phi)

    def below(c, strict):
        # P(p1' - c p2' <= 0), skew-corrected normal (the prototype: skewness not clipped)
        return contrast_below(q1, n1, q2, n2, c, np.inf)

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


def restricted_ratio_stable(x1, n1, x2, n2, phi):
    """Restricted MLE (q1, q2), q1 = phi q2: the smaller root of the MN quadratic as 2c / (-b + sqrt D)
    (no cancellation at large phi), as fairness-core's ScasFoldedRatio computes it."""
    n = n1 + n2
    a = n * phi
    b = -(n1 * phi + x1 + n2 + x2 * phi)
    c = x1 + x2
    q2 = np.clip(2 * c / (-b + np.sqrt(np.maximum(b * b - 4 * a * c, 0))), 0, 1)
    return np.clip(phi * q2, 0, 1), q2


def contrast_below(q1, n1, q2, n2, c, gamma_max):
    """P(p1' - c p2' <= 0) at rates (q1, q2): Phi(w - (gamma / 6)(w^2 - 1)), w = -mean / sd clipped to
    [-3, 3] inside the correction, the skewness gamma clipped to [-gamma_max, gamma_max]; the
    variance with N / (N - 1); where it is 0, 1 if the mean is <= 0, else 0."""
    n = n1 + n2
    m = q1 - c * q2
    v = (q1 * (1 - q1) / n1 + c * c * q2 * (1 - q2) / n2) * n / (n - 1)
    mu3 = q1 * (1 - q1) * (1 - 2 * q1) / n1**2 - c**3 * q2 * (1 - q2) * (1 - 2 * q2) / n2**2
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.sqrt(v)
        w = -m / sd
        gam = np.clip(mu3 / (v * sd), -gamma_max, gamma_max)
        wc = np.clip(w, -3, 3)
        out = stats.norm.cdf(w - gam / 6 * (wc * wc - 1))
    return np.where(v > 0, out, np.where(m <= 0, 1.0, 0.0))


SPAN = 30.0  # ScasFoldedRatio.SPAN: B is searched in [t, t + SPAN]; accepted at t + SPAN -> upper = inf


def ratio_parts(x1, n1, x2, n2, log_phi, theta, t, alpha=ALPHA_, ramp=(1.0, 2.0), condition=True,
                sigma_obs=True, gamma_max=1.0):
    """{P(|log r'| <= t | both counts positive), g(theta)} under phi = exp(log_phi), mirroring
    ScasFoldedRatio.cdf: skew-corrected normal contrasts p1' - c p2' (c = e^t, e^-t), conditioned on
    both counts positive (zero-count mass z_i = (1 - q_i)^n_i taken out) with weight
    w = clip((min(n1 q1, n2 q2) - ramp[0]) / (ramp[1] - ramp[0]), 0, 1); condition=False: w = 0."""
    z = stats.norm.ppf(1 - alpha / 2)
    q1, q2 = restricted_ratio_stable(x1, n1, x2, n2, np.exp(log_phi))

    def below(c):
        return contrast_below(q1, n1, q2, n2, c, gamma_max)

    p = below(np.exp(t)) - below(np.exp(-t))
    if condition:
        w = np.clip((np.minimum(n1 * q1, n2 * q2) - ramp[0]) / (ramp[1] - ramp[0]), 0, 1)
        z1, z2 = (1 - q1) ** n1, (1 - q2) ** n2
        with np.errstate(divide="ignore", invalid="ignore"):
            pc = np.clip((p - z1 * z2) / ((1 - z1) * (1 - z2)), 0, 1)
        p = np.where(w > 0, p + w * (pc - p), p)
    if sigma_obs:
        # the delta-method SD of log r^ at the observed rates (both counts positive): fixed per table
        sig = np.sqrt(np.maximum(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2, 0))
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            sig = np.sqrt((1 - q1) / (n1 * q1) + (1 - q2) / (n2 * q2))
    sig = np.where(sig > 0, sig, 1.0)
    return np.clip(p, 0, 1), np.clip((theta / sig - z) / z, 0, 1)


def ratio_tests(x1, n1, x2, n2, theta, alpha=ALPHA_, **kw):
    """ScasFoldedRatio's conditions at theta: A ("|log r^| not too large" at r^'s side) and B ("not
    too small" at phi = e^theta or e^-theta)."""
    x1, x2, theta = np.broadcast_arrays(np.asarray(x1, float), np.asarray(x2, float),
                                        np.asarray(theta, float))
    lg = np.log((x1 / n1) / (x2 / n2))
    t = np.abs(lg)
    side = np.where(lg >= 0, 1.0, -1.0)
    p, g = ratio_parts(x1, n1, x2, n2, side * theta, theta, t, alpha, **kw)
    a = p <= 1 - alpha + alpha / 2 * g
    b = np.zeros_like(t, dtype=bool)
    for sgn in (1.0, -1.0):
        p, g = ratio_parts(x1, n1, x2, n2, sgn * theta, theta, t, alpha, **kw)
        b |= p >= alpha / 2 * g
    return a, b


def ratio_hull(x1, n1, x2, n2, alpha=ALPHA_, iterations=60, **kw):
    """[lo, hi] of |log r| as ScasFoldedRatio.of computes it (vectorised): lo = 0 where A holds at 0,
    else A's crossing in [0, t]; hi = B's crossing in [t, t + SPAN], inf where B holds at t + SPAN."""
    x1 = np.asarray(x1, float)
    x2 = np.asarray(x2, float)
    t = np.abs(np.log((x1 / n1) / (x2 / n2)))
    a0, _ = ratio_tests(x1, n1, x2, n2, np.zeros_like(t), alpha, **kw)
    _, bs = ratio_tests(x1, n1, x2, n2, t + SPAN, alpha, **kw)
    lo_in, lo_out = t.copy(), np.zeros_like(t)
    hi_in, hi_out = t.copy(), t + SPAN
    for _ in range(iterations):
        m = (lo_in + lo_out) / 2
        a, _ = ratio_tests(x1, n1, x2, n2, m, alpha, **kw)
        lo_in, lo_out = np.where(a, m, lo_in), np.where(a, lo_out, m)
        m = (hi_in + hi_out) / 2
        _, b = ratio_tests(x1, n1, x2, n2, m, alpha, **kw)
        hi_in, hi_out = np.where(b, m, hi_in), np.where(b, hi_out, m)
    lo = np.where(a0, 0.0, (lo_in + lo_out) / 2)
    hi = np.where(bs, np.inf, (hi_in + hi_out) / 2)
    return lo, np.maximum(lo, hi)


def ratio_hull_cover(x1, n1, x2, n2, theta, alpha=ALPHA_, **kw):
    """Whether ratio_hull contains theta, without bisections: lo <= theta iff A(0) or A(theta),
    hi >= theta iff B(theta) or B(t + SPAN) (under the shapes --interval-check confirms)."""
    t = np.abs(np.log((np.asarray(x1, float) / n1) / (np.asarray(x2, float) / n2)))
    a0, _ = ratio_tests(x1, n1, x2, n2, 0 * t, alpha, **kw)
    _, bs = ratio_tests(x1, n1, x2, n2, t + SPAN, alpha, **kw)
    a, b = ratio_tests(x1, n1, x2, n2, 0 * t + theta, alpha, **kw)
    return (a0 | a) & (b | bs)


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
    if "--interval-check" in sys.argv:
        interval_check()
        return
    if "--variants" in sys.argv:
        VARIANTS.extend(TUNING)
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
    keys = ["built", "fold", "hybrid", "scas", "unconditioned", "new"] + [n for n, _ in VARIANTS]
    names = {"built": "FoldedInterval (before h22m)", "scas": "scas (h22g)",
             "unconditioned": "skew-corrected, unconditioned", "new": "built (h22m): conditioned, ramp 1-2"}
    print()
    print("Each: lowest-highest, cells < 0.93, cells > 0.97")
    print()
    print("| construction | " + " | ".join(f"lambda {a}-{b}" for a, b in LAMS) +
          " | cells outside 0.93-0.97 at lambda >= 1 |")
    print("|---|" + "---|" * len(LAMS) + "---:|")
    for k in keys:
        parts = []
        for lo_l, hi_l in LAMS:
            v = np.array([r[6][k] for r in rows if lo_l <= r[0] < hi_l])
            parts.append(f"{v.min():.3f}-{v.max():.3f}, {int((v < 0.93).sum())}, {int((v > 0.97).sum())}")
        v = np.array([r[6][k] for r in rows if r[0] >= 1])
        print(f"| {names.get(k, k)} | " + " | ".join(parts) + f" | {int(((v < 0.93) | (v > 0.97)).sum())} |")
    print()
    print("Cells at lambda >= 1 outside 0.93-0.97 with the built (h22m) construction, farthest first:")
    print()
    print("| n1, p1 | n2, p2 | lambda | cell | before | built (h22m) |")
    print("|---|---|---:|---|---:|---:|")
    far = sorted((r for r in rows if r[0] >= 1 and not 0.93 <= r[6]["new"] <= 0.97),
                 key=lambda r: -abs(r[6]["new"] - 0.95))
    for lam, n1, p1, n2, p2, label, cov, none in far[:25]:
        print(f"| {n1}, {p1:.4g} | {n2}, {p2:.4g} | {lam:.2f} | {label} | {cov['built']:.3f} | {cov['new']:.3f} |")


LAMS = ((0, 1), (1, 3), (3, 5), (5, np.inf))


def interval_check(sizes=((100, 1000), (30, 300), (45, 45), (20, 50), (200, 200), (60, 90))):
    """Whether ScasFoldedRatio's accepted set is an interval: every table with 1 <= x1 <= 40,
    1 <= x2 <= 60 of these group sizes (and their complements' sizes), theta on a grid of 3001
    points in [0, 6], at 95 % and sqrt(0.95); compares ratio_hull (the Java algorithm) with the
    grid's hull."""
    grid = np.linspace(0, 6, 3001)
    step = grid[1]
    for alpha in (ALPHA_, 1 - np.sqrt(0.95)):
        tables = not_interval = differ = rule_differs = rule_cells = 0
        worst = []
        for n1, n2 in sizes:
            x1, x2 = np.meshgrid(np.arange(1, min(n1, 40) + 1), np.arange(1, min(n2, 60) + 1),
                                 indexing="ij")
            x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
            lo, hi = ratio_hull(x1, n1, x2, n2, alpha)
            a, b = ratio_tests(x1[:, None], n1, x2[:, None], n2, grid[None, :], alpha)
            acc = a & b
            a0, _ = ratio_tests(x1, n1, x2, n2, 0 * x1, alpha)
            t_ = np.abs(np.log((x1 / n1) / (x2 / n2)))
            _, bs = ratio_tests(x1, n1, x2, n2, t_ + SPAN, alpha)
            rule = (a0[:, None] | a) & (b | bs[:, None])
            inside = (lo[:, None] <= grid[None, :] + 1e-12) & (grid[None, :] <= hi[:, None] + 1e-12)
            rule_differs += int(np.sum(np.any(rule != inside, axis=1)))
            rule_cells += int(np.sum(rule != inside))
            for i in range(len(x1)):
                idx = np.flatnonzero(acc[i])
                tables += 1
                if len(idx) == 0:
                    not_interval += 1
                    continue
                if idx[-1] - idx[0] + 1 != len(idx):
                    not_interval += 1
                g_lo = grid[idx[0]]
                g_hi = grid[idx[-1]] if idx[-1] < len(grid) - 1 else np.inf
                d_lo = abs(g_lo - lo[i])
                d_hi = 0.0 if (np.isinf(g_hi) and hi[i] >= grid[-1]) else abs(min(g_hi, 1e9) - min(hi[i], 1e9))
                if d_lo > step or d_hi > step:
                    differ += 1
                    worst.append((max(d_lo, d_hi), n1, int(x1[i]), n2, int(x2[i]), lo[i], hi[i], g_lo, g_hi))
        print(f"level {1 - alpha:.4f}: {tables} tables, accepted set not one interval: {not_interval},"
              f" hull differs from the grid's by more than one step ({step:.4f}): {differ};"
              f" ratio_hull_cover differs from ratio_hull on the grid in {rule_differs} tables"
              f" ({rule_cells} grid points)")
        for w in sorted(worst, reverse=True)[:10]:
            print("   %.4f  %d/%d vs %d/%d  bisection [%.4f, %.4f]  grid [%.4f, %.4f]" % (w[0], w[2], w[1], w[4], w[3], *w[5:]))


if __name__ == "__main__":
    main()
