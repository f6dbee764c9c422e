"""Two-group max - min gap and min / max ratio of F1 and balanced accuracy: candidate intervals,
their simulated coverage, and the golden values of the built one.

    nice -n 10 /work/pyenv/bin/python tools/composite_gap_coverage.py --coverage [TABLES]
    /work/pyenv/bin/python tools/composite_gap_coverage.py \
        > fairness-core/src/test/resources/golden-stats/composite_gaps.json

The signed pieces are h22c/h22r's (tools/make_composite_interval_golden.py): each group's interval
from the modified Wilson bounds (statsmodels' proportion_confint(method="wilson") with scipy's
Poisson bounds, as fairness-core since session 10) - F1 by the Jaccard index,
balanced accuracy by MOVER for a sum - and MOVER for the difference B - A (clipped to [-1, 1]) and,
on the log scale, for the ratio B / A (MOVER-R where the numerator's value is 0). The gap |B - A|
and the ratio min/max = exp(-|log(B/A)|) are made from them by

- "fold": {|x| : x in [L, U]} (the hull of the theta whose +theta or -theta the signed interval
  accepts);
- "normal": the FoldedInterval test of |delta| (fairness-core FoldedInterval: |d| folded-normal
  with scale (d - L)/z below d and (U - d)/z above it, lower tail share g(theta) = 0 up to
  z*sigma, 1 from 2z*sigma), here solved with scipy.optimize.brentq on scipy.stats.norm;
- "either": "normal" whose upper condition ("|d| not too small") also accepts at the other
  half-width (the hypothesis of the other sign, the analogue of ScasFoldedGap's condition B);
- "hybrid" (built, fairness-core CompositeGaps): "normal"'s lower bound and the larger of
  "normal"'s and the fold's upper bounds (theta also accepted where the signed interval accepts
  the hypothesis of the other sign). "normal" alone covered 0.72 where a small group's F1 came out
  1 against a larger group's true 0.99 (d of the wrong sign, the scale on d's side tiny); "either"
  mends that too but reaches t + z*sigma of the other side, above 1 for gaps of F1 near 1.

--coverage prints, per design cell, the coverage at 95 % over TABLES (default 10000) numpy
multinomial tables per group, of each candidate (the vectorised bisection; the golden mode checks
it against brentq), with the smallest expected confusion count lambda of the two groups, and the
coverage over the tables without SmallCounts' warning (a group's size times a cell's pooled share
below 5 in either group) with the share of warned tables. The golden mode writes the "hybrid"
interval of ten pairs of groups (the signed MOVER pieces too).
"""

import json
import sys

import numpy as np
import scipy
import statsmodels
from scipy.optimize import brentq
from scipy.stats import chi2, norm
from statsmodels.stats.proportion import proportion_confint

ALPHA = 0.05
Z = norm.ppf(1 - ALPHA / 2)


