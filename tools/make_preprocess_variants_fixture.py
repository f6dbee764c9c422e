#!/usr/bin/env python3
"""Preprocessing parity fixture: images in Pillow's modes and, for each preprocessing variant a model
directory can declare, the pixel values the library itself produces.

transformers variants: CLIPImageProcessorPil (transformers' PIL backend, which is what a CLIP
preprocessor_config.json means when transformers runs without torchvision; transformers 5's default
"fast" processor resizes tensors with torchvision instead and differs by up to a few 1/255 steps)
built from the variant's preprocessor_config.json, applied to Image.open(file) (do_convert_rgb
converts first); hf_legacy_feature_extractor is the hand-written legacy JSON that OpenAI's hub
checkpoints still publish (CLIPFeatureExtractor, int size / crop_size), read by from_pretrained.
open_clip variants: open_clip.transform.image_transform (evaluation) for the
variant's preprocess_cfg, applied to Image.open(file) (resize and crop in the file's mode, then
convert("RGB")).

Output (fairness-models/src/test/resources/preprocess-variants/):
  images/*.png                  L, LA, RGB, RGBA, P, P with tRNS, a small RGB (padding), seeded
  <variant>/preprocessor_config.json or <variant>/open_clip_config.json
  reference.safetensors         "<variant>/<image>" -> pixel_values [3, size, size] float32;
                                metadata: variants (JSON name -> image size)
Produced with transformers 5.18.0, open_clip_torch 3.3.0, torch 2.13.0+cpu, Pillow 12.3.0:
  /work/pyenv/bin/python tools/make_preprocess_variants_fixture.py
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
import warnings

import numpy as np
import open_clip
import PIL
import torch
import transformers
from PIL import Image
from open_clip.transform import image_transform
from safetensors.torch import save_file
from transformers import CLIPImageProcessorPil

warnings.filterwarnings("ignore")
root = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/preprocess-variants"
img_dir = root / "images"
img_dir.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)


def smooth(h, w, c):
    yy, xx = np.mgrid[0:h, 0:w]
    base = 128 + 80 * np.sin(xx / 11.0) * np.cos(yy / 7.0)
    img = base[..., None] + rng.normal(0, 30, size=(h, w, c))
    return np.clip(img, 0, 255).astype(np.uint8)


rgba = smooth(57, 83, 4)
rgba[..., 3] = np.clip(np.linspace(0, 255, 83)[None, :] + rng.normal(0, 40, (57, 83)), 0, 255)
la = smooth(61, 50, 2)
la[..., 1] = np.clip(np.linspace(255, 0, 61)[:, None] + rng.normal(0, 40, (61, 50)), 0, 255)
pal = Image.fromarray(smooth(70, 53, 3), "RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT)
images = {
    "l_73x64.png": Image.fromarray(smooth(64, 73, 1)[..., 0], "L"),
    "rgb_59x90.png": Image.fromarray(smooth(90, 59, 3), "RGB"),
    "rgba_83x57.png": Image.fromarray(rgba, "RGBA"),
    "la_50x61.png": Image.fromarray(la, "LA"),
    "p_53x70.png": pal,
    "rgb_small_20x28.png": Image.fromarray(smooth(28, 20, 3), "RGB"),
}
for name, im in images.items():
    im.save(img_dir / name)
pal_t = pal.copy()
pal_t.info["transparency"] = 3
pal_t.save(img_dir / "ptrns_53x70.png", transparency=3)
names = sorted(p.name for p in img_dir.iterdir())

hf = {
    "hf_bicubic": dict(size={"shortest_edge": 24}, crop_size={"height": 24, "width": 24}, resample=3),
    "hf_bilinear_exact": dict(size={"height": 20, "width": 20}, do_center_crop=False, resample=2),
    "hf_lanczos": dict(size={"shortest_edge": 27}, crop_size={"height": 24, "width": 24}, resample=1),
    "hf_nearest": dict(size={"shortest_edge": 25}, crop_size={"height": 24, "width": 24}, resample=0),
    "hf_box": dict(size={"shortest_edge": 30}, crop_size={"height": 19, "width": 19}, resample=4),
    "hf_hamming": dict(size={"shortest_edge": 23}, crop_size={"height": 23, "width": 23}, resample=5),
    "hf_no_resize": dict(do_resize=False, crop_size={"height": 26, "width": 26}),
    "hf_raw_values": dict(size={"shortest_edge": 24}, crop_size={"height": 24, "width": 24},
                          do_rescale=False, do_normalize=False),
    "hf_custom_stats": dict(size={"shortest_edge": 24}, crop_size={"height": 24, "width": 24},
                            rescale_factor=0.5 / 255, image_mean=[0.5, 0.4, 0.3],
                            image_std=[0.2, 0.25, 0.3]),
}
oc = {
    "oc_shortest_bicubic": dict(size=24, resize_mode="shortest", interpolation="bicubic",
                                mean=[0.48145466, 0.4578275, 0.40821073],
                                std=[0.26862954, 0.26130258, 0.27577711]),
    "oc_longest_bilinear": dict(size=24, resize_mode="longest", interpolation="bilinear",
                                mean=[0.5, 0.5, 0.5], std=[0.5, 0.5, 0.5]),
    "oc_squash_bicubic": dict(size=22, resize_mode="squash", interpolation="bicubic",
                              mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
}
ref, sizes = {}, {}
for variant, kw in hf.items():
    d = root / variant
    d.mkdir(exist_ok=True)
    CLIPImageProcessorPil(**kw).save_pretrained(d)
    proc = CLIPImageProcessorPil.from_pretrained(d)
    for n in names:
        pv = proc(images=Image.open(img_dir / n), return_tensors="np")["pixel_values"][0]
        ref[f"{variant}/{n}"] = torch.tensor(np.asarray(pv), dtype=torch.float32).contiguous()
    sizes[variant] = int(ref[f"{variant}/{names[0]}"].shape[-1])
# The legacy form published with OpenAI's checkpoints (openai/clip-vit-base-patch32's
# preprocessor_config.json: a CLIPFeatureExtractor with int size and crop_size, no do_rescale or
# do_convert_rgb), as written there rather than by save_pretrained, at 24 pixels.
legacy = {"hf_legacy_feature_extractor": {
    "crop_size": 24, "do_center_crop": True, "do_normalize": True, "do_resize": True,
    "feature_extractor_type": "CLIPFeatureExtractor",
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3, "size": 24}}
for variant, raw in legacy.items():
    d = root / variant
    d.mkdir(exist_ok=True)
    (d / "preprocessor_config.json").write_text(json.dumps(raw, indent=2) + "\n")
    proc = CLIPImageProcessorPil.from_pretrained(d)
    for n in names:
        pv = proc(images=Image.open(img_dir / n), return_tensors="np")["pixel_values"][0]
        ref[f"{variant}/{n}"] = torch.tensor(np.asarray(pv), dtype=torch.float32).contiguous()
    sizes[variant] = int(ref[f"{variant}/{names[0]}"].shape[-1])
for variant, cfg in oc.items():
    d = root / variant
    d.mkdir(exist_ok=True)
    (d / "open_clip_config.json").write_text(json.dumps({
        "model_cfg": {"embed_dim": 16, "vision_cfg": {"image_size": cfg["size"]}},
        "preprocess_cfg": {k: v for k, v in cfg.items() if k != "size"}}, indent=2) + "\n")
    t = image_transform(cfg["size"], is_train=False, mean=cfg["mean"], std=cfg["std"],
                        resize_mode=cfg["resize_mode"], interpolation=cfg["interpolation"])
    for n in names:
        ref[f"{variant}/{n}"] = t(Image.open(img_dir / n)).to(torch.float32).contiguous()
    sizes[variant] = cfg["size"]
save_file(ref, root / "reference.safetensors", metadata={
    "producer": "tools/make_preprocess_variants_fixture.py", "variants": json.dumps(sizes),
    "images": json.dumps(names), "transformers": transformers.__version__,
    "open_clip": open_clip.__version__, "pillow": PIL.__version__, "torch": torch.__version__})
print(sizes, names)
