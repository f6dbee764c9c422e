#!/usr/bin/env python3
"""Tiny random GLoRIA (ResNet variant) in the layout of marshuang80/gloria — img_encoder.model = a
torchvision-layout ResNet (fc removed), img_encoder.global_embedder = Linear(features, hidden),
img_encoder.local_embedder (unused by the global branch), text_encoder.model = a Hugging Face
BertModel — with reference outputs of GLoRIA's global branch as its code defines it: image =
global_embedder(avgpool(resnet(bilinear_upsample_299_align_corners(x)))); text = the last 4 hidden
states, word pieces merged into words (sums, up to and including [SEP]), zero-padded to the text
length, averaged over positions, summed over the 4 layers (aggregate "sum"). The aggregation is
written out here from that description, word by word, as an independent reference.
torch 2.13.0+cpu, transformers 5.18.0; torch.manual_seed(3), numpy default_rng(4).
Output: fairness-models/src/test/resources/gloria-tiny/
  /tmp/pyenv/bin/python tools/make_gloria_fixture.py
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

from export_gloria import write_checkpoint

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fairness-models/src/test/resources/gloria-tiny"
vocab = root / "fairness-models/src/test/resources/wordpiece/vocab.txt"
words = vocab.read_text(encoding="utf-8").splitlines()
n_vocab = len(words)

sys.argv = [sys.argv[0]]
src = (pathlib.Path(__file__).resolve().parent / "make_resnet_fixture.py").read_text()
ns = {}
exec(src.split("ap = argparse.ArgumentParser()")[0], ns)
ResNet = ns["ResNet"]

torch.manual_seed(3)
size, word_num, hidden = 32, 16, 32
trunk = ResNet([1, 1, 2, 1], 8).eval()
with torch.no_grad():
    for m in trunk.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.copy_(1 + 0.1 * torch.randn_like(m.weight))
            m.bias.copy_(0.1 * torch.randn_like(m.bias))
            m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
            m.running_var.copy_(1 + 0.2 * torch.rand_like(m.running_var))
global_embedder = nn.Linear(256, hidden)
local_embedder = nn.Conv2d(128, hidden, 1, bias=False)
bert_cfg = BertConfig(vocab_size=n_vocab, hidden_size=hidden, num_hidden_layers=4, num_attention_heads=4,
                      intermediate_size=64, max_position_embeddings=32, pad_token_id=0)
bert = BertModel(bert_cfg).eval()

state = {}
for k, v in trunk.state_dict().items():
    state["gloria.img_encoder.model." + k] = v
state["gloria.img_encoder.global_embedder.weight"] = global_embedder.weight
state["gloria.img_encoder.global_embedder.bias"] = global_embedder.bias
state["gloria.img_encoder.local_embedder.weight"] = local_embedder.weight
for k, v in bert.state_dict().items():
    state["gloria.text_encoder.model." + k] = v
cfg = {"image_size": size, "resize": size, "mean": [0.5] * 3, "std": [0.5] * 3, "upsample": 299,
       "word_num": word_num, "last_n_layers": 4, "aggregate": "sum", "agg_tokens": True,
       "embed_dim": hidden, "temp3": 10.0, "vision": "resnet_50"}
write_checkpoint(state, cfg, out, bert_cfg.to_json_string(), vocab.read_bytes(), {"do_lower_case": True})

rng = np.random.default_rng(4)
pixels = torch.from_numpy(rng.normal(size=(2, 3, size, size)).astype(np.float32))
ids = np.zeros((3, word_num), dtype=np.int64)
mask = np.zeros((3, word_num), dtype=np.int64)
for r, n in enumerate([4, 10, word_num]):
    ids[r, 0] = 2
    ids[r, 1:n - 1] = rng.integers(5, n_vocab, size=n - 2)
    ids[r, n - 1] = 3
    mask[r, :n] = 1
with torch.no_grad():
    up = nn.Upsample(size=(299, 299), mode="bilinear", align_corners=True)(pixels)
    image = global_embedder(trunk(up))
    hs = bert(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
              output_hidden_states=True).hidden_states
    last = torch.stack(hs[-4:]).permute(1, 0, 2, 3)  # batch, layers, positions, dim
    texts = []
    for b in range(3):
        merged = []  # one [layers, dim] sum per word
        bank = None
        for pos in range(word_num):
            w = words[ids[b, pos]]
            emb = last[b, :, pos, :]
            if w == "[SEP]":
                merged.append(bank)
                merged.append(emb)
                break
            if w.startswith("##") and bank is not None:
                bank = bank + emb
            else:
                if bank is not None:
                    merged.append(bank)
                bank = emb
        agg = torch.zeros(word_num, 4, hidden)
        agg[:len(merged)] = torch.stack(merged)
        texts.append(agg.mean(axis=0).sum(axis=0))  # mean over positions, sum over layers
    text = torch.stack(texts)
n_pieces = sum(1 for b in range(3) for p in range(word_num) if words[ids[b, p]].startswith("##"))
save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": torch.tensor([10.0])}, str(out / "reference.safetensors"))
print(image.shape, text.shape, "word pieces in the test texts:", n_pieces)