def wilson(x, n):
    """Brown, Cai & DasGupta's modified Wilson bounds (fairness-core's ProportionIntervals.
    modifiedWilson, the components of the composites since session 10, h22s): statsmodels' Wilson,
    with scipy's one-sided Poisson bound chi2.ppf(alpha, 2x) / (2n) for x = 1..x* (x* = 2 for
    n <= 50, else 3) and symmetrically above for n - x = 1..x*."""
    x, n = np.asarray(x, float), np.asarray(n, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo, hi = proportion_confint(x, n, alpha=ALPHA, method="wilson")
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        xs = np.where(n <= 50, 2, 3)
        low = (x >= 1) & (x <= xs)
        high = (n - x >= 1) & (n - x <= xs)
        lo = np.where(low, chi2.ppf(ALPHA, 2 * np.maximum(x, 1)) / (2 * n), lo)
        hi = np.where(high, 1 - chi2.ppf(ALPHA, 2 * np.maximum(n - x, 1)) / (2 * n), hi)
    return lo, hi


def f1_of(c):
    """(estimate, lower, upper) of F1 from cells (TP, FN, FP, TN) (arrays)."""
    tp, fn, fp, _ = c
    n = tp + fp + fn
    lo, hi = wilson(tp, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        est = 2 * tp / (2 * tp + fp + fn)
    return est, 2 * lo / (1 + lo), 2 * hi / (1 + hi)


def ba_of(c):
    tp, fn, fp, tn = c
    with np.errstate(divide="ignore", invalid="ignore"):
        a, b = tp / (tp + fn), tn / (tn + fp)
    l1, u1 = wilson(tp, tp + fn)
    l2, u2 = wilson(tn, tn + fp)
    est = (a + b) / 2
    return (est, np.maximum(0.0, est - np.hypot(a - l1, b - l2) / 2),
            np.minimum(1.0, est + np.hypot(u1 - a, u2 - b) / 2))


def mover(one, zero):
    e1, l1, u1 = one
    e0, l0, u0 = zero
    d = e1 - e0
    return (d, np.maximum(-1.0, d - np.hypot(e1 - l1, u0 - e0)),
            np.minimum(1.0, d + np.hypot(u1 - e1, e0 - l0)))


def mover_log(one, zero):
    """(log r, log lower, log upper) of r = one / zero, both values positive."""
    e1, l1, u1 = one
    e0, l0, u0 = zero
    with np.errstate(divide="ignore", invalid="ignore"):
        g1, g0 = np.log(e1), np.log(e0)
        g = g1 - g0
        return (g, g - np.hypot(g1 - np.log(l1), np.log(u0) - g0),
                g + np.hypot(np.log(u1) - g1, g0 - np.log(l0)))


def mover_r_zero(one, zero):
    """Upper bound of one / zero where one's value is 0 (MOVER-R, Donner & Zou 2012)."""
    _, _, u1 = one
    e0, l0, _ = zero
    with np.errstate(divide="ignore", invalid="ignore"):
        return u1 / np.sqrt(l0 * (2 * e0 - l0))


def fold(d, lo, hi):
    low = np.where(lo > 0, lo, np.where(hi < 0, -hi, 0.0))
    return low, np.maximum(np.abs(lo), np.abs(hi))


def _cdf(t, theta, s):
    return norm.cdf((t - theta) / s) - norm.cdf((-t - theta) / s)


def _g(theta, s):
    return np.clip((theta / s - Z) / Z, 0, 1)


def normal_fold(d, lo, hi, either=False, iterations=80):
    """The FoldedInterval test inverted, vectorised bisection."""
    d, lo, hi = np.broadcast_arrays(*(np.asarray(v, float) for v in (d, lo, hi)))
    t = np.abs(d)
    s_low = np.where(d >= 0, d - lo, hi - d) / Z
    s_up = np.where(d >= 0, hi - d, d - lo) / Z
    ok = (s_low > 0) & (s_up > 0) & np.isfinite(s_low) & np.isfinite(s_up)
    sl = np.where(ok, s_low, 1.0)
    su = np.where(ok, s_up, 1.0)
    # lower: smallest theta in [0, t] with F_theta(t) <= 1 - a + a/2 g (scale s_low)
    need = _cdf(t, 0.0, sl) > 1 - ALPHA
    a = np.zeros_like(t)
    b = t.copy()
    for _ in range(iterations):
        m = (a + b) / 2
        rej = _cdf(t, m, sl) > 1 - ALPHA + ALPHA / 2 * _g(m, sl)
        a = np.where(rej, m, a)
        b = np.where(rej, b, m)
    lower = np.where(need, (a + b) / 2, 0.0)
    uppers = []
    for s in (su, sl) if either else (su,):
        a = np.zeros_like(t)
        b = t + 12 * s + 2 * Z * s
        for _ in range(iterations):
            m = (a + b) / 2
            acc = _cdf(t, m, s) >= ALPHA / 2 * _g(m, s)
            a = np.where(acc, m, a)
            b = np.where(acc, b, m)
        uppers.append((a + b) / 2)
    upper = np.maximum.reduce(uppers)
    f_lo, f_hi = fold(d, lo, hi)
    return (np.where(ok, lower, f_lo), np.where(ok, np.maximum(lower, upper), f_hi))


def normal_fold_brentq(d, lo, hi, either=False):
    """The same for one interval, by brentq (the check of the bisection)."""
    t = abs(d)
    s_low = (d - lo if d >= 0 else hi - d) / Z
    s_up = (hi - d if d >= 0 else d - lo) / Z
    if not (s_low > 0 and s_up > 0 and np.isfinite(s_low) and np.isfinite(s_up)):
        f = fold(d, lo, hi)
        return [float(f[0]), float(f[1])]
    lower = 0.0
    if _cdf(t, 0.0, s_low) > 1 - ALPHA:
        # A's excess over the bound is positive at 0, and continuous in theta; the crossing
        # nearest t is the one the test's monotone shape makes unique.
        lower = brentq(lambda th: _cdf(t, th, s_low) - (1 - ALPHA + ALPHA / 2 * _g(th, s_low)),
                       0.0, t, xtol=1e-15, rtol=1e-15, maxiter=500)
    # F - (a/2) g decreases in theta above t and is positive up to z*s_up (g = 0 there) when
    # t > 0; at t = 0 it is 0 up to z*s_up and negative beyond.
    uppers = []
    for s in (s_up, s_low) if either else (s_up,):
        if t == 0:
            uppers.append(Z * s)
        else:
            uppers.append(brentq(lambda th: _cdf(t, th, s) - ALPHA / 2 * _g(th, s),
                                 max(t, Z * s), t + 12 * s + 2 * Z * s,
                                 xtol=1e-15, rtol=1e-15, maxiter=500))
    return [float(lower), float(max(lower, max(uppers)))]


def hybrid(d, lo, hi):
    """"normal"'s lower bound; the upper bound the larger of "normal"'s and the fold's (the
    signed interval's test of the hypothesis of the other sign)."""
    n_lo, n_hi = normal_fold(d, lo, hi)
    f_lo, f_hi = fold(d, lo, hi)
    return n_lo, np.maximum(n_hi, f_hi)


def hybrid_brentq(d, lo, hi):
    """The built interval ("hybrid") of one table, with brentq."""
    n_lo, n_hi = normal_fold_brentq(d, lo, hi)
    return [n_lo, float(max(n_hi, max(abs(lo), abs(hi))))]


def gap_candidates(one, zero):
    d, lo, hi = mover(one, zero)
    out = {"fold": fold(d, lo, hi), "normal": normal_fold(d, lo, hi),
           "either": normal_fold(d, lo, hi, either=True), "hybrid": hybrid(d, lo, hi)}
    return np.abs(d), out


def ratio_candidates(one, zero):
    """min/max estimate and candidate bounds; NaN bounds where undefined (both values 0)."""
    e1, e0 = one[0], zero[0]
    g, lo, hi = mover_log(one, zero)
    pos = (e1 > 0) & (e0 > 0)
    gs = np.where(pos, g, 0.0)
    los = np.where(pos, lo, -1.0)
    his = np.where(pos, hi, 1.0)
    out = {}
    for name, (a, b) in (("fold", fold(gs, los, his)), ("normal", normal_fold(gs, los, his)),
                         ("either", normal_fold(gs, los, his, either=True)),
                         ("hybrid", hybrid(gs, los, his))):
        out[name] = (np.exp(-b), np.exp(-a))
    # one value 0: MOVER-R of zero-valued / positive, [0, min(u, 1)]
    u_b = mover_r_zero(one, zero)  # B = 0, A > 0
    u_a = mover_r_zero(zero, one)  # A = 0, B > 0
    zero_hi = np.where(e1 <= 0, u_b, u_a)
    single = ((e1 <= 0) & (e0 > 0)) | ((e0 <= 0) & (e1 > 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.minimum(e1 / e0, e0 / e1)
    for name in out:
        a, b = out[name]
        a = np.where(single, 0.0, np.where(pos, a, np.nan))
        b = np.where(single, np.minimum(zero_hi, 1.0), np.where(pos, b, np.nan))
        out[name] = (a, b)
    return np.where(single, 0.0, est), out


def truth(g):
    n, pi, tpr, fpr = g
    p = np.array([pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr)])
    return p, 2 * p[0] / (2 * p[0] + p[1] + p[2]), (tpr + 1 - fpr) / 2


def cells():
    sizes = [(60, 60), (150, 150), (300, 300), (30, 300), (300, 30), (40, 400), (60, 120),
             (30, 45), (100, 1000)]
    rates = [(0.35, 0.8, 0.1), (0.5, 0.7, 0.2), (0.15, 0.8, 0.1), (0.3, 0.95, 0.04),
             (0.4, 0.6, 0.3)]
    shifts = [0.0, 0.02, 0.05, 0.1, -0.05]
    for (na, nb) in sizes:
        for (pi, tpr, fpr) in rates:
            for s in shifts:
                tb = min(0.995, max(0.01, tpr + s))
                fb = min(0.99, max(0.005, fpr - s / 2))
                yield (na, pi, tpr, fpr), (nb, pi, tb, fb)


def unwarned(hit, defined, warned):
    """Coverage of fold and either over the defined tables without the warning, and the warned
    share of the defined tables (NaN where none is unwarned)."""
    keep = defined & ~warned
    out = [float(np.mean(hit[k][keep])) if keep.any() else float("nan")
           for k in ("fold", "either", "hybrid")]
    return out + [float(np.mean(warned[defined])) if defined.any() else float("nan")]


def coverage(tables):
    rng = np.random.default_rng(2210)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, statsmodels "
          f"{statsmodels.__version__}; {tables} tables per cell, 95 %")
    names = ("fold", "normal", "either", "hybrid")
    print("| A (n, base, TPR, FPR) | B | lambda | number | truth | "
          + " | ".join(names) + " | fold unwarned | either unwarned | hybrid unwarned | warned share | undefined |")
    print("|---|---|---:|---|---:|" + "---:|" * (len(names) + 4) + "---:|")
    rows = []
    for ga, gb in cells():
        pa, f1a, baa = truth(ga)
        pb, f1b, bab = truth(gb)
        lam = min(ga[0] * pa.min(), gb[0] * pb.min())
        ca = rng.multinomial(ga[0], pa, size=tables).astype(float).T
        cb = rng.multinomial(gb[0], pb, size=tables).astype(float).T
        # SmallCounts' rule: a group's size times a cell's pooled share below 5, in either group
        pooled = ca + cb
        share = pooled / pooled.sum(axis=0)
        warned = ((ga[0] * share < 5) | (gb[0] * share < 5)).any(axis=0)
        for metric, of, ta, tb in (("f1", f1_of, f1a, f1b), ("balanced_accuracy", ba_of, baa, bab)):
            ia, ib = of(ca), of(cb)
            defined = np.isfinite(ia[0]) & np.isfinite(ib[0])
            _, gaps = gap_candidates(ib, ia)
            theta = abs(tb - ta)
            hit = {k: (gaps[k][0] <= theta + 1e-12) & (theta <= gaps[k][1] + 1e-12) for k in names}
            cov = [np.mean(hit[k][defined]) for k in names]
            cov += unwarned(hit, defined, warned)
            rows.append((ga, gb, lam, "gap " + metric, theta, cov, 1 - defined.mean()))
            _, rats = ratio_candidates(ib, ia)
            rho = min(ta, tb) / max(ta, tb)
            ok = defined & np.isfinite(rats["fold"][0])
            hit = {k: (rats[k][0] <= rho * (1 + 1e-12)) & (rho <= rats[k][1] * (1 + 1e-12))
                   for k in names}
            cov = [np.mean(hit[k][ok]) for k in names]
            cov += unwarned(hit, ok, warned)
            rows.append((ga, gb, lam, "ratio " + metric, rho, cov, 1 - ok.mean()))
    for ga, gb, lam, num, th, cov, und in rows:
        print(f"| {ga} | {gb} | {lam:.1f} | {num} | {th:.4f} | "
              + " | ".join(f"{c:.4f}" for c in cov) + f" | {und:.4f} |")
    print()
    print("Summary (lowest - highest; cells < 0.93; cells > 0.97), by number and lambda >= 5 / < 5:")
    for num in ("gap f1", "gap balanced_accuracy", "ratio f1", "ratio balanced_accuracy"):
        for big in (True, False):
            sel = [r for r in rows if r[3] == num and (r[2] >= 5) == big]
            if not sel:
                continue
            parts = []
            for k, name in enumerate(names):
                v = np.array([r[5][k] for r in sel])
                parts.append(f"{name} {v.min():.3f}-{v.max():.3f}; {int((v < 0.93).sum())}; "
                             f"{int((v > 0.97).sum())}")
            for k, name in ((4, "fold unwarned"), (5, "either unwarned"), (6, "hybrid unwarned")):
                v = np.array([r[5][k] for r in sel if r[5][7] < 0.9])
                if len(v):
                    parts.append(f"{name} (cells with < 90 % warned: {len(v)}) {v.min():.3f}-"
                                 f"{v.max():.3f}; {int((v < 0.93).sum())}; {int((v > 0.97).sum())}")
            print(f"- {num}, lambda {'>= 5' if big else '< 5'} ({len(sel)} cells): "
                  + " | ".join(parts))


CASES = [
    ([45, 15, 12, 78], [70, 10, 30, 90]),
    ([30, 18, 10, 22], [100, 28, 40, 72]),
    ([20, 0, 3, 57], [18, 2, 0, 60]),
    ([0, 5, 2, 40], [3, 4, 1, 50]),  # F1 of A is 0: ratio 0 by MOVER-R
    ([60, 0, 0, 90], [55, 5, 9, 81]),
    ([7, 3, 4, 11], [9, 6, 2, 13]),
    ([25, 5, 4, 66], [0, 6, 3, 71]),  # F1 of B is 0
    ([40, 10, 10, 40], [40, 10, 10, 40]),  # equal: gap 0, ratio 1
    ([12, 3, 5, 30], [120, 30, 50, 300]),  # 1:10, equal rates
    ([0, 5, 0, 40], [0, 4, 0, 50]),  # F1 0 in both: ratio undefined
]


def golden():
    out = {
        "command": "/work/pyenv/bin/python tools/composite_gap_coverage.py"
               " > fairness-core/src/test/resources/golden-stats/composite_gaps.json",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "confidence": 1 - ALPHA,
        "cases": [],
    }
    for a, b in CASES:
        case = {"A": a, "B": b}
        ca = [np.array([float(v)]) for v in a]
        cb = [np.array([float(v)]) for v in b]
        for name, of in (("f1", f1_of), ("balanced_accuracy", ba_of)):
            ia, ib = of(ca), of(cb)
            ea, eb = float(ia[0][0]), float(ib[0][0])
            d, lo, hi = (float(v[0]) for v in mover(ib, ia))
            gap = hybrid_brentq(d, lo, hi)
            vec = hybrid(d, lo, hi)
            assert abs(vec[0][()] - gap[0]) < 1e-9 and abs(vec[1][()] - gap[1]) < 1e-9, (a, b)
            case["gap_" + name] = {"estimate": abs(d), "signed": [lo, hi], "interval": gap}
            if ea <= 0 and eb <= 0:
                case["ratio_" + name] = None
                continue
            if ea > 0 and eb > 0:
                g, glo, ghi = (float(v[0]) for v in mover_log(ib, ia))
                f = hybrid_brentq(g, glo, ghi)
                interval = [float(np.exp(-f[1])), float(np.exp(-f[0]))]
                signed = [float(np.exp(glo)), float(np.exp(ghi))]
            else:
                zero, pos = (ib, ia) if eb <= 0 else (ia, ib)
                u = float(mover_r_zero(zero, pos)[0])
                interval = [0.0, min(u, 1.0)]
                signed = [0.0, u]
            case["ratio_" + name] = {
                "estimate": min(ea, eb) / max(ea, eb), "signed": signed, "interval": interval}
        out["cases"].append(case)
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    if "--coverage" in sys.argv:
        rest = [a for a in sys.argv[1:] if a != "--coverage"]
        coverage(int(rest[0]) if rest else 10_000)
    else:
        golden()
