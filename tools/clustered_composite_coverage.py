"""Coverage at 95 % of the clustered F1 / balanced-accuracy intervals (session 10, h22k), many tables.

    nice -n 10 /work/pyenv/bin/python tools/clustered_composite_coverage.py [TABLES [SEED]]

Simulates the clustered settings of fairness-benchmarks CoverageSettings (patients of 1..m images;
with probability rho all of a patient's images copy the first one's label and prediction, so the
per-image rates are those of the group) with numpy, and applies the constructions of
ClusteredCompositeIntervals independently of the Java code: effective counts of TPR, TNR and the
Jaccard index with the design effect pooled over the two groups, Wilson bounds from statsmodels'
proportion_confint(method="wilson") at the level whose normal quantile is Student's t with
(clusters - 1) degrees of freedom (scipy), F1 = 2J/(1+J), MOVER for balanced accuracy, for B - A
and on the log scale for B / A. Prints, per setting, the coverage of the group A values and of
B - A and B / A over all tables, and over the tables without the few-cluster warning (a group with
fewer than 30 patients holding its positive, or negative, rows and more than two such rows per
patient), each ± its binomial standard error. Balanced accuracy's MOVER uses the correlation of the
TPR and TNR estimates over the patients (pooled over the groups, clipped to [0, 1]); the last
settings (HARD) have a patient-level effect on both rates, where that correlation is about 0.25. Standard library, numpy, scipy and statsmodels only.
"""

import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

# name, [(patients, base rate, TPR, FPR) for A, B], rho, max images; from CoverageSettings.
SETTINGS = [
    ("main: patient-clustered, 1-6 images, rho 0.6", [(60, 0.35, 0.75, 0.12), (60, 0.35, 0.85, 0.10)], 0.6, 6),
    ("extended: 1-8 images, rho 0.9", [(80, 0.25, 0.70, 0.15), (80, 0.25, 0.80, 0.08)], 0.9, 8),
    ("extended: 1-8 images, rho 0.2", [(80, 0.25, 0.70, 0.15), (80, 0.25, 0.80, 0.08)], 0.2, 8),
    ("fresh: 1-3 images, rho 0.5, 120 patients", [(120, 0.4, 0.70, 0.20), (120, 0.4, 0.78, 0.15)], 0.5, 3),
    ("fresh: 1-12 images, rho 0.7, 40 patients", [(40, 0.45, 0.75, 0.2), (40, 0.45, 0.7, 0.25)], 0.7, 12),
    ("fresh: 1-8 images, rho 0.2, 100 patients", [(100, 0.3, 0.80, 0.12), (100, 0.3, 0.72, 0.1)], 0.2, 8),
    ("fresh: 1-2 images, rho 0.3, 100 patients", [(100, 0.3, 0.80, 0.12), (100, 0.3, 0.72, 0.1)], 0.3, 2),
    ("smallcounts: 1-4 images, rho 0.35, 150 patients", [(150, 0.35, 0.78, 0.15), (150, 0.35, 0.7, 0.1)], 0.35, 4),
    ("smallcounts: clusters of one image, 80 patients", [(80, 0.35, 0.96, 0.05), (80, 0.35, 0.9, 0.08)], 0.0, 1),
    ("fresh: clusters of one image, 100 patients", [(100, 0.3, 0.80, 0.12), (100, 0.3, 0.72, 0.1)], 0.0, 1),
    # Not in CoverageSettings (session 10): a clustered null, rare positives with strong copying,
    # unequal groups.
    ("null: equal groups, 1-6 images, rho 0.5, 100 patients", [(100, 0.35, 0.8, 0.12), (100, 0.35, 0.8, 0.12)], 0.5, 6),
    ("base rate 0.15, 1-8 images, rho 0.9, 150 patients", [(150, 0.15, 0.8, 0.1), (150, 0.15, 0.7, 0.15)], 0.9, 8),
    ("unequal: 50 vs 250 patients, 1-4 images, rho 0.4", [(50, 0.4, 0.75, 0.15), (250, 0.4, 0.8, 0.1)], 0.4, 4),
]
# A patient-level effect on both rates (not in CoverageSettings): no copying; with probability q a
# patient is "hard" and all of its images have the rates (TPR, FPR) = HARD; the group's (TPR, FPR)
# are the per-image rates of the mixture. name, groups as above, q, hard rates, max images.
HARD = [
    ("hard patients 30 %, 1-6 images, 100 patients", [(100, 0.4, 0.78, 0.155), (100, 0.4, 0.75, 0.2)], 0.3, (0.5, 0.4), 6),
    ("hard patients 20 %, 1-8 images, 100 patients", [(100, 0.4, 0.76, 0.18), (100, 0.4, 0.7, 0.2)], 0.2, (0.4, 0.5), 8),
    ("hard patients 30 %, 1-4 images, 60 patients", [(60, 0.35, 0.74, 0.145), (60, 0.35, 0.8, 0.12)], 0.3, (0.6, 0.25), 4),
]
Z = 0.95


