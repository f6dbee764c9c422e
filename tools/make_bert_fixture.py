#!/usr/bin/env python3
"""Writes a tiny random BertModel and its outputs, for the BERT text-encoder parity test.

Output: fairness-models/src/test/resources/bert-tiny/{config.json,model.safetensors,vocab.txt,
reference.safetensors}; reference holds input_ids and attention_mask [3,24] (from the WordPiece
fixture's vocabulary and BertTokenizerFast) and last_hidden_state [3,24,32].
Produced with torch 2.13.0+cpu, transformers 5.18.0, Python 3.11.7:
  /tmp/pyenv/bin/python tools/make_bert_fixture.py
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
import pathlib
import shutil

import torch
from safetensors.torch import save_file
from transformers import BertConfig, BertModel, BertTokenizerFast

root = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources"
out = root / "bert-tiny"
out.mkdir(parents=True, exist_ok=True)
shutil.copy(root / "wordpiece/vocab.txt", out / "vocab.txt")
vocab_size = len((out / "vocab.txt").read_text(encoding="utf-8").splitlines())
torch.manual_seed(0)
config = BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                    intermediate_size=64, max_position_embeddings=32, hidden_act="gelu")
model = BertModel(config, add_pooling_layer=False).eval()
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(torch.randn_like(p) * (0.3 if p.dim() > 1 else 0.1)
                + (1.0 if "LayerNorm.weight" in name else 0.0))
model.save_pretrained(out, safe_serialization=True)
tok = BertTokenizerFast(vocab=str(out / "vocab.txt"), do_lower_case=True)
enc = tok(["a chest x-ray showing cardiomegaly", "left pleural effusion, no pneumothorax.",
           "edema"], padding="max_length", max_length=24, return_tensors="pt")
with torch.no_grad():
    hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                   token_type_ids=torch.zeros_like(enc["input_ids"])).last_hidden_state
save_file({"input_ids": enc["input_ids"].to(torch.int32).contiguous(),
           "attention_mask": enc["attention_mask"].to(torch.int32).contiguous(),
           "last_hidden_state": hidden.contiguous()}, out / "reference.safetensors")
from safetensors import safe_open
print(sorted(safe_open(out / "model.safetensors", "pt").keys())[:8])
