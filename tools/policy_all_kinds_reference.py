"""Reference values for PolicyAllKindsTest, from pandas 3.0.6, scikit-learn 1.9.1, statsmodels 0.15.0
and scipy 1.17.1.

Run from fairness-cli/src/test/resources/policy-all-kinds:
/work/pyenv/bin/python ../../../../../tools/policy_all_kinds_reference.py
Ratio intervals (session 8): the Miettinen-Nurminen score interval per pair at alpha 0.05/3
(Bonferroni), from mn_reference.py (scipy's numerical restricted likelihood maximum and brentq;
before session 8: statsmodels' Katz, confint_proportions_2indep(compare="ratio", method="log"),
which gave 0.5899230295834638), turned into an interval of min(r, 1/r) = exp(-|log r|) by inverting a
test of |log r| (docs/statistics.md, "Two-group gaps"; scipy's normal distribution), as the
policy's analytic intervals did from session 7 (before: folded into (0, 1]) to session 10; since
session 10 (h22m) the policy's ratio intervals are ScasFoldedRatio's, computed here by
minmax_ratio_exact_coverage.ratio_hull (its restricted maxima checked against scipy's numerical
maximum by make_scas_folded_ratio_golden.py); Wilson: proportion_confint(method="wilson") at
alpha 2 * 0.05 / 3, the overall accuracy taken as known.
"""
import numpy as np, pandas as pd, itertools
from mn_reference import miettinen_nurminen_ratio
from minmax_ratio_exact_coverage import ratio_hull
from sklearn.metrics import recall_score, accuracy_score, confusion_matrix
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep
from scipy.stats import norm


def inverted_abs(d, lower, upper, z, alpha):
    """Interval of theta = |delta| from [lower, upper] of delta (estimate d): |d| folded-normal with
    scale (d - lower)/z below |d| and (upper - d)/z above; theta accepted when
    P(|d| < l) = (alpha/2) g and P(|d| > u) = alpha - (alpha/2) g, g = clip(theta/s/z - 1, 0, 1)."""
    t = abs(d)
    s_low = (d - lower) / z if d >= 0 else (upper - d) / z
    s_up = (upper - d) / z if d >= 0 else (d - lower) / z
    cdf = lambda th, s: norm.cdf((t - th) / s) - norm.cdf((-t - th) / s)
    g = lambda th, s: min(1.0, max(0.0, (th / s - z) / z))
    lo = 0.0
    if cdf(0.0, s_low) > 1 - alpha:
        a, b = 0.0, t
        for _ in range(200):
            m = (a + b) / 2
            if cdf(m, s_low) > 1 - alpha + alpha / 2 * g(m, s_low):
                a = m
            else:
                b = m
        lo = (a + b) / 2
    a, b = 0.0, t + 12 * s_up + 2 * z * s_up
    for _ in range(200):
        m = (a + b) / 2
        if cdf(m, s_up) >= alpha / 2 * g(m, s_up):
            a = m
        else:
            b = m
    return lo, max(lo, (a + b) / 2)
df = pd.read_csv("table.csv")
df["sr"] = df.sex + "|" + df.race
def judged(col, minsize=50):
    sizes = df.groupby(col).size()
    keep = sizes[sizes >= minsize].index
    return df[df[col].isin(keep)]
def rates(d, col, pred):
    out = {}
    for g, x in d.groupby(col):
        tn, fp, fn, tp = confusion_matrix(x.y_true, x[pred], labels=[0, 1]).ravel()
        out[g] = dict(recall=recall_score(x.y_true, x[pred]), acc=accuracy_score(x.y_true, x[pred]),
                      sel=(tp+fp)/len(x), fpr=fp/(fp+tn), tp=tp, fn=fn, fp=fp, tn=tn, n=len(x))
    return out
for pred in ["y_old", "y_pred"]:
    print("==", pred)
    d = judged("sr"); r = rates(d, "sr", pred)
    rec = [v["recall"] for v in r.values()]
    print("1 recall gap sex+race", max(rec) - min(rec))
    d = judged("race"); r = rates(d, "race", pred)
    sel = {g: v["sel"] for g, v in r.items()}
    print("2 sel ratio race", min(sel.values()) / max(sel.values()))
    # Miettinen-Nurminen ratio per pair, Bonferroni 3 pairs, two-sided 1 - 0.05/3, inverted for |log r|
    lo, hi = np.inf, np.inf
    for a, b in itertools.combinations(r, 2):
        l, u = miettinen_nurminen_ratio(r[a]["tp"]+r[a]["fp"], r[a]["n"], r[b]["tp"]+r[b]["fp"], r[b]["n"],
                                        1 - 0.05/3)
        pa = (r[a]["tp"] + r[a]["fp"]) / r[a]["n"]; pb = (r[b]["tp"] + r[b]["fp"]) / r[b]["n"]
        th = inverted_abs(np.log(pa / pb), np.log(l), np.log(u), norm.ppf(1 - 0.05 / 3 / 2), 0.05 / 3)
        lo = min(lo, np.exp(-th[1])); hi = min(hi, np.exp(-th[0]))
    print("2 miettinen-nurminen ratio inverted bonferroni (before session 10, h22m)", lo, hi)
    # since session 10 (h22m): ScasFoldedRatio, the hull of the |log r| accepted by the skew-corrected
    # MN score test conditioned on both counts positive (minmax_ratio_exact_coverage.ratio_hull)
    lo, hi = np.inf, np.inf
    for a, b in itertools.combinations(r, 2):
        xa, xb = r[a]["tp"] + r[a]["fp"], r[b]["tp"] + r[b]["fp"]
        tl, th_ = ratio_hull([xa], r[a]["n"], [xb], r[b]["n"], 0.05 / 3)
        lo = min(lo, np.exp(-th_[0])); hi = min(hi, np.exp(-tl[0]))
    print("2 skew-corrected conditioned ratio, bonferroni (ScasFoldedRatio)", lo, hi)
    overall_acc = accuracy_score(d.y_true, d[pred])
    below = {g: overall_acc - v["acc"] for g, v in r.items()}
    print("5 below overall acc", max(below.values()), max(below, key=below.get))
    lo = hi = -np.inf
    for g, v in r.items():
        l, u = proportion_confint(v["tp"]+v["tn"], v["n"], alpha=2*0.05/3, method="wilson")
        lo = max(lo, overall_acc - u); hi = max(hi, overall_acc - l)
    print("5 wilson bonferroni", lo, hi)
    eo = {g: v["recall"] for g, v in r.items()}
    print("8 eopp diff race", max(eo.values()) - min(eo.values()))
    tot = recall_score(d.y_true, d[pred])
    print("4 eopp ratio to overall race", min(min(v/tot, tot/v) for v in eo.values()))
    d = judged("sex"); r = rates(d, "sex", pred)
    print("3 eodds mean sex", (abs(r["F"]["recall"]-r["M"]["recall"]) + abs(r["F"]["fpr"]-r["M"]["fpr"]))/2)
    print("7 dp diff sex", abs(r["F"]["sel"]-r["M"]["sel"]))
    print("9 sel ratio sex", min(r["F"]["sel"], r["M"]["sel"]) / max(r["F"]["sel"], r["M"]["sel"]))
    d = judged("sr"); r = rates(d, "sr", pred); oa = accuracy_score(d.y_true, d[pred])
    print("6 acc to overall sex+race", max(abs(v["acc"] - oa) for v in r.values()))
