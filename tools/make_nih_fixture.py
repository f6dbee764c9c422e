#!/usr/bin/env python3
"""Writes a synthetic metadata file in the exact NIH ChestX-ray14 Data_Entry_2017.csv format
(including the original's trailing empty column) with the real file's quirks: multi-label rows,
No Finding, ages over 100, an unknown label, a duplicated row. Standard library only, seeded.

    python3 tools/make_nih_fixture.py --seed 11 --patients 900 \
        --out fairness-cli/src/test/resources/nih/Data_Entry_2017.csv
"""
import argparse
import random

FINDINGS = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Emphysema",
            "Fibrosis", "Hernia", "Infiltration", "Mass", "Nodule", "Pleural_Thickening",
            "Pneumonia", "Pneumothorax"]
SIX = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]
HEADER = ("Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,"
          "View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--patients", type=int, default=900)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rows = []
    for pid in range(1, a.patients + 1):
        sex = rng.choice("MF")
        age = rng.randint(18, 95)
        for fu in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.6:
                labels = [rng.choice(SIX)]
            elif r < 0.75:
                labels = sorted(rng.sample(FINDINGS, 2))
            elif r < 0.9:
                labels = ["No Finding"]
            else:
                labels = [rng.choice(FINDINGS)]
            rows.append([f"{pid:08d}_{fu:03d}.png", "|".join(labels), str(fu), str(pid), str(age + fu // 2),
                         sex, rng.choice(["PA", "AP"]), "1024", "1024", "0.143", "0.143", ""])
    # Quirks: ages over 100, an unknown label, a duplicated row.
    for i in (5, 17, 40):
        rows[i][4] = str(410 + i)
    rows[23][1] = "Atelectasis|Covid"
    rows.insert(31, list(rows[30]))
    with open(a.out, "w", newline="\n") as f:
        f.write(HEADER + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")


if __name__ == "__main__":
    main()
