"""Reference intervals of F1 and balanced accuracy with patient-clustered rows (session 10, h22k).

    /work/pyenv/bin/python tools/make_clustered_composite_golden.py \
        > fairness-core/src/test/resources/golden-stats/clustered_composite_intervals.json

Reads nothing; writes JSON to stdout (numpy, scipy, scikit-learn and statsmodels versions in it).
Each case is a table of rows (group A or B, patient id, true label, prediction) drawn with a fixed
numpy seed; A is the reference. Estimates by scikit-learn (f1_score, balanced_accuracy_score);
Wilson bounds by statsmodels' proportion_confint(method="wilson") at the effective counts, its
level set so that its normal quantile equals Student's t with (clusters - 1) degrees of freedom
(scipy.stats.t.ppf); MOVER and MOVER on the log scale by the functions of
tools/make_composite_interval_golden.py. The effective counts (docs/statistics.md, "Session 10
(h22k)"), computed here from the rows for three ratios x/n: TPR = TP/(TP+FN), TNR = TN/(TN+FP) and
the Jaccard index J = TP/(TP+FP+FN):

- per group the clusters holding rows of the denominator, C of them, with totals (x_i, n_i);
- the design effect pooled over the groups: sum of C/(C-1) * sum_i (x_i - p n_i)^2 over sum of
  n p (1 - p), over the groups with 2 <= C < n and 0 < x < n; at least 1;
- n_eff = n / deff and x_eff = p n_eff, df = C - 1; a group with C == n keeps x, n and the normal
  quantile; at p = 0 or 1, n_eff = min(n, C);
- F1: [2l/(1+l), 2u/(1+u)] from the Wilson interval [l, u] of J; balanced accuracy: MOVER for the
  sum of the TPR and TNR intervals with the correlation r of the two estimates (Zou & Donner 2008:
  sqrt(d1^2 + d2^2 + 2 r d1 d2)), r from the patients' residual totals pooled over the groups and
  clipped to [0, 1] (correlation() below); B - A: MOVER; B / A: MOVER on the log scale (MOVER-R at 0).
"""

import json
import sys

import numpy as np
import scipy
import sklearn
import statsmodels
from scipy import stats
from sklearn.metrics import balanced_accuracy_score, f1_score
from statsmodels.stats.proportion import proportion_confint

from make_composite_interval_golden import mover, mover_ratio

CONFIDENCE = 0.95
# (seed, patients per group, images per patient 1..max, copying probability, {group: (base rate,
# TPR, FPR)}); the last case has clusters of one row (the independent design).
CASES = [
    (1, 110, 4, 0.5, {"A": (0.45, 0.8, 0.15), "B": (0.4, 0.7, 0.2)}),
    (2, 40, 6, 0.7, {"A": (0.35, 0.85, 0.1), "B": (0.5, 0.75, 0.25)}),
    (3, 50, 3, 0.3, {"A": (0.5, 1.0, 0.2), "B": (0.3, 0.9, 0.1)}),  # TPR = 1 in A
    (4, 45, 3, 0.4, {"A": (0.4, 0.8, 0.1), "B": (0.1, 0.0, 0.05)}),  # TP = 0 in B
    (5, 80, 1, 0.0, {"A": (0.4, 0.75, 0.12), "B": (0.45, 0.8, 0.2)}),  # one row per patient
]


def draw(seed, patients, max_images, rho, groups):
    rng = np.random.default_rng(seed)
    rows = []
    for g, (base, tpr, fpr) in groups.items():
        for u in range(patients):
            k = int(rng.integers(1, max_images + 1))
            copy = rng.random() < rho
            first = None
            for _ in range(k):
                y = int(rng.random() < base)
                p = int(rng.random() < (tpr if y else fpr))
                if copy and first is not None:
                    y, p = first
                first = first or (y, p)
                rows.append((g, f"{g}{u}", y, p))
    return rows


PARTS = {
    "tpr": lambda y, p: (y == 1, (y == 1) & (p == 1)),
    "tnr": lambda y, p: (y == 0, (y == 0) & (p == 0)),
    "jaccard": lambda y, p: ((y == 1) | (p == 1), (y == 1) & (p == 1)),
}


def effective(rows, part):
    """Per group (x_eff, n_eff, df, x, n) of one ratio; None where undefined."""
    per = {}
    for g in ("A", "B"):
        r = [t for t in rows if t[0] == g]
        y = np.array([t[2] for t in r])
        p = np.array([t[3] for t in r])
        ids = np.array([t[1] for t in r])
        den, num = PARTS[part](y, p)
        clusters = sorted(set(ids[den]))
        xi = np.array([num[den & (ids == c)].sum() for c in clusters], dtype=float)
        ni = np.array([den[ids == c].sum() for c in clusters], dtype=float)
        per[g] = (xi, ni)
    cv = bv = 0.0
    for xi, ni in per.values():
        x, n, c = xi.sum(), ni.sum(), len(ni)
        if 2 <= c < n and 0 < x < n:
            q = x / n
            cv += c / (c - 1) * np.sum((xi - q * ni) ** 2)
            bv += n * q * (1 - q)
    pooled = max(1.0, cv / bv) if bv > 0 else None
    out = {}
    for g, (xi, ni) in per.items():
        x, n, c = xi.sum(), ni.sum(), len(ni)
        if n == 0 or c < 2:
            out[g] = None
            continue
        if c == n:
            out[g] = (x, n, np.inf, x, n)
            continue
        q = x / n
        if x in (0, n):
            neff = min(n, c)
        elif pooled is not None:
            neff = n / pooled
        else:
            neff = n / max(1.0, c / (c - 1) * np.sum((xi - q * ni) ** 2) / (n * q * (1 - q)))
        out[g] = (q * neff, neff, c - 1.0, x, n)
    return out


