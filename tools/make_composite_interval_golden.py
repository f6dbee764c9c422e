"""Reference intervals of F1 and balanced accuracy (and their differences between two groups).

    /work/pyenv/bin/python tools/make_composite_interval_golden.py \
        > fairness-core/src/test/resources/golden-stats/composite_intervals.json

Reads nothing; writes JSON to stdout (numpy, scikit-learn and statsmodels versions recorded in it).
Each case is two groups' confusion counts {TP, FN, FP, TN} (A is the reference). The estimates come
from scikit-learn (f1_score, balanced_accuracy_score on the rows the counts stand for, zero_division
left at its default where defined); the Wilson bounds from statsmodels' proportion_confint(method=
"wilson"), since session 10 (h22s) as Brown, Cai & DasGupta's modified Wilson interval: for x = 1..x*
(x* = 2 for n <= 50, else 3) the lower bound is scipy's chi2.ppf(0.05, 2x) / (2n), and symmetrically
the upper bound for n - x = 1..x* (fairness-core's ProportionIntervals.modifiedWilson); a method name
carries "wilson-modified" in place of "wilson" where one of its component bounds is such a Poisson
bound ("expect_method" in the JSON). The constructions (docs/statistics.md, "Which interval each number gets"):

- F1 = 2J/(1+J) with J = TP/(TP+FP+FN); given TP+FP+FN, TP is binomial(TP+FP+FN, J), so the Wilson
  interval [l, u] of J gives [2l/(1+l), 2u/(1+u)] ("wilson-jaccard");
- balanced accuracy (TPR+TNR)/2: MOVER for a sum of two independent rates from their Wilson
  intervals ("mover-wilson", Zou & Donner 2008);
- the difference B - A of either: MOVER from the two groups' intervals ("mover-wilson-jaccard",
  "mover-wilson"), clipped to [-1, 1];
- the ratio B / A of either: MOVER on the log scale from the same two intervals
  ("mover-log-wilson-jaccard", "mover-log-wilson"; Zou & Donner 2008), and where B's value is 0
  MOVER-R (Donner & Zou 2012) with lower bound 0 ("mover-r-wilson-jaccard", "mover-r-wilson"); absent where A's value is 0.

With --coverage it instead prints the simulated coverage at 95 % of these intervals (numpy
multinomial tables, 20,000 per cell; the design of fairness-benchmarks CoverageSettings).
"""

import json
import sys

import numpy as np
import sklearn
import statsmodels
from scipy import stats
from sklearn.metrics import balanced_accuracy_score, f1_score
from statsmodels.stats.proportion import proportion_confint

CASES = [
    ([45, 15, 12, 78], [70, 10, 30, 90]),
    ([30, 18, 10, 22], [100, 28, 40, 72]),
    ([20, 0, 3, 57], [18, 2, 0, 60]),  # FN = 0 in A, FP = 0 in B
    ([0, 5, 2, 40], [3, 4, 1, 50]),  # TP = 0 in A: F1 = 0
    ([60, 0, 0, 90], [55, 5, 9, 81]),  # A perfect
    ([7, 3, 4, 11], [9, 6, 2, 13]),  # small groups
    ([25, 5, 4, 66], [0, 6, 3, 71]),  # TP = 0 in B: F1 ratio by MOVER-R
    ([40, 1, 2, 80], [50, 10, 12, 70]),  # the modified (Poisson) bounds in A only (session 10)
    ([9, 1, 2, 30], [30, 3, 3, 40]),  # FN = 1, FP = 2 at n <= 50 (Poisson); FN = 3, FP = 3 at n <= 50 (Wilson)
]


def modified_wilson(x, n):
    """Modified Wilson bounds (vectorised): statsmodels' Wilson with scipy's Poisson bounds."""
    x, n = np.asarray(x, float), np.asarray(n, float)
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    xs = np.where(n <= 50, 2, 3)
    low = (x >= 1) & (x <= xs)
    high = (n - x >= 1) & (n - x <= xs)
    lo = np.where(low, stats.chi2.ppf(0.05, 2 * np.maximum(x, 1)) / (2 * n), lo)
    hi = np.where(high, 1 - stats.chi2.ppf(0.05, 2 * np.maximum(n - x, 1)) / (2 * n), hi)
    return lo, hi, low | high


def wilson(x, n):
    lo, hi, _ = modified_wilson(x, n)
    return float(lo), float(hi)


def modified(x, n):
    return bool(modified_wilson(x, n)[2])