def patients(rng, tables, units, base, tpr, fpr, rho, m):
    """Per table and patient the cells {TP, FN, FP, TN}: shape (tables, units, 4)."""
    p = np.array([base * tpr, base * (1 - tpr), (1 - base) * fpr, (1 - base) * (1 - fpr)])
    images = rng.integers(1, m + 1, size=(tables, units))
    copy = rng.random((tables, units)) < rho
    first = rng.multinomial(1, p, size=(tables, units))
    rest = rng.multinomial(images - 1, p)
    return np.where(copy[..., None], images[..., None] * first, first + rest)


def hard_patients(rng, tables, units, base, tpr, fpr, q, hard, m):
    """Cells per patient with a patient-level effect; (tpr, fpr) are the mixture's per-image rates."""
    ht, hf = hard
    et, ef = (tpr - q * ht) / (1 - q), (fpr - q * hf) / (1 - q)
    images = rng.integers(1, m + 1, size=(tables, units))
    is_hard = rng.random((tables, units)) < q
    out = np.zeros((tables, units, 4), dtype=np.int64)
    for flag, t, f in ((False, et, ef), (True, ht, hf)):
        p = np.array([base * t, base * (1 - t), (1 - base) * f, (1 - base) * (1 - f)])
        out = np.where((is_hard == flag)[..., None], rng.multinomial(images, p), out)
    return out


def parts(c):
    """{part: (x, n)} per patient for TPR, TNR and the Jaccard index."""
    tp, fn, fp, tn = c[..., 0], c[..., 1], c[..., 2], c[..., 3]
    return {"tpr": (tp, tp + fn), "tnr": (tn, tn + fp), "jaccard": (tp, tp + fp + fn)}


def effective(groups, part):
    """Per group (x, n, x_eff, n_eff, df, defined) arrays over tables, pooled design effect."""
    per = []
    cv = np.zeros(groups[0].shape[0])
    bv = np.zeros_like(cv)
    for c in groups:
        xi, ni = parts(c)[part]
        x, n = xi.sum(1).astype(float), ni.sum(1).astype(float)
        k = (ni > 0).sum(1).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            q = x / n
            ss = np.sum(np.where(ni > 0, (xi - q[:, None] * ni) ** 2, 0.0), axis=1)
            use = (k >= 2) & (k < n) & (x > 0) & (x < n)
            cv += np.where(use, k / (k - 1) * ss, 0.0)
            bv += np.where(use, n * q * (1 - q), 0.0)
        per.append((x, n, k, q))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = np.where(bv > 0, np.maximum(1.0, cv / bv), np.nan)
    out = []
    for x, n, k, q in per:
        independent = k == n
        extreme = (x == 0) | (x == n)
        with np.errstate(divide="ignore", invalid="ignore"):
            neff = np.where(independent, n, np.where(extreme, np.minimum(n, k), n / pooled))
        df = np.where(independent, np.inf, k - 1)
        defined = (n > 0) & ((k >= 2) | independent) & np.isfinite(neff)
        out.append((x, n, q * neff, neff, df, defined))
    return out


def wilson(e):
    x, n, xe, ne, df, ok = e
    quantile = np.where(np.isinf(df), stats.norm.isf((1 - Z) / 2),
                        stats.t.ppf(1 - (1 - Z) / 2, np.where(df >= 1, df, 1)))
    alpha = 2 * stats.norm.sf(quantile)
    safe_n = np.where(ok, ne, 1.0)
    lo, hi = proportion_confint(np.where(ok, xe, 0.5), safe_n, alpha=alpha, method="wilson")
    return np.where(x == 0, 0.0, lo), np.where(x == n, 1.0, hi)