def correlation(rows):
    """The correlation of the TPR and TNR estimates over the patients, pooled over the groups: the
    patients' residual totals e1 = TP_i - TPR (TP_i + FN_i), e2 = TN_i - TNR (TN_i + FP_i), each sum
    with C/(C-1), sum e1 e2 / sqrt(sum e1^2 sum e2^2), clipped to [0, 1]."""
    s12 = s11 = s22 = 0.0
    for g in ("A", "B"):
        r = [t for t in rows if t[0] == g]
        ids = sorted(set(t[1] for t in r))
        y = np.array([t[2] for t in r])
        p = np.array([t[3] for t in r])
        if (y == 1).sum() == 0 or (y == 0).sum() == 0 or len(ids) < 2:
            continue
        tpr = ((y == 1) & (p == 1)).sum() / (y == 1).sum()
        tnr = ((y == 0) & (p == 0)).sum() / (y == 0).sum()
        f = len(ids) / (len(ids) - 1)
        for i in ids:
            m = np.array([t[1] == i for t in r])
            e1 = ((y == 1) & (p == 1) & m).sum() - tpr * ((y == 1) & m).sum()
            e2 = ((y == 0) & (p == 0) & m).sum() - tnr * ((y == 0) & m).sum()
            s12, s11, s22 = s12 + f * e1 * e2, s11 + f * e1 * e1, s22 + f * e2 * e2
    return min(1.0, max(0.0, s12 / np.sqrt(s11 * s22))) if s11 > 0 and s22 > 0 else 0.0


def wilson(counts):
    xe, ne, df, x, n = counts
    quantile = stats.t.ppf(1 - (1 - CONFIDENCE) / 2, df)
    alpha = 2 * stats.norm.sf(quantile)  # the level whose normal quantile is this t quantile
    lo, hi = proportion_confint(xe, ne, alpha=alpha, method="wilson")
    return [0.0 if x == 0 else float(lo), 1.0 if x == n else float(hi)]


def mover_sum(d1, d2, r):
    return float(np.sqrt(d1 * d1 + d2 * d2 + 2 * r * d1 * d2))


def golden():
    out = {
        "command": "/work/pyenv/bin/python tools/make_clustered_composite_golden.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "confidence": CONFIDENCE,
        "cases": [],
    }
    for case in CASES:
        rows = draw(*case)
        eff = {part: effective(rows, part) for part in PARTS}
        r = correlation(rows)
        c = {"rows": [list(t) for t in rows], "correlation": r}
        est, iv = {}, {}
        for g in ("A", "B"):
            y = np.array([t[2] for t in rows if t[0] == g])
            p = np.array([t[3] for t in rows if t[0] == g])
            f1 = float(f1_score(y, p, zero_division=0.0))
            ba = float(balanced_accuracy_score(y, p))
            lj, uj = wilson(eff["jaccard"][g])
            l1, u1 = wilson(eff["tpr"][g])
            l2, u2 = wilson(eff["tnr"][g])
            tpr, tnr = eff["tpr"][g][3] / eff["tpr"][g][4], eff["tnr"][g][3] / eff["tnr"][g][4]
            # MOVER for the sum with the correlation (none in a group of independent counts).
            rg = 0.0 if np.isinf(eff["tpr"][g][2]) and np.isinf(eff["tnr"][g][2]) else r
            iv[g] = ([2 * lj / (1 + lj), 2 * uj / (1 + uj)],
                     [max(0.0, ba - mover_sum(tpr - l1, tnr - l2, rg) / 2),
                      min(1.0, ba + mover_sum(u1 - tpr, u2 - tnr, rg) / 2)])
            est[g] = (f1, ba)
            for part in PARTS:
                xe, ne, df, x, n = eff[part][g]
                c[f"{g}_{part}_effective"] = {"x": xe, "n": ne, "df": df if np.isfinite(df) else None,
                                              "wilson": wilson(eff[part][g])}
            c[g + "_f1"] = {"estimate": f1, "interval": iv[g][0]}
            c[g + "_balanced_accuracy"] = {"estimate": ba, "interval": iv[g][1]}
        for k, name in ((0, "f1"), (1, "balanced_accuracy")):
            c["difference_" + name] = {
                "estimate": est["B"][k] - est["A"][k],
                "interval": mover(est["B"][k], iv["B"][k], est["A"][k], iv["A"][k]),
            }
            r = mover_ratio(est["B"][k], iv["B"][k], est["A"][k], iv["A"][k])
            c["ratio_" + name] = None if r is None else {
                "estimate": est["B"][k] / est["A"][k], "interval": r}
        out["cases"].append(c)
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    print()


if __name__ == "__main__":
    golden()
