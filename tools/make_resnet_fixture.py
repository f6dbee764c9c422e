#!/usr/bin/env python3
"""Writes a small ResNet in torchvision's layout (Bottleneck, stride on the 3x3 convolution) with
random weights and BatchNorm statistics, and its pooled features, for the ResNet parity test.

torchvision itself does not import beside the mirror's CPU torch, so the architecture is written
out here with torchvision's module names (conv1, bn1, layerN.B.conv1..3, bn1..3, downsample.0/1).
--shape tiny (committed: widths 8..64, one block per stage, 64 px) or r50 (ResNet-50: [3,4,6,3]).
Output: model.safetensors, reference.safetensors (pixel_values, features) in --out or the fixture dir.
Produced with torch 2.13.0+cpu, Python 3.11.7:  /tmp/pyenv/bin/python tools/make_resnet_fixture.py
"""
import argparse
import pathlib

import torch
from torch import nn
from safetensors.torch import save_file


class Bottleneck(nn.Module):
    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class ResNet(nn.Module):
    def __init__(self, layers, width):
        super().__init__()
        self.inplanes = width
        self.conv1 = nn.Conv2d(3, width, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        for i, n in enumerate(layers):
            setattr(self, f"layer{i + 1}", self._make(width * 2 ** i, n, 1 if i == 0 else 2))

    def _make(self, planes, blocks, stride):
        down = None
        if stride != 1 or self.inplanes != planes * 4:
            down = nn.Sequential(nn.Conv2d(self.inplanes, planes * 4, 1, stride=stride, bias=False),
                                 nn.BatchNorm2d(planes * 4))
        mods = [Bottleneck(self.inplanes, planes, stride, down)]
        self.inplanes = planes * 4
        mods += [Bottleneck(self.inplanes, planes, 1, None) for _ in range(1, blocks)]
        return nn.Sequential(*mods)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        for i in range(1, 5):
            x = getattr(self, f"layer{i}")(x)
        return torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)


ap = argparse.ArgumentParser()
ap.add_argument("--shape", choices=["tiny", "r50"], default="tiny")
ap.add_argument("--out")
args = ap.parse_args()
out = pathlib.Path(args.out) if args.out else (
    pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/resnet-tiny")
out.mkdir(parents=True, exist_ok=True)
torch.manual_seed(0)
layers, width, size = ([3, 4, 6, 3], 64, 224) if args.shape == "r50" else ([1, 1, 2, 1], 8, 64)
model = ResNet(layers, width).eval()
with torch.no_grad():
    for name, m in model.named_modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.copy_(1 + 0.1 * torch.randn_like(m.weight))
            m.bias.copy_(0.1 * torch.randn_like(m.bias))
            m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
            m.running_var.copy_(1 + 0.2 * torch.rand_like(m.running_var))
state = {k: v.contiguous() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
save_file(state, out / "model.safetensors")
x = torch.randn(2, 3, size, size)
with torch.no_grad():
    feats = model(x)
save_file({"pixel_values": x.contiguous(), "features": feats.contiguous()}, out / "reference.safetensors")
print(feats.shape, len(state), "tensors")
