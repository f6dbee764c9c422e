#!/usr/bin/env python3
"""Exact coverage of a group's F1 and balanced-accuracy intervals CONDITIONAL on a small-count
warning rule (issue 22, session 10, h22s). No simulation.

Group A (n_A rows; prevalence, TPR, FPR) has the interval; the other groups together ("B", n_B rows,
one multinomial: the same rates in every other group, or one other group) enter only through the
rule, which reads the confusion cells pooled over all groups, as `SmallCounts` does. Every table of
A (positives P ~ Bin(n_A, prevalence), TP | P, TN | P binomial; tails below 1e-12 cut) is enumerated;
for each, the probability that the rule leaves it unwarned is read off the 4-d distribution of B's
cells (clipped at the threshold, reverse-cumulated), so the unwarned coverage is exact.

Rules ("cell" = TP, FN, FP or TN; c_A, c_B a group's count of it, N = n_A + n_B):
  pooled<T   warn when some cell's pooled expected count n_A (c_A + c_B) / N is below T
             (SmallCounts since session 8 with T = 5)
  others<T   the same from the other groups' share only: n_A c_B / n_B < T (independent of A's table,
             so the unwarned coverage is the all-table coverage; shown for the share warned)
  own<T      A's own observed count of some cell below T (the rule rejected in session 7b)
  none       no warning
Intervals: F1 = 2J/(1 + J) from the component interval of J = TP/(TP + FP + FN) ("-jaccard"), balanced
accuracy by MOVER from the component intervals of TPR and TNR (tools/composite_exact_coverage.py).
Usage: nice -n 10 /work/pyenv/bin/python tools/composite_warning_rule_exact.py [COMPONENT]
       (default wilson-modified; about 2 minutes)
"""
import math
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats

from composite_exact_coverage import bounds, support

LOW, HIGH = 0.93, 0.97
RULES = [("none", None, 0), ("pooled<5", "pooled", 5), ("pooled<3", "pooled", 3),
         ("pooled<2", "pooled", 2), ("pooled<1", "pooled", 1), ("others<5", "others", 5),
         ("others<3", "others", 3), ("own<5", "own", 5), ("own<3", "own", 3)]


def tables(n, pi, tpr, fpr):
    """All tables of a group with probability above the cut: cells (k, 4) = TP, FN, FP, TN; pmf."""
    cells, pmf = [], []
    for npos in support(n, pi):
        nneg = n - npos
        tp = support(int(npos), tpr) if npos > 0 else np.array([0])
        tn = support(int(nneg), 1 - fpr) if nneg > 0 else np.array([0])
        a, b = np.meshgrid(tp, tn, indexing="ij")
        a, b = a.ravel(), b.ravel()
        cells.append(np.stack([a, npos - a, nneg - b, b], axis=1))
        p = stats.binom.pmf(npos, n, pi)
        pa = stats.binom.pmf(a, int(npos), tpr) if npos > 0 else np.ones_like(a, float)
        pb = stats.binom.pmf(b, int(nneg), 1 - fpr) if nneg > 0 else np.ones_like(b, float)
        pmf.append(p * pa * pb)
    return np.concatenate(cells), np.concatenate(pmf)


def hits(component, cells, pi, tpr, fpr):
    """Per table: (F1 defined, F1 covered, BA defined, BA covered)."""
    tp, fn, fp, tn = cells.T
    ptp, pfn, pfp = pi * tpr, pi * (1 - tpr), (1 - pi) * fpr
    j_true = ptp / (ptp + pfn + pfp)
    m = tp + fp + fn
    f1_def = m > 0
    f1_hit = np.zeros(len(tp), bool)
    for mm in np.unique(m[f1_def]):
        lo, hi = bounds(component, int(mm))
        sel = m == mm
        f1_hit[sel] = (lo[tp[sel]] <= j_true + 1e-12) & (j_true - 1e-12 <= hi[tp[sel]])
    npos, nneg = tp + fn, tn + fp
    ba_def = (npos > 0) & (nneg > 0)
    truth = (tpr + 1 - fpr) / 2
    ba_hit = np.zeros(len(tp), bool)
    for k in np.unique(npos[ba_def]):
        sel = ba_def & (npos == k)
        la, ua = bounds(component, int(k))
        lb, ub = bounds(component, int(nneg[sel][0]))
        a, b = tp[sel], tn[sel]
        ta, tb = a / k, b / nneg[sel]
        below = np.hypot(ta - la[a], tb - lb[b]) / 2
        above = np.hypot(ua[a] - ta, ub[b] - tb) / 2
        est = (ta + tb) / 2
        ba_hit[sel] = (np.maximum(est - below, 0) <= truth + 1e-12) & (truth - 1e-12 <= np.minimum(est + above, 1))
    return f1_def, f1_hit, ba_def, ba_hit


def survival(cells_b, pmf_b, k):
    """G[k1, k2, k3, k4] = P(every cell of B >= k_i), k_i = 0..k (index k meaning >= k)."""
    c = np.minimum(cells_b, k)
    h = np.zeros((k + 1,) * 4)
    np.add.at(h, (c[:, 0], c[:, 1], c[:, 2], c[:, 3]), pmf_b)
    for ax in range(4):
        h = np.flip(np.cumsum(np.flip(h, ax), ax), ax)
    return h


