#!/usr/bin/env python3
"""Tiny random CLIP with the modified ResNet image tower (open_clip's CLIP class, OpenAI layout: three
stem convolutions and an average pool, anti-aliased strided bottlenecks, attention pooling; CLIP's
text transformer with quick-GELU and argmax pooling), exported as tools/export_open_clip.py exports
RN50:openai, with reference outputs of open_clip's encode_image / encode_text. The tokenizer is the
704-token BPE of the clip-tiny fixture (its end-of-text id, 703, is the largest, as in OpenAI's).
torch 2.13.0+cpu, open_clip_torch 3.3.0; torch.manual_seed(5), numpy default_rng(6).
Output: fairness-models/src/test/resources/openclip-rn-tiny/
  /tmp/pyenv/bin/python tools/make_openclip_rn_fixture.py
With --real-shape DIR: RN50's real shapes (open_clip's RN50 config, quick-GELU; random weights,
about 400 MB) and OpenAI's BPE (vocab.json and merges.txt converted from open_clip's
bpe_simple_vocab_16e6.txt.gz) for the slow OpenClipRealShapeParityTest
(FAIRNESS4J_CLIP_RN50_SHAPE=DIR mvn -Pslow verify).
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torchvision_ops  # noqa: F401  (before open_clip)

import numpy as np
import open_clip
import torch
from torch import nn
from safetensors.torch import save_file

from export_open_clip import write_checkpoint

root = pathlib.Path(__file__).resolve().parent.parent
real = len(sys.argv) == 3 and sys.argv[1] == "--real-shape"
out = pathlib.Path(sys.argv[2]) if real else root / "fairness-models/src/test/resources/openclip-rn-tiny"
tok_dir = root / "fairness-models/src/test/resources/clip-tiny"

torch.manual_seed(5)
if real:
    import json
    from open_clip.tokenizer import SimpleTokenizer

    cfg = dict(open_clip.get_model_config("RN50"), quick_gelu=True)
    out.mkdir(parents=True, exist_ok=True)
    st = SimpleTokenizer()
    # open_clip names the special tokens <start_of_text> / <end_of_text>; Hugging Face's vocab.json
    # (same ids, 49406 and 49407) names them <|startoftext|> / <|endoftext|>
    special = {"<start_of_text>": "<|startoftext|>", "<end_of_text>": "<|endoftext|>"}
    enc = {special.get(k, k): v for k, v in st.encoder.items()}
    (out / "vocab_src.json").write_text(json.dumps(enc))
    merges = sorted(st.bpe_ranks.items(), key=lambda kv: kv[1])
    (out / "merges_src.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for (a, b), _ in merges))
    tok_files = [out / "vocab_src.json", out / "merges_src.txt"]
else:
    cfg = {"embed_dim": 24,
           "vision_cfg": {"image_size": 64, "layers": [1, 2, 1, 1], "width": 8, "head_width": 16},
           "text_cfg": {"context_length": 16, "vocab_size": 704, "width": 32, "heads": 4, "layers": 2},
           "quick_gelu": True}
    tok_files = [tok_dir / "vocab.json", tok_dir / "merges.txt"]
model = open_clip.CLIP(cfg["embed_dim"], cfg["vision_cfg"], cfg["text_cfg"], quick_gelu=True).eval()
with torch.no_grad():
    for name, p in model.named_parameters():
        if name == "logit_scale":
            continue
        p.add_(torch.randn_like(p) * (0.2 if p.ndim == 1 else 0.05))
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
            m.running_var.copy_(1 + 0.2 * torch.rand_like(m.running_var))
write_checkpoint(model, cfg, out, extra_files=tok_files)
if real:
    (out / "vocab_src.json").rename(out / "vocab.json")
    (out / "merges_src.txt").rename(out / "merges.txt")

rng = np.random.default_rng(6)
size = cfg["vision_cfg"]["image_size"]
ctx, vocab = cfg["text_cfg"]["context_length"], cfg["text_cfg"]["vocab_size"]
pixels = torch.from_numpy(rng.normal(size=(2, 3, size, size)).astype(np.float32))
ids = np.zeros((3, ctx), dtype=np.int64)
for r, n in enumerate([4, 9, ctx]):
    ids[r, 0] = vocab - 2
    ids[r, 1:n - 1] = rng.integers(256, vocab - 2, size=n - 2)
    ids[r, n - 1] = vocab - 1
with torch.no_grad():
    image = model.encode_image(pixels)
    text = model.encode_text(torch.from_numpy(ids))
save_file({"pixels": pixels.contiguous(), "image_features": image.contiguous(),
           "token_ids": torch.from_numpy(ids).to(torch.int32), "text_features": text.contiguous(),
           "logit_scale": model.logit_scale.exp().detach().reshape(1)}, str(out / "reference.safetensors"))
if real:
    # OpenAI's tokenizer on a corpus of prompts (open_clip.tokenize: lower-cased, cleaned, 77 ids)
    prompts = ["a chest x-ray showing cardiomegaly", "Left PLEURAL effusion; no pneumothorax!",
               "Atelectasis / consolidation (right lower lobe) -- 3 cm", "edema",
               "café naïve résumé", "肺炎 pneumonia", "x-ray 🙂 emoji", "  multiple   spaces\tand\nlines ",
               "it's the patient's 2nd film", "<|endoftext|> literal", " ".join(["long"] * 90)]
    toks = open_clip.tokenize(prompts, context_length=77).tolist()
    (out / "reference_tokens.json").write_text(json.dumps({"prompts": prompts, "ids": toks}))
print(image.shape, text.shape, type(model.visual).__name__)
