#!/usr/bin/env python3
"""Reference values for one training step of the classification heads (ClassifierHeadParityTest).

For each head (linear, linear_hidden, mlp) with PyTorch's own initialisation (seed 0): a batch of
8 embeddings (width 16, 3 classes), the initial weights, the cross-entropy loss, the gradients,
and the weights, BatchNorm running statistics and evaluation-mode probabilities after one AdamW
step (lr 1e-2, weight decay 0.01, gradients clipped to global norm 0.5).

    /tmp/pyenv/bin/python tools/make_head_fixture.py --out fairness-models/src/test/resources/adapt
    # torch 2.13.0+cpu, safetensors 0.8.0
"""
import argparse
import collections
import os

import torch
from safetensors.torch import save_file

EMB, HIDDEN, CLASSES, BATCH = 16, 32, 3, 8


def head(kind):
    if kind == "linear":
        return torch.nn.Sequential(collections.OrderedDict(fc=torch.nn.Linear(EMB, CLASSES)))
    layers = collections.OrderedDict(fc1=torch.nn.Linear(EMB, HIDDEN))
    if kind == "mlp":
        layers["bn"] = torch.nn.BatchNorm1d(HIDDEN)
        layers["relu"] = torch.nn.ReLU()
    layers["fc2"] = torch.nn.Linear(HIDDEN, CLASSES)
    return torch.nn.Sequential(layers)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    out = ap.parse_args().out
    os.makedirs(out, exist_ok=True)
    for kind in ["linear", "linear_hidden", "mlp"]:
        torch.manual_seed(0)
        model = head(kind)
        x = torch.randn(BATCH, EMB)
        y = torch.randint(0, CLASSES, (BATCH,))
        t = {"input": x, "labels": torch.nn.functional.one_hot(y, CLASSES).float()}
        for k, v in model.state_dict().items():
            if not k.endswith("num_batches_tracked"):
                t["init/" + k] = v.clone()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.01)
        model.train()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        t["loss"] = loss.detach().reshape(1)
        for k, p in model.named_parameters():
            t["grad/" + k] = p.grad.clone()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        opt.step()
        for k, v in model.state_dict().items():
            if not k.endswith("num_batches_tracked"):
                t["after/" + k] = v.clone()
        model.eval()
        with torch.no_grad():
            t["eval_probabilities"] = torch.softmax(model(x), dim=1)
        save_file({k: v.contiguous() for k, v in t.items()}, os.path.join(out, f"head_{kind}.safetensors"))


if __name__ == "__main__":
    main()
