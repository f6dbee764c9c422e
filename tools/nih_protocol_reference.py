#!/usr/bin/env python3
"""Independent (pandas) implementation of the "NIH 6x200" sampling specified in
NihProtocol's Javadoc, for NihProtocolTest. Reads a Data_Entry_2017 file and writes
split,cell,image_index rows in sampling order.

    /tmp/pyenv/bin/python tools/nih_protocol_reference.py \
        --csv fairness-examples/src/test/resources/nih/Data_Entry_2017.csv --seed 42 \
        --out fairness-examples/src/test/resources/nih/protocol_seed42.csv
    # pandas 3.0.x (the mirror's), Python 3.11
"""
import argparse

import pandas as pd

SIX = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Effusion", "Pneumothorax"]
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return self.next() % bound


def sample(items, k, rng):
    n = len(items)
    if n == 0:
        return []
    if n >= k:
        a = list(items)
        for i in range(n - 1, 0, -1):
            j = rng.below(i + 1)
            a[i], a[j] = a[j], a[i]
        return a[:k]
    return [items[rng.below(n)] for _ in range(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    df = pd.read_csv(a.csv, dtype=str, keep_default_na=False)
    df = df.iloc[:, :11]
    df = df[df["Finding Labels"].isin(SIX)]
    df = df.drop_duplicates(subset="Image Index", keep="first")
    df["age"] = df["Patient Age"].astype(int)
    df = df[df["age"] < 100]
    df["cls"] = df["Finding Labels"].map(SIX.index)
    df["old"] = (df["age"] >= 60).astype(int)
    df["male"] = (df["Patient Gender"] == "M").astype(int)
    df["cell"] = df["cls"] * 4 + df["old"] * 2 + df["male"]
    df = df.sort_values("Image Index").groupby(["cell", "Patient ID"], as_index=False).first()
    out = []
    for cell, g in sorted(df.groupby("cell"), key=lambda t: t[0]):
        cand = sorted(g["Image Index"].tolist())
        rng = SplitMix64(a.seed * 1000003 + int(cell))
        for i, img in enumerate(sample(cand, 50, rng)):
            split = "TRAIN" if i < 35 else "VAL" if i < 40 else "TEST"
            out.append((split, int(cell), img))
    pd.DataFrame(out, columns=["split", "cell", "image_index"]).to_csv(a.out, index=False)


if __name__ == "__main__":
    main()
