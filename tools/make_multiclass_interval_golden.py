"""Reference intervals of multiclass accuracy, macro recall and macro precision (session 10, h22x).

    /work/pyenv/bin/python tools/make_multiclass_interval_golden.py \
        > fairness-core/src/test/resources/golden-stats/multiclass_intervals.json

Reads nothing; writes JSON to stdout (numpy, scikit-learn, statsmodels and scipy versions recorded
in it). Each case is two groups' 3x3 confusion matrices [true][predicted] (A is the reference). The
estimates come from scikit-learn (accuracy_score, recall_score and precision_score with
average="macro", balanced_accuracy_score) on the rows the counts stand for. The intervals:

- accuracy x/n (x the diagonal): statsmodels' proportion_confint(method="wilson") as Brown, Cai &
  DasGupta's modified Wilson interval (for x = 1..x*, x* = 2 for n <= 50 else 3, the lower bound is
  scipy's chi2.ppf(0.05, 2x)/(2n), symmetrically the upper; as tools/make_composite_interval_golden.py);
  its difference B - A: the Miettinen-Nurminen interval of tools/mn_reference.py (scipy's
  numerical restricted maximum likelihood and brentq; statsmodels 0.15.0's method="score" has a
  wrong cubic coefficient, tools/statsmodels_mn_check.py);
- macro recall (1/K) sum x_k/n_k over the true classes, macro precision over the predicted classes:
  MOVER for a sum of K independent proportions (Zou & Donner 2008) from the K modified Wilson
  intervals, mean -/+ sqrt(sum (r_k - l_k)^2)/K and sqrt(sum (u_k - r_k)^2)/K;
- their differences B - A: MOVER from the two groups' intervals; ratios B / A: MOVER on the log
  scale.
"""

import json

import numpy as np
import scipy
import sklearn
import statsmodels
from scipy import stats
from sklearn.metrics import accuracy_score, balanced_accuracy_score, precision_score, recall_score
from statsmodels.stats.proportion import proportion_confint

import mn_reference

CASES = [
    ([[40, 8, 2], [6, 30, 4], [3, 5, 22]], [[60, 15, 5], [10, 50, 10], [4, 6, 40]]),
    ([[25, 4, 1], [5, 12, 3], [1, 2, 7]], [[90, 10, 5], [12, 70, 8], [6, 9, 60]]),
    ([[100, 0, 0], [0, 80, 2], [1, 0, 30]], [[45, 20, 10], [15, 40, 20], [10, 15, 50]]),
]


def modified_wilson(x, n):
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    xs = 2 if n <= 50 else 3
    if 1 <= x <= xs:
        lo = stats.chi2.ppf(0.05, 2 * x) / (2 * n)
    if 1 <= n - x <= xs:
        hi = 1 - stats.chi2.ppf(0.05, 2 * (n - x)) / (2 * n)
    return float(lo), float(hi)


def rows(m):
    y, p = [], []
    for t in range(3):
        for q in range(3):
            y += [t] * m[t][q]
            p += [q] * m[t][q]
    return np.array(y), np.array(p)


def macro(m, columns):
    m = np.array(m)
    rates, below, above = [], 0.0, 0.0
    for k in range(3):
        x = int(m[k, k])
        n = int(m[:, k].sum() if columns else m[k, :].sum())
        lo, hi = modified_wilson(x, n)
        r = x / n
        rates.append(r)
        below += (r - lo) ** 2
        above += (hi - r) ** 2
    mean = float(np.mean(rates))
    return mean, [max(0.0, mean - np.sqrt(below) / 3), min(1.0, mean + np.sqrt(above) / 3)]


def mover(e1, i1, e0, i0):
    d = e1 - e0
    return [max(-1.0, d - np.hypot(e1 - i1[0], i0[1] - e0)),
            min(1.0, d + np.hypot(i1[1] - e1, e0 - i0[0]))]


def mover_ratio(e1, i1, e0, i0):
    g1, g0 = np.log(e1), np.log(e0)
    lo = g1 - g0 - np.hypot(g1 - np.log(i1[0]), np.log(i0[1]) - g0)
    hi = g1 - g0 + np.hypot(np.log(i1[1]) - g1, g0 - np.log(i0[0]))
    return [float(np.exp(lo)), float(np.exp(hi))]


def main():
    out = {
        "command": "/work/pyenv/bin/python tools/make_multiclass_interval_golden.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "statsmodels": statsmodels.__version__,
        "cases": [],
    }
    for a, b in CASES:
        case = {"A": a, "B": b}
        est = {}
        for name, m in (("A", a), ("B", b)):
            y, p = rows(m)
            acc = float(accuracy_score(y, p))
            x, n = int(np.trace(np.array(m))), int(np.sum(m))
            rec = float(recall_score(y, p, average="macro"))
            prec = float(precision_score(y, p, average="macro"))
            mr, ir = macro(m, False)
            mp, ip = macro(m, True)
            assert abs(mr - rec) < 1e-12 and abs(mp - prec) < 1e-12
            assert abs(float(balanced_accuracy_score(y, p)) - rec) < 1e-12
            est[name] = {"accuracy": (acc, list(modified_wilson(x, n)), x, n),
                         "macro_recall": (rec, ir), "macro_precision": (prec, ip)}
            for k, v in est[name].items():
                case[name + "_" + k] = {"estimate": v[0], "interval": list(v[1])}
        xa, na = est["A"]["accuracy"][2:]
        xb, nb = est["B"]["accuracy"][2:]
        lo, hi = mn_reference.miettinen_nurminen(xb, nb, xa, na, 0.95)
        case["difference_accuracy"] = {"estimate": xb / nb - xa / na,
                                       "interval": [float(lo), float(hi)]}
        for k in ("macro_recall", "macro_precision"):
            e1, i1 = est["B"][k]
            e0, i0 = est["A"][k]
            case["difference_" + k] = {"estimate": e1 - e0, "interval": mover(e1, i1, e0, i0)}
            case["ratio_" + k] = {"estimate": e1 / e0, "interval": mover_ratio(e1, i1, e0, i0)}
        out["cases"].append(case)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
