#!/usr/bin/env python3
"""Reference trajectories of several AdamW steps of LoRA and full fine-tuning on the tiny random
CLIP (fairness-models/src/test/resources/clip-tiny), for EagerVitClassifierParityTest: the loss and
the gradient of EVERY trainable parameter at every step, and the weights after the last step, from
the real transformers CLIPModel and the real peft LoRA.

Cases (batches of 4 random 32x32 images, 2 classes, a new batch per step, AdamW wd 0.01):
  peft_lora   peft LoRA r 4, alpha 8, lora_dropout 0.25 on q_proj, k_proj, v_proj, out_proj, fc1
              and fc2 of every vision block, MLP head (Linear(16, 8) -> BatchNorm1d -> ReLU ->
              Linear(8, 2)), lr 1e-2, 3 steps. peft's own initialisation (B zero), so A's gradient
              is zero at step 1 and not after. peft's nn.Dropout modules are replaced by modules
              that multiply by a recorded mask (what nn.Dropout draws: keep / (1 - p)), saved as
              mask/<step>/<layer> [batch*tokens, in], which the Java test replays.
  fused_lora  the authors' fused q,k,v LoRA (one A [r, d], one B [3d, r]; r 16, alpha 1), written
              out by hand as in make_adaptation_fixture.py, B zero, Linear(16, 2) head, lr 1e-2,
              3 steps.
  full_mlp    every vision weight and visual_projection trainable, encoder at half the rate
              (a parameter group), MLP head, lr 1e-2, 3 steps; BatchNorm running statistics after.
  full_gelu   as full_mlp on the same weights with hidden_act "gelu" (exact erf GELU, the timm
              ViT's), Linear(16, 8) -> Linear(8, 2) head, lr 3e-3, 3 steps; the model directory is
              written beside the fixtures (clip-tiny-gelu: clip-tiny's weights, the config changed).
Tensors per case: pixels/<s>, labels/<s> (one-hot), init/<name>, state/<s>/<name> (the weights
before step s >= 1), loss/<s>, grad/<s>/<name>, final/<name> (after the last step), and the masks
above. Metadata: lr, encoder_scale, steps (peft cases also strategy, rank, alpha, dropout, targets,
seed, head and peft's own adapter_config.json, from which the Java test builds the adapter), and
float32_errors: per step and tensor, PyTorch's
own float32 rounding error ||g32 - g64|| / ||g64|| (the same step recomputed in float64 at the same
weights and masks).

    /work/pyenv/bin/python tools/make_eager_training_fixture.py \
        --clip fairness-models/src/test/resources/clip-tiny \
        --out fairness-models/src/test/resources/adapt-eager
    # torch 2.13.0+cpu, transformers 5.18.0, peft 0.21.0, safetensors 0.8.0

One more case from a configuration given here, instead of the committed ones (for
EagerVitClassifierConfiguredParityTest, -Dfairness4j.training.fixture=OUT/NAME.safetensors;
docs/adaptation.md): every value is recorded in the metadata.

    /work/pyenv/bin/python tools/make_eager_training_fixture.py \
        --clip fairness-models/src/test/resources/clip-tiny --out /tmp/hidden --custom NAME \
        [--strategy lora|full] [--rank R] [--alpha A] [--dropout P] \
        [--targets q_proj,k_proj,v_proj,out_proj,fc1,fc2] [--lr LR] [--seed S] [--steps N] \
        [--head mlp|linear] [--encoder-scale F]
    # --seed S: torch.manual_seed(S) before the model (head, LoRA A, dropout masks), batches from
    # a generator seeded S + 10; --seed 1 with r 4, alpha 8, dropout 0.25, all six targets, lr 1e-2,
    # 3 steps, mlp head gives the committed peft_lora tensors.
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:  # torch missing or a working torchvision: nothing to do
    pass
import argparse
import collections
import json
import os
import shutil

import torch
from safetensors.torch import save_file
from make_adaptation_fixture import Fused, vision  # CLIP's vision tower + projection; fused LoRA

CLASSES = 2
BATCH = 4
STEPS = 3
PEFT_TARGETS = ["q_proj", "k_proj", "v_proj", "out_proj", "fc1", "fc2"]


def mlp_head():
    return torch.nn.Sequential(collections.OrderedDict(
        fc1=torch.nn.Linear(16, 8), bn=torch.nn.BatchNorm1d(8), relu=torch.nn.ReLU(),
        fc2=torch.nn.Linear(8, CLASSES)))


class RecordedDropout(torch.nn.Module):
    """nn.Dropout(p) in training with its mask drawn here and recorded: x * keep / (1 - p)."""

    replay = False

    def __init__(self, name, p, store):
        super().__init__()
        self.name, self.p, self.store = name, p, store

    def forward(self, x):
        if RecordedDropout.replay:
            return x * self.store[self.name].reshape(x.shape).to(x.dtype)
        keep = (torch.rand(x.shape) >= self.p).float() / (1 - self.p)
        self.store[self.name] = keep.reshape(-1, x.shape[-1]).clone()
        return x * keep


def batches(seed, steps=STEPS):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(steps):
        x = torch.randn(BATCH, 3, 32, 32, generator=g)
        y = torch.randint(0, CLASSES, (BATCH,), generator=g)
        out.append((x, torch.nn.functional.one_hot(y, CLASSES).float()))
    return out


def float64_errors(modules, forward, named, x, y, s, errors):
    """The same gradients in float64 at the same weights (and dropout masks): PyTorch's own float32
    rounding error, ||g32 - g64|| / ||g64|| per tensor, recorded so the Java test can tell rounding
    (e.g. a bias gradient that is a difference of nearly equal terms) from a wrong gradient."""
    g32 = {k: p.grad.clone() for k, p in named}
    w32 = {k: p.detach().clone() for k, p in named}
    bufs = [{k: b.detach().clone() for k, b in m.named_buffers()} for m in modules]
    for m in modules:
        m.double()
    for _, p in named:
        p.grad = None
    RecordedDropout.replay = True
    try:
        torch.nn.functional.cross_entropy(forward(x.double()), y.double()).backward()
    finally:
        RecordedDropout.replay = False
    for k, p in named:
        g64 = p.grad
        n = g64.norm().item()
        errors[f"{s}/{k}"] = (g32[k].double() - g64).norm().item() / n if n > 0 else 0.0
    for m in modules:
        m.float()
    with torch.no_grad():
        for k, p in named:
            p.copy_(w32[k])
            p.grad = g32[k]
        for m, saved in zip(modules, bufs):  # .double()/.float() replace buffer tensors
            for k, b in m.named_buffers():
                b.copy_(saved[k])


def run(name, out, forward, named, groups, data, head=None, masks=None, meta=None, modules=()):
    t = {}
    errors = {}
    for k, p in named:
        t["init/" + k] = p.detach().clone()
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    for s, (x, y) in enumerate(data):
        t[f"pixels/{s}"] = x
        t[f"labels/{s}"] = y
        if masks is not None:
            masks.clear()
        if s > 0:
            for k, p in named:
                t[f"state/{s}/{k}"] = p.detach().clone()
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(forward(x), y)
        loss.backward()
        t[f"loss/{s}"] = loss.detach().reshape(1)
        for k, p in named:
            t[f"grad/{s}/{k}"] = p.grad.clone()
        if masks is not None:
            for k, m in masks.items():
                t[f"mask/{s}/{k}"] = m
        float64_errors(modules, forward, named, x, y, s, errors)
        opt.step()
    for k, p in named:
        t["final/" + k] = p.detach().clone()
    if head is not None and hasattr(head, "bn"):
        t["final/head.bn.running_mean"] = head.bn.running_mean.clone()
        t["final/head.bn.running_var"] = head.bn.running_var.clone()
    m = {"steps": str(len(data)), "float32_errors": json.dumps(errors)}
    m.update(meta or {})
    save_file({k: v.contiguous() for k, v in t.items()}, os.path.join(out, name + ".safetensors"),
              metadata=m)


def head_params(head):
    return [("head." + k, p) for k, p in head.named_parameters()]


def make_head(kind):
    return mlp_head() if kind == "mlp" else torch.nn.Sequential(collections.OrderedDict(
        fc=torch.nn.Linear(16, CLASSES)))


def config_meta(strategy, lr, seed, steps, head_kind, encoder_scale, **lora):
    """Every configuration value of a case, as the Java test reads it back."""
    m = {"strategy": strategy, "lr": repr(float(lr)), "seed": str(seed), "steps": str(steps),
         "head": head_kind, "encoder_scale": repr(float(encoder_scale))}
    for k, v in lora.items():
        m[k] = ",".join(v) if isinstance(v, (list, tuple)) else repr(float(v)) if k != "rank" \
            else str(v)
    return m


def peft_case(clip, out, name, rank, alpha, dropout, targets, lr, seed, steps, head_kind):
    """peft LoRA on the given CLIP projections of every vision block, with peft's dropout replaced
    by recorded masks. torch.manual_seed(seed) before the model (head and LoRA A initialisation,
    dropout masks); the batches from a generator seeded seed + 10."""
    from peft import LoraConfig, get_peft_model
    torch.manual_seed(seed)
    v = vision(clip)
    head = make_head(head_kind)
    pm = get_peft_model(v, LoraConfig(
        r=rank, lora_alpha=alpha, lora_dropout=dropout,
        target_modules=r".*vision_model.*\.(" + "|".join(targets) + ")"))
    masks = {}
    for mname, mod in pm.named_modules():
        if hasattr(mod, "lora_dropout") and "default" in mod.lora_dropout and dropout > 0:
            ours = mname.replace("base_model.model.", "")
            mod.lora_dropout["default"] = RecordedDropout(ours, dropout, masks)
    pm.train()  # dropout active (CLIP itself has none)
    head.train()
    named = []
    for k, p in pm.named_parameters():
        if p.requires_grad:
            named.append((k.replace("base_model.model.", "").replace(".default", ""), p))
    named += head_params(head)
    # peft's own adapter_config.json for this model, which the Java test reads with PeftAdapters
    adapter_config = json.dumps(pm.peft_config["default"].to_dict(), default=sorted,
                                sort_keys=True)
    meta = config_meta("lora", lr, seed, steps, head_kind, 1.0, rank=rank, alpha=alpha,
                       dropout=dropout, targets=targets)
    meta["adapter_config"] = adapter_config
    run(name, out, lambda x: head(pm(pixel_values=x)), named, [
        {"params": [p for _, p in named], "lr": lr}], batches(seed + 10, steps), head,
        masks if dropout > 0 else None, meta, [pm, head])


def full_case(clip, out, name, lr, seed, steps, head_kind, encoder_scale):
    """Full fine-tuning of every vision weight and visual_projection, the encoder at
    encoder_scale * lr; seeds as peft_case."""
    torch.manual_seed(seed)
    v = vision(clip)
    head = make_head(head_kind)
    head.train()
    enc = list(v.named_parameters())
    hd = head_params(head)
    run(name, out, lambda x: head(v(pixel_values=x)), enc + hd,
        [{"params": [p for _, p in enc], "lr": lr * encoder_scale},
         {"params": [p for _, p in hd], "lr": lr}],
        batches(seed + 10, steps), head, None,
        config_meta("full", lr, seed, steps, head_kind, encoder_scale), [v, head])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clip", required=True)
    ap.add_argument("--out", required=True, help="the directory written")
    c = ap.add_argument_group("one case from a configuration (instead of the committed cases)")
    c.add_argument("--custom", metavar="NAME",
                   help="write only OUT/NAME.safetensors, configured by the options below")
    c.add_argument("--strategy", choices=["lora", "full"], default="lora")
    c.add_argument("--rank", type=int, help="lora (default 4)")
    c.add_argument("--alpha", type=float, help="lora (default 8)")
    c.add_argument("--dropout", type=float, help="lora (default 0)")
    c.add_argument("--targets", help="lora: comma-separated peft target names of CLIP, any of "
                   + ",".join(PEFT_TARGETS) + " (default all)")
    c.add_argument("--lr", type=float, default=1e-2)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--steps", type=int, default=STEPS)
    c.add_argument("--head", choices=["linear", "mlp"], default="mlp")
    c.add_argument("--encoder-scale", type=float, default=1.0,
                   help="full: the encoder's learning rate as a fraction of --lr")
    a = ap.parse_args()
    if a.custom:
        lora_opts = {"--rank": a.rank, "--alpha": a.alpha, "--dropout": a.dropout,
                     "--targets": a.targets}
        if a.strategy == "full" and any(v is not None for v in lora_opts.values()):
            ap.error("--strategy full takes no " + ", ".join(
                k for k, v in lora_opts.items() if v is not None))
        a.rank = 4 if a.rank is None else a.rank
        a.alpha = 8.0 if a.alpha is None else a.alpha
        a.dropout = 0.0 if a.dropout is None else a.dropout
        a.targets = ",".join(PEFT_TARGETS) if a.targets is None else a.targets
        targets = list(dict.fromkeys(t.strip() for t in a.targets.split(",") if t.strip()))
        bad = [t for t in targets if t not in PEFT_TARGETS]
        if bad or not targets:
            ap.error(f"--targets: {bad or 'none'}; choose among {','.join(PEFT_TARGETS)}")
        if a.steps < 1 or a.rank < 1 or not 0 <= a.dropout < 1 or a.lr <= 0 \
                or a.encoder_scale <= 0:
            ap.error("needs --steps >= 1, --rank >= 1, 0 <= --dropout < 1, --lr > 0 and "
                     "--encoder-scale > 0")
        if a.strategy == "lora" and a.encoder_scale != 1.0:
            ap.error("--encoder-scale is for --strategy full (peft LoRA trains at one rate)")
        os.makedirs(a.out, exist_ok=True)
        if a.strategy == "lora":
            peft_case(a.clip, a.out, a.custom, a.rank, a.alpha, a.dropout, targets, a.lr,
                      a.seed, a.steps, a.head)
        else:
            full_case(a.clip, a.out, a.custom, a.lr, a.seed, a.steps, a.head, a.encoder_scale)
        print("wrote", os.path.join(a.out, a.custom + ".safetensors"))
        return
    os.makedirs(a.out, exist_ok=True)

    peft_case(a.clip, a.out, "peft_lora", rank=4, alpha=8, dropout=0.25, targets=PEFT_TARGETS,
              lr=1e-2, seed=1, steps=STEPS, head_kind="mlp")

    # the authors' fused qkv LoRA
    torch.manual_seed(2)
    v = vision(a.clip)
    for p in v.parameters():
        p.requires_grad_(False)
    head = torch.nn.Linear(16, CLASSES)
    r, alpha, d = 16, 1.0, 32
    named = []
    for i, layer in enumerate(v.vision_model.encoder.layers):
        A = torch.nn.Parameter((torch.rand(r, d) * 2 - 1) / d ** 0.5)
        B = torch.nn.Parameter(torch.zeros(3 * d, r))
        att = layer.self_attn
        att.q_proj = Fused(att.q_proj, A, B, 0, alpha / r)
        att.k_proj = Fused(att.k_proj, A, B, 1, alpha / r)
        att.v_proj = Fused(att.v_proj, A, B, 2, alpha / r)
        pre = f"vision_model.encoder.layers.{i}.self_attn.qkv"
        named += [(pre + ".lora_A.weight", A), (pre + ".lora_B.weight", B)]
    named += [("head.fc.weight", head.weight), ("head.fc.bias", head.bias)]
    run("fused_lora", a.out, lambda x: head(v(pixel_values=x)), named,
        [{"params": [p for _, p in named], "lr": 1e-2}], batches(12), None, None,
        {"lr": "0.01", "encoder_scale": "1.0"}, [v, head])

    # full fine-tuning, quick GELU, MLP head, encoder at half the rate
    torch.manual_seed(3)
    v = vision(a.clip)
    head = mlp_head()
    head.train()
    enc = list(v.named_parameters())
    hd = head_params(head)
    run("full_mlp", a.out, lambda x: head(v(pixel_values=x)), enc + hd,
        [{"params": [p for _, p in enc], "lr": 5e-3}, {"params": [p for _, p in hd], "lr": 1e-2}],
        batches(13), head, None, {"lr": "0.01", "encoder_scale": "0.5"}, [v, head])

    # full fine-tuning with the exact GELU, two-layer linear head
    gelu_dir = os.path.join(a.out, "clip-tiny-gelu")
    os.makedirs(gelu_dir, exist_ok=True)
    with open(os.path.join(a.clip, "config.json")) as f:
        cfg = json.load(f)
    cfg["vision_config"]["hidden_act"] = "gelu"
    with open(os.path.join(gelu_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    shutil.copyfile(os.path.join(a.clip, "model.safetensors"),
                    os.path.join(gelu_dir, "model.safetensors"))
    torch.manual_seed(4)
    v = vision(gelu_dir)
    assert v.vision_model.config.hidden_act == "gelu"
    head = torch.nn.Sequential(collections.OrderedDict(
        fc1=torch.nn.Linear(16, 8), fc2=torch.nn.Linear(8, CLASSES)))
    enc = list(v.named_parameters())
    hd = head_params(head)
    run("full_gelu", a.out, lambda x: head(v(pixel_values=x)), enc + hd,
        [{"params": [p for _, p in enc], "lr": 3e-3}, {"params": [p for _, p in hd], "lr": 3e-3}],
        batches(14), None, None, {"lr": "0.003", "encoder_scale": "1.0"}, [v, head])


if __name__ == "__main__":
    main()
