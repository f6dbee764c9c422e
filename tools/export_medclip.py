#!/usr/bin/env python3
"""Exports a MedCLIP checkpoint (RyanWangZf/MedCLIP: `pytorch_model.bin` of MedClipModel with the
ResNet-50 vision model, or of the ViT (Swin-Tiny) variant) to the directory Fairness4J's
`MedClipCheckpoint` loads:

  medclip_config.json   {"vision": "resnet50" | "swin", "image_size": 224, "context_length": 77,
                         "embed_dim": 512}
  model.safetensors     the state dict (float32, MedCLIP's names)
  text_config.json      the BERT config (Bio_ClinicalBERT's config.json)
  vision_config.json    the Swin config (ViT variant only; microsoft/swin-tiny-patch4-window7-224)
  vocab.txt, tokenizer_config.json   the WordPiece tokenizer

Usage, where the Hugging Face hub is reachable (for the BERT and Swin configs and the tokenizer):
  pip install torch transformers safetensors
  python tools/export_medclip.py MEDCLIP_DIR/pytorch_model.bin resnet50|swin OUT_DIR
(MEDCLIP_DIR is what the `medclip` package downloads: medclip-resnet or medclip-vit.)
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
import json
import pathlib
import sys

import torch
from safetensors.torch import save_file

BERT = "emilyalsentzer/Bio_ClinicalBERT"
SWIN = "microsoft/swin-tiny-patch4-window7-224"


def write_checkpoint(state, vision, out, text_config_json, vocab_bytes, tokenizer_config,
                     vision_config_json=None, image_size=224, context_length=77, embed_dim=512):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cfg = {"vision": vision, "image_size": image_size, "context_length": context_length,
           "embed_dim": embed_dim}
    (out / "medclip_config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    state = {k: v.detach().float().contiguous() for k, v in state.items()
             if not k.endswith("position_ids") and not k.endswith("num_batches_tracked")}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "text_config.json").write_text(text_config_json)
    if vision_config_json is not None:
        (out / "vision_config.json").write_text(vision_config_json)
    (out / "vocab.txt").write_bytes(vocab_bytes)
    (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config) + "\n")


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("resnet50", "swin"):
        raise SystemExit(__doc__)
    from transformers import AutoConfig, AutoTokenizer

    state = torch.load(sys.argv[1], map_location="cpu")
    tok = AutoTokenizer.from_pretrained(BERT)
    tmp = pathlib.Path(sys.argv[3]) / ".tok"
    tok.save_pretrained(str(tmp))
    vision_cfg = AutoConfig.from_pretrained(SWIN).to_json_string() if sys.argv[2] == "swin" else None
    write_checkpoint(state, sys.argv[2], sys.argv[3], AutoConfig.from_pretrained(BERT).to_json_string(),
                     (tmp / "vocab.txt").read_bytes(),
                     {"do_lower_case": bool(getattr(tok, "do_lower_case", False))},
                     vision_config_json=vision_cfg)
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    print("wrote", sys.argv[3])


if __name__ == "__main__":
    main()
