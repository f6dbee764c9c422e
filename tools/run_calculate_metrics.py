#!/usr/bin/env python3
"""Runs the released calculate_metrics.py (mu9enn/fair_analysis_med_clip, commit eafd0c2)
UNMODIFIED on prediction tables in this project's format, and writes its values under this
project's column names (a renaming only) for PaperMetricsGoldenTest.

Per prediction table: a scratch directory gets ./dataset/nih6x200_test.csv (the test CSV the
released code reads: Image Index, Finding Labels, Follow-up #, Patient ID, Patient Age, Patient
Gender, View Position, then the one-hot columns in alphabetical order) and ./output/pred/RUN.npy
(the logit_ columns as float32, as train.py saves the classifier output); then
`python calculate_metrics.py` runs there, and its ./output/metrics/overall_metrics.csv and
group_metrics.csv are read back.

    git -C "$(mirror of github:mu9enn/fair_analysis_med_clip)" show eafd0c2:calculate_metrics.py \
        > /tmp/calculate_metrics.py
    /work/pyenv/bin/python tools/run_calculate_metrics.py --script /tmp/calculate_metrics.py \
        --out fairness-cli/src/test/resources/nih/paper-metrics/released.csv \
        fairness-cli/src/test/resources/nih/paper-metrics/predictions/*.csv
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

CLASSES = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--script", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("tables", nargs="+")
    a = ap.parse_args()
    rows = []
    for table in sorted(a.tables):
        run = os.path.basename(table)[:-4]
        if run == os.path.basename(a.out)[:-4]:
            continue
        p = pd.read_csv(table, dtype={"y_true": str, "sex": str})
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "dataset"))
            os.makedirs(os.path.join(tmp, "output", "pred"))
            os.makedirs(os.path.join(tmp, "output", "metrics"))
            test = pd.DataFrame({
                "Image Index": p["image_id"], "Finding Labels": p["y_true"],
                "Follow-up #": 0, "Patient ID": p["patient_id"], "Patient Age": p["age"],
                "Patient Gender": p["sex"], "View Position": "PA"})
            for c in CLASSES:
                test[c] = (p["y_true"] == c).astype(int)
            test.to_csv(os.path.join(tmp, "dataset", "nih6x200_test.csv"), index=False)
            logits = p[["logit_" + c for c in CLASSES]].to_numpy(dtype=np.float32)
            np.save(os.path.join(tmp, "output", "pred", run + ".npy"), logits)
            shutil.copyfile(a.script, os.path.join(tmp, "calculate_metrics.py"))
            subprocess.run([sys.executable, "-W", "ignore", "calculate_metrics.py"], cwd=tmp,
                           check=True, stdout=subprocess.DEVNULL)
            o = pd.read_csv(os.path.join(tmp, "output", "metrics", "overall_metrics.csv"))
            g = pd.read_csv(os.path.join(tmp, "output", "metrics", "group_metrics.csv"))
        o = o.iloc[0]
        g = g.iloc[0]
        row = {"run": run, "accuracy": o["accuracy"]}
        for c in CLASSES:
            row["F1_" + c] = o[c]
        row["Var_F1"] = o["variance"]
        for ours, theirs in [("young-M", "f1_young_M"), ("young-F", "f1_young_F"),
                             ("old-M", "f1_old_M"), ("old-F", "f1_old_F")]:
            row["F1_" + ours] = g[theirs]
        row["Var_F1_subgroups"] = g["variance"]
        row["dF1_age"] = g["delta_f1_age"]
        row["dF1_gender"] = g["delta_f1_gender"]
        row["EqOdds_age"] = g["eq_odds_age"]
        row["EqOdds_gender"] = g["eq_odds_gender"]
        row["ECE_delta_age"] = g["ECE Difference for Patient Age"]
        row["ECE_delta_gender"] = g["ECE Difference for Patient Gender"]
        rows.append(row)
    out = pd.DataFrame(rows)
    with open(a.out, "w") as f:
        f.write(f"# released calculate_metrics.py (eafd0c2) run unmodified by tools/run_calculate_metrics.py; "
                f"numpy {np.__version__}, pandas {pd.__version__}, "
                f"scikit-learn {__import__('sklearn').__version__}\n")
        out.to_csv(f, index=False, float_format="%.17g")


if __name__ == "__main__":
    main()
