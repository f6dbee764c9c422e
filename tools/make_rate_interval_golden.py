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
from scipy import optimize, special, stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


def restricted_mle(xb, nb, xa, na, delta):
    """(p~b, p~a) maximising the likelihood subject to p~b - p~a = delta, numerically."""
    def nll(pa):
        pb = pa + delta
        return -(special.xlogy(xb, pb) + special.xlogy(nb - xb, 1 - pb)
                 + special.xlogy(xa, pa) + special.xlogy(na - xa, 1 - pa))
    lo, hi = max(0.0, -delta), min(1.0, 1 - delta)
    pa = optimize.minimize_scalar(nll, bounds=(lo, hi), method="bounded",
                                  options={"xatol": 1e-13}).x
    # the bounded search stays inside (lo, hi); an optimum at an end is compared explicitly
    pa = min((lo, pa, hi), key=nll)
    return pa + delta, pa


def mn_statistic(xb, nb, xa, na, delta):
    pb, pa = restricted_mle(xb, nb, xa, na, delta)
    n = na + nb
    v = (pb * (1 - pb) / nb + pa * (1 - pa) / na) * n / (n - 1)
    d = xb / nb - xa / na - delta
    return d * d / v if v > 0 else (0.0 if abs(d) < 1e-12 else np.inf)


def miettinen_nurminen(xb, nb, xa, na, conf):
    chi2 = stats.chi2.ppf(conf, 1)
    d = xb / nb - xa / na
    f = lambda delta: mn_statistic(xb, nb, xa, na, delta) - chi2
    eps = 1e-12
    lower = -1.0 if d <= -1 else optimize.brentq(f, -1 + eps, d, xtol=1e-15) if f(-1 + eps) > 0 else -1.0
    upper = 1.0 if d >= 1 else optimize.brentq(f, d, 1 - eps, xtol=1e-15) if f(1 - eps) > 0 else 1.0
    return [float(lower), float(upper)]


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
        if 0 < xa < na and 0 < xb < nb:
            e["katz"] = list(map(float, confint_proportions_2indep(
                xb, nb, xa, na, compare="ratio", method="log", alpha=a)))
        res["cases"].append(e)
(out / "rate_intervals.json").write_text(json.dumps(res, indent=1) + "\n")
print(json.dumps(res["cases"][0]))
