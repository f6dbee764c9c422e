#!/usr/bin/env python3
"""Reference values for one training step of LoRA and full fine-tuning on the tiny random CLIP
(fairness-models/src/test/resources/clip-tiny), for EncoderClassifierParityTest.

Cases (batch of 4 random 32x32 images, 2 classes, AdamW lr 1e-2 wd 0.01, no clipping):
  lora_qv     peft LoRA r 4, alpha 8 on q_proj and v_proj of both blocks + Linear(16, 2) head;
              peft's own A initialisation, B zero (as peft creates it).
  lora_fused  hand-written LoRA on the fused q,k,v projection (A [r, d] shared, B [3d, r]),
              r 16, alpha 1 (the authors' preset), B initialised random so that A gets gradients.
  full        every vision weight trainable, MLP head Linear(16, 8) -> BatchNorm1d -> ReLU ->
              Linear(8, 2); encoder weights at half the learning rate (a parameter group).
Tensors saved: pixels, labels (one-hot), init/<name>, loss, grad/<name>, after/<name>.

    /tmp/pyenv/bin/python tools/make_adaptation_fixture.py \
        --clip fairness-models/src/test/resources/clip-tiny --out fairness-models/src/test/resources/adapt
    # torch 2.13.0+cpu, transformers 5.18.0, peft 0.21.0, safetensors 0.8.0
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
import collections
import os

import torch
from safetensors.torch import save_file
from transformers import CLIPModel

CLASSES = 2


class Vision(torch.nn.Module):
    """CLIP's vision tower and projection: image_embeds as CLIPModel.get_image_features."""

    def __init__(self, clip):
        super().__init__()
        self.vision_model = clip.vision_model
        self.visual_projection = clip.visual_projection

    def forward(self, pixel_values):
        return self.visual_projection(self.vision_model(pixel_values=pixel_values).pooler_output)


def vision(clip_dir):
    m = Vision(CLIPModel.from_pretrained(clip_dir))
    m.eval()  # no dropout in CLIP; eval keeps the encoder deterministic
    return m


class Fused(torch.nn.Module):
    """Adds slice i of (alpha/r)·(x Aᵀ) Bᵀ to a q/k/v projection; A, B shared by the three."""

    def __init__(self, base, a, b, i, scale):
        super().__init__()
        self.base, self.a, self.b, self.i, self.scale = base, a, b, i, scale

    def forward(self, x):
        d = self.base.out_features
        delta = (x @ self.a.t()) @ self.b.t() * self.scale
        return self.base(x) + delta[..., self.i * d:(self.i + 1) * d]


def step(model_params, forward, pixels, labels, named, groups):
    opt = torch.optim.AdamW(groups, lr=1e-2, weight_decay=0.01)
    logits = forward(pixels)
    loss = torch.nn.functional.cross_entropy(logits, labels)
    loss.backward()
    t = {"loss": loss.detach().reshape(1)}
    for k, p in named:
        t["grad/" + k] = p.grad.clone()
    opt.step()
    for k, p in named:
        t["after/" + k] = p.detach().clone()
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clip", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    pixels = torch.randn(4, 3, 32, 32)
    labels = torch.tensor([0, 1, 1, 0])
    common = {"pixels": pixels, "labels": torch.nn.functional.one_hot(labels, CLASSES).float()}

    # lora_qv: peft
    from peft import LoraConfig, get_peft_model
    torch.manual_seed(1)
    v = vision(a.clip)
    head = torch.nn.Linear(16, CLASSES)
    pm = get_peft_model(v, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=r".*vision_model.*\.(q_proj|v_proj)"))
    named = []
    for k, p in pm.named_parameters():
        if p.requires_grad:
            ours = k.replace("base_model.model.", "").replace(".default", "")
            named.append((ours, p))
    named += [("head.fc.weight", head.weight), ("head.fc.bias", head.bias)]
    t = dict(common)
    for k, p in named:
        t["init/" + k] = p.detach().clone()
    t.update(step(None, lambda x: head(pm(pixel_values=x)), pixels, labels, named,
                  [p for _, p in named]))
    save_file({k: x.contiguous() for k, x in t.items()}, os.path.join(a.out, "lora_qv.safetensors"))

    # lora_fused: hand-written, authors' preset r 16, alpha 1
    torch.manual_seed(2)
    v = vision(a.clip)
    for p in v.parameters():
        p.requires_grad_(False)
    head = torch.nn.Linear(16, CLASSES)
    r, alpha, d = 16, 1.0, 32
    named = []
    for i, layer in enumerate(v.vision_model.encoder.layers):
        A = torch.nn.Parameter((torch.rand(r, d) * 2 - 1) / d ** 0.5)
        B = torch.nn.Parameter((torch.rand(3 * d, r) * 2 - 1) * 0.1)
        att = layer.self_attn
        att.q_proj = Fused(att.q_proj, A, B, 0, alpha / r)
        att.k_proj = Fused(att.k_proj, A, B, 1, alpha / r)
        att.v_proj = Fused(att.v_proj, A, B, 2, alpha / r)
        pre = f"vision_model.encoder.layers.{i}.self_attn.qkv"
        named += [(pre + ".lora_A.weight", A), (pre + ".lora_B.weight", B)]
    named += [("head.fc.weight", head.weight), ("head.fc.bias", head.bias)]
    t = dict(common)
    for k, p in named:
        t["init/" + k] = p.detach().clone()
    t.update(step(None, lambda x: head(v(pixel_values=x)), pixels, labels, named,
                  [p for _, p in named]))
    save_file({k: x.contiguous() for k, x in t.items()}, os.path.join(a.out, "lora_fused.safetensors"))

    # full fine-tuning with an MLP head, encoder at half the rate
    torch.manual_seed(3)
    v = vision(a.clip)
    head = torch.nn.Sequential(collections.OrderedDict(
        fc1=torch.nn.Linear(16, 8), bn=torch.nn.BatchNorm1d(8), relu=torch.nn.ReLU(),
        fc2=torch.nn.Linear(8, CLASSES)))
    head.train()
    enc = [(k, p) for k, p in v.named_parameters()]
    hd = [("head." + k, p) for k, p in head.named_parameters()]
    t = dict(common)
    for k, p in enc + hd:
        t["init/" + k] = p.detach().clone()
    groups = [{"params": [p for _, p in enc], "lr": 5e-3}, {"params": [p for _, p in hd]}]
    t.update(step(None, lambda x: head(v(pixel_values=x)), pixels, labels, enc + hd, groups))
    t["after/head.bn.running_mean"] = head.bn.running_mean.clone()
    t["after/head.bn.running_var"] = head.bn.running_var.clone()
    save_file({k: x.contiguous() for k, x in t.items()}, os.path.join(a.out, "full.safetensors"))


if __name__ == "__main__":
    main()
