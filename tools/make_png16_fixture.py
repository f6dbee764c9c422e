#!/usr/bin/env python3
"""16-bit grayscale PNGs written by Pillow 12.3.0, for ImagePreprocessorTest's 16-bit checks.
Output (fairness-models/src/test/resources/preprocess16/):
  gray16_64x48.png          value (21*i) mod 65536 at row-major index i (full 16-bit range)
  gray12_64x48.png          value (37*i) mod 4096: 12-bit data stored unscaled, no sBIT chunk
  gray12_sbit_64x48.png     the same pixels with an sBIT chunk declaring 12 significant bits
Pillow's convert("RGB") clips all three at 255 (printed below).
  /work/pyenv/bin/python tools/make_png16_fixture.py
"""
import pathlib

import numpy as np
from PIL import Image, PngImagePlugin

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/preprocess16"
out.mkdir(parents=True, exist_ok=True)
a = ((np.arange(64 * 48) * 21) % 65536).astype(np.uint16).reshape(48, 64)
Image.fromarray(a).save(out / "gray16_64x48.png")
print(Image.open(out / "gray16_64x48.png").mode, a.max())
b = ((np.arange(64 * 48) * 37) % 4096).astype(np.uint16).reshape(48, 64)
Image.fromarray(b).save(out / "gray12_64x48.png")
info = PngImagePlugin.PngInfo()
info.add(b"sBIT", bytes([12]))
Image.fromarray(b).save(out / "gray12_sbit_64x48.png", pnginfo=info)
for name in ("gray16_64x48.png", "gray12_64x48.png", "gray12_sbit_64x48.png"):
    rgb = np.asarray(Image.open(out / name).convert("RGB"))
    print(name, "PIL convert('RGB'): share of pixels clipped at 255:", (rgb[..., 0] == 255).mean())
