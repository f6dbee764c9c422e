#!/usr/bin/env python3
"""Reference DeLong values for fairness-core, computed the slow way (every positive against every
negative, O(m*n)) in numpy, AUC cross-checked with scikit-learn's roc_auc_score.

Output: fairness-core/src/test/resources/golden-stats/delong.json with, per case, scores, labels,
auc, variance (S10/m + S01/n, sample variances with ddof 1), and for pairs of independent groups the
difference, its variance (sum), the 95% normal interval and the two-sided p-value.
Produced with numpy 2.x, scipy 1.17.1, scikit-learn 1.9.1, Python 3.11.7:
  /tmp/pyenv/bin/python tools/make_delong_golden.py
"""
import json
import pathlib

import numpy as np
from scipy.stats import norm
from sklearn.metrics import roc_auc_score

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
rng = np.random.default_rng(7)


def delong_slow(scores, labels):
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    psi = (pos[:, None] > neg[None, :]).astype(float) + 0.5 * (pos[:, None] == neg[None, :])
    v10 = psi.mean(axis=1)
    v01 = psi.mean(axis=0)
    auc = psi.mean()
    var = v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg)
    return float(auc), float(var)


cases = []
for n, ties in [(30, False), (200, True), (61, True), (500, False)]:
    labels = (rng.random(n) < 0.4).astype(int)
    labels[0], labels[1] = 1, 0
    scores = rng.normal(labels * 0.8, 1.0)
    if ties:
        scores = np.round(scores, 1)
    auc, var = delong_slow(scores, labels)
    assert abs(auc - roc_auc_score(labels, scores)) < 1e-12
    cases.append({"scores": scores.tolist(), "labels": labels.tolist(), "auc": auc, "variance": var})
pairs = []
for a, b in [(0, 1), (2, 3), (1, 2)]:
    d = cases[a]["auc"] - cases[b]["auc"]
    v = cases[a]["variance"] + cases[b]["variance"]
    z = norm.isf(0.025)
    pairs.append({"a": a, "b": b, "difference": d, "variance": v,
                  "interval95": [d - z * np.sqrt(v), d + z * np.sqrt(v)],
                  "p_value": float(2 * norm.sf(abs(d) / np.sqrt(v)))})
(out / "delong.json").write_text(json.dumps({"cases": cases, "pairs": pairs}))
print([round(c["auc"], 4) for c in cases], [round(p["p_value"], 4) for p in pairs])
