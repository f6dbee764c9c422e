#!/usr/bin/env python3
"""PyTorch side of ClipImageBenchmark: CLIPModel.get_image_features on random pixels, CPU, batch 1
and 16, median of 10 (batch 1) and 5 (batch 16) runs after 15 and 3 warm-up runs.

    /tmp/pyenv/bin/python tools/bench_torch_image.py /tmp/clip-b16 --threads 2
    # torch 2.13.0+cpu, transformers 5.18.0; tools/bench_image_encoding.sh runs it between JMH runs
Prints one line: "torch b1 <ms> b16 <ms>".
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401  (see bench_training_step.py)
except Exception:
    pass
import argparse
import time

import torch
from transformers import CLIPModel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = CLIPModel.from_pretrained(args.model).eval()
    out = ["torch"]
    for batch, warm, runs in ((1, 15, 10), (16, 3, 5)):
        x = torch.randn(batch, 3, 224, 224)
        with torch.no_grad():
            for _ in range(warm):
                model.get_image_features(pixel_values=x)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                model.get_image_features(pixel_values=x)
                times.append((time.perf_counter() - t) * 1000)
        out.append("b%d %.0f" % (batch, sorted(times)[len(times) // 2]))
    print(" ".join(out), flush=True)


if __name__ == "__main__":
    main()
