#!/usr/bin/env python3
"""Reference calibration values by group on the golden binary table (bin_10k.csv, sex).

Brier and log loss from scikit-learn 1.9.1 (brier_score_loss, log_loss); ECE/MCE with 10 equal-width
bins (bin = min(floor(p*10), 9)) and 10 equal-mass bins (scores sorted, numpy.array_split) computed
here in numpy as the plain definition: sum over bins of (n_b/N)*|mean(y) - mean(p)|, MCE the max.
Output: fairness-core/src/test/resources/golden-stats/calibration.json
  /tmp/pyenv/bin/python tools/make_calibration_golden.py   (numpy, pandas, scikit-learn)
"""
import json
import pathlib

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, log_loss

root = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources"
df = pd.read_csv(root / "golden/bin_10k.csv")


def ece(p, y, bins, mass):
    if mass:
        order = np.argsort(p, kind="stable")
        parts = np.array_split(order, bins)
    else:
        idx = np.minimum((p * bins).astype(int), bins - 1)
        parts = [np.where(idx == b)[0] for b in range(bins)]
    gaps = [(len(i), abs(y[i].mean() - p[i].mean())) for i in parts if len(i) > 0]
    n = sum(c for c, _ in gaps)
    return float(sum(c / n * g for c, g in gaps)), float(max(g for _, g in gaps))


res = {}
for name, g in [("overall", df)] + [(k, v) for k, v in df.groupby("sex")]:
    p = g["score"].to_numpy()
    y = g["y_true"].to_numpy()
    e_w, m_w = ece(p, y, 10, False)
    e_m, m_m = ece(p, y, 10, True)
    res[name] = {"brier": float(brier_score_loss(y, p)), "log_loss": float(log_loss(y, p, labels=[0, 1])),
                 "ece_width": e_w, "mce_width": m_w, "ece_mass": e_m, "mce_mass": m_m}
(root / "golden-stats/calibration.json").write_text(json.dumps(res, indent=1))
print(res["F"])
