#!/usr/bin/env python3
"""Writes the tiny random-weight CLIP fixture used by fairness-models' parity tests.

Output (fairness-models/src/test/resources/clip-tiny/):
  config.json, model.safetensors   a Hugging Face CLIPModel directory (random weights, seed 0)
  reference.safetensors            inputs and PyTorch outputs: pixel_values [2,3,32,32],
                                   input_ids [3,16] (int32), image_embeds [2,16], text_embeds [3,16]
                                   (projected, before normalisation), logits_per_image [2,3],
                                   plus layer-norm / quick-gelu probes
  dtypes.safetensors               one tensor in F32, F16 and BF16 for the reader tests

Produced with torch 2.13.0+cpu, transformers 5.18.0, safetensors (pip mirror), Python 3.11.7:
  python3 -m venv /tmp/pyenv && /tmp/pyenv/bin/pip install torch==2.13.0+cpu transformers==5.18.0 safetensors
  /tmp/pyenv/bin/python tools/make_clip_fixture.py
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
import json
import pathlib
import time

import torch
from safetensors.torch import save_file
from transformers import CLIPConfig, CLIPModel

ap = argparse.ArgumentParser()
ap.add_argument("--shape", choices=["tiny", "b16"], default="tiny",
                help="tiny (committed fixture) or the real ViT-B/16 + text-transformer shapes")
ap.add_argument("--out", help="output directory (default: the committed tiny fixture)")
args = ap.parse_args()
out = pathlib.Path(args.out) if args.out else (
    pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/clip-tiny")
out.mkdir(parents=True, exist_ok=True)
torch.manual_seed(0)
if args.shape == "b16":
    # openai/clip-vit-base-patch16 shapes (CLIPConfig defaults except the patch size), random weights.
    config = CLIPConfig(vision_config=dict(patch_size=16), text_config=dict(), projection_dim=512)
else:
  config = CLIPConfig(
    # The vocabulary size and special ids fit the BPE fixture (tools/make_bpe_fixture.py), whose
    # vocab.json and merges.txt are copied next to the model so that the directory is complete.
    text_config=dict(vocab_size=704, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                     num_attention_heads=4, max_position_embeddings=16, hidden_act="quick_gelu",
                     layer_norm_eps=1e-5, eos_token_id=703, bos_token_id=702, pad_token_id=703),
    vision_config=dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=4, image_size=32, patch_size=8, num_channels=3,
                       hidden_act="quick_gelu", layer_norm_eps=1e-5),
    projection_dim=16,
)
model = CLIPModel(config).eval()
big = args.shape == "b16"
scale = 0.02 if big else 0.3
# Random, not-too-small weights everywhere (the default init leaves biases at zero and LayerNorm at 1).
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            p.fill_(2.6592)
        else:
            p.copy_(torch.randn_like(p) * (scale if p.dim() > 1 else 0.1) + (1.0 if "norm" in name and name.endswith("weight") else 0.0))
model.save_pretrained(out, safe_serialization=True)
if not big:
    import shutil
    bpe = out.parent / "clip-bpe"
    for name in ("vocab.json", "merges.txt"):
        shutil.copy(bpe / name, out / name)

size = config.vision_config.image_size
ctx = config.text_config.max_position_embeddings
eos = config.text_config.eos_token_id
bos = config.text_config.bos_token_id if not big else 49406
pixel_values = torch.randn(2, 3, size, size)
rows = [[5, 17, 42], [7], list(range(1, ctx - 1))]
input_ids = torch.full((3, ctx), eos, dtype=torch.long)
for r, body in enumerate(rows):
    seq = [bos] + body + [eos]
    input_ids[r, :len(seq)] = torch.tensor(seq)
attention_mask = (torch.arange(ctx)[None, :] <= (input_ids == eos).int().argmax(-1)[:, None]).long()
with torch.no_grad():
    o = model(input_ids=input_ids, pixel_values=pixel_values, attention_mask=attention_mask)
    image_embeds = model.get_image_features(pixel_values=pixel_values)
    text_embeds = model.get_text_features(input_ids=input_ids, attention_mask=attention_mask)
    if not torch.is_tensor(image_embeds):  # transformers 5 returns an output object
        image_embeds = image_embeds.pooler_output
        text_embeds = text_embeds.pooler_output
    # Consistency with the model's own logits (normalised embeddings times exp(logit_scale)).
    ni = image_embeds / image_embeds.norm(dim=-1, keepdim=True)
    nt = text_embeds / text_embeds.norm(dim=-1, keepdim=True)
    assert torch.allclose(model.logit_scale.exp() * ni @ nt.T, o.logits_per_image, atol=1e-5)
    width = config.vision_config.hidden_size
    ln_in = torch.randn(5, width)
    ln = torch.nn.functional.layer_norm(ln_in, (width,), model.vision_model.pre_layrnorm.weight,
                                        model.vision_model.pre_layrnorm.bias, 1e-5)
    gelu_in = torch.randn(7) * 3
    gelu = gelu_in * torch.sigmoid(1.702 * gelu_in)
save_file({
    "pixel_values": pixel_values.contiguous(),
    "input_ids": input_ids.to(torch.int32).contiguous(),
    "image_embeds": image_embeds.contiguous(),
    "text_embeds": text_embeds.contiguous(),
    "logits_per_image": o.logits_per_image.contiguous(),
    "layer_norm_input": ln_in, "layer_norm_output": ln,
    "quick_gelu_input": gelu_in, "quick_gelu_output": gelu,
}, out / "reference.safetensors", metadata={"producer": "tools/make_clip_fixture.py"})

if not big:
    t = torch.linspace(-3, 3, 12).reshape(3, 4)
    save_file({"f32": t, "f16": t.half(), "bf16": t.bfloat16()}, out / "dtypes.safetensors")
else:
    # PyTorch CPU timings of the image tower, for docs/performance.md (same machine, same run).
    torch.set_num_threads(2)
    with torch.no_grad():
        for batch in (1, 16):
            x = torch.randn(batch, 3, size, size)
            model.get_image_features(pixel_values=x)
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                model.get_image_features(pixel_values=x)
                times.append(time.perf_counter() - t0)
            print(f"pytorch image batch {batch}: median {sorted(times)[2]*1000:.0f} ms")
print("wrote", sorted(p.name for p in out.iterdir()))
print(json.dumps({k: list(v.shape) for k, v in model.state_dict().items()})[:400])
