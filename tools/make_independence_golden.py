#!/usr/bin/env python3
"""Reference chi-square and G-test p-values for error-by-group independence tables.

Output: fairness-core/src/test/resources/golden-stats/independence.json
Produced with scipy 1.17.1, Python 3.11.7:  /tmp/pyenv/bin/python tools/make_independence_golden.py
scipy.stats.chi2_contingency(table, correction=False) and (..., lambda_="log-likelihood").
"""
import json
import pathlib

from scipy.stats import chi2_contingency

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
tables = [[[20, 40], [35, 25]], [[5, 55], [9, 51], [14, 46], [20, 40]], [[100, 900], [130, 870]]]
res = []
for t in tables:
    chi2, p, dof, _ = chi2_contingency(t, correction=False)
    g, pg, _, _ = chi2_contingency(t, correction=False, lambda_="log-likelihood")
    res.append({"table": t, "chi2": chi2, "chi2_p": p, "dof": int(dof), "g": g, "g_p": pg})
(out / "independence.json").write_text(json.dumps(res, indent=1))
print(res[0])
