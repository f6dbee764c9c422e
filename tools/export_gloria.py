#!/usr/bin/env python3
"""Exports a GLoRIA checkpoint (marshuang80/gloria: the PyTorch Lightning `.ckpt`, e.g.
gloria_resnet50.ckpt) to the directory Fairness4J's `GloriaCheckpoint` loads:

  gloria_config.json    image size and preprocessing, upsampling size, text length, the text
                        aggregation settings and temp3, from the checkpoint's hyper_parameters
  model.safetensors     the state dict without the "gloria." prefix (float32)
  text_config.json      the BERT config (Bio_ClinicalBERT's config.json)
  vocab.txt, tokenizer_config.json   the WordPiece tokenizer

Usage, where the Hugging Face hub is reachable (for the BERT config and tokenizer):
  pip install torch transformers safetensors omegaconf
  python tools/export_gloria.py gloria_resnet50.ckpt OUT_DIR
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


def write_checkpoint(state, cfg, out, text_config_json, vocab_bytes, tokenizer_config):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "gloria_config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    state = {k.split("gloria.")[-1]: v.detach().float().contiguous() for k, v in state.items()
             if not k.endswith("position_ids") and not k.endswith("num_batches_tracked")}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "text_config.json").write_text(text_config_json)
    (out / "vocab.txt").write_bytes(vocab_bytes)
    (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config) + "\n")


def config_from_hyper_parameters(h):
    norm = h["transforms"].get("norm")
    mean, std = {"half": ([0.5] * 3, [0.5] * 3),
                 "imagenet": ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
                 None: ([0.0] * 3, [1.0] * 3)}[norm]
    crop = h["transforms"]["random_crop"]["crop_size"] if h["transforms"].get("random_crop") else \
        h["data"]["image"]["imsize"]
    text = h["model"]["text"]
    return {"image_size": crop, "resize": h["data"]["image"]["imsize"], "mean": mean, "std": std,
            "upsample": 299, "word_num": h["data"]["text"]["word_num"],
            "last_n_layers": text["last_n_layers"], "aggregate": text["aggregate_method"],
            "agg_tokens": bool(text["agg_tokens"]), "embed_dim": text["embedding_dim"],
            "temp3": h["model"]["gloria"]["temp3"], "vision": h["model"]["vision"]["model_name"]}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    from transformers import AutoConfig, AutoTokenizer

    ckpt = torch.load(sys.argv[1], map_location="cpu", weights_only=False)
    h = ckpt["hyper_parameters"]
    cfg = config_from_hyper_parameters(h)
    if cfg["vision"] != "resnet_50":
        raise SystemExit(f"only the ResNet-50 GLoRIA is supported, got {cfg['vision']}")
    bert = h["model"]["text"]["bert_type"]
    tok = AutoTokenizer.from_pretrained(bert)
    tmp = pathlib.Path(sys.argv[2]) / ".tok"
    tok.save_pretrained(str(tmp))
    write_checkpoint(ckpt["state_dict"], cfg, sys.argv[2], AutoConfig.from_pretrained(bert).to_json_string(),
                     (tmp / "vocab.txt").read_bytes(),
                     {"do_lower_case": bool(getattr(tok, "do_lower_case", False))})
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    print("wrote", sys.argv[2])


if __name__ == "__main__":
    main()
