#!/usr/bin/env python3
"""Checks statsmodels' Miettinen-Nurminen restricted MLE for differences (issue 22, session 9).

statsmodels 0.15.0 `score_test_proportions_2indep(compare="diff")` (used by
`confint_proportions_2indep(method="score")`) solves the cubic of Miettinen & Nurminen (1985) with
the linear coefficient `(count0 * diff - nobs - 2 * count0) * diff + count`. Setting the derivative
of the restricted log-likelihood
    l(p0) = x1 log(p0 + d) + (n1 - x1) log(1 - p0 - d) + x0 log p0 + (n0 - x0) log(1 - p0)
to 0 and multiplying by p1 (1 - p1) p0 (1 - p0) gives (x1 - n1 p1) p0 (1 - p0) + (x0 - n0 p0) p1 (1 - p1)
= 0 with p1 = p0 + d, i.e. N p0^3 + [(n1 + 2 n0) d - N - C] p0^2 + [(n0 d - N - 2 x0) d + C] p0
+ x0 d (1 - d) = 0: the linear coefficient has n0 d^2 (nobs0), not x0 d^2 (count0).
This script prints, per case, statsmodels' restricted rates and statistic, the rates and statistic at
scipy's numerical maximum of the likelihood (tools/mn_reference.py), the cubic's root with nobs0, and
how often the 0.15.0 cubic gives NaN or rates outside [0, 1] on a grid of d (with nobs0: never).
Usage: /work/pyenv/bin/python tools/statsmodels_mn_check.py
"""
import numpy as np
import scipy
import statsmodels
from scipy import special
from statsmodels.stats.proportion import confint_proportions_2indep, score_test_proportions_2indep

import mn_reference as ref


def cubic_root(count1, nobs1, count0, nobs0, diff, fixed):
    """statsmodels 0.15.0's closed form (proportion.py, score_test_proportions_2indep), with the
    linear coefficient's first count0 replaced by nobs0 when fixed."""
    nobs, count = nobs1 + nobs0, count1 + count0
    tmp3 = nobs
    tmp2 = (nobs1 + 2 * nobs0) * diff - nobs - count
    tmp1 = ((nobs0 if fixed else count0) * diff - nobs - 2 * count0) * diff + count
    tmp0 = count0 * diff * (1 - diff)
    q = (tmp2 / (3 * tmp3)) ** 3 - tmp1 * tmp2 / (6 * tmp3**2) + tmp0 / (2 * tmp3)
    with np.errstate(all="ignore"):
        p = np.sign(q) * np.sqrt((tmp2 / (3 * tmp3)) ** 2 - tmp1 / (3 * tmp3))
        a = (np.pi + np.arccos(q / p**3)) / 3
    return 2 * p * np.cos(a) - tmp2 / (3 * tmp3)


def loglik(x1, n1, x0, n0, p1, p0):
    return (special.xlogy(x1, p1) + special.xlogy(n1 - x1, 1 - p1)
            + special.xlogy(x0, p0) + special.xlogy(n0 - x0, 1 - p0))


def main():
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    print()
    print("| x1/n1 vs x0/n0 | δ | statsmodels p̃1, p̃0 | its statistic | its log-lik | scipy max p̃1, p̃0 "
          "| statistic there | log-lik | cubic with nobs0: p̃0 |")
    print("|---|---:|---|---:|---:|---|---:|---:|---:|")
    for x1, n1, x0, n0, d in [(3, 40, 5, 60, -0.3), (3, 40, 5, 60, 0.1), (10, 50, 20, 50, -0.3),
                              (5, 60, 3, 40, 0.3)]:
        r = score_test_proportions_2indep(x1, n1, x0, n0, value=d, compare="diff", correction=True,
                                          return_results=True)
        b1, b0 = ref.restricted_mle(x1, n1, x0, n0, d)
        with np.errstate(all="ignore"):
            sll = loglik(x1, n1, x0, n0, r.prop1_null, r.prop2_null)
        print(f"| {x1}/{n1} vs {x0}/{n0} | {d} | {r.prop1_null:.6f}, {r.prop2_null:.6f} | "
              f"{r.statistic ** 2:.4f} | {sll:.4f} | {b1:.6f}, {b0:.6f} | "
              f"{ref.mn_statistic(x1, n1, x0, n0, d):.4f} | {loglik(x1, n1, x0, n0, b1, b0):.4f} | "
              f"{cubic_root(x1, n1, x0, n0, d, True):.6f} |")
    print()
    print("95 % interval of p1 - p0 at 3/40 vs 5/60: statsmodels "
          f"{tuple(round(float(v), 6) for v in confint_proportions_2indep(3, 40, 5, 60, method='score', compare='diff'))}, "
          f"scipy's likelihood maximum {tuple(round(v, 6) for v in ref.miettinen_nurminen(3, 40, 5, 60, 0.95))}")
    try:
        with np.errstate(all="ignore"):
            confint_proportions_2indep(0, 40, 5, 60, method="score", compare="diff")
        print("statsmodels at 0/40 vs 5/60: no error")
    except ValueError as e:
        print(f"statsmodels at 0/40 vs 5/60 raises ValueError: {e}")
    print(f"scipy's likelihood maximum at 0/40 vs 5/60: "
          f"{tuple(round(v, 6) for v in ref.miettinen_nurminen(0, 40, 5, 60, 0.95))}")
    print()
    grid = np.linspace(-0.999, 0.999, 1999)
    for case in [(0, 40, 5, 60), (3, 40, 5, 60), (0, 40, 0, 60), (40, 40, 5, 60)]:
        counts = []
        for fixed in (False, True):
            p0 = cubic_root(*case, grid, fixed)
            p1 = p0 + grid
            bad = ~np.isfinite(p0) | (np.minimum(p0, p1) < -1e-9) | (np.maximum(p0, p1) > 1 + 1e-9)
            counts.append(int(bad.sum()))
        print(f"{case[0]}/{case[1]} vs {case[2]}/{case[3]}: δ on a grid of {grid.size} in (-1, 1) where the "
              f"cubic's root is NaN or outside [0, 1]: count0 (0.15.0) {counts[0]}, nobs0 {counts[1]}")


if __name__ == "__main__":
    main()
