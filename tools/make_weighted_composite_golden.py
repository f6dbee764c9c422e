#!/usr/bin/env python3
"""Reference values of the analytic intervals of F1 and balanced accuracy of a weighted binary
table under `metrics --bootstrap` (fairness-core WeightedCompositeIntervals, session 10 h22w).

Each component is a weighted rate with statsmodels' Wilson interval at Kish's effective size
n_eff = sum(w)^2/sum(w^2) over its own rows (count p*n_eff of nobs n_eff):
  F1: J = sum(w TP) / sum(w) over the TP, FP and FN rows; [l, u] of J mapped by 2J/(1+J);
  balanced accuracy: MOVER for a sum from the TPR (positives) and TNR (negatives) intervals;
  a group's signed difference to the reference: MOVER from the two; its ratio MOVER on the log scale.
The estimates are scikit-learn's f1_score / balanced_accuracy_score with sample_weight.

Output: fairness-core/src/test/resources/golden-stats/weighted-composite-intervals.json
Produced with numpy 2.4.6, statsmodels 0.15.0, scikit-learn 1.9.1, Python 3.11.7:
  /work/pyenv/bin/python tools/make_weighted_composite_golden.py
"""
import json
import pathlib

import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import balanced_accuracy_score, f1_score
from statsmodels.stats.proportion import proportion_confint

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
rng = np.random.default_rng(2222)

groups, y, p, w = [], [], [], []
for name, n, prev, tpr, fpr, weights in [("A", 120, 0.35, 0.7, 0.1, [1, 2, 3]),
                                         ("B", 160, 0.3, 0.8, 0.2, [1.25, 2, 5, 10]),
                                         ("C", 60, 0.5, 0.6, 0.25, [1, 3])]:
    yy = (rng.random(n) < prev).astype(int)
    pp = (rng.random(n) < np.where(yy == 1, tpr, fpr)).astype(int)
    groups += [name] * n
    y.append(yy)
    p.append(pp)
    w.append(rng.choice(weights, n))
g = np.array(groups)
y, p, w = np.concatenate(y), np.concatenate(p), np.concatenate(w)


def kish_wilson(rows, hits):
    """A weighted rate over `rows` (mask) with numerator rows `hits`: rate, lower, upper."""
    rate = float(np.sum(w[rows & hits]) / np.sum(w[rows]))
    n_eff = float(np.sum(w[rows]) ** 2 / np.sum(w[rows] ** 2))
    lo, hi = proportion_confint(rate * n_eff, n_eff, alpha=0.05, method="wilson")
    return rate, (0.0 if rate == 0 else float(lo)), (1.0 if rate == 1 else float(hi))


def composite(mask, metric):
    tp, fn, fp = mask & (y == 1) & (p == 1), mask & (y == 1) & (p == 0), mask & (y == 0) & (p == 1)
    tn = mask & (y == 0) & (p == 0)
    if metric == "f1":
        est = f1_score(y[mask], p[mask], sample_weight=w[mask])
        j, l, u = kish_wilson(tp | fp | fn, tp)
        assert abs(2 * j / (1 + j) - est) < 1e-12
        return float(est), 2 * l / (1 + l), 2 * u / (1 + u)
    est = balanced_accuracy_score(y[mask], p[mask], sample_weight=w[mask])
    a, la, ua = kish_wilson(tp | fn, tp)
    b, lb, ub = kish_wilson(tn | fp, tn)
    assert abs((a + b) / 2 - est) < 1e-12
    return (float(est), max(0.0, est - np.hypot(a - la, b - lb) / 2),
            min(1.0, est + np.hypot(ua - a, ub - b) / 2))


expected = {}
for metric in ["f1", "balanced_accuracy"]:
    est = {name: composite(g == name, metric) for name in ["A", "B", "C"]}
    for name, (e, lo, hi) in est.items():
        expected[f"by_group/{name}/{metric}"] = {"estimate": e, "interval": [lo, hi]}
    e, lo, hi = composite(np.ones_like(y, bool), metric)
    expected[f"overall/{metric}"] = {"estimate": e, "interval": [lo, hi]}
    p0, l0, u0 = est["A"]
    for name in ["B", "C"]:
        p1, l1, u1 = est[name]
        d = p1 - p0
        expected[f"difference/to_reference/{name}/{metric}"] = {
            "estimate": d,
            "interval": [max(-1.0, d - np.hypot(p1 - l1, u0 - p0)),
                         min(1.0, d + np.hypot(u1 - p1, p0 - l0))]}
        g1, g0 = np.log(p1), np.log(p0)
        expected[f"ratio/to_reference/{name}/{metric}"] = {
            "estimate": p1 / p0,
            "interval": [float(np.exp(g1 - g0 - np.hypot(g1 - np.log(l1), np.log(u0) - g0))),
                         float(np.exp(g1 - g0 + np.hypot(np.log(u1) - g1, g0 - np.log(l0))))]}
(out / "weighted-composite-intervals.json").write_text(json.dumps(
    {"groups": groups, "labels": y.tolist(), "predictions": p.tolist(), "weights": w.tolist(),
     "reference": "A", "confidence": 0.95, "expected": expected}))
print("statsmodels", statsmodels.__version__, "scikit-learn", sklearn.__version__, "numpy", np.__version__,
      len(expected), "intervals")
