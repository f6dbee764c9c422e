#!/usr/bin/env python3
"""Tiny random MedCLIPs (ResNet and ViT (Swin) variants): the module layout of RyanWangZf/MedCLIP's MedClipModel —
vision_model.model = a torchvision-layout ResNet whose fc is Linear(features, embed, bias=False),
text_model.model = a Hugging Face BertModel (with pooler), text_model.projection_head =
Linear(hidden, embed) — with the forward pass of its code: image = fc(avgpool(resnet(x))), text =
projection_head(pooler_output). The ViT variant: vision_model.model = a Hugging Face SwinModel
(pooler: mean of the final LayerNorm's tokens), vision_model.projection_head = Linear(features,
embed, bias=False), its tensors renamed to the transformers 4.x names that MedCLIP's released
checkpoint uses (attention.self.query ..., intermediate.dense, output.dense, with the
relative_position_index buffer). Written as tools/export_medclip.py writes a real checkpoint, with
reference outputs. torch 2.13.0+cpu, transformers 5.18.0; torch.manual_seed(0), numpy
default_rng(2). Output: fairness-models/src/test/resources/medclip-tiny/ and medclip-vit-tiny/
  /tmp/pyenv/bin/python tools/make_medclip_fixture.py
With --real-shape DIR: only the ViT variant, at MedCLIP-ViT's real shapes (Swin-Tiny at 224, patch 4,
window 7, depths 2-2-6-2; BERT-base with a 28,996-token vocabulary, 77 tokens, embed 512; random
weights, about 600 MB) for the slow MedClipRealShapeParityTest
(FAIRNESS4J_MEDCLIP_VIT_SHAPE=DIR mvn -Pslow verify).
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torchvision_ops  # noqa: F401  (transformers imports torchvision when it is installed)

import numpy as np
import torch
from torch import nn
from safetensors.torch import save_file
from transformers import BertConfig, BertModel, SwinConfig, SwinModel

from export_medclip import write_checkpoint

root = pathlib.Path(__file__).resolve().parent.parent
real = len(sys.argv) == 3 and sys.argv[1] == "--real-shape"
real_out = pathlib.Path(sys.argv[2]) if real else None
out = (real_out / "unused-resnet") if real else root / "fairness-models/src/test/resources/medclip-tiny"
vocab = root / "fairness-models/src/test/resources/wordpiece/vocab.txt"
if real:
    real_out.mkdir(parents=True, exist_ok=True)
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"w{i}" for i in range(28996 - 5)]
    vocab = real_out / "vocab_source.txt"
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
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
bert_cfg = (BertConfig(vocab_size=n_vocab, pad_token_id=0) if real else
            BertConfig(vocab_size=n_vocab, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                       intermediate_size=64, max_position_embeddings=32, pad_token_id=0))
if real:
    embed, context = 512, 77
bert = BertModel(bert_cfg, add_pooling_layer=True).eval()
proj = nn.Linear(bert_cfg.hidden_size, embed)
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
if not real:
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
if not real:
    save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
               "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
               "logit_scale": torch.clamp(logit_scale, 0, 4.6052).exp().reshape(1)},
              str(out / "reference.safetensors"))
print(image.shape, text.shape, float(image.abs().mean()), float(text.abs().mean()))


# ---- the ViT (Swin) variant: same text tower, a tiny Swin (112 px, patch 4, window 7: a shifted
# stage at 28x28 and 14x14, an unshifted one at 7x7)
out_vit = real_out if real else root / "fairness-models/src/test/resources/medclip-vit-tiny"
torch.manual_seed(1)
swin_cfg = SwinConfig() if real else SwinConfig(image_size=112, patch_size=4, embed_dim=12,
                                                depths=[2, 2, 2], num_heads=[2, 2, 4], window_size=7)
vsize = swin_cfg.image_size
swin = SwinModel(swin_cfg, add_pooling_layer=True).eval()
with torch.no_grad():
    for name, p in swin.named_parameters():
        p.add_(torch.randn_like(p) * (0.2 if p.ndim == 1 else 0.05))
vproj = nn.Linear(swin.num_features, embed, bias=False)


def v4_name(k):
    return (k.replace("attention.q_proj", "attention.self.query")
            .replace("attention.k_proj", "attention.self.key")
            .replace("attention.v_proj", "attention.self.value")
            .replace("attention.o_proj", "attention.output.dense")
            .replace("attention.relative_position_bias.relative_position_bias_table",
                     "attention.self.relative_position_bias_table")
            .replace("mlp.fc1", "intermediate.dense")
            .replace("mlp.fc2", "output.dense"))


state = {}
for k, v in swin.state_dict().items():
    state["vision_model.model." + v4_name(k)] = v
for name, m in swin.named_modules():
    if name.endswith("attention.relative_position_bias"):
        state["vision_model.model." + name.replace("attention.relative_position_bias",
                                                   "attention.self.relative_position_index")] = (
            m._create_relative_position_index())
state["vision_model.projection_head.weight"] = vproj.weight
for k, v in bert.state_dict().items():
    state["text_model.model." + k] = v
state["text_model.projection_head.weight"] = proj.weight
state["text_model.projection_head.bias"] = proj.bias
state["logit_scale"] = torch.tensor(3.2)
write_checkpoint(state, "swin", out_vit, bert_cfg.to_json_string(), vocab.read_bytes(),
                 {"do_lower_case": False}, vision_config_json=swin_cfg.to_json_string(),
                 image_size=vsize, context_length=context, embed_dim=embed)
pixels = torch.from_numpy(rng.normal(size=(2, 3, vsize, vsize)).astype(np.float32))
with torch.no_grad():
    image = vproj(swin(pixel_values=pixels).pooler_output)
save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": torch.tensor(3.2).exp().reshape(1)},
          str(out_vit / "reference.safetensors"))
print("vit", image.shape, float(image.abs().mean()))
if real:
    vocab.unlink()
