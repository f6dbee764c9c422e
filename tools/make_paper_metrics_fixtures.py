#!/usr/bin/env python3
"""Synthetic prediction tables in the format `fairness study` writes
(image_id,y_true,y_pred,score_<class>...,logit_<class>...,sex,age,age_group,patient_id) for the
golden test of the faithful paper metrics (PaperMetricsGoldenTest). Seeded numpy.

    /work/pyenv/bin/python tools/make_paper_metrics_fixtures.py \
        --test-split fairness-cli/src/test/resources/nih/authors/demo/nih6x200_test.csv \
        --out fairness-cli/src/test/resources/nih/paper-metrics/predictions
"""
import argparse
import os

import numpy as np
import pandas as pd

CLASSES = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]


def write(path, y, logits, ages, sexes):
    logits = logits.astype(np.float32)
    z = logits.astype(np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    rows = []
    for i in range(len(y)):
        r = {"image_id": f"{i:08d}_000.png", "y_true": CLASSES[y[i]],
             "y_pred": CLASSES[int(np.argmax(p[i]))]}
        for c, name in enumerate(CLASSES):
            r["score_" + name] = repr(float(p[i, c]))
        for c, name in enumerate(CLASSES):
            r["logit_" + name] = repr(float(logits[i, c]))
        r["sex"] = sexes[i]
        r["age"] = int(ages[i])
        r["age_group"] = "young" if ages[i] < 60 else "old"
        r["patient_id"] = str(i)
        rows.append(r)
    pd.DataFrame(rows).to_csv(path, index=False)


def logits_for(rng, y, signal, scale=1.5):
    z = rng.normal(0, scale, size=(len(y), 6))
    z[np.arange(len(y)), y] += signal
    return z


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--test-split", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(15)
    t = pd.read_csv(a.test_split)
    y = np.array([CLASSES.index(f) for f in t["Finding Labels"]])
    ages = t["Patient Age"].to_numpy()
    sexes = t["Patient Gender"].tolist()
    # 1. the demo's test split (240 images), a fair model
    write(os.path.join(a.out, "demo__good.csv"), y, logits_for(rng, y, 3.0), ages, sexes)
    # 2. same images, a weak model that is worse for old women
    z = logits_for(rng, y, 1.5)
    worse = (ages >= 60) & (np.array(sexes) == "F")
    z[worse] = rng.normal(0, 1.5, size=(worse.sum(), 6))
    write(os.path.join(a.out, "demo__weak.csv"), y, z, ages, sexes)
    # 3. ages at the boundaries (0, 59, 60, 61, 100, 150, 151) and a class never predicted
    n = 120
    y3 = np.arange(n) % 6
    ages3 = rng.choice([0, 20, 59, 60, 61, 75, 100, 150, 151], size=n)
    sex3 = list(rng.choice(["M", "F"], size=n))
    z3 = logits_for(rng, y3, 2.5)
    z3[:, 3] -= 100  # Edema never predicted
    z3[y3 == 3, 4] += 5
    write(os.path.join(a.out, "edges__never-edema.csv"), y3, z3, ages3, sex3)
    # 4. small: a subgroup lacks classes (F1 over the labels present), logits of large magnitude
    n = 36
    y4 = np.arange(n) % 6
    ages4 = np.where(np.arange(n) < 18, 30, 70)
    sex4 = ["M" if i % 3 else "F" for i in range(n)]
    z4 = logits_for(rng, y4, 6.0, scale=4.0) * 3
    write(os.path.join(a.out, "small__subgroups.csv"), y4, z4, ages4, sex4)


if __name__ == "__main__":
    main()
