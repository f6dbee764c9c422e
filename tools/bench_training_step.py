#!/usr/bin/env python3
"""PyTorch side of TrainingStepBenchmark: one training step (forward, backward, AdamW) at a batch size (--batch, default 16)
of LoRA (r 16, alpha 1, fused q,k,v, hand-written as in make_adaptation_fixture.py) and of full
fine-tuning of a Hugging Face CLIP vision encoder with a Linear(proj, 6) head, on CPU.

    /tmp/pyenv/bin/python tools/bench_training_step.py --clip /tmp/clip-b16 --threads 2 [--batch 4]
    # torch 2.13.0+cpu, transformers 5.18.0
Prints the mean and each of --steps (4) measured steps after --warmup (2) warm-up steps, in
milliseconds, and the process's peak resident memory (run one strategy per process, --strategies
lora or full, for a peak of its own).
"""
import pathlib as _pathlib
import sys as _sys

# The mirror's torchvision 0.28 does not load beside CPU torch 2.13, and transformers imports it
# when installed: register its missing op schemas first (harmless where torchvision works).
_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:  # torch missing or a working torchvision: nothing to do
    pass
import argparse
import resource
import time

import torch
from transformers import CLIPModel


class Fused(torch.nn.Module):
    def __init__(self, base, a, b, i, scale):
        super().__init__()
        self.base, self.a, self.b, self.i, self.scale = base, a, b, i, scale

    def forward(self, x):
        d = self.base.out_features
        delta = (x @ self.a.t()) @ self.b.t() * self.scale
        return self.base(x) + delta[..., self.i * d:(self.i + 1) * d]


def build(clip_dir, strategy):
    clip = CLIPModel.from_pretrained(clip_dir)
    vision, proj = clip.vision_model, clip.visual_projection
    head = torch.nn.Linear(proj.out_features, 6)
    params = list(head.parameters())
    if strategy == "lora":
        for p in list(vision.parameters()) + list(proj.parameters()):
            p.requires_grad_(False)
        d, r = vision.config.hidden_size, 16
        for layer in vision.encoder.layers:
            a = torch.nn.Parameter((torch.rand(r, d) * 2 - 1) / d ** 0.5)
            b = torch.nn.Parameter(torch.zeros(3 * d, r))
            att = layer.self_attn
            att.q_proj = Fused(att.q_proj, a, b, 0, 1.0 / r)
            att.k_proj = Fused(att.k_proj, a, b, 1, 1.0 / r)
            att.v_proj = Fused(att.v_proj, a, b, 2, 1.0 / r)
            params += [a, b]
    else:
        params += list(vision.parameters()) + list(proj.parameters())
    vision.train()

    def forward(x):
        return head(proj(vision(pixel_values=x).pooler_output))

    return forward, torch.optim.AdamW(params, lr=1e-5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clip", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--strategies", default="lora,full")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--steps", type=int, default=4)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x = torch.randn(a.batch, 3, 224, 224)
    y = torch.arange(a.batch) % 6
    for strategy in a.strategies.split(","):
        forward, opt = build(a.clip, strategy)
        times = []
        for i in range(a.warmup + a.steps):
            t0 = time.perf_counter()
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(forward(x), y)
            loss.backward()
            opt.step()
            times.append((time.perf_counter() - t0) * 1000)
        m = times[a.warmup:]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{strategy}: mean {sum(m) / len(m):.0f} ms/step over {len(m)} steps: "
              + ", ".join(f"{t:.0f}" for t in m) + f"; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
