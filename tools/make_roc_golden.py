#!/usr/bin/env python3
"""Reference ROC curves (scikit-learn 1.9.1 roc_curve, drop_intermediate=False) for the first 300
rows of the golden binary table, and the thresholds that maximise F1 and Youden's J on them.
Output: fairness-core/src/test/resources/golden-stats/roc.json
  /tmp/pyenv/bin/python tools/make_roc_golden.py
"""
import json
import pathlib

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, roc_curve

root = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources"
df = pd.read_csv(root / "golden/bin_10k.csv").head(300)
df["score"] = df["score"].round(2)  # ties
y, s = df["y_true"].to_numpy(), df["score"].to_numpy()
fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
cands = np.unique(s)
f1 = [f1_score(y, (s >= t).astype(int)) for t in cands]
youden = [((s >= t) & (y == 1)).sum() / (y == 1).sum() - ((s >= t) & (y == 0)).sum() / (y == 0).sum()
          for t in cands]
out = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": [str(t) if np.isinf(t) else t for t in thr],
       "max_f1_threshold": float(cands[int(np.argmax(f1))]), "max_f1": float(max(f1)),
       "youden_threshold": float(cands[int(np.argmax(youden))])}
(root / "golden-stats/roc.json").write_text(json.dumps(out))
print(len(fpr), out["max_f1_threshold"], out["youden_threshold"], out["thresholds"][:3])
