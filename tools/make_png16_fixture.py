#!/usr/bin/env python3
"""A 16-bit grayscale PNG (64x48, value (21*i) mod 65536 at row-major index i) written by Pillow
12.3.0, for ImagePreprocessorTest's 16-bit check.
Output: fairness-models/src/test/resources/preprocess16/gray16_64x48.png
  /tmp/pyenv/bin/python tools/make_png16_fixture.py
"""
import pathlib

import numpy as np
from PIL import Image

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/preprocess16"
out.mkdir(parents=True, exist_ok=True)
a = ((np.arange(64 * 48) * 21) % 65536).astype(np.uint16).reshape(48, 64)
Image.fromarray(a).save(out / "gray16_64x48.png")
print(Image.open(out / "gray16_64x48.png").mode, a.max())
