"""Miettinen-Nurminen score intervals of a difference and a ratio of two independent proportions,
computed the slow way for reference values: the restricted maximum-likelihood rates come from
scipy.optimize.minimize_scalar on the binomial likelihood (not from the closed forms of the paper
that fairness-core uses), and the bounds from scipy.optimize.brentq. Used by
make_rate_interval_golden.py and policy_all_kinds_reference.py.
"""
import numpy as np
from scipy import optimize, special, stats


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


def restricted_ratio_mle(xb, nb, xa, na, phi):
    """(p~b, p~a) maximising the likelihood subject to p~b = phi * p~a, numerically."""
    def nll(pa):
        pb = phi * pa
        return -(special.xlogy(xb, pb) + special.xlogy(nb - xb, 1 - pb)
                 + special.xlogy(xa, pa) + special.xlogy(na - xa, 1 - pa))
    hi = min(1.0, 1 / phi)
    pa = optimize.minimize_scalar(nll, bounds=(0.0, hi), method="bounded",
                                  options={"xatol": 1e-14}).x
    pa = min((0.0, pa, hi), key=nll)
    return phi * pa, pa


def mn_ratio_statistic(xb, nb, xa, na, phi):
    pb, pa = restricted_ratio_mle(xb, nb, xa, na, phi)
    n = na + nb
    v = (pb * (1 - pb) / nb + phi * phi * pa * (1 - pa) / na) * n / (n - 1)
    d = xb / nb - phi * xa / na
    return d * d / v if v > 0 else (0.0 if abs(d) < 1e-12 else np.inf)


def miettinen_nurminen_ratio(xb, nb, xa, na, conf):
    chi2 = stats.chi2.ppf(conf, 1)
    start = np.log(max((xb / nb) / (xa / na), 1e-300))
    f = lambda t: mn_ratio_statistic(xb, nb, xa, na, np.exp(t)) - chi2

    def bound(direction):
        step = 1.0
        while f(start + direction * step) <= 0:
            step *= 2
        a, b = sorted((start, start + direction * step))
        return float(np.exp(optimize.brentq(f, a, b, xtol=1e-14)))

    return [0.0 if xb == 0 else bound(-1), bound(1)]
