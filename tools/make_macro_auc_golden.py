#!/usr/bin/env python3
"""Reference one-vs-rest macro ROC AUC by group (scikit-learn roc_auc_score(multi_class="ovr",
average="macro"), sklearn 1.9.1, numpy default_rng(7)) on a seeded 3-class table with ties, and the
group whose rows lack class "c" (undefined: sklearn raises). Also weighted (sample_weight).
Output: fairness-core/src/test/resources/golden-stats/macro_auc.json
  /tmp/pyenv/bin/python tools/make_macro_auc_golden.py
"""
import json
import pathlib

import numpy as np
from sklearn.metrics import roc_auc_score

root = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources"
rng = np.random.default_rng(7)
n = 400
labels = np.array(["a", "b", "c"])
group = rng.choice(["g1", "g2", "g3"], size=n)
y = rng.integers(0, 3, size=n)
y[group == "g3"] = rng.integers(0, 2, size=(group == "g3").sum())  # g3 has no "c"
logits = rng.normal(size=(n, 3)) + 1.2 * np.eye(3)[y]
p = np.exp(logits)
p = np.round(p / p.sum(axis=1, keepdims=True), 2)  # ties
p[:, 2] = np.round(1 - p[:, 0] - p[:, 1], 2)
w = np.round(rng.uniform(0.5, 2.0, size=n), 1)
yp = p.argmax(axis=1)


def macro(mask, weights=None):
    if len(np.unique(y[mask])) < 3:
        return None
    return float(roc_auc_score(y[mask], p[mask], multi_class="ovr", average="macro",
                               sample_weight=None if weights is None else weights[mask]))


all_rows = np.ones(n, dtype=bool)
out = {
    "rows": [{"group": g, "y_true": labels[t], "y_pred": labels[q], "a": float(r[0]), "b": float(r[1]),
              "c": float(r[2]), "w": float(ww)} for g, t, q, r, ww in zip(group, y, yp, p, w)],
    "overall": macro(all_rows),
    "by_group": {g: macro(group == g) for g in ["g1", "g2", "g3"]},
    "overall_weighted": macro(all_rows, w),
    "by_group_weighted": {g: macro(group == g, w) for g in ["g1", "g2", "g3"]},
}
(root / "golden-stats/macro_auc.json").write_text(json.dumps(out))
print(out["overall"], out["by_group"], out["overall_weighted"])
