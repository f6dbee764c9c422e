#!/usr/bin/env python3
"""Exact coverage of two-group difference intervals at small expected counts (issue 22, session 8).

Compares Newcombe's hybrid score interval (statsmodels 0.15.0,
`confint_proportions_2indep(method="newcomb", compare="diff")`, what `metrics` reported before)
with the Miettinen-Nurminen score interval (what it reports since session 8 for unclustered
signed differences and two-group gaps). Coverage is summed exactly over the two binomial
distributions (no simulation). For the score interval a table covers delta = p1 - p2 when the score
statistic at delta is at most chi2_1(0.95) (the interval is the set of accepted deltas).

The Miettinen-Nurminen statistic here uses the paper's closed-form restricted MLE (the cubic of its
appendix, as fairness-core does); the script first checks that closed form against the likelihood
maximised numerically by scipy.optimize.minimize_scalar (an outside artifact) and stops if they
differ. statsmodels' own `method="score"` is not used: in 0.15.0 its restricted MLE for
compare="diff" has count0 * diff where the paper has nobs0 * diff (its statistic then differs from
the likelihood maximum's away from delta = 0; this script prints one example), and it raises at zero
counts.

A second table: the Miettinen-Nurminen score interval of the ratio p1 / p2 (restricted MLE: the
root of the paper's quadratic, checked against scipy's numerical maximum as above), which `metrics`
reports for ratios since session 8 in place of Katz's log interval (which the coverage study
measured at up to 0.99-1.00 at expected counts of 1-3).

Usage: /work/pyenv/bin/python tools/two_group_exact_coverage.py   (about 20 s)
"""
import itertools

import numpy as np
import scipy
import statsmodels
from scipy import optimize, special, stats
from statsmodels.stats.proportion import confint_proportions_2indep, score_test_proportions_2indep

CHI2 = stats.chi2.ppf(0.95, 1)


def restricted(x1, n1, x2, n2, delta):
    """Restricted MLE (p1, p2) with p1 - p2 = delta: Miettinen & Nurminen (1985), appendix."""
    n = n1 + n2
    c = x1 + x2
    l3 = n
    l2 = (n1 + 2 * n2) * delta - n - c
    l1 = (n2 * delta - n - 2 * x2) * delta + c
    l0 = x2 * delta * (1 - delta)
    b = l2 / (3 * l3)
    q = b**3 - l1 * l2 / (6 * l3**2) + l0 / (2 * l3)
    p = np.sign(q) * np.sqrt(np.maximum(b * b - l1 / (3 * l3), 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(p == 0, 0.0, q / p**3)
    a = (np.pi + np.arccos(np.clip(r, -1, 1))) / 3
    p2 = np.clip(2 * p * np.cos(a) - b, 0, 1)
    return np.clip(p2 + delta, 0, 1), p2


def numeric_restricted(x1, n1, x2, n2, delta):
    def nll(p2):
        p1 = p2 + delta
        return -(special.xlogy(x1, p1) + special.xlogy(n1 - x1, 1 - p1)
                 + special.xlogy(x2, p2) + special.xlogy(n2 - x2, 1 - p2))
    lo, hi = max(0.0, -delta), min(1.0, 1 - delta)
    p2 = optimize.minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-13}).x
    p2 = min((lo, p2, hi), key=nll)
    return p2 + delta, p2


def mn_statistic(x1, n1, x2, n2, delta):
    q1, q2 = restricted(x1, n1, x2, n2, delta)
    n = n1 + n2
    var = (q1 * (1 - q1) / n1 + q2 * (1 - q2) / n2) * n / (n - 1)
    diff = x1 / n1 - x2 / n2 - delta
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(var > 0, diff**2 / var, np.where(np.abs(diff) < 1e-12, 0.0, np.inf))


def check_closed_form():
    worst = 0.0
    for x1, n1, x2, n2 in itertools.product((0, 1, 3, 19, 20), (20,), (0, 2, 30, 60), (60,)):
        for delta in (-0.6, -0.2, -0.03, 0.0, 0.04, 0.3, 0.7):
            a = restricted(np.float64(x1), n1, np.float64(x2), n2, delta)
            b = numeric_restricted(x1, n1, x2, n2, delta)
            worst = max(worst, abs(a[1] - b[1]))
    assert worst < 1e-6, worst
    return worst


def restricted_ratio(x1, n1, x2, n2, phi):
    """Restricted MLE (p1, p2) with p1 = phi * p2: the smaller root of the quadratic."""
    n = n1 + n2
    a = n * phi
    b = -(n1 * phi + x1 + n2 + x2 * phi)
    c = x1 + x2
    p2 = (-b - np.sqrt(np.maximum(b * b - 4 * a * c, 0))) / (2 * a)
    return np.clip(phi * p2, 0, 1), np.clip(p2, 0, 1)


