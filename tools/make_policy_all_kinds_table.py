"""Writes fairness-cli/src/test/resources/policy-all-kinds/table.csv (issue 21 verification).

3 races x 2 sexes (M|C has 20 rows: below the policy's min-group-size 50), an old model (y_old, the
baseline) and a new one (y_pred). Run: /work/pyenv/bin/python tools/make_policy_all_kinds_table.py
(numpy 2.4.6, pandas 3.0.6), from fairness-cli/src/test/resources/policy-all-kinds.
"""
import numpy as np, pandas as pd
rng = np.random.default_rng(2121)
rows = []
pid = 0
for sex in ["F", "M"]:
    for race in ["A", "B", "C"]:
        n = {"A": 300, "B": 200, "C": 120}[race] if sex == "F" else {"A": 320, "B": 180, "C": 20}[race]
        tpr = {"F": 0.85, "M": 0.80}[sex] - {"A": 0.0, "B": 0.05, "C": 0.25}[race]
        fpr = 0.10 + {"A": 0.0, "B": 0.03, "C": 0.08}[race]
        for i in range(n):
            if i % 2 == 0:
                pid += 1
            y = int(rng.random() < 0.4)
            p_new = int(rng.random() < (tpr if y else fpr))
            p_old = int(rng.random() < ((tpr + 0.1) if y else fpr))
            rows.append(dict(pid=f"P{pid:04d}", sex=sex, race=race, y_true=y, y_pred=p_new, y_old=p_old))
df = pd.DataFrame(rows)
df.to_csv("table.csv", index=False)
print(df.groupby(["sex", "race"]).size())
