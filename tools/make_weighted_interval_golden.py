#!/usr/bin/env python3
"""Reference values of the analytic intervals of a weighted binary table's rates under
`metrics --bootstrap` (fairness-core WeightedRateIntervals): a weighted rate p = sum(w x)/sum(w) over
its denominator's rows gets statsmodels' Wilson interval at Kish's effective size
n_eff = sum(w)^2/sum(w^2) (count p*n_eff of nobs n_eff); a group's signed difference to the
reference group Newcombe's hybrid score interval from the two; its ratio MOVER on the log scale.
The weighted rates are cross-checked with scikit-learn (recall_score with sample_weight).

Output: fairness-core/src/test/resources/golden-stats/weighted-intervals.json
Produced with numpy 2.4.6, statsmodels 0.15.0, scikit-learn 1.9.1, Python 3.11.7:
  /work/pyenv/bin/python tools/make_weighted_interval_golden.py
"""
import json
import pathlib

import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import recall_score
from statsmodels.stats.proportion import proportion_confint

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
rng = np.random.default_rng(2210)

groups, y, p, w = [], [], [], []
for name, n, prev, tpr, fpr, weights in [("A", 90, 0.35, 0.7, 0.1, [1, 2, 3]),
                                         ("B", 140, 0.3, 0.8, 0.2, [1.25, 2, 5, 10]),
                                         ("C", 45, 0.5, 0.6, 0.25, [1, 3])]:
    yy = (rng.random(n) < prev).astype(int)
    pp = (rng.random(n) < np.where(yy == 1, tpr, fpr)).astype(int)
    groups += [name] * n
    y.append(yy)
    p.append(pp)
    w.append(rng.choice(weights, n))
g = np.array(groups)
y, p, w = np.concatenate(y), np.concatenate(p), np.concatenate(w)

RATES = {"recall": (lambda t, q: t == 1, lambda t, q: q == 1),
         "fpr": (lambda t, q: t == 0, lambda t, q: q == 1),
         "selection_rate": (lambda t, q: np.ones_like(t, bool), lambda t, q: q == 1),
         "precision": (lambda t, q: q == 1, lambda t, q: t == 1)}


def kish_wilson(mask, rate):
    den, num = RATES[rate]
    d = mask & den(y, p)
    rate_value = float(np.sum(w[d] * num(y, p)[d]) / np.sum(w[d]))
    n_eff = float(np.sum(w[d]) ** 2 / np.sum(w[d] ** 2))
    lo, hi = proportion_confint(rate_value * n_eff, n_eff, alpha=0.05, method="wilson")
    if rate_value == 0:
        lo = 0.0
    if rate_value == 1:
        hi = 1.0
    return rate_value, float(lo), float(hi)


expected = {}
for name in ["A", "B", "C"]:
    m = g == name
    assert abs(kish_wilson(m, "recall")[0]
               - recall_score(y[m], p[m], sample_weight=w[m])) < 1e-12
for rate in RATES:
    est = {}
    for name in ["A", "B", "C"]:
        est[name] = kish_wilson(g == name, rate)
        expected[f"by_group/{name}/{rate}"] = {"estimate": est[name][0], "interval": list(est[name][1:])}
    o = kish_wilson(np.ones_like(y, bool), rate)
    expected[f"overall/{rate}"] = {"estimate": o[0], "interval": list(o[1:])}
    p0, l0, u0 = est["A"]
    for name in ["B", "C"]:
        p1, l1, u1 = est[name]
        d = p1 - p0
        expected[f"difference/to_reference/{name}/{rate}"] = {
            "estimate": d,
            "interval": [d - np.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2),
                         d + np.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)]}
        g1, g0 = np.log(p1), np.log(p0)
        expected[f"ratio/to_reference/{name}/{rate}"] = {
            "estimate": p1 / p0,
            "interval": [float(np.exp(g1 - g0 - np.sqrt((g1 - np.log(l1)) ** 2 + (np.log(u0) - g0) ** 2))),
                         float(np.exp(g1 - g0 + np.sqrt((np.log(u1) - g1) ** 2 + (g0 - np.log(l0)) ** 2)))]}
(out / "weighted-intervals.json").write_text(json.dumps(
    {"groups": groups, "labels": y.tolist(), "predictions": p.tolist(), "weights": w.tolist(),
     "reference": "A", "confidence": 0.95, "expected": expected}))
print("statsmodels", statsmodels.__version__, "scikit-learn", sklearn.__version__, "numpy", np.__version__,
      len(expected), "intervals")