def base_method(c, k):
    """'wilson' or 'wilson-modified' for F1 (k = 0) or balanced accuracy (k = 1) of counts c."""
    tp, fn, fp, tn = c
    m = modified(tp, tp + fp + fn) if k == 0 else modified(tp, tp + fn) or modified(tn, tn + fp)
    return "wilson-modified" if m else "wilson"


def f1_interval(c):
    tp, fn, fp, _ = c
    lo, hi = wilson(tp, tp + fp + fn)
    return [2 * lo / (1 + lo), 2 * hi / (1 + hi)]


def ba_interval(c):
    tp, fn, fp, tn = c
    tpr, tnr = tp / (tp + fn), tn / (tn + fp)
    l1, u1 = wilson(tp, tp + fn)
    l2, u2 = wilson(tn, tn + fp)
    ba = (tpr + tnr) / 2
    return [max(0.0, ba - np.hypot(tpr - l1, tnr - l2) / 2),
            min(1.0, ba + np.hypot(u1 - tpr, u2 - tnr) / 2)]


def rows(c):
    tp, fn, fp, tn = c
    y = np.array([1] * (tp + fn) + [0] * (fp + tn))
    p = np.array([1] * tp + [0] * fn + [1] * fp + [0] * tn)
    return y, p


def mover(e1, i1, e0, i0):
    d = e1 - e0
    return [max(-1.0, d - np.hypot(e1 - i1[0], i0[1] - e0)),
            min(1.0, d + np.hypot(i1[1] - e1, e0 - i0[0]))]


def mover_ratio(e1, i1, e0, i0):
    if e0 <= 0:
        return None
    if e1 > 0:
        g1, g0 = np.log(e1), np.log(e0)
        lo = g1 - g0 - np.hypot(g1 - np.log(i1[0]), np.log(i0[1]) - g0)
        hi = g1 - g0 + np.hypot(np.log(i1[1]) - g1, g0 - np.log(i0[0]))
        return [float(np.exp(lo)), float(np.exp(hi))]
    # MOVER-R (Donner & Zou 2012), its general closed form for the upper bound, at e1 = 0.
    num = e1 * e0 + np.sqrt((e1 * e0) ** 2 - i1[1] * (2 * e1 - i1[1]) * i0[0] * (2 * e0 - i0[0]))
    return [0.0, float(num / (i0[0] * (2 * e0 - i0[0])))]


def golden():
    out = {
        "command": "/work/pyenv/bin/python tools/make_composite_interval_golden.py",
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "cases": [],
    }
    for a, b in CASES:
        case = {"A": a, "B": b}
        est = {}
        for name, c in (("A", a), ("B", b)):
            y, p = rows(c)
            f1 = float(f1_score(y, p, zero_division=0.0))
            ba = float(balanced_accuracy_score(y, p))
            est[name] = (f1, ba)
            case[name + "_f1"] = {"estimate": f1, "interval": f1_interval(c)}
            case[name + "_balanced_accuracy"] = {"estimate": ba, "interval": ba_interval(c)}
        case["difference_f1"] = {
            "estimate": est["B"][0] - est["A"][0],
            "interval": mover(est["B"][0], f1_interval(b), est["A"][0], f1_interval(a)),
        }
        case["difference_balanced_accuracy"] = {
            "estimate": est["B"][1] - est["A"][1],
            "interval": mover(est["B"][1], ba_interval(b), est["A"][1], ba_interval(a)),
        }
        for k, name in ((0, "f1"), (1, "balanced_accuracy")):
            suffix = "-jaccard" if k == 0 else ""
            own = {g: base_method(c, k) for g, c in (("A", a), ("B", b))}
            case[f"A_{name}"]["expect_method"] = ("" if k == 0 else "mover-") + own["A"] + suffix
            case[f"B_{name}"]["expect_method"] = ("" if k == 0 else "mover-") + own["B"] + suffix
            either = "wilson-modified" if "wilson-modified" in own.values() else "wilson"
            case[f"difference_{name}"]["expect_method"] = "mover-" + either + suffix
            case[f"ratio_{name}_base"] = either + suffix
        for k, name, interval in ((0, "f1", f1_interval), (1, "balanced_accuracy", ba_interval)):
            r = mover_ratio(est["B"][k], interval(b), est["A"][k], interval(a))
            if r is None:
                case["ratio_" + name] = None
            else:
                case["ratio_" + name] = {"estimate": est["B"][k] / est["A"][k], "interval": r}
        out["cases"].append(case)
    json.dump(out, sys.stdout, indent=1)
    print()


