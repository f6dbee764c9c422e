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
  openclip_timm_bert  open_clip model of openclip-hub-tiny/ (BiomedCLIP's family; rebuilt with
                    CustomTextCLIP and its weights loaded), regex target_modules on the timm ViT's
                    attn.qkv, attn.proj, mlp.fc2 and the BERT's query, value and output.dense,
                    r 2, alpha 3; reference image_features / text_features for that fixture's
                    pixel_values and input_ids (open_clip's encode_image / encode_text)
Output (fairness-models/src/test/resources/peft/<name>/): the adapter directory and
reference.safetensors with image_embeds [2,16] (clip-tiny's pixel_values) and text_embeds [3,16]
(clip-tiny's input_ids), the model with the adapter.
Produced with peft 0.21.0, transformers 5.18.0, open_clip_torch 3.3.0, torch 2.13.0+cpu:
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


# open_clip (BiomedCLIP's family): the hub fixture's model, rebuilt with its tiny BERT config.
import json  # noqa: E402
import tempfile  # noqa: E402

import open_clip  # noqa: E402
from transformers import BertConfig  # noqa: E402

hub = res / "openclip-hub-tiny"
tmp = pathlib.Path(tempfile.mkdtemp()) / "tiny-bert"
tmp.mkdir()
BertConfig(vocab_size=155, hidden_size=128, num_hidden_layers=2, num_attention_heads=2,
           intermediate_size=256, max_position_embeddings=32).save_pretrained(tmp)
cfg = json.loads((hub / "open_clip_config.json").read_text())["model_cfg"]
cfg["text_cfg"]["hf_model_name"] = str(tmp)
cfg["text_cfg"]["hf_tokenizer_name"] = str(tmp)
oc = open_clip.CustomTextCLIP(**cfg).eval()
oc.load_state_dict(load_file(hub / "open_clip_model.safetensors"))
href = load_file(hub / "reference.safetensors")
with torch.no_grad():
    assert torch.allclose(oc.encode_image(href["pixel_values"]), href["image_features"], atol=1e-6)
name = "openclip_timm_bert"
out = res / "peft" / name
if out.exists():
    shutil.rmtree(out)
pm = get_peft_model(oc, LoraConfig(
    r=2, lora_alpha=3,
    target_modules=r"visual\.trunk\.blocks\.\d+\.(attn\.(qkv|proj)|mlp\.fc2)"
                   r"|text\.transformer\.encoder\.layer\.\d+\.(attention\.self\.(query|value)|output\.dense)"))
g = torch.Generator().manual_seed(200)
with torch.no_grad():
    for n, p in pm.named_parameters():
        if "lora_" in n:
            p.copy_(torch.randn(p.shape, generator=g) * 0.3)
pm.save_pretrained(out)
pm.eval()
with torch.no_grad():
    img = oc.encode_image(href["pixel_values"])
    txt = oc.encode_text(href["input_ids"].long())
save_file({"image_features": img.contiguous(), "text_features": txt.contiguous()},
          out / "reference.safetensors",
          metadata={"producer": "tools/make_peft_fixture.py", "peft": peft.__version__,
                    "open_clip": open_clip.__version__, "torch": torch.__version__})
shutil.rmtree(tmp.parent)
keys = sorted(load_file(out / "adapter_model.safetensors").keys())
print(name, len(keys), keys[:2])
