#!/usr/bin/env python3
"""Reference values for the score intervals that `metrics --bootstrap` reports (RateIntervals via
GroupBootstrap), on counts that include 0 and n.

Output: fairness-core/src/test/resources/golden-stats/rate_intervals.json and modified_wilson.json
Command: /work/pyenv/bin/pip install statsmodels && /work/pyenv/bin/python tools/make_rate_interval_golden.py
Versions printed into the files ("versions"). Each case is a recall count per group: group A
(the reference) has xa true positives out of na positives, group B xb out of nb.
- wilson: statsmodels.stats.proportion.proportion_confint(x, n, method="wilson")
- modified_wilson (what `metrics` reports per group since session 9): Brown, Cai & DasGupta (2001,
  Statistical Science 16(2), sec. 4.1.1): statsmodels' Wilson, except that for x = 1..x* the lower
  bound is scipy.stats.chi2.ppf(alpha, 2x) / (2n) and for n - x = 1..x* the upper bound is
  1 - chi2.ppf(alpha, 2(n - x)) / (2n), alpha = 1 - confidence, x* = 2 for n <= 50 and 3 above
  (Brown et al. give x* = 3 for 51 <= n <= 100; above 100 it is kept at 3, as R's DescTools does).
  modified_wilson.json holds the same on a grid of n and x (ProportionIntervals.modifiedWilson).
- newcombe (B − A): confint_proportions_2indep(xb, nb, xa, na, compare="diff", method="newcomb")
- katz (B / A, only when 0 < x < n in both): confint_proportions_2indep(..., compare="ratio", method="log")
- miettinen_nurminen (B − A, what `metrics` reports since session 8): the delta at which the
  Miettinen-Nurminen score statistic (pb - pa - delta)^2 / V(delta), V = (p~b(1-p~b)/nb +
  p~a(1-p~a)/na) * N/(N-1), reaches chi2_1(conf); the restricted rates p~ maximise the binomial
  likelihood under p~b - p~a = delta NUMERICALLY (scipy.optimize.minimize_scalar), not by the
  paper's cubic that fairness-core uses, and the crossing is found by scipy.optimize.brentq.
  statsmodels' own method="score" is not used: in 0.15.0 its restricted MLE for compare="diff" has
  count0 * diff where Miettinen & Nurminen (1985) have nobs0 * diff (its statistic differs from the
  likelihood maximum away from delta = 0), and it raises at zero counts.
"""
import json
import pathlib
import platform

import numpy as np
import scipy
import statsmodels
from mn_reference import miettinen_nurminen, miettinen_nurminen_ratio
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


def modified_wilson(x, n, alpha):
    lo, hi = map(float, proportion_confint(x, n, alpha=alpha, method="wilson"))
    limit = 2 if n <= 50 else 3
    if 1 <= x <= limit:
        lo = float(stats.chi2.ppf(alpha, 2 * x)) / (2 * n)
    if 1 <= n - x <= limit:
        hi = 1 - float(stats.chi2.ppf(alpha, 2 * (n - x))) / (2 * n)
    return [lo, hi]


out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
# (xa, na, xb, nb): counts at 0 and n in either group, tiny and unequal groups, ordinary counts.
cases = [(0, 7, 5, 9), (7, 7, 3, 11), (13, 13, 40, 40), (0, 12, 0, 30), (1, 3, 29, 31),
         (18, 19, 0, 4), (61, 83, 140, 233), (2, 150, 9, 140), (44, 45, 230, 240), (5, 6, 6, 6)]
res = {"versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__,
                    "numpy": np.__version__, "python": platform.python_version()},
       "confidence": [0.95, 0.9], "cases": []}
for conf in res["confidence"]:
    a = 1 - conf
    for xa, na, xb, nb in cases:
        e = {"xa": xa, "na": na, "xb": xb, "nb": nb, "confidence": conf,
             "wilson_a": list(map(float, proportion_confint(xa, na, alpha=a, method="wilson"))),
             "wilson_b": list(map(float, proportion_confint(xb, nb, alpha=a, method="wilson"))),
             "modified_wilson_a": modified_wilson(xa, na, a),
             "modified_wilson_b": modified_wilson(xb, nb, a),
             "newcombe": list(map(float, confint_proportions_2indep(
                 xb, nb, xa, na, compare="diff", method="newcomb", alpha=a))),
             "miettinen_nurminen": miettinen_nurminen(xb, nb, xa, na, conf)}
        if xa > 0:
            e["miettinen_nurminen_ratio"] = miettinen_nurminen_ratio(xb, nb, xa, na, conf)
        if 0 < xa < na and 0 < xb < nb:
            e["katz"] = list(map(float, confint_proportions_2indep(
                xb, nb, xa, na, compare="ratio", method="log", alpha=a)))
        res["cases"].append(e)
(out / "rate_intervals.json").write_text(json.dumps(res, indent=1) + "\n")
print(json.dumps(res["cases"][0]))

# The grid for ProportionIntervals.modifiedWilson: x and n - x of 0..5 around the limits n = 50/51.
grid = {"versions": res["versions"], "cases": []}
for conf in (0.9, 0.95, 0.99):
    for n in (1, 2, 3, 4, 7, 20, 50, 51, 100, 101, 1000, 1000000):
        for x in sorted({x for x in range(0, 6)} | {n - k for k in range(0, 6)}):
            if 0 <= x <= n:
                grid["cases"].append({"x": x, "n": n, "confidence": conf,
                                      "wilson": list(map(float, proportion_confint(
                                          x, n, alpha=1 - conf, method="wilson"))),
                                      "modified_wilson": modified_wilson(x, n, 1 - conf)})
(out / "modified_wilson.json").write_text(json.dumps(grid, indent=1) + "\n")
print(len(grid["cases"]), "modified Wilson grid cases")
