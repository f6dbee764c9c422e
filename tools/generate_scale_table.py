"""Writes a synthetic binary prediction table for scale runs (docs/performance.md).

    /work/pyenv/bin/python tools/generate_scale_table.py ROWS OUT.csv [--groups G] [--seed S] [--weights]

Columns: y_true, y_pred (0/1), score (float, rounded to 6 decimals so ties occur), sex (F/M),
age (0-99, integer), site (S0..S{G-1}); with --weights also w, uniform in [0, 2) at full double
precision (the weighted-sum runs). Written in chunks of 1M rows with NumPy (memory stays
small). Not a test fixture: only the scale runs use it.
"""
import argparse

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("rows", type=int)
    p.add_argument("out")
    p.add_argument("--groups", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--weights", action="store_true")
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    with open(a.out, "w") as f:
        f.write("y_true,y_pred,score,sex,age,site" + (",w\n" if a.weights else "\n"))
        left = a.rows
        while left > 0:
            n = min(left, 1_000_000)
            y = rng.integers(0, 2, n)
            score = np.clip(0.5 * y + rng.normal(0.25, 0.2, n), 0, 1).round(6)
            pred = (score >= 0.5).astype(int)
            sex = np.where(rng.integers(0, 2, n) == 0, "F", "M")
            age = rng.integers(0, 100, n)
            site = rng.integers(0, a.groups, n)
            if a.weights:
                w = (2 * rng.random(n)).tolist()
                lines = [
                    f"{y[i]},{pred[i]},{score[i]},{sex[i]},{age[i]},S{site[i]},{w[i]!r}\n"
                    for i in range(n)
                ]
            else:
                lines = [
                    f"{y[i]},{pred[i]},{score[i]},{sex[i]},{age[i]},S{site[i]}\n"
                    for i in range(n)
                ]
            f.writelines(lines)
            left -= n


if __name__ == "__main__":
    main()
