#!/usr/bin/env python3
"""Reference values of the analytic ROC AUC intervals of `metrics --bootstrap --bootstrap-scores`
(fairness-core AucIntervals): per group and overall, DeLong's variance on the logit scale with
Student's t quantile (min(positives, negatives) - 1 degrees of freedom); a group's signed difference
to the reference group and its ratio, MOVER (log scale for the ratio) from the two logit intervals. The AUC is scikit-learn's roc_auc_score; the variance is DeLong's definition
computed the slow way (every positive against every negative, as tools/make_delong_golden.py);
the intervals are numpy/scipy arithmetic on those.

Output: fairness-core/src/test/resources/golden-stats/auc-intervals.json
Produced with numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1, Python 3.11.7:
  /work/pyenv/bin/python tools/make_auc_interval_golden.py
"""
import json
import pathlib

import numpy as np
import sklearn
from scipy.stats import t as student
from sklearn.metrics import roc_auc_score

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
rng = np.random.default_rng(22)


def delong_variance(scores, labels):
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    psi = (pos[:, None] > neg[None, :]).astype(float) + 0.5 * (pos[:, None] == neg[None, :])
    return float(psi.mean(axis=1).var(ddof=1) / len(pos) + psi.mean(axis=0).var(ddof=1) / len(neg))


def logit_interval(auc, var, labels):
    q = student.isf(0.025, min(labels.sum(), len(labels) - labels.sum()) - 1)
    l = np.log(auc / (1 - auc))
    half = q * np.sqrt(var) / (auc * (1 - auc))
    return [float(1 / (1 + np.exp(-(l - half)))), float(1 / (1 + np.exp(-(l + half))))]


groups, scores, labels = [], [], []
for name, n, prev, shift, ties in [("A", 80, 0.3, 1.0, True), ("B", 150, 0.2, 1.6, False),
                                   ("C", 40, 0.4, 0.5, True)]:
    y = (rng.random(n) < prev).astype(int)
    y[0], y[1], y[2], y[3] = 1, 1, 0, 0
    s = rng.normal(y * shift, 1.0)
    if ties:
        s = np.round(s, 1)
    groups += [name] * n
    scores.append(s)
    labels.append(y)
g = np.array(groups)
s = np.concatenate(scores)
y = np.concatenate(labels)

expected = {}
est = {}
for name in ["A", "B", "C"]:
    m = g == name
    auc = float(roc_auc_score(y[m], s[m]))
    var = delong_variance(s[m], y[m])
    est[name] = (auc, *logit_interval(auc, var, y[m]))
    expected[f"by_group/{name}/roc_auc"] = {"estimate": auc, "interval": list(est[name][1:])}
auc = float(roc_auc_score(y, s))
expected["overall/roc_auc"] = {"estimate": auc, "interval": logit_interval(auc, delong_variance(s, y), y)}
a, la, ua = est["A"]
for name in ["B", "C"]:
    b, lb, ub = est[name]
    d = b - a
    expected[f"difference/to_reference/{name}/roc_auc"] = {
        "estimate": d,
        "interval": [d - np.sqrt((b - lb) ** 2 + (ua - a) ** 2), d + np.sqrt((ub - b) ** 2 + (a - la) ** 2)]}
    g1, g0 = np.log(b), np.log(a)
    expected[f"ratio/to_reference/{name}/roc_auc"] = {
        "estimate": b / a,
        "interval": [float(np.exp(g1 - g0 - np.sqrt((g1 - np.log(lb)) ** 2 + (np.log(ua) - g0) ** 2))),
                     float(np.exp(g1 - g0 + np.sqrt((np.log(ub) - g1) ** 2 + (g0 - np.log(la)) ** 2)))]}
(out / "auc-intervals.json").write_text(json.dumps(
    {"groups": groups, "scores": s.tolist(), "labels": y.tolist(), "reference": "A",
     "confidence": 0.95, "expected": expected}))
print("scikit-learn", sklearn.__version__, "numpy", np.__version__,
      {k: [round(x, 4) for x in v["interval"]] for k, v in expected.items()})
