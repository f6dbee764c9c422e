"""Simulated coverage of the score interval of the one-vs-rest macro AUC (session 10, h22x;
fairness-core's MacroAucIntervals, docs/coverage-study.md, "Session 10 (h22x)").

    /work/pyenv/bin/python tools/macro_auc_delong_mc.py [TABLES]   (default 4000, seed 7351)
    /work/pyenv/bin/python tools/macro_auc_delong_mc.py --designs [TABLES]   (two-group settings)
    /work/pyenv/bin/python tools/macro_auc_delong_mc.py --golden \
        > fairness-core/src/test/resources/golden-stats/macro_auc_intervals.json

One group of n rows of the scored three-class design of fairness-benchmarks CoverageClassScores:
true class k with prior[k], one score per class s_k = shift_k + N(0, 1) on class k's rows and N(0, 1)
on the others, so the OvR AUC of class k is Phi(shift_k / sqrt 2) and the macro AUC their mean. The
interval: the macro AUC M = (1/K) sum_k A_k with the variance of its influence function over rows
(DeLong's structural components: row r adds (V10_k(r) - A_k)/m_k to A_k where it is of class k and
(V01_k(r) - A_k)/n_k where not, V10 / V01 its placement values from scipy's rankdata midranks),
Var(M) = N/(N - 1) * sum_r phi_r^2 with phi_r = (1/K) sum_k, on the logit scale with Student's t at
min_k min(m_k, n_k) - 1 degrees of freedom (as AucIntervals for one AUC). A_k is checked against
scikit-learn's roc_auc_score on every 100th table.

--golden writes reference values for fairness-core's MacroAucIntervals (MacroAucIntervalsGoldenTest):
four tables of one group, scores softmax-normalised per row (so that scikit-learn's
roc_auc_score(y, scores, multi_class="ovr", average="macro") gives the estimate), two of them rounded
to one decimal (ties), with this script's interval (placements from scipy's rankdata midranks, the t
quantile from scipy).
"""
import sys

import numpy as np
from scipy import stats
from scipy.stats import rankdata
from sklearn.metrics import roc_auc_score

SETTINGS = [
    ("200 rows, balanced, shifts 1.0/1.2/1.4", 200, [1 / 3] * 3, [1.0, 1.2, 1.4]),
    ("120 rows, 0.5/0.3/0.2, shifts 1.2/1.0/2.0", 120, [0.5, 0.3, 0.2], [1.2, 1.0, 2.0]),
    ("66 rows, balanced, shifts 1.0/1.2/1.4", 66, [1 / 3] * 3, [1.0, 1.2, 1.4]),
    ("300 rows, balanced, shifts 1.4/1.6/1.6", 300, [1 / 3] * 3, [1.4, 1.6, 1.6]),
    ("150 rows, 0.6/0.3/0.1, shifts 1.2/1.0/2.0", 150, [0.6, 0.3, 0.1], [1.2, 1.0, 2.0]),
]


def macro_interval(y, s, check):
    n, k = s.shape
    phi = np.zeros(n)
    aucs, dfs = [], []
    for c in range(k):
        pos = y == c
        m, q = pos.sum(), (~pos).sum()
        if m < 2 or q < 2:
            return None
        r_all = rankdata(s[:, c])
        r_pos = rankdata(s[pos, c])
        r_neg = rankdata(s[~pos, c])
        v10 = (r_all[pos] - r_pos) / q  # share of negatives below each positive (ties half)
        v01 = 1 - (r_all[~pos] - r_neg) / m  # share of positives above each negative
        a = v10.mean()
        if check:
            assert abs(a - roc_auc_score(pos, s[:, c])) < 1e-12
        aucs.append(a)
        dfs.append(min(m, q) - 1)
        phi[pos] += (v10 - a) / m / k
        phi[~pos] += (v01 - a) / q / k
    mean = float(np.mean(aucs))
    if mean <= 0 or mean >= 1:
        return None
    var = n / (n - 1) * np.sum(phi ** 2)
    t = stats.t.ppf(0.975, min(dfs))
    g = np.log(mean / (1 - mean))
    h = t * np.sqrt(var) / (mean * (1 - mean))
    return mean, 1 / (1 + np.exp(-(g - h))), 1 / (1 + np.exp(-(g + h)))


DESIGNS = [
    ("balanced classes, 200 vs 300", (200, [1 / 3] * 3, [1.0, 1.2, 1.4]), (300, [1 / 3] * 3, [1.4, 1.6, 1.6])),
    ("classes 0.5/0.3/0.2, 120 vs 150", (120, [0.5, 0.3, 0.2], [1.2, 1.0, 2.0]), (150, [0.5, 0.3, 0.2], [1.2, 1.0, 2.0])),
    ("null, balanced, 66 vs 90", (66, [1 / 3] * 3, [1.0, 1.2, 1.4]), (90, [1 / 3] * 3, [1.0, 1.2, 1.4])),
]