def correlation(groups):
    """Per table the correlation of the TPR and TNR estimates over the patients, pooled over the
    groups, clipped to [0, 1] (0 where undefined)."""
    s12 = np.zeros(groups[0].shape[0])
    s11 = np.zeros_like(s12)
    s22 = np.zeros_like(s12)
    for c in groups:
        tp, fn, fp, tn = c[..., 0], c[..., 1], c[..., 2], c[..., 3]
        npos, nneg = (tp + fn).sum(1), (tn + fp).sum(1)
        k = ((tp + fn + fp + tn) > 0).sum(1).astype(float)
        ok = (npos > 0) & (nneg > 0) & (k >= 2)
        with np.errstate(divide="ignore", invalid="ignore"):
            p1, p2, f = tp.sum(1) / npos, tn.sum(1) / nneg, k / (k - 1)
            e1 = tp - p1[:, None] * (tp + fn)
            e2 = tn - p2[:, None] * (tn + fp)
            s12 += np.where(ok, f * (e1 * e2).sum(1), 0.0)
            s11 += np.where(ok, f * (e1 * e1).sum(1), 0.0)
            s22 += np.where(ok, f * (e2 * e2).sum(1), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where((s11 > 0) & (s22 > 0), s12 / np.sqrt(s11 * s22), 0.0)
    return np.clip(r, 0.0, 1.0)


def mover_sum(d1, d2, r):
    return np.sqrt(np.maximum(0.0, d1 * d1 + d2 * d2 + 2 * r * d1 * d2))


def few_clusters(c):
    """Whether FewClusters warns a group: per table."""
    warn = np.zeros(c.shape[0], dtype=bool)
    for rows in (c[..., 0] + c[..., 1], c[..., 2] + c[..., 3]):
        k = (rows > 0).sum(1)
        warn |= (k > 0) & (k < 30) & (rows.sum(1) > 2 * k)
    return warn


def mover_diff(e1, l1, u1, e0, l0, u0):
    d = e1 - e0
    return d - np.hypot(e1 - l1, u0 - e0), d + np.hypot(u1 - e1, e0 - l0)


def mover_log_ratio(e1, l1, u1, e0, l0, u0):
    with np.errstate(divide="ignore", invalid="ignore"):
        g1, g0 = np.log(e1), np.log(e0)
        lo = np.exp(g1 - g0 - np.hypot(g1 - np.log(l1), np.log(u0) - g0))
        hi = np.exp(g1 - g0 + np.hypot(np.log(u1) - g1, g0 - np.log(l0)))
        zero_hi = u1 / np.sqrt(l0 * (2 * e0 - l0))
    return np.where(e1 > 0, lo, 0.0), np.where(e1 > 0, hi, zero_hi)


def run(tables, seed):
    rng = np.random.default_rng(seed)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__};"
          f" {tables} tables per setting, seed {seed}")
    print()
    print("| setting | number | all tables | without the few-cluster warning (tables) |")
    print("|---|---|---:|---|")
    runs = [(n, g, lambda u, b, t, f, rho=rho, m=m: patients(rng, tables, u, b, t, f, rho, m))
            for n, g, rho, m in SETTINGS]
    runs += [(n, g, lambda u, b, t, f, q=q, h=h, m=m: hard_patients(rng, tables, u, b, t, f, q, h, m))
             for n, g, q, h, m in HARD]
    for name, groups, draw in runs:
        cells = [draw(u, b, t, f) for u, b, t, f in groups]
        eff = {part: effective(cells, part) for part in ("tpr", "tnr", "jaccard")}
        warned = few_clusters(cells[0]) | few_clusters(cells[1])
        r = correlation(cells)
        vals = []
        for g, (u, b, t, f) in enumerate(groups):
            tp, fp, fn = b * t, (1 - b) * f, b * (1 - t)
            truth = (2 * tp / (2 * tp + fp + fn), (t + 1 - f) / 2)
            jl, ju = wilson(eff["jaccard"][g])
            xj, nj = eff["jaccard"][g][0], eff["jaccard"][g][1]
            with np.errstate(divide="ignore", invalid="ignore"):
                f1 = 2 * xj / (nj + xj)
            f1i = (f1, 2 * jl / (1 + jl), 2 * ju / (1 + ju), eff["jaccard"][g][5])
            al, au = wilson(eff["tpr"][g])
            bl, bu = wilson(eff["tnr"][g])
            a, bb = eff["tpr"][g][0] / eff["tpr"][g][1], eff["tnr"][g][0] / eff["tnr"][g][1]
            ba = (a + bb) / 2
            # A group of single-row patients is the independent design (r is not used there).
            rg = np.where(np.isinf(eff["tpr"][g][4]) & np.isinf(eff["tnr"][g][4]), 0.0, r)
            bai = (ba, np.maximum(0, ba - mover_sum(a - al, bb - bl, rg) / 2),
                   np.minimum(1, ba + mover_sum(au - a, bu - bb, rg) / 2),
                   eff["tpr"][g][5] & eff["tnr"][g][5])
            vals.append(((truth[0], f1i), (truth[1], bai)))
        for k, metric in ((0, "f1"), (1, "balanced_accuracy")):
            (t0, (e0, l0, u0, ok0)), (t1, (e1, l1, u1, ok1)) = vals[0][k], vals[1][k]
            rows = [("by_group/A/" + metric, ok0, (l0 <= t0) & (t0 <= u0))]
            lo, hi = mover_diff(e1, l1, u1, e0, l0, u0)
            lo, hi = np.maximum(-1, lo), np.minimum(1, hi)
            rows.append(("difference/to_reference/B/" + metric, ok0 & ok1,
                         (lo <= t1 - t0) & (t1 - t0 <= hi)))
            lo, hi = mover_log_ratio(e1, l1, u1, e0, l0, u0)
            rows.append(("ratio/to_reference/B/" + metric, ok0 & ok1 & (e0 > 0),
                         (lo <= t1 / t0) & (t1 / t0 <= hi)))
            for stat, ok, hit in rows:
                allc, alln = hit[ok].mean(), ok.sum()
                keep = ok & ~warned
                if keep.sum() > 0:
                    kc = hit[keep].mean()
                    unw = f"{kc:.3f} ± {np.sqrt(kc * (1 - kc) / keep.sum()):.3f} ({keep.sum()})"
                else:
                    unw = "— (0)"
                print(f"| {name} | `{stat}` | {allc:.3f} ± {np.sqrt(allc * (1 - allc) / alln):.3f}"
                      f" | {unw} |")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 4000, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
