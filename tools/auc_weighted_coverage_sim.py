#!/usr/bin/env python3
"""Monte Carlo coverage (many more tables than tools/coverage_study.sh) of the constructions chosen in
session 10 (h22a) for ROC AUC and for weighted rates, and of the alternatives they were chosen over;
docs/coverage-study.md, "Session 10 (h22a)". Pure numpy/scipy (AUC checked against scikit-learn's
roc_auc_score on the first table of each design); the same designs as CoverageDesigns.

  /work/pyenv/bin/python tools/auc_weighted_coverage_sim.py   (numpy 2.4.6, scipy 1.17.1,
  scikit-learn 1.9.1; about 2 minutes)
"""
import numpy as np
from scipy.stats import norm, rankdata, t as student
from sklearn.metrics import roc_auc_score

Z = norm.isf(0.025)
rng = np.random.default_rng(11)


def delong(s, y):
    x, v = s[y == 1], s[y == 0]
    m, n = len(x), len(v)
    if m < 2 or n < 2:
        return None
    ra, rx, rv = rankdata(np.concatenate([x, v])), rankdata(x), rankdata(v)
    auc = (ra[:m].sum() - m * (m + 1) / 2) / (m * n)
    var = ((ra[:m] - rx) / n).var(ddof=1) / m + (1 - (ra[m:] - rv) / m).var(ddof=1) / n
    return auc, var, min(m, n)


def logit(a, var, q):
    l, h = np.log(a / (1 - a)), q * np.sqrt(var) / (a * (1 - a))
    return 1 / (1 + np.exp(-(l - h))), 1 / (1 + np.exp(-(l + h)))


def scored(n, prev, auc, sd):
    mu = norm.ppf(auc) * np.sqrt(1 + sd * sd)
    y = (rng.random(n) < prev).astype(int)
    return np.where(y == 1, mu + sd * rng.standard_normal(n), rng.standard_normal(n)), y


def auc_pair(a, b, tables=3000):
    hits = dict.fromkeys(["A z", "A t", "diff Wald", "diff MOVER(t)", "ratio log-Wald", "ratio MOVER(t)"], 0)
    k = 0
    for i in range(tables):
        sa, ya = scored(*a)
        sb, yb = scored(*b)
        ea, eb = delong(sa, ya), delong(sb, yb)
        if i == 0 and ea is not None:
            assert abs(ea[0] - roc_auc_score(ya, sa)) < 1e-12
        if ea is None or eb is None or ea[0] in (0, 1) or eb[0] in (0, 1):
            continue
        k += 1
        (A, va, ma), (B, vb, mb) = ea, eb
        ta, tb = a[2], b[2]
        lz, uz = logit(A, va, Z)
        la, ua = logit(A, va, student.isf(0.025, ma - 1))
        lb, ub = logit(B, vb, student.isf(0.025, mb - 1))
        hits["A z"] += lz <= ta <= uz
        hits["A t"] += la <= ta <= ua
        d, h = B - A, Z * np.sqrt(va + vb)
        hits["diff Wald"] += d - h <= tb - ta <= d + h
        hits["diff MOVER(t)"] += (d - np.hypot(B - lb, ua - A) <= tb - ta <= d + np.hypot(ub - B, A - la))
        r, h = B / A, Z * np.sqrt(vb / B**2 + va / A**2)
        hits["ratio log-Wald"] += r * np.exp(-h) <= tb / ta <= r * np.exp(h)
        g = np.log(B) - np.log(A)
        lo = np.exp(g - np.hypot(np.log(B) - np.log(lb), np.log(ua) - np.log(A)))
        hi = np.exp(g + np.hypot(np.log(ub) - np.log(B), np.log(A) - np.log(la)))
        hits["ratio MOVER(t)"] += lo <= tb / ta <= hi
    print("AUC", a, "vs", b, f"{k} tables with both intervals:", {x: round(y / k, 3) for x, y in hits.items()})


def wilson(p, n):
    d = 1 + Z * Z / n
    c, h = (p + Z * Z / (2 * n)) / d, Z * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return c - h, c + h


