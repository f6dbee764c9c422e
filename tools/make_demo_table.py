#!/usr/bin/env python3
"""Writes examples/demo/nih_6x200_synthetic_test.csv: a synthetic stand-in for the test split of the
NIH ChestX-ray14 "6x200" protocol (6 diseases x 2 age groups x 2 sexes x 10 images = 240 rows).

No real images or model are involved: true labels follow the protocol's cell layout and the
classifier's softmax scores are drawn so that accuracy differs by subgroup (older patients and women
a little worse), which is what the demo report should reveal. Deterministic (seed 20250131).

Usage: python3 tools/make_demo_table.py   (numpy only)
"""
import csv
import pathlib

import numpy as np

CLASSES = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]
rng = np.random.default_rng(20250131)
rows = []
image = 0
for k, disease in enumerate(CLASSES):
    for age_group in ("young", "old"):
        for sex in ("M", "F"):
            for _ in range(10):
                age = int(rng.integers(18, 60)) if age_group == "young" else int(rng.integers(60, 95))
                signal = 2.2 - (0.6 if age_group == "old" else 0.0) - (0.3 if sex == "F" else 0.0)
                logits = rng.normal(0.0, 1.0, size=len(CLASSES))
                logits[k] += signal
                p = np.exp(logits - logits.max())
                p /= p.sum()
                image += 1
                rows.append([f"{image:08d}_000.png", disease, k, int(np.argmax(p))]
                            + [f"{x:.6f}" for x in p] + [sex, age])
out = pathlib.Path(__file__).resolve().parent.parent / "examples/demo/nih_6x200_synthetic_test.csv"
with out.open("w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["image_id", "disease", "y_true", "y_pred"] + [f"score_{i}" for i in range(6)]
               + ["sex", "age"])
    w.writerows(rows)
print(f"wrote {len(rows)} rows to {out}")
