#!/usr/bin/env python3
"""Writes examples/tribuo/referrals_synthetic.csv: a small synthetic binary task with a sensitive
column, for the Tribuo example and tests. Standard library only; seeded, so the file is reproducible:

    python3 tools/make_tribuo_demo.py --seed 7 --rows 600 --out examples/tribuo/referrals_synthetic.csv

Rows: two lab features, sex (F/M, metadata, not a feature), age (metadata), label refer/routine.
Built-in group difference: the label of patients aged 60+ depends more on an unobserved factor, so
any model is less accurate for them; women are referred slightly less often at the same features.
"""
import argparse
import math
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rows", type=int, default=600)
    ap.add_argument("--out", default="examples/tribuo/referrals_synthetic.csv")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = ["patient_id,marker_a,marker_b,sex,age,referral"]
    for i in range(a.rows):
        sex = "F" if rng.random() < 0.5 else "M"
        age = rng.randint(18, 95)
        ma = rng.gauss(0.0, 1.0)
        mb = rng.gauss(0.0, 1.0)
        hidden = rng.gauss(0.0, 1.0) * (2.0 if age >= 60 else 0.5)
        z = 1.6 * ma - 1.1 * mb + hidden - (0.4 if sex == "F" else 0.0)
        p = 1.0 / (1.0 + math.exp(-z))
        label = "refer" if rng.random() < p else "routine"
        lines.append(f"P{i:05d},{ma:.4f},{mb:.4f},{sex},{age},{label}")
    with open(a.out, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