def weighted(rows, weights, prev, dprev, tpr, dtpr, fpr, tables):
    K = len(weights)
    k = rng.integers(0, K, (tables, rows))
    c = k - (K - 1) / 2
    w = np.array(weights, float)[k]
    y = rng.random((tables, rows)) < prev + dprev * c
    pred = rng.random((tables, rows)) < np.where(y, tpr + dtpr * c, fpr)
    cc = np.arange(K) - (K - 1) / 2
    ww, pp, tt = np.array(weights) / K, prev + dprev * cc, tpr + dtpr * cc
    truth = {"recall": (ww * pp * tt).sum() / (ww * pp).sum(),
             "selection_rate": (ww * (pp * tt + (1 - pp) * fpr)).sum() / ww.sum()}
    return w, {"recall": y * 1.0, "selection_rate": np.ones_like(w)}, pred * 1.0, truth


def kish(w, den, num):
    W = (w * den).sum(1)
    p = (w * den * num).sum(1) / W
    return p, *wilson(p, W**2 / (w * w * den).sum(1))


def weighted_pair(a, b, tables=20000):
    wa, da, pa, ta = weighted(*a, tables)
    wb, db, pb, tb = weighted(*b, tables)
    out = {}
    for rate in ["recall", "selection_rate"]:
        p0, l0, u0 = kish(wa, da[rate], pa)
        p1, l1, u1 = kish(wb, db[rate], pb)
        t0, t1 = ta[rate], tb[rate]
        out[rate + " A"] = np.mean((l0 <= t0) & (t0 <= u0))
        d = p1 - p0
        out[rate + " diff"] = np.mean((d - np.hypot(p1 - l1, u0 - p0) <= t1 - t0) & (t1 - t0 <= d + np.hypot(u1 - p1, p0 - l0)))
        g = np.log(p1) - np.log(p0)
        lo = np.exp(g - np.hypot(np.log(p1) - np.log(l1), np.log(u0) - np.log(p0)))
        hi = np.exp(g + np.hypot(np.log(u1) - np.log(p1), np.log(p0) - np.log(l0)))
        out[rate + " ratio"] = np.nanmean((lo <= t1 / t0) & (t1 / t0 <= hi))
    print("weighted", a[:2], "vs", b[:2], {x: round(float(y), 3) for x, y in out.items()})


auc_pair((60, 0.25, 0.95, 0.7), (500, 0.25, 0.9, 0.7))
auc_pair((100, 0.1, 0.7, 1.0), (400, 0.1, 0.8, 1.0))
auc_pair((100, 0.1, 0.9, 1.0), (400, 0.1, 0.8, 1.0))
auc_pair((120, 0.2, 0.9, 1.0), (120, 0.2, 0.9, 1.0))
auc_pair((40, 0.3, 0.6, 1.0), (60, 0.4, 0.65, 1.0))
auc_pair((1000, 0.01, 0.8, 1.0), (400, 0.2, 0.8, 1.0))
auc_pair((50, 0.1, 0.8, 1.0), (400, 0.2, 0.8, 1.0))
S, I = [1, 2, 3], [1.25, 2, 5, 10]
weighted_pair((200, S, 0.3, 0.1, 0.7, 0.1, 0.1), (300, S, 0.35, 0.05, 0.8, -0.05, 0.15))
weighted_pair((150, S, 0.4, 0.1, 0.75, 0.05, 0.12), (150, S, 0.4, 0.1, 0.75, 0.05, 0.12))
weighted_pair((250, I, 0.3, 0.05, 0.7, 0.05, 0.1), (250, I, 0.3, -0.05, 0.8, 0.03, 0.2))
weighted_pair((50, S, 0.5, 0.1, 0.7, 0.1, 0.2), (80, S, 0.5, 0.0, 0.6, 0.0, 0.3))
weighted_pair((40, I, 0.3, 0.05, 0.7, 0.05, 0.1), (60, I, 0.25, 0.05, 0.85, 0.02, 0.05))
