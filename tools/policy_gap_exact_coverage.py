#!/usr/bin/env python3
"""Exact coverage of one pair's gap interval at the Bonferroni levels the policy checker uses
(issue 22, session 10).

`check` with `interval: analytic` bounds a between-groups difference by intervals of every pair's
|p_i - p_j| at level 1 - alpha/m (m pairs; fairness-core core.policy.AnalyticIntervals), each the
skew-corrected folded Miettinen-Nurminen interval (ScasFoldedGap, method miettinen-nurminen-folded).
The joint statement holds with probability at least 1 - alpha when each pair's interval covers at
least its level 1 - alpha/m; session 9 measured that interval only at 95 % (and sqrt(0.95)). This
sums the binomial distributions exactly (tools/folded_gap_exact_coverage.hull_cover, which mirrors
ScasFoldedGap and is checked against it by tools/make_scas_folded_golden.py) on the grid cells of
tools/note_rule_exact_coverage.cells and the moderate cells of folded_gap_exact_coverage, at
alpha = 0.05 and m = 1, 3, 6, 10 (2, 3, 4, 5 groups), and prints per level the lowest coverage,
the non-coverage relative to its budget alpha/m (the ratio must stay near or below 1 for the
Bonferroni argument) and the cells whose non-coverage exceeds 1.5 x its budget.
Usage: /work/pyenv/bin/python tools/policy_gap_exact_coverage.py   (about 2 minutes)
"""
import sys

import numpy as np
import scipy
import statsmodels
from scipy import stats

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from folded_gap_exact_coverage import hull_cover, moderate_cells  # noqa: E402
from note_rule_exact_coverage import cells, support  # noqa: E402


def coverage(n1, p1, n2, p2, alpha):
    a1, a2 = support(n1, p1), support(n2, p2)
    x1, x2 = np.meshgrid(a1, a2, indexing="ij")
    x1, x2 = x1.ravel().astype(float), x2.ravel().astype(float)
    pmf = stats.binom.pmf(x1, n1, p1) * stats.binom.pmf(x2, n2, p2)
    return float(np.sum(pmf * hull_cover(x1, n1, x2, n2, abs(p1 - p2), alpha)))


def main():
    print(f"scipy {scipy.__version__}, numpy {np.__version__}, statsmodels {statsmodels.__version__}")
    grid = cells(False) + moderate_cells()
    for m in (1, 3, 6, 10):
        alpha = 0.05 / m
        rows = []
        for n1, p1, n2, p2, label in grid:
            c = coverage(n1, p1, n2, p2, alpha)
            rows.append(((1 - c) / alpha, c, n1, p1, n2, p2, min(n1 * p1, n2 * p2), label))
        ratios = np.array([r[0] for r in rows])
        worst = max(rows)
        print(f"\nm = {m} pairs, level {1 - alpha:.5f}: {len(rows)} cells; lowest coverage "
              f"{min(r[1] for r in rows):.5f}; non-coverage / budget: median {np.median(ratios):.2f}, "
              f"max {worst[0]:.2f} (n1={worst[2]}, p1={worst[3]:.4f}, n2={worst[4]}, "
              f"p2={worst[5]:.4f}, lambda={worst[6]:.2f}, {worst[7]}); cells above 1.5 x budget: "
              f"{int(np.sum(ratios > 1.5))}, above 1.2 x: {int(np.sum(ratios > 1.2))}")
        for r in sorted(rows, reverse=True)[:5]:
            if r[0] > 1.2:
                print(f"  {r[0]:.2f} x budget: coverage {r[1]:.5f}, n1={r[2]}, p1={r[3]:.4f}, "
                      f"n2={r[4]}, p2={r[5]:.4f}, lambda={r[6]:.2f}, {r[7]}")


if __name__ == "__main__":
    main()
