#!/usr/bin/env python3
"""Reference values for the two-group gap interval that fairness-core reports from counts since
session 9 (h22f): ScasFoldedGap, the hull of the theta = |p1 - p2| accepted by the skew-corrected
Miettinen-Nurminen score test at delta = +-theta ("|d| too small" at either sign, "|d| too large" at
d's side; tools/folded_gap_exact_coverage.py, scas_tests and scas_hull).

Output: fairness-core/src/test/resources/golden-stats/scas_folded_gap.json
Command: /work/pyenv/bin/python tools/make_scas_folded_golden.py   (about a minute)
Versions printed into the file ("versions").
Each case is computed twice:
- "lower", "upper": with the restricted maximum-likelihood rates from Miettinen and Nurminen's
  closed form (the cubic, tools/two_group_exact_coverage.restricted), as fairness-core computes them;
- the same bounds with the restricted rates maximised NUMERICALLY by scipy.optimize.minimize_scalar
  (two_group_exact_coverage.numeric_restricted, xatol 1e-13) must agree within 1e-8, or the script
  stops (where a group has 0 successes the numerical maximum sits at the bound 0 and is less exact); the
  largest difference is written ("numeric_check_max_abs_diff").
The normal distribution function is scipy.stats.norm.cdf; the bounds come from 60 bisection steps
each (the crossing of condition A in [0, |d|] unless theta = 0 is accepted, of B in [|d|, 1]).
"""
import json
import pathlib
import platform

import numpy as np
import scipy

import folded_gap_exact_coverage as fg
import two_group_exact_coverage as tg

CASES = [  # x1, n1, x2, n2
    (10, 100, 50, 1000), (5, 100, 100, 1000), (0, 100, 36, 1000), (1, 100, 55, 1000),
    (3, 30, 20, 300), (0, 30, 34, 300), (12, 45, 12, 45), (0, 20, 0, 50), (20, 20, 50, 50),
    (0, 20, 5, 50), (20, 20, 0, 50), (1, 8, 7, 8), (200, 250, 205, 250), (40, 200, 52, 200),
    (7, 300, 2, 1000), (0, 5, 5, 5), (2, 1000, 1, 100), (55, 100, 450, 1000),
]
LEVELS = [0.95, float(np.sqrt(0.95)), 0.90]


def numeric_restricted_vectorised(x1, n1, x2, n2, delta):
    x1, x2, delta = np.broadcast_arrays(np.asarray(x1, float), np.asarray(x2, float),
                                        np.asarray(delta, float))
    out = [tg.numeric_restricted(a, n1, b, n2, dl) for a, b, dl in
           zip(x1.ravel(), x2.ravel(), delta.ravel())]
    q1 = np.array([o[0] for o in out]).reshape(x1.shape)
    q2 = np.array([o[1] for o in out]).reshape(x1.shape)
    return np.clip(q1, 0, 1), np.clip(q2, 0, 1)


def main():
    closed = fg.restricted
    cases = []
    worst = 0.0
    for x1, n1, x2, n2 in CASES:
        for level in LEVELS:
            fg.restricted = closed
            lo, hi = fg.scas_hull([x1], n1, [x2], n2, 1 - level)
            fg.restricted = numeric_restricted_vectorised
            nlo, nhi = fg.scas_hull([x1], n1, [x2], n2, 1 - level)
            fg.restricted = closed
            diff = max(abs(lo[0] - nlo[0]), abs(hi[0] - nhi[0]))
            if diff > 1e-8:
                raise SystemExit(f"closed form and numerical maximum disagree: {x1}/{n1} {x2}/{n2} "
                                 f"{level}: {lo[0]}, {hi[0]} vs {nlo[0]}, {nhi[0]}")
            worst = max(worst, diff)
            cases.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "confidence": level,
                          "lower": float(lo[0]), "upper": float(hi[0])})
    out = {
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "command": "/work/pyenv/bin/python tools/make_scas_folded_golden.py",
        "numeric_check_max_abs_diff": worst,
        "cases": cases,
    }
    path = (pathlib.Path(__file__).resolve().parent.parent
            / "fairness-core/src/test/resources/golden-stats/scas_folded_gap.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(cases)} cases, closed form vs numerical maximum: max |diff| {worst:.2e}; {path}")


if __name__ == "__main__":
    main()
