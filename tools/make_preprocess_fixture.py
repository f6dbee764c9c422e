#!/usr/bin/env python3
"""Writes small test images and Hugging Face's CLIP preprocessing of them.

Output (fairness-models/src/test/resources/preprocess/): gray_300x250.png (8-bit L),
rgb_181x260.png (RGB), rgba_97x64.png (RGBA), gray_120x120.jpg, and reference.safetensors with the
pixel_values of each (key = file name) from CLIPImageProcessorPil (PIL bicubic resize of the
shortest side to 224, center crop 224, rescale 1/255, CLIP mean/std; images converted to RGB).
Seeded (numpy 42). Produced with transformers 5.18.0, Pillow 12.3.0, numpy, Python 3.11.7:
  /tmp/pyenv/bin/pip install pillow && /tmp/pyenv/bin/python tools/make_preprocess_fixture.py
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

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file
from transformers import CLIPImageProcessorPil

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/preprocess"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(42)


def smooth(h, w, c):
    # Smooth random images (like radiographs) plus noise, so resampling errors would show.
    yy, xx = np.mgrid[0:h, 0:w]
    base = 128 + 80 * np.sin(xx / 17.0) * np.cos(yy / 23.0)
    img = base[..., None] + rng.normal(0, 25, size=(h, w, c))
    return np.clip(img, 0, 255).astype(np.uint8)


images = {
    "gray_300x250.png": Image.fromarray(smooth(250, 300, 1)[..., 0], "L"),
    "rgb_181x260.png": Image.fromarray(smooth(260, 181, 3), "RGB"),
    "rgba_97x64.png": Image.fromarray(smooth(64, 97, 4), "RGBA"),
}
for name, im in images.items():
    im.save(out / name)
Image.fromarray(smooth(120, 120, 1)[..., 0], "L").save(out / "gray_120x120.jpg", quality=90)

proc = CLIPImageProcessorPil()
ref = {}
for name in ["gray_300x250.png", "rgb_181x260.png", "rgba_97x64.png", "gray_120x120.jpg"]:
    im = Image.open(out / name).convert("RGB")
    ref[name] = torch.tensor(np.asarray(proc(images=im, return_tensors="np")["pixel_values"][0]),
                             dtype=torch.float32).contiguous()
save_file(ref, out / "reference.safetensors")
print({k: tuple(v.shape) for k, v in ref.items()})
