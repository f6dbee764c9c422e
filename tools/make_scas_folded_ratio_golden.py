#!/usr/bin/env python3
"""Reference values for the two-group min / max ratio of a rate that fairness-core reports from
counts since session 10 (h22m): ScasFoldedRatio, the hull of the theta = |log(p1 / p2)| accepted by
the skew-corrected Miettinen-Nurminen score test at phi = exp(+-theta), conditioned on both counts
positive ("|log r^| too small" at either sign, "too large" at r^'s side;
tools/minmax_ratio_exact_coverage.py, ratio_tests and ratio_hull). The min / max ratio interval is
[exp(-upper), exp(-lower)] (upper may be inf: lower bound 0).

Output: fairness-core/src/test/resources/golden-stats/scas_folded_ratio.json
Command: /work/pyenv/bin/python tools/make_scas_folded_ratio_golden.py   (about a minute)
Versions printed into the file ("versions").
Each case is computed twice:
- "lower", "upper": with the restricted maximum-likelihood rates (q1 = phi q2) from Miettinen and
  Nurminen's closed form (the smaller root of their quadratic, written without cancellation), as
  fairness-core computes them;
- the same bounds with the restricted rates maximised NUMERICALLY by scipy.optimize.minimize_scalar
  over log q2 (the binomial log-likelihood by scipy.special.xlogy, xatol 1e-12), polished by
  scipy.optimize.brentq on the score near that optimum, must agree within 1e-8, or the script stops; the largest difference is written ("numeric_check_max_abs_diff").
The normal distribution function is scipy.stats.norm.cdf; the bounds come from 60 bisection steps
each (the crossing of condition A in [0, t] unless theta = 0 is accepted, of B in [t, t + 30]).
"""
import json
import math
import pathlib
import platform

import numpy as np
import scipy
from scipy import optimize, special

import minmax_ratio_exact_coverage as mm

CASES = [  # x1, n1, x2, n2 (both counts positive)
    (10, 100, 50, 1000), (5, 100, 100, 1000), (1, 100, 55, 1000), (3, 30, 20, 300),
    (12, 45, 12, 45), (20, 20, 50, 50), (1, 8, 7, 8), (200, 250, 205, 250), (40, 200, 52, 200),
    (7, 300, 2, 1000), (2, 1000, 1, 100), (55, 100, 450, 1000), (1, 20, 1, 50), (5, 200, 5, 200),
    (95, 100, 975, 1000), (28, 30, 270, 300), (1, 1, 3, 40), (30, 300, 1, 1000),
]
LEVELS = [0.95, float(np.sqrt(0.95)), 0.90]


def numeric_one(x1, n1, x2, n2, phi):
    """The restricted maximum by scipy: minimize_scalar of the negative log-likelihood over
    u = log q2, polished by brentq on the score (its derivative) in a bracket around that optimum."""
    hi = min(1.0, 1 / phi)

    def nll(u):
        p2 = math.exp(u)
        return -(special.xlogy(x1, phi * p2) + special.xlogy(n1 - x1, 1 - phi * p2)
                 + special.xlogy(x2, p2) + special.xlogy(n2 - x2, 1 - p2))

    def score(p2):
        return (x1 + x2) / p2 - (n1 - x1) * phi / (1 - phi * p2) - (n2 - x2) / (1 - p2)

    u = optimize.minimize_scalar(nll, bounds=(-80.0, math.log(hi)), method="bounded",
                                 options={"xatol": 1e-12}).x
    p2 = math.exp(u)
    a, b = p2 * (1 - 1e-4), min(p2 * (1 + 1e-4), hi * (1 - 1e-16))
    if score(a) > 0 > score(b):
        p2 = optimize.brentq(score, a, b, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    p2 = min((p2, hi), key=lambda v: nll(math.log(v)))
    return phi * p2, p2


def numeric_restricted_vectorised(x1, n1, x2, n2, phi):
    x1, x2, phi = np.broadcast_arrays(np.asarray(x1, float), np.asarray(x2, float),
                                      np.asarray(phi, float))
    out = [numeric_one(a, n1, b, n2, f) for a, b, f in zip(x1.ravel(), x2.ravel(), phi.ravel())]
    q1 = np.array([o[0] for o in out]).reshape(x1.shape)
    q2 = np.array([o[1] for o in out]).reshape(x1.shape)
    return np.clip(q1, 0, 1), np.clip(q2, 0, 1)


def main():
    closed = mm.restricted_ratio_stable
    cases = []
    worst = 0.0
    for x1, n1, x2, n2 in CASES:
        for level in LEVELS:
            mm.restricted_ratio_stable = closed
            lo, hi = mm.ratio_hull([x1], n1, [x2], n2, 1 - level)
            mm.restricted_ratio_stable = numeric_restricted_vectorised
            nlo, nhi = mm.ratio_hull([x1], n1, [x2], n2, 1 - level)
            mm.restricted_ratio_stable = closed
            dhi = 0.0 if np.isinf(hi[0]) and np.isinf(nhi[0]) else abs(hi[0] - nhi[0])
            diff = max(abs(lo[0] - nlo[0]), dhi)
            if not diff <= 1e-8:
                raise SystemExit(f"closed form and numerical maximum disagree: {x1}/{n1} {x2}/{n2} "
                                 f"{level}: {lo[0]}, {hi[0]} vs {nlo[0]}, {nhi[0]}")
            worst = max(worst, diff)
            cases.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "confidence": level,
                          "lower": float(lo[0]),
                          "upper": "inf" if np.isinf(hi[0]) else float(hi[0])})
    out = {
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "command": "/work/pyenv/bin/python tools/make_scas_folded_ratio_golden.py",
        "numeric_check_max_abs_diff": worst,
        "cases": cases,
    }
    path = (pathlib.Path(__file__).resolve().parent.parent
            / "fairness-core/src/test/resources/golden-stats/scas_folded_ratio.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(cases)} cases, closed form vs numerical maximum: max |diff| {worst:.2e}; {path}")


if __name__ == "__main__":
    main()
