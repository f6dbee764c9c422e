#!/usr/bin/env python3
"""Checks that an adapter directory written by Fairness4J (`bin/fairness adapt --strategy lora`,
OUT/adapter/, or PeftAdapters.write) loads with peft's PeftModel.from_pretrained as is, and that
peft's image embeddings with it equal Fairness4J's (`bin/fairness encode --adapter`).

  /work/pyenv/bin/python tools/check_peft_export.py --model MODEL_DIR --adapter OUT/adapter \
      --images DIR --java-embeddings emb.npy
Prints the largest absolute difference and exits 1 above --tolerance (default 1e-4).
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:  # torch missing or a working torchvision: nothing to do
    pass
import argparse
import pathlib
import sys

import numpy as np
import torch
from peft import PeftModel
from PIL import Image
from transformers import CLIPImageProcessorPil, CLIPModel

ap = argparse.ArgumentParser()
ap.add_argument("--model", required=True)
ap.add_argument("--adapter", required=True)
ap.add_argument("--images", required=True)
ap.add_argument("--java-embeddings", required=True)
ap.add_argument("--tolerance", type=float, default=1e-4)
a = ap.parse_args()
base = CLIPModel.from_pretrained(a.model).eval()
model = PeftModel.from_pretrained(base, a.adapter).eval()
n_lora = sum(1 for n, _ in model.named_parameters() if "lora_" in n)
files = sorted(p for p in pathlib.Path(a.images).rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
size = base.config.vision_config.image_size
proc = CLIPImageProcessorPil.from_pretrained(a.model) if (pathlib.Path(a.model) / "preprocessor_config.json").exists() \
    else CLIPImageProcessorPil(size={"shortest_edge": size}, crop_size={"height": size, "width": size})
pixels = proc(images=[Image.open(f) for f in files], return_tensors="pt")["pixel_values"]
with torch.no_grad():
    emb = base.get_image_features(pixel_values=pixels)
    if not torch.is_tensor(emb):
        emb = emb.pooler_output
java = np.load(a.java_embeddings)
diff = float(np.abs(java - emb.numpy()).max())
print(f"peft loaded {n_lora} LoRA tensors; {len(files)} images; max |peft - java| = {diff:.3g}")
sys.exit(0 if diff <= a.tolerance else 1)
