#!/usr/bin/env python3
"""Tiny random BiomedCLIP-layout model (open_clip CustomTextCLIP: timm ViT image tower with a linear
head, Hugging Face BERT text tower with the [CLS] last-hidden-state pooler and an MLP projection),
written in the format `OpenClipCheckpoint` loads (the same files tools/export_open_clip.py writes for
the real microsoft/BiomedCLIP-PubMedBERT_256-vit_base_patch16_224), with reference outputs.

Versions: torch 2.13.0+cpu, open_clip_torch 3.3.0, timm 1.0.29, transformers 5.18.0 (torchvision
0.28 made importable by tools/torchvision_ops.py). Seeded: torch.manual_seed(0), numpy default_rng(1).
Output: fairness-models/src/test/resources/biomedclip-tiny/
  /tmp/pyenv/bin/python tools/make_biomedclip_fixture.py
With --real-shape DIR: BiomedCLIP's real shapes instead (ViT-B/16 at 224, BERT-base with a 30,522-
token vocabulary, 256 tokens, embed 512; random weights, about 800 MB) for the slow
OpenClipRealShapeParityTest (FAIRNESS4J_BIOMEDCLIP_SHAPE=DIR mvn -Pslow verify).
"""
import json
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torchvision_ops  # noqa: F401  (before open_clip)

import numpy as np
import open_clip
import timm
import torch
from safetensors.torch import save_file
from transformers import BertConfig

from export_open_clip import write_checkpoint

root = pathlib.Path(__file__).resolve().parent.parent
real = len(sys.argv) == 3 and sys.argv[1] == "--real-shape"
out = pathlib.Path(sys.argv[2]) if real else root / "fairness-models/src/test/resources/biomedclip-tiny"
vocab = root / "fairness-models/src/test/resources/wordpiece/vocab.txt"
if real:
    out.mkdir(parents=True, exist_ok=True)
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"w{i}" for i in range(30522 - 5)]
    vocab = out / "vocab_source.txt"
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
n_vocab = len(vocab.read_text(encoding="utf-8").splitlines())

torch.manual_seed(0)
bert_dir = pathlib.Path(tempfile.mkdtemp())
if real:
    BertConfig(vocab_size=n_vocab, pad_token_id=0).save_pretrained(bert_dir)
    embed_dim, image_size, context = 512, 224, 256
else:
    BertConfig(vocab_size=n_vocab, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
               intermediate_size=64, max_position_embeddings=32, pad_token_id=0).save_pretrained(bert_dir)
    embed_dim, image_size, context = 24, 32, 16
cfg = {
    "embed_dim": embed_dim,
    "vision_cfg": {"timm_model_name": "vit_base_patch16_224", "timm_model_pretrained": False,
                   "timm_pool": "", "timm_proj": "linear", "image_size": image_size},
    "text_cfg": {"hf_model_name": str(bert_dir), "hf_tokenizer_name": str(bert_dir),
                 "hf_model_pretrained": False, "hf_proj_type": "mlp",
                 "hf_pooler_type": "cls_last_hidden_state_pooler", "context_length": context},
}
model = open_clip.CustomTextCLIP(embed_dim, cfg["vision_cfg"], cfg["text_cfg"])
if not real:
    # a tiny trunk of the same timm class, and a head to match
    model.visual.trunk = timm.create_model("vit_base_patch16_224", pretrained=False, num_classes=0,
                                           img_size=image_size, patch_size=8, embed_dim=32,
                                           depth=2, num_heads=4)
    model.visual.head.proj = torch.nn.Linear(32, embed_dim, bias=False)
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            continue
        p.add_(torch.randn_like(p) * (0.2 if p.ndim == 1 else 0.05))
model.eval()

cfg_out = json.loads(json.dumps(cfg))
cfg_out["text_cfg"]["hf_model_name"] = cfg_out["text_cfg"]["hf_tokenizer_name"] = "random tiny BERT"
write_checkpoint(model, cfg_out, out, vocab_file=vocab, tokenizer_config={"do_lower_case": True})

rng = np.random.default_rng(1)
pixels = rng.normal(size=(2, 3, image_size, image_size)).astype(np.float32)
ids = np.zeros((3, context), dtype=np.int64)
for r, n in enumerate([5, 9, context]):
    ids[r, 0] = 2  # [CLS] of the fixture vocabulary
    ids[r, 1:n - 1] = rng.integers(5, n_vocab, size=n - 2)
    ids[r, n - 1] = 3  # [SEP]
with torch.no_grad():
    image = model.encode_image(torch.from_numpy(pixels))
    text = model.encode_text(torch.from_numpy(ids))
save_file({"pixels": torch.from_numpy(pixels), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": model.logit_scale.exp().detach().reshape(1)},
          str(out / "reference.safetensors"))
shutil.rmtree(bert_dir)
if real:
    vocab.unlink()
print("image", image.shape, "text", text.shape, float(image.abs().mean()), float(text.abs().mean()))
