#!/usr/bin/env python3
"""Reference values for fairness-core's analytic intervals and multiple-testing corrections.

Output: fairness-core/src/test/resources/golden-stats/intervals.json
Produced with statsmodels 0.15.0, scipy 1.17.1, numpy, Python 3.11.7:
  /tmp/pyenv/bin/pip install statsmodels scipy && /tmp/pyenv/bin/python tools/make_interval_golden.py
- wilson, clopper_pearson: statsmodels.stats.proportion.proportion_confint(method="wilson"/"beta")
- newcombe_difference: confint_proportions_2indep(compare="diff", method="newcomb")
- katz_ratio: confint_proportions_2indep(compare="ratio", method="log")
- holm, benjamini_hochberg: statsmodels.stats.multitest.multipletests(method="holm"/"fdr_bh")[1]
"""
import json
import pathlib

from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-core/src/test/resources/golden-stats"
out.mkdir(parents=True, exist_ok=True)
single = [(0, 10), (1, 10), (5, 10), (10, 10), (37, 60), (3, 240), (812, 1000)]
pairs = [(37, 60, 25, 60), (5, 10, 9, 10), (120, 400, 80, 400), (3, 50, 1, 40), (30, 30, 20, 25)]
res = {"confidence": [0.95, 0.9], "single": [], "pairs": [], "pvalues": []}
for conf in res["confidence"]:
    a = 1 - conf
    for x, n in single:
        w = proportion_confint(x, n, alpha=a, method="wilson")
        cp = proportion_confint(x, n, alpha=a, method="beta")
        res["single"].append({"x": x, "n": n, "confidence": conf, "wilson": list(map(float, w)),
                              "clopper_pearson": list(map(float, cp))})
    for x1, n1, x2, n2 in pairs:
        d = confint_proportions_2indep(x1, n1, x2, n2, compare="diff", method="newcomb", alpha=a)
        entry = {"x1": x1, "n1": n1, "x2": x2, "n2": n2, "confidence": conf,
                 "newcombe_difference": list(map(float, d))}
        if 0 < x1 < n1 and 0 < x2 < n2:
            r = confint_proportions_2indep(x1, n1, x2, n2, compare="ratio", method="log", alpha=a)
            entry["katz_ratio"] = list(map(float, r))
        res["pairs"].append(entry)
for p in [[0.01, 0.04, 0.03, 0.20], [0.001, 0.5, 0.049, 0.0125, 0.3, 0.02], [0.9]]:
    res["pvalues"].append({"p": p, "holm": multipletests(p, method="holm")[1].tolist(),
                           "benjamini_hochberg": multipletests(p, method="fdr_bh")[1].tolist()})
(out / "intervals.json").write_text(json.dumps(res, indent=1))
print(json.dumps(res["pairs"][0]))
