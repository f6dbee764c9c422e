#!/usr/bin/env python3
"""A tiny random CLIP with the legacy OpenAI-style text config (eos_token_id 2, bos 0, pad 1), as in
the Hugging Face configs of openai/clip-vit-base-patch16 and -patch32, and transformers' outputs
for prompts whose token ids contain 2.

With eos_token_id == 2, transformers' CLIPTextTransformer pools each text at the argmax of its ids
(the end-of-text token 703 of this vocabulary, the highest id), not at the first id 2.

Output (fairness-models/src/test/resources/clip-legacy-tiny/):
  config.json, model.safetensors          CLIPModel.save_pretrained (random weights, seed 0)
  vocab.json, merges.txt                  the BPE fixture (tools/make_bpe_fixture.py)
  preprocessor_config.json                CLIPImageProcessorPil at 32 pixels (save_pretrained)
  reference.safetensors                   transformers' outputs:
    input_ids [P,16] int32, text_embeds [P,16]      the prompts (metadata "prompts", JSON list)
    image_embeds [I,16]                            the images of ../preprocess (metadata "images")
    zeroshot_probs [I,C]                           classes x templates below, CLIP's prompt ensemble
    study_class_embeds [6,16]                      the study's (lower-cased) NIH class names with
                                                   the study template below
    pool_positions [P] int32                       where transformers pools (argmax of the ids)

Produced with torch 2.13.0+cpu, transformers 5.18.0, Pillow 12.3.0, Python 3.11:
  /work/pyenv/bin/python tools/make_clip_legacy_fixture.py
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:  # torch missing or a working torchvision: nothing to do
    pass
import json
import pathlib
import shutil

import torch
import transformers
from PIL import Image
from safetensors.torch import save_file
from transformers import CLIPConfig, CLIPImageProcessorPil, CLIPModel, CLIPTokenizer

root = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources"
out = root / "clip-legacy-tiny"
out.mkdir(parents=True, exist_ok=True)
torch.manual_seed(0)
config = CLIPConfig(
    text_config=dict(vocab_size=704, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                     num_attention_heads=4, max_position_embeddings=16, hidden_act="quick_gelu",
                     layer_norm_eps=1e-5, eos_token_id=2, bos_token_id=0, pad_token_id=1),
    vision_config=dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=4, image_size=32, patch_size=8, num_channels=3,
                       hidden_act="quick_gelu", layer_norm_eps=1e-5),
    projection_dim=16,
)
assert config.text_config.eos_token_id == 2
model = CLIPModel(config).eval()
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            p.fill_(2.6592)
        else:
            p.copy_(torch.randn_like(p) * (0.3 if p.dim() > 1 else 0.1)
                    + (1.0 if "norm" in name and name.endswith("weight") else 0.0))
model.save_pretrained(out, safe_serialization=True)
for name in ("vocab.json", "merges.txt"):
    shutil.copy(root / "clip-bpe" / name, out / name)
proc = CLIPImageProcessorPil(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
proc.save_pretrained(out)
tok = CLIPTokenizer.from_pretrained(out)
ctx = config.text_config.max_position_embeddings

prompts = ["a chest x-ray #! showing edema", "##", "a #. b", "no pneumothorax"]
classes = ["edema", "effusion", "pneumothorax"]
templates = ["a chest x-ray #! showing {}", "{}"]
study_classes = ["atelectasis", "cardiomegaly", "consolidation", "edema", "effusion", "pneumothorax"]
study_template = "x-ray ## of {}"
images = ["gray_120x120.jpg", "gray_300x250.png", "rgb_181x260.png", "rgba_97x64.png"]


def text_features(texts):
    enc = tok(texts, padding="max_length", max_length=ctx, truncation=True, return_tensors="pt")
    with torch.no_grad():
        f = model.get_text_features(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"])
    if not torch.is_tensor(f):
        f = f.pooler_output
    return enc["input_ids"], f


def normalize(x):
    return x / x.norm(dim=-1, keepdim=True)


ids, text_embeds = text_features(prompts)
assert all((row[:row.argmax()] == 2).any() for row in ids[:3]), "prompts must contain id 2"
pool = ids.to(torch.int).argmax(dim=-1)
pixels = proc(images=[Image.open(root / "preprocess" / n) for n in images],
              return_tensors="pt")["pixel_values"]
with torch.no_grad():
    image_embeds = model.get_image_features(pixel_values=pixels)
    if not torch.is_tensor(image_embeds):
        image_embeds = image_embeds.pooler_output


def class_embeds(names, temps):
    rows = []
    for c in names:
        _, f = text_features([t.replace("{}", c) for t in temps])
        m = normalize(f).mean(0)
        rows.append(m / m.norm())
    return torch.stack(rows)


zs = class_embeds(classes, templates)
probs = (model.logit_scale.exp() * normalize(image_embeds) @ zs.T).softmax(-1)
study = class_embeds(study_classes, [study_template])
save_file({
    "input_ids": ids.to(torch.int32).contiguous(),
    "pool_positions": pool.to(torch.int32).contiguous(),
    "text_embeds": text_embeds.contiguous(),
    "image_embeds": image_embeds.contiguous(),
    "zeroshot_probs": probs.detach().contiguous(),
    "study_class_embeds": study.detach().contiguous(),
}, out / "reference.safetensors", metadata={
    "producer": "tools/make_clip_legacy_fixture.py",
    "transformers": transformers.__version__, "torch": torch.__version__,
    "prompts": json.dumps(prompts), "classes": json.dumps(classes),
    "templates": json.dumps(templates), "images": json.dumps(images),
    "study_classes": json.dumps(study_classes), "study_template": study_template})
print("pool positions", pool.tolist(), "first id-2 positions",
      [int((r == 2).int().argmax()) for r in ids])
print("wrote", sorted(p.name for p in out.iterdir()))
