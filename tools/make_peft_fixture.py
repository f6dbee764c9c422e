#!/usr/bin/env python3
"""peft LoRA adapters on the tiny random CLIP of clip-tiny/ and peft's outputs with them.

Each adapter is made by peft itself (get_peft_model with the LoraConfig below), its lora_A and
lora_B set to seeded random values (peft initialises B to zero, which would hide any error), saved
with save_pretrained (adapter_config.json + adapter_model.safetensors, peft's key names), and
evaluated in eval mode (dropout off):
  qv_fc1_layer1     CLIPModel base, target_modules ["q_proj", "v_proj", "fc1"],
                    layers_to_transform [1] (both towers' block 1), r 4, alpha 8, dropout 0.1
  vision_regex_rslora  CLIPModel base, target_modules regex on the vision tower's k_proj, out_proj
                    and fc2, r 3, alpha 5, use_rslora (scaling alpha / sqrt(r))
  bare_vision_tower get_peft_model(model.vision_model, ...): keys without "vision_model.",
                    all six projections, layers_to_transform [0], r 2, alpha 2
Output (fairness-models/src/test/resources/peft/<name>/): the adapter directory and
reference.safetensors with image_embeds [2,16] (clip-tiny's pixel_values) and text_embeds [3,16]
(clip-tiny's input_ids), the model with the adapter.
Produced with peft 0.21.0, transformers 5.18.0, torch 2.13.0+cpu:
  /work/pyenv/bin/python tools/make_peft_fixture.py
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:  # torch missing or a working torchvision: nothing to do
    pass
import pathlib
import shutil

import peft
import torch
import transformers
from peft import LoraConfig, get_peft_model
from safetensors.torch import load_file, save_file
from transformers import CLIPModel

res = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources"
base_dir = res / "clip-tiny"
ref = load_file(base_dir / "reference.safetensors")
pixels = ref["pixel_values"]
ids = ref["input_ids"].long()
eos = 703
mask = (torch.arange(ids.shape[1])[None, :] <= (ids == eos).int().argmax(-1)[:, None]).long()

variants = {
    "qv_fc1_layer1": (False, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.1,
                                        target_modules=["q_proj", "v_proj", "fc1"],
                                        layers_to_transform=[1])),
    "vision_regex_rslora": (False, LoraConfig(
        r=3, lora_alpha=5, use_rslora=True,
        target_modules=r"vision_model\.encoder\.layers\.\d+\.(self_attn\.(k_proj|out_proj)|mlp\.fc2)")),
    "bare_vision_tower": (True, LoraConfig(
        r=2, lora_alpha=2, layers_to_transform=[0],
        target_modules=["q_proj", "k_proj", "v_proj", "out_proj", "fc1", "fc2"])),
}
for i, (name, (bare, cfg)) in enumerate(variants.items()):
    out = res / "peft" / name
    if out.exists():
        shutil.rmtree(out)
    model = CLIPModel.from_pretrained(base_dir).eval()
    target = model.vision_model if bare else model
    pm = get_peft_model(target, cfg)
    g = torch.Generator().manual_seed(100 + i)
    with torch.no_grad():
        for n, p in pm.named_parameters():
            if "lora_" in n:
                p.copy_(torch.randn(p.shape, generator=g) * 0.3)
    pm.save_pretrained(out)
    pm.eval()
    with torch.no_grad():
        img = model.get_image_features(pixel_values=pixels)
        txt = model.get_text_features(input_ids=ids, attention_mask=mask)
        if not torch.is_tensor(img):
            img, txt = img.pooler_output, txt.pooler_output
    save_file({"image_embeds": img.contiguous(), "text_embeds": txt.contiguous()},
              out / "reference.safetensors",
              metadata={"producer": "tools/make_peft_fixture.py", "peft": peft.__version__,
                        "transformers": transformers.__version__, "torch": torch.__version__})
    keys = sorted(load_file(out / "adapter_model.safetensors").keys())
    print(name, len(keys), keys[:2])
