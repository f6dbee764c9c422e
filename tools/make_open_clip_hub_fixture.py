#!/usr/bin/env python3
"""An open_clip model directory in the layout published on the Hugging Face hub, written by
open_clip itself (open_clip.push_to_hf_hub.save_for_hf: open_clip_config.json +
open_clip_model.safetensors + the tokenizer's files), in BiomedCLIP's family: a timm ViT image tower
(timm's "test_vit": width 64, 6 blocks, 2 heads, 160 pixels, patch 16, class-token pooling) and a
Hugging Face BERT text tower (hidden 128, 2 layers, 2 heads: BERT's 64-wide heads, like
BiomedCLIP's PubMedBERT) with open_clip's MLP projection, CLS pooling, random weights (seed 0).
No vision_config.json / text_config.json: Java must read the directory as published.

Output (fairness-models/src/test/resources/openclip-hub-tiny/): the directory above, with
text_cfg.hf_model_name / hf_tokenizer_name set to "tiny-bert" after saving (the BERT config is a
temporary directory here, as it is a separate hub repo for BiomedCLIP), and reference.safetensors:
pixel_values [2,3,160,160], image_features [2,16], input_ids [3,16] int32 (open_clip's tokenizer on
the prompts in the metadata), text_features [3,16] (before normalisation), logit_scale.
Produced with open_clip_torch 3.3.0, timm 1.0.29, transformers 5.18.0, torch 2.13.0+cpu:
  /work/pyenv/bin/python tools/make_open_clip_hub_fixture.py
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
import tempfile

import open_clip
import timm
import torch
import transformers
from open_clip.push_to_hf_hub import save_for_hf
from safetensors.torch import save_file
from transformers import BertConfig

res = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources"
out = res / "openclip-hub-tiny"
if out.exists():
    shutil.rmtree(out)
torch.manual_seed(0)
tmp = pathlib.Path(tempfile.mkdtemp())
bert = tmp / "tiny-bert"
bert.mkdir()
BertConfig(vocab_size=155, hidden_size=128, num_hidden_layers=2, num_attention_heads=2,
           intermediate_size=256, max_position_embeddings=32).save_pretrained(bert)
shutil.copy(res / "bert-tiny" / "vocab.txt", bert / "vocab.txt")
(bert / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": True}))
cfg = {
    "embed_dim": 16,
    "vision_cfg": {"timm_model_name": "test_vit", "timm_model_pretrained": False, "timm_pool": "",
                   "timm_proj": "linear", "image_size": 160},
    "text_cfg": {"hf_model_name": str(bert), "hf_tokenizer_name": str(bert),
                 "hf_model_pretrained": False, "hf_proj_type": "mlp",
                 "hf_pooler_type": "cls_last_hidden_state_pooler", "context_length": 16},
}
model = open_clip.CustomTextCLIP(**cfg).eval()
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            p.fill_(2.3)
        else:
            p.copy_(torch.randn_like(p) * (0.1 if p.dim() > 1 else 0.05)
                    + (1.0 if "norm" in name.lower() and name.endswith("weight") else 0.0))
# What create_model does for a hub model: the preprocessing open_clip_config.json then records
# (BiomedCLIP's: OpenAI's mean and std, bicubic, shortest side).
from open_clip.model import set_model_preprocess_cfg  # noqa: E402
set_model_preprocess_cfg(model, {"size": 160, "mode": "RGB", "mean": list(open_clip.OPENAI_DATASET_MEAN),
                                 "std": list(open_clip.OPENAI_DATASET_STD), "interpolation": "bicubic",
                                 "resize_mode": "shortest", "fill_color": 0})
tok = open_clip.tokenizer.HFTokenizer(str(bert), context_length=16)
save_for_hf(model, tok, cfg, out, safe_serialization=True)
conf = json.loads((out / "open_clip_config.json").read_text())
conf["model_cfg"]["text_cfg"]["hf_model_name"] = "tiny-bert"
conf["model_cfg"]["text_cfg"]["hf_tokenizer_name"] = "tiny-bert"
(out / "open_clip_config.json").write_text(json.dumps(conf, indent=2) + "\n")
prompts = ["a chest x-ray showing edema", "pneumothorax", "no finding"]
ids = tok(prompts)
pixels = torch.randn(2, 3, 160, 160)
with torch.no_grad():
    img = model.encode_image(pixels)
    txt = model.encode_text(ids)
save_file({"pixel_values": pixels.contiguous(), "image_features": img.contiguous(),
           "input_ids": ids.to(torch.int32).contiguous(), "text_features": txt.contiguous(),
           "logit_scale": model.logit_scale.detach().reshape(1).contiguous()},
          out / "reference.safetensors",
          metadata={"producer": "tools/make_open_clip_hub_fixture.py", "prompts": json.dumps(prompts),
                    "open_clip": open_clip.__version__, "timm": timm.__version__,
                    "transformers": transformers.__version__, "torch": torch.__version__})
shutil.rmtree(tmp)
print(sorted(p.name for p in out.iterdir()))
print(json.dumps(conf)[:300])