def numeric_restricted_ratio(x1, n1, x2, n2, phi):
    def nll(p2):
        return -(special.xlogy(x1, phi * p2) + special.xlogy(n1 - x1, 1 - phi * p2)
                 + special.xlogy(x2, p2) + special.xlogy(n2 - x2, 1 - p2))
    hi = min(1.0, 1 / phi)
    p2 = optimize.minimize_scalar(nll, bounds=(0, hi), method="bounded", options={"xatol": 1e-13}).x
    p2 = min((0.0, p2, hi), key=nll)
    return phi * p2, p2


def mn_ratio_statistic(x1, n1, x2, n2, phi):
    q1, q2 = restricted_ratio(x1, n1, x2, n2, phi)
    n = n1 + n2
    var = (q1 * (1 - q1) / n1 + phi**2 * q2 * (1 - q2) / n2) * n / (n - 1)
    diff = x1 / n1 - phi * x2 / n2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(var > 0, diff**2 / var, np.where(np.abs(diff) < 1e-12, 0.0, np.inf))


def check_ratio_closed_form():
    worst = 0.0
    for x1, x2, phi in itertools.product((1, 5, 19), (2, 30, 59), (0.5, 0.9, 1.0, 1.3)):
        a = restricted_ratio(np.float64(x1), 20, np.float64(x2), 60, phi)
        b = numeric_restricted_ratio(x1, 20, x2, 60, phi)
        worst = max(worst, abs(a[1] - b[1]))
    assert worst < 1e-6, worst
    return worst


def ratio_coverage(n1, p1, n2, p2):
    x1, x2 = np.meshgrid(np.arange(n1 + 1), np.arange(n2 + 1), indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    return float(np.sum(pmf * (mn_ratio_statistic(x1, n1, x2, n2, p1 / p2) <= CHI2)))


def coverage(n1, p1, n2, p2):
    x1, x2 = np.meshgrid(np.arange(n1 + 1), np.arange(n2 + 1), indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    d = p1 - p2
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=0.05)
    newcombe = float(np.sum(pmf * ((lo <= d + 1e-12) & (d - 1e-12 <= hi))))
    mn = float(np.sum(pmf * (mn_statistic(x1, n1, x2, n2, d) <= CHI2)))
    return newcombe, mn


def main():
    print(f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    print(f"closed-form restricted MLE vs scipy's numerical maximum: max |difference| {check_closed_form():.1e}")
    sm = score_test_proportions_2indep(3, 40, 5, 60, value=-0.3, compare="diff", correction=True,
                                       return_results=True).statistic ** 2
    print(f"statsmodels' score statistic at 3/40 vs 5/60, delta -0.3: {sm:.3f}; "
          f"at the likelihood maximum: {float(mn_statistic(3.0, 40, 5.0, 60, -0.3)):.3f}")
    print()
    print("| n1, p1 | n2, p2 | smaller expected count λ | Newcombe | Miettinen–Nurminen |")
    print("|---|---|---:|---:|---:|")
    ns = [(20, 30), (40, 60), (50, 50), (100, 150), (200, 200), (30, 300)]
    ps = [(0.9, 0.93), (0.95, 0.97), (0.92, 0.92), (0.97, 0.99), (0.04, 0.04), (0.02, 0.05),
          (0.1, 0.15), (0.7, 0.8), (0.5, 0.6), (0.99, 0.99), (0.985, 0.96), (0.8, 0.95)]
    rows = []
    for (n1, n2), (p1, p2) in itertools.product(ns, ps):
        lam = min(n1 * min(p1, 1 - p1), n2 * min(p2, 1 - p2))
        rows.append((lam, n1, p1, n2, p2, *coverage(n1, p1, n2, p2)))
    rows.sort()
    for lam, n1, p1, n2, p2, a, b in rows:
        print(f"| {n1}, {p1} | {n2}, {p2} | {lam:.1f} | {a:.3f} | {b:.3f} |")
    print()
    print("| λ | Newcombe range | Miettinen–Nurminen range | cells |")
    print("|---|---|---|---:|")
    arr = np.array([r[5:] for r in rows])
    lam = np.array([r[0] for r in rows])
    for lo, hi in ((0, 1), (1, 3), (3, 5), (5, np.inf)):
        m = (lam >= lo) & (lam < hi)
        print(f"| {lo}–{hi} | {arr[m, 0].min():.3f}–{arr[m, 0].max():.3f} | "
              f"{arr[m, 1].min():.3f}–{arr[m, 1].max():.3f} | {int(m.sum())} |")
    print()
    print(f"Miettinen–Nurminen ratio interval (closed-form restricted MLE vs "
          f"scipy: max |difference| {check_ratio_closed_form():.1e}), exact coverage of p1 / p2 "
          f"over the same cells")
    print()
    print("| λ | Miettinen–Nurminen ratio range | cells |")
    print("|---|---|---:|")
    ratio = np.array([ratio_coverage(n1, p1, n2, p2) for _, n1, p1, n2, p2, _, _ in rows])
    for lo, hi in ((0, 1), (1, 3), (3, 5), (5, np.inf)):
        m = (lam >= lo) & (lam < hi)
        print(f"| {lo}–{hi} | {ratio[m].min():.3f}–{ratio[m].max():.3f} | {int(m.sum())} |")


if __name__ == "__main__":
    main()