def intervals(n, pi, tpr, fpr, rng, tables):
    p = np.array([pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr)])
    truth_f1 = 2 * p[0] / (2 * p[0] + p[2] + p[1])
    truth_ba = (tpr + 1 - fpr) / 2
    tp, fn, fp, tn = rng.multinomial(n, p, size=tables).astype(float).T
    lo, hi, _ = modified_wilson(tp, tp + fp + fn)
    f1 = 2 * tp / (2 * tp + fp + fn)
    l1, u1, _ = modified_wilson(tp, tp + fn)
    l2, u2, _ = modified_wilson(tn, tn + fp)
    a, b = tp / (tp + fn), tn / (tn + fp)
    ba = (a + b) / 2
    return ((truth_f1, f1, 2 * lo / (1 + lo), 2 * hi / (1 + hi)),
            (truth_ba, ba, ba - np.hypot(a - l1, b - l2) / 2, ba + np.hypot(u1 - a, u2 - b) / 2))


def coverage():
    rng = np.random.default_rng(22)
    tables = 20_000
    print(f"numpy {np.__version__}, statsmodels {statsmodels.__version__}; {tables} tables per cell")
    print("| group (n, base rate, TPR, FPR) | F1 wilson-jaccard | balanced accuracy mover-wilson |")
    print("|---|---:|---:|")
    singles = [(80, 0.6, 0.72, 0.30), (150, 0.35, 0.8, 0.1), (60, 0.5, 0.8, 0.2),
               (200, 0.4, 0.75, 0.12), (30, 0.5, 0.7, 0.2), (150, 0.3, 0.97, 0.02),
               (300, 0.3, 0.7, 0.1), (40, 0.35, 0.8, 0.1), (250, 0.2, 0.9, 0.05)]
    for g in singles:
        cov = []
        for t, e, lo, hi in intervals(*g, rng, tables):
            cov.append(np.mean((lo <= t) & (t <= hi)))
        print(f"| {g} | {cov[0]:.4f} | {cov[1]:.4f} |")
    print()
    print("| group B vs reference A | F1 difference | balanced-accuracy difference | F1 ratio |"
          " balanced-accuracy ratio |")
    print("|---|---:|---:|---:|---:|")
    pairs = [((160, 0.6, 0.75, 0.32), (80, 0.6, 0.72, 0.30)),
             ((150, 0.35, 0.8, 0.1), (150, 0.35, 0.8, 0.1)),
             ((120, 0.5, 0.8, 0.2), (60, 0.5, 0.85, 0.25)),
             ((200, 0.4, 0.75, 0.12), (200, 0.4, 0.75, 0.12)),
             ((45, 0.5, 0.85, 0.15), (30, 0.5, 0.8, 0.1)),
             ((150, 0.3, 0.99, 0.03), (150, 0.3, 0.97, 0.02)),
             ((150, 0.4, 0.97, 0.03), (100, 0.4, 0.95, 0.05))]
    for gb, ga in pairs:
        rb = intervals(*gb, rng, tables)
        ra = intervals(*ga, rng, tables)
        cov = []
        for k in range(2):
            t1, e1, l1, u1 = rb[k]
            t0, e0, l0, u0 = ra[k]
            d = e1 - e0
            lo = d - np.hypot(e1 - l1, u0 - e0)
            hi = d + np.hypot(u1 - e1, e0 - l0)
            cov.append(np.mean((lo <= t1 - t0) & (t1 - t0 <= hi)))
        for k in range(2):
            # The ratio B / A: MOVER on the log scale, MOVER-R where B's value is 0; tables where
            # A's value is 0 have no interval (left out).
            t1, e1, l1, u1 = rb[k]
            t0, e0, l0, u0 = ra[k]
            ok = e0 > 0
            with np.errstate(divide="ignore", invalid="ignore"):
                g1, g0 = np.log(e1), np.log(e0)
                lo = np.exp(g1 - g0 - np.hypot(g1 - np.log(l1), np.log(u0) - g0))
                hi = np.exp(g1 - g0 + np.hypot(np.log(u1) - g1, g0 - np.log(l0)))
                zero_hi = u1 / np.sqrt(l0 * (2 * e0 - l0))
            lo = np.where(e1 > 0, lo, 0.0)
            hi = np.where(e1 > 0, hi, zero_hi)
            r = t1 / t0
            cov.append(np.mean(((lo <= r) & (r <= hi))[ok]))
        print(f"| {gb} vs {ga} | {cov[0]:.4f} | {cov[1]:.4f} | {cov[2]:.4f} | {cov[3]:.4f} |")


if __name__ == "__main__":
    if "--coverage" in sys.argv:
        coverage()
    else:
        golden()
