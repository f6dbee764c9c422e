#!/usr/bin/env python3
"""Tiny random MedCLIP (ResNet variant): the module layout of RyanWangZf/MedCLIP's MedClipModel —
vision_model.model = a torchvision-layout ResNet whose fc is Linear(features, embed, bias=False),
text_model.model = a Hugging Face BertModel (with pooler), text_model.projection_head =
Linear(hidden, embed) — with the forward pass of its code: image = fc(avgpool(resnet(x))), text =
projection_head(pooler_output). Written as tools/export_medclip.py writes a real checkpoint, with
reference outputs. torch 2.13.0+cpu, transformers 5.18.0; torch.manual_seed(0), numpy
default_rng(2). Output: fairness-models/src/test/resources/medclip-tiny/
  /tmp/pyenv/bin/python tools/make_medclip_fixture.py
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torchvision_ops  # noqa: F401  (transformers imports torchvision when it is installed)

import numpy as np
import torch
from torch import nn
from safetensors.torch import save_file
from transformers import BertConfig, BertModel

from export_medclip import write_checkpoint

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fairness-models/src/test/resources/medclip-tiny"
vocab = root / "fairness-models/src/test/resources/wordpiece/vocab.txt"
n_vocab = len(vocab.read_text(encoding="utf-8").splitlines())

# the torchvision-layout ResNet of tools/make_resnet_fixture.py (tiny widths)
sys.argv = [sys.argv[0]]
src = (pathlib.Path(__file__).resolve().parent / "make_resnet_fixture.py").read_text()
ns = {}
exec(src.split("ap = argparse.ArgumentParser()")[0], ns)
ResNet = ns["ResNet"]


class Resnet50Like(nn.Module):
    def __init__(self, embed):
        super().__init__()
        self.trunk = ResNet([1, 1, 2, 1], 8)
        self.fc = nn.Linear(8 * 8 * 4, embed, bias=False)

    def forward(self, x):
        return self.fc(self.trunk(x))


torch.manual_seed(0)
embed, size, context = 24, 64, 16
vision = Resnet50Like(embed).eval()
with torch.no_grad():
    for m in vision.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.copy_(1 + 0.1 * torch.randn_like(m.weight))
            m.bias.copy_(0.1 * torch.randn_like(m.bias))
            m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
            m.running_var.copy_(1 + 0.2 * torch.rand_like(m.running_var))
bert_cfg = BertConfig(vocab_size=n_vocab, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                      intermediate_size=64, max_position_embeddings=32, pad_token_id=0)
bert = BertModel(bert_cfg, add_pooling_layer=True).eval()
proj = nn.Linear(32, embed)
logit_scale = torch.tensor(4.9)  # above MedCLIP's clamp (4.6052): the scale must be clamped

state = {}
for k, v in vision.trunk.state_dict().items():
    state["vision_model.model." + k] = v
state["vision_model.model.fc.weight"] = vision.fc.weight
for k, v in bert.state_dict().items():
    state["text_model.model." + k] = v
state["text_model.projection_head.weight"] = proj.weight
state["text_model.projection_head.bias"] = proj.bias
state["logit_scale"] = logit_scale
write_checkpoint(state, "resnet50", out, bert_cfg.to_json_string(), vocab.read_bytes(),
                 {"do_lower_case": False}, image_size=size, context_length=context,
                 embed_dim=embed)

rng = np.random.default_rng(2)
pixels = torch.from_numpy(rng.normal(size=(2, 3, size, size)).astype(np.float32))
ids = np.zeros((3, context), dtype=np.int64)
mask = np.zeros((3, context), dtype=np.int64)
for r, n in enumerate([4, 10, context]):
    ids[r, 0] = 2
    ids[r, 1:n - 1] = rng.integers(5, n_vocab, size=n - 2)
    ids[r, n - 1] = 3
    mask[r, :n] = 1
with torch.no_grad():
    image = vision(pixels)
    pooled = bert(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).pooler_output
    text = proj(pooled)
save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": torch.clamp(logit_scale, 0, 4.6052).exp().reshape(1)},
          str(out / "reference.safetensors"))
print(image.shape, text.shape, float(image.abs().mean()), float(text.abs().mean()))
