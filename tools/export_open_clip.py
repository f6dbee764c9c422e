#!/usr/bin/env python3
"""Exports an open_clip model with a timm ViT image tower and a Hugging Face BERT text tower
(BiomedCLIP's layout) to the directory Fairness4J's `OpenClipCheckpoint` loads:

  open_clip_config.json      the model config (embed_dim, vision_cfg, text_cfg)
  open_clip_model.safetensors the state dict, float32, open_clip's names
  vision_config.json         the timm ViT's shape (patch, width, depth, heads, MLP width, eps)
  text_config.json           the BERT config (Hugging Face config.json of the text tower)
  vocab.txt, tokenizer_config.json   the WordPiece tokenizer

Usage (the weights come from the Hugging Face hub; run where it is reachable):
  pip install open_clip_torch timm transformers safetensors
  python tools/export_open_clip.py hf-hub:microsoft/BiomedCLIP-PubMedBERT_256-vit_base_patch16_224 OUT_DIR
If importing open_clip fails with "operator torchvision::nms does not exist" (a CPU torch beside a
mismatched torchvision), tools/torchvision_ops.py is imported first to make it load.
"""
import json
import pathlib
import sys

import torch
from safetensors.torch import save_file


def write_checkpoint(model, model_cfg, out, vocab_file=None, tokenizer_config=None, tokenizer=None):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    trunk = model.visual.trunk
    blocks = list(trunk.blocks)
    vision = {
        "architecture": "timm_vit",
        "image_size": int(trunk.patch_embed.img_size[0]),
        "patch_size": int(trunk.patch_embed.patch_size[0]),
        "hidden_size": int(trunk.embed_dim),
        "num_hidden_layers": len(blocks),
        "num_attention_heads": int(blocks[0].attn.num_heads),
        "intermediate_size": int(blocks[0].mlp.fc1.out_features),
        "layer_norm_eps": float(trunk.norm.eps),
        "class_token": trunk.cls_token is not None,
        "global_pool": trunk.global_pool,
        "act": type(blocks[0].mlp.act).__name__,
    }
    if vision["global_pool"] != "token" or not vision["class_token"] or vision["act"] != "GELU":
        raise SystemExit(f"unsupported timm ViT variant: {vision}")
    (out / "vision_config.json").write_text(json.dumps(vision, indent=2) + "\n")
    (out / "text_config.json").write_text(model.text.transformer.config.to_json_string())
    (out / "open_clip_config.json").write_text(json.dumps({"model_cfg": model_cfg}, indent=2) + "\n")
    state = {k: v.detach().float().contiguous() for k, v in model.state_dict().items()
             if not k.endswith("position_ids")}
    save_file(state, str(out / "open_clip_model.safetensors"), metadata={"format": "pt"})
    if tokenizer is not None:
        tokenizer.save_pretrained(str(out))
    if vocab_file is not None:
        (out / "vocab.txt").write_bytes(pathlib.Path(vocab_file).read_bytes())
    if tokenizer_config is not None:
        (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config) + "\n")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    try:
        import open_clip
    except RuntimeError:
        import torchvision_ops  # noqa: F401
        import open_clip
    from transformers import AutoTokenizer

    name, out = sys.argv[1], sys.argv[2]
    model, _ = open_clip.create_model_from_pretrained(name)
    model.eval()
    cfg = open_clip.get_model_config(name) if not name.startswith("hf-hub:") else None
    if cfg is None:
        from huggingface_hub import hf_hub_download
        cfg = json.loads(pathlib.Path(hf_hub_download(name[len("hf-hub:"):],
                                                      "open_clip_config.json")).read_text())["model_cfg"]
    tok = AutoTokenizer.from_pretrained(cfg["text_cfg"]["hf_tokenizer_name"])
    write_checkpoint(model, cfg, out, tokenizer=tok)
    print("wrote", out)


if __name__ == "__main__":
    main()
