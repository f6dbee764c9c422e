#!/usr/bin/env python3
"""Reference values for the score intervals that `metrics --bootstrap` reports (RateIntervals via
GroupBootstrap), on counts that include 0 and n.

Output: fairness-core/src/test/resources/golden-stats/rate_intervals.json
Command: /work/pyenv/bin/pip install statsmodels && /work/pyenv/bin/python tools/make_rate_interval_golden.py
Versions printed into the file ("versions"). Each case is a recall count per group: group A
(the reference) has xa true positives out of na positives, group B xb out of nb.
- wilson: statsmodels.stats.proportion.proportion_confint(x, n, method="wilson")
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
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


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
