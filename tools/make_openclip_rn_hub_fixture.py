#!/usr/bin/env python3
"""An open_clip ModifiedResNet CLIP (OpenAI's RN layout, quick-GELU) saved by open_clip's own
push_to_hf_hub.save_for_hf, as the hub's open_clip RN checkpoints are: open_clip_config.json
(model_cfg + preprocess_cfg) and open_clip_model.safetensors holding the full state_dict, batch
norms' int64 num_batches_tracked buffers included (tools/export_open_clip.py drops them, so the
older openclip-rn-tiny fixture never had them). Sizes differ from openclip-rn-tiny: layers
[1, 2, 2, 1], width 4, head_width 16 (8 attention-pool heads), 64 pixels; text width 24, 3 heads,
2 layers, 12 tokens; embed_dim 12. Random weights (torch.manual_seed(21)), random batch-norm
statistics. save_for_hf needs a tokenizer with save_pretrained (open_clip's SimpleTokenizer has
none), so the 704-token BPE of clip-bpe/ is copied in as vocab.json + merges.txt.

Output: fairness-models/src/test/resources/openclip-rn-hub/ with reference.safetensors: pixels
[2,3,64,64], image_features, token_ids [3,12] int32 (start 702 ... end 703, zero padded, as
open_clip's tokenizer pads), text_features (open_clip's encode_image / encode_text), logit_scale
(exp).
Produced with open_clip_torch 3.3.0, torch 2.13.0+cpu:
  /work/pyenv/bin/python tools/make_openclip_rn_hub_fixture.py
"""
import pathlib
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401  (before open_clip)
except Exception:  # torch missing or a working torchvision: nothing to do
    pass

import numpy as np
import open_clip
import torch
from open_clip.model import set_model_preprocess_cfg
from open_clip.push_to_hf_hub import save_for_hf
from safetensors import safe_open
from safetensors.torch import save_file
from torch import nn

res = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources"
out = res / "openclip-rn-hub"
if out.exists():
    shutil.rmtree(out)
torch.manual_seed(21)
cfg = {"embed_dim": 12, "quick_gelu": True,
       "vision_cfg": {"image_size": 64, "layers": [1, 2, 2, 1], "width": 4, "head_width": 16},
       "text_cfg": {"context_length": 12, "vocab_size": 704, "width": 24, "heads": 3, "layers": 2}}
model = open_clip.CLIP(**cfg).eval()
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            p.fill_(3.3)
        else:
            p.add_(torch.randn_like(p) * (0.2 if p.ndim == 1 else 0.05))
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
            m.running_var.copy_(1 + 0.2 * torch.rand_like(m.running_var))
            m.num_batches_tracked.fill_(1234)
set_model_preprocess_cfg(model, {"size": 64, "mode": "RGB", "mean": list(open_clip.OPENAI_DATASET_MEAN),
                                 "std": list(open_clip.OPENAI_DATASET_STD), "interpolation": "bicubic",
                                 "resize_mode": "shortest", "fill_color": 0})


class _NoTokenizerFiles:
    def save_pretrained(self, directory):
        pass


save_for_hf(model, _NoTokenizerFiles(), cfg, out, safe_serialization=True)
for name in ("vocab.json", "merges.txt"):
    shutil.copy(res / "clip-bpe" / name, out / name)
with safe_open(str(out / "open_clip_model.safetensors"), "pt") as f:
    tracked = [k for k in f.keys() if k.endswith("num_batches_tracked")]
assert tracked, "save_for_hf is expected to keep the batch norms' num_batches_tracked"

rng = np.random.default_rng(22)
pixels = torch.from_numpy(rng.normal(size=(2, 3, 64, 64)).astype(np.float32))
ctx, vocab = 12, 704
ids = np.zeros((3, ctx), dtype=np.int64)
for r, n in enumerate([3, 7, ctx]):
    ids[r, 0] = vocab - 2
    ids[r, 1:n - 1] = rng.integers(256, vocab - 2, size=n - 2)
    ids[r, n - 1] = vocab - 1
with torch.no_grad():
    image = model.encode_image(pixels)
    text = model.encode_text(torch.from_numpy(ids))
save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": model.logit_scale.exp().detach().reshape(1)},
          str(out / "reference.safetensors"),
          metadata={"producer": "tools/make_openclip_rn_hub_fixture.py",
                    "open_clip": open_clip.__version__, "torch": torch.__version__})
print(len(tracked), "num_batches_tracked tensors;", sorted(p.name for p in out.iterdir()))