def unwarned_prob(rule, cells_a, cells_b, pmf_b, n_a, n_b):
    kind, t = rule[1], rule[2]
    if kind is None:
        return np.ones(len(cells_a))
    if kind == "own":
        return (cells_a.min(axis=1) >= t).astype(float)
    if kind == "others":  # n_a c_B / n_b >= t for every cell
        k = math.ceil(t * n_b / n_a - 1e-12)
        g = survival(cells_b, pmf_b, k)
        return np.full(len(cells_a), g[k, k, k, k])
    # pooled: n_a (c_A + c_B) / N >= t  <=>  c_B >= ceil(t N / n_a) - c_A
    k = math.ceil(t * (n_a + n_b) / n_a - 1e-12)
    g = survival(cells_b, pmf_b, k)
    need = np.clip(k - cells_a, 0, k)
    return g[need[:, 0], need[:, 1], need[:, 2], need[:, 3]]


def cell(component, a, b):
    n_a, pi, tpr, fpr = a
    cells_a, pmf_a = tables(*a)
    cells_b, pmf_b = tables(*b)
    f1_def, f1_hit, ba_def, ba_hit = hits(component, cells_a, pi, tpr, fpr)
    out = {}
    for rule in RULES:
        u = unwarned_prob(rule, cells_a, cells_b, pmf_b, n_a, b[0])
        res = []
        for d, h in ((f1_def, f1_hit), (ba_def, ba_hit)):
            w = pmf_a * d
            un_mass = float(np.sum(w * u))
            wa_mass = float(np.sum(w * (1 - u)))
            un = float(np.sum(w * u * h) / un_mass) if un_mass > 1e-9 else float("nan")
            wa = float(np.sum(w * (1 - u) * h) / wa_mass) if wa_mass > 1e-9 else float("nan")
            res.append((un, un_mass / float(np.sum(w)), wa))
        out[rule[0]] = res
    return out


STUDY = [  # (A, B) of the coverage study's unclustered two-group settings; B = the other groups
    ((300, 0.3, 0.70, 0.10), (200, 0.3, 0.80, 0.15)),
    ((200, 0.4, 0.75, 0.12), (400, 0.4, 0.75, 0.12)),
    ((150, 0.3, 0.97, 0.02), (150, 0.3, 0.99, 0.03)),
    ((30, 0.15, 0.80, 0.10), (300, 0.15, 0.70, 0.20)),
    ((40, 0.35, 0.80, 0.10), (400, 0.35, 0.80, 0.10)),
    ((150, 0.35, 0.80, 0.10), (450, 0.35, 0.80, 0.10)),
    ((300, 0.5, 0.80, 0.20), (300, 0.5, 0.82, 0.21)),
    ((60, 0.5, 0.65, 0.25), (120, 0.5, 0.75, 0.18)),
    ((250, 0.2, 0.90, 0.06), (250, 0.2, 0.93, 0.05)),
    ((100, 0.4, 0.95, 0.04), (150, 0.4, 0.97, 0.03)),
    ((30, 0.5, 0.80, 0.10), (45, 0.5, 0.85, 0.15)),
    ((400, 0.05, 0.70, 0.10), (600, 0.05, 0.80, 0.08)),
    ((150, 0.3, 0.92, 0.04), (150, 0.3, 0.92, 0.04)),
]


def grid():
    out = list(STUDY)
    for n in (30, 60, 100, 150, 250, 500):
        for pi in (0.05, 0.2, 0.4):
            for tpr, fpr in ((0.7, 0.2), (0.9, 0.05), (0.95, 0.03), (0.99, 0.01)):
                for nb in (n, 3 * n):
                    out.append(((n, pi, tpr, fpr), (nb, pi, tpr, fpr)))
    return out


def lam(a):
    n, pi, tpr, fpr = a
    return n * min(pi * tpr, pi * (1 - tpr), (1 - pi) * fpr, (1 - pi) * (1 - fpr))


def main():
    component = sys.argv[1] if len(sys.argv) > 1 else "wilson-modified"
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}; components: {component}")
    print()
    rows = [(a, b, cell(component, a, b)) for a, b in grid()]
    print("Per cell: unwarned coverage (share unwarned) of F1 and balanced accuracy of group A, per rule")
    print("| A (n, prevalence, TPR, FPR) | n_B | λ_A | " + " | ".join(r[0] for r in RULES) + " |")
    print("|---|---:|---:|" + "---|" * len(RULES))
    for a, b, r in rows:
        parts = []
        for name, _, _ in RULES:
            (fu, fs, _), (bu, bs, _) = r[name]
            parts.append(f"F1 {fu:.3f} ({fs:.2f}), BA {bu:.3f} ({bs:.2f})")
        print(f"| {a} | {b[0]} | {lam(a):.2f} | " + " | ".join(parts) + " |")
    print()
    print("Per rule: cells whose unwarned share is at least 10 %; coverage range and cells outside 93–97 %;")
    print("and the coverage of the warned tables (cells with at least 10 % warned)")
    print("| rule | number | unwarned range | outside 93–97 % | of cells | below 0.93 | warned range |")
    print("|---|---|---|---:|---:|---:|---|")
    for name, _, _ in RULES:
        for i, label in ((0, "F1"), (1, "balanced accuracy")):
            v = [(r[name][i][0], a) for a, b, r in rows if r[name][i][1] >= 0.1]
            w = [r[name][i][2] for a, b, r in rows if r[name][i][1] <= 0.9]
            out = [x for x in v if x[0] < LOW or x[0] > HIGH]
            lo = min(v) if v else (float("nan"), None)
            hi = max(v) if v else (float("nan"), None)
            wr = f"{min(w):.3f}–{max(w):.3f}" if w else "—"
            print(f"| {name} | {label} | {lo[0]:.3f} {lo[1]} – {hi[0]:.3f} {hi[1]} | {len(out)} | {len(v)} "
                  f"| {sum(x[0] < LOW for x in v)} | {wr} |")


if __name__ == "__main__":
    main()
