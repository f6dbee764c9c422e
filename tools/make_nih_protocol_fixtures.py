#!/usr/bin/env python3
"""Writes synthetic NIH Data_Entry metadata files that stress the authors' NIH 6x200 sampling
(notebook dataset/nih6x200.ipynb): several images per patient, a patient in several cells, ages
59/60/61/100 and over, cells with fewer than 50 patients (sampled with replacement), exactly 50,
and many more, multi-label and No Finding rows, rows out of image-index order, and (--v2017) the
original file's trailing empty column. Standard library only, seeded.

    python3 tools/make_nih_protocol_fixtures.py --seed 3 --out DIR/Data_Entry.csv [--v2017] [--shuffle]

The notebook's own split of each file is produced by tools/run_authors_notebook.py.
"""
import argparse
import random

SIX = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]
OTHER = ["Emphysema", "Fibrosis", "Hernia", "Infiltration", "Mass", "Nodule",
         "Pleural_Thickening", "Pneumonia"]
HEADER = ("Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,"
          "View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--v2017", action="store_true", help="trailing empty column")
    ap.add_argument("--shuffle", action="store_true", help="rows out of image order")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    # patients per cell: some under 50, some exactly 50, some more
    targets = {}
    for d in SIX:
        for old in (0, 1):
            for sex in "MF":
                targets[(d, old, sex)] = rng.choice([7, 23, 49, 50, 51, 64, 90])
    rows = []
    pid = 0
    for (d, old, sex), k in targets.items():
        for _ in range(k):
            pid += 1
            age = rng.choice([59, 60, 61]) if rng.random() < 0.3 else (
                rng.randint(60, 99) if old else rng.randint(1, 59))
            n_img = rng.choice([1, 1, 2, 3, 5])
            fu = 0
            for j in range(n_img):
                r = rng.random()
                if r < 0.55:
                    lab = d
                elif r < 0.65:
                    lab = rng.choice(SIX)  # another cell for the same patient
                elif r < 0.75:
                    lab = "|".join(sorted({d, rng.choice(SIX + OTHER)}))  # multi-label (or d)
                elif r < 0.85:
                    lab = "No Finding"
                else:
                    lab = rng.choice(OTHER)
                a_age = age + (1 if rng.random() < 0.2 else 0)  # a later image one year older
                if rng.random() < 0.03:
                    a_age = rng.choice([100, 101, 412])
                rows.append((pid, fu, lab, a_age, sex))
                fu += 1
    lines = []
    for pid, fu, lab, age, sex in rows:
        view = "PA" if (pid + fu) % 3 else "AP"
        line = f"{pid:08d}_{fu:03d}.png,{lab},{fu},{pid},{age},{sex},{view},2500,2048,0.143,0.143"
        lines.append(line + ("," if a.v2017 else ""))
    if a.shuffle:
        rng.shuffle(lines)
    with open(a.out, "w", newline="") as f:
        f.write(HEADER + ("," if a.v2017 else "") + "\n")
        for line in lines:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