def draw(rng, n, prior, shifts):
    y = rng.choice(3, size=n, p=prior)
    s = rng.standard_normal((n, 3))
    s[np.arange(n), y] += np.array(shifts)[y]
    return y, s


def designs(tables):
    """The two-group settings of CoverageClassScores: A, overall, B - A and B / A (MOVER)."""
    rng = np.random.default_rng(7351)
    print(f"coverage at 95 %, {tables} tables per setting\n")
    print("| setting | A | overall | B - A | B / A |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b in DESIGNS:
        ta = float(np.mean(stats.norm.cdf(np.array(a[2]) / np.sqrt(2))))
        tb = float(np.mean(stats.norm.cdf(np.array(b[2]) / np.sqrt(2))))
        w = [[g[0] * g[1][c] for g in (a, b)] for c in range(3)]
        to = float(np.mean([(w[c][0] * stats.norm.cdf(a[2][c] / np.sqrt(2))
                              + w[c][1] * stats.norm.cdf(b[2][c] / np.sqrt(2))) / sum(w[c])
                             for c in range(3)]))
        hits = np.zeros(4)
        done = 0
        for _ in range(tables):
            ya, sa = draw(rng, *a)
            yb, sb = draw(rng, *b)
            ia, ib = macro_interval(ya, sa, False), macro_interval(yb, sb, False)
            io = macro_interval(np.concatenate([ya, yb]), np.vstack([sa, sb]), False)
            if ia is None or ib is None or io is None:
                continue
            done += 1
            d = ib[0] - ia[0]
            dl = d - np.hypot(ib[0] - ib[1], ia[2] - ia[0])
            dh = d + np.hypot(ib[2] - ib[0], ia[0] - ia[1])
            g1, g0 = np.log(ib[0]), np.log(ia[0])
            rl = np.exp(g1 - g0 - np.hypot(g1 - np.log(ib[1]), np.log(ia[2]) - g0))
            rh = np.exp(g1 - g0 + np.hypot(np.log(ib[2]) - g1, g0 - np.log(ia[1])))
            hits += [ia[1] <= ta <= ia[2], io[1] <= to <= io[2], dl <= tb - ta <= dh,
                     rl <= tb / ta <= rh]
        c = hits / done
        print(f"| {name} | {c[0]:.3f} | {c[1]:.3f} | {c[2]:.3f} | {c[3]:.3f} |")


def golden():
    import json

    import scipy
    import sklearn
    rng = np.random.default_rng(2201)
    out = {"command": "/work/pyenv/bin/python tools/macro_auc_delong_mc.py --golden",
           "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
           "cases": []}
    for n, prior, shifts, decimals in ((60, [0.4, 0.35, 0.25], [1.0, 0.8, 1.5], None),
                                       (150, [0.6, 0.3, 0.1], [1.2, 1.0, 2.0], None),
                                       (80, [1 / 3] * 3, [1.0, 1.2, 1.4], 1),
                                       (40, [0.5, 0.3, 0.2], [0.5, 0.7, 1.0], 1)):
        y = rng.choice(3, size=n, p=prior)
        s = rng.standard_normal((n, 3))
        s[np.arange(n), y] += np.array(shifts)[y]
        s = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
        if decimals is not None:
            s = np.round(s, decimals)
            s = s / s.sum(axis=1, keepdims=True)
        est = float(roc_auc_score(y, s, multi_class="ovr", average="macro"))
        m, lo, hi = macro_interval(y, s, True)
        assert abs(m - est) < 1e-12
        out["cases"].append({"labels": y.tolist(), "scores": s.tolist(), "estimate": est,
                             "interval": [float(lo), float(hi)]})
    print(json.dumps(out))


def main():
    if "--golden" in sys.argv:
        golden()
        return
    if "--designs" in sys.argv:
        args = [a for a in sys.argv[1:] if a != "--designs"]
        designs(int(args[0]) if args else 4000)
        return
    tables = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = np.random.default_rng(7351)
    print(f"coverage at 95 %, {tables} tables per setting\n")
    print("| group | true macro AUC | influence-function logit-t interval |")
    print("|---|---:|---:|")
    for name, n, prior, shifts in SETTINGS:
        truth = float(np.mean(stats.norm.cdf(np.array(shifts) / np.sqrt(2))))
        hit = done = 0
        for t in range(tables):
            y = rng.choice(3, size=n, p=prior)
            s = rng.standard_normal((n, 3))
            s[np.arange(n), y] += np.array(shifts)[y]
            r = macro_interval(y, s, t % 100 == 0)
            if r is None:
                continue
            done += 1
            hit += r[1] <= truth <= r[2]
        print(f"| {name} | {truth:.3f} | {hit / done:.3f} |")


if __name__ == "__main__":
    main()
