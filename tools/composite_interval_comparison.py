"""Coverage at 95 % of four intervals for a group's F1 and balanced accuracy, on the same tables.

    nice -n 10 /work/pyenv/bin/python tools/composite_interval_comparison.py [TABLES [RESAMPLES]]

(default 4000 tables per cell, 500 resamples; numpy and statsmodels only, seeded.) The candidates of
issue 22 for the composite numbers (docs/statistics.md, "Which interval each number gets"):

- percentile: the bootstrap percentile interval (numpy's linear quantile), what the CLI reported;
- expanded: Hesterberg's (2015) expanded percentile, quantiles at alpha' / 2 with
  alpha' = 2 Phi(-sqrt(n / (n - 1)) t_{alpha/2, n-1}), n the group's rows;
- bootstrap-t: studentized bootstrap with the delta-method SE of each replicate's counts
  (F1: 4 TP (FP+FN)(TP+FP+FN) / (2TP+FP+FN)^4; balanced accuracy: (TPR(1-TPR)/P + TNR(1-TNR)/N) / 4);
- score (the one chosen): Wilson on the Jaccard index J = TP/(TP+FP+FN) mapped by F1 = 2J/(1+J), and MOVER from the
  Wilson intervals of TPR and TNR for balanced accuracy (statsmodels' Wilson).

The last column checks the delta-method SE (at the true shares) against the SD of the estimates
over the simulated tables. Tables are multinomial over {TP, FN, FP, TN} with the group's cell shares (as CoverageStudy draws
its rows); the bootstrap resamples the group's rows (a multinomial at the observed shares).
"""

import sys

import numpy as np
import statsmodels
from scipy.stats import norm, t as student_t
from statsmodels.stats.proportion import proportion_confint

CELLS = [  # rows, base rate, TPR, FPR (group A of the settings named)
    (80, 0.6, 0.72, 0.30),  # fresh "three groups 80/160/240"
    (150, 0.35, 0.80, 0.10),  # extended "null, four groups"
    (200, 0.4, 0.75, 0.12),  # main "null"
    (60, 0.5, 0.80, 0.20),  # fresh "base rate 0.5, 60 vs 120"
    (300, 0.3, 0.70, 0.10),  # main "independent"
]


def f1(c):
    return 2 * c[..., 0] / (2 * c[..., 0] + c[..., 1] + c[..., 2])


def ba(c):
    return (c[..., 0] / (c[..., 0] + c[..., 1]) + c[..., 3] / (c[..., 3] + c[..., 2])) / 2


def se_f1(c):
    tp, fn, fp = c[..., 0], c[..., 1], c[..., 2]
    d = 2 * tp + fp + fn
    return np.sqrt(4 * tp * (fp + fn) * (tp + fp + fn) / d**4)


def se_ba(c):
    tp, fn, fp, tn = c[..., 0], c[..., 1], c[..., 2], c[..., 3]
    a, b = tp / (tp + fn), tn / (tn + fp)
    return np.sqrt((a * (1 - a) / (tp + fn) + b * (1 - b) / (tn + fp)) / 4)


def score(c, metric):
    tp, fn, fp, tn = c
    if metric == "f1":
        lo, hi = proportion_confint(tp, tp + fp + fn, alpha=0.05, method="wilson")
        return 2 * lo / (1 + lo), 2 * hi / (1 + hi)
    a, b = tp / (tp + fn), tn / (tn + fp)
    l1, u1 = proportion_confint(tp, tp + fn, alpha=0.05, method="wilson")
    l2, u2 = proportion_confint(tn, tn + fp, alpha=0.05, method="wilson")
    e = (a + b) / 2
    return e - np.hypot(a - l1, b - l2) / 2, e + np.hypot(u1 - a, u2 - b) / 2


def main():
    tables = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    resamples = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    rng = np.random.default_rng(2201)
    print(f"numpy {np.__version__}, statsmodels {statsmodels.__version__}; {tables} tables, "
          f"{resamples} resamples; coverage at 95 % (SE about {np.sqrt(0.95 * 0.05 / tables):.4f})")
    print("| group (rows, base rate, TPR, FPR) | number | percentile | expanded | bootstrap-t | score "
          "| delta SE at the truth / SD over the tables |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for n, pi, tpr, fpr in CELLS:
        p = np.array([pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr)])
        truth = {"f1": f1(p), "balanced_accuracy": ba(p)}
        alpha_x = 2 * norm.cdf(-np.sqrt(n / (n - 1)) * student_t.ppf(0.975, n - 1))
        hits = {m: np.zeros(4) for m in truth}
        estimates = {m: [] for m in truth}
        delta = {"f1": se_f1(n * p), "balanced_accuracy": se_ba(n * p)}
        for _ in range(tables):
            c = rng.multinomial(n, p).astype(float)
            boot = rng.multinomial(n, c / n, size=resamples).astype(float)
            for m, fn, se in (("f1", f1, se_f1), ("balanced_accuracy", ba, se_ba)):
                est, s0 = fn(c), se(c)
                estimates[m].append(est)
                with np.errstate(divide="ignore", invalid="ignore"):
                    th = fn(boot)
                    tt = (th - est) / se(boot)
                th = th[np.isfinite(th)]
                tt = tt[np.isfinite(tt)]
                ivs = [
                    np.quantile(th, [0.025, 0.975]),
                    np.quantile(th, [alpha_x / 2, 1 - alpha_x / 2]),
                    (est - np.quantile(tt, 0.975) * s0, est - np.quantile(tt, 0.025) * s0),
                    score(c, m),
                ]
                for k, (lo, hi) in enumerate(ivs):
                    hits[m][k] += lo <= truth[m] <= hi
        for m in truth:
            cov = " | ".join(f"{h / tables:.3f}" for h in hits[m])
            ratio = delta[m] / np.std(estimates[m])
            print(f"| ({n}, {pi}, {tpr}, {fpr}) | {m} | {cov} | {ratio:.3f} |")


if __name__ == "__main__":
    main()
