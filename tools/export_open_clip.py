#!/usr/bin/env python3
"""Exports an open_clip model — a timm ViT image tower with a Hugging Face BERT text tower
(BiomedCLIP's layout), or CLIP's modified ResNet with CLIP's text transformer (RN50, RN50x4, ...
with OpenAI's weights) — to the directory Fairness4J's `OpenClipCheckpoint` loads:

  open_clip_config.json      the model config (embed_dim, vision_cfg, text_cfg)
  open_clip_model.safetensors the state dict, float32, open_clip's names
  vision_config.json         the image tower's shape ("timm_vit" or "modified_resnet")
  text_config.json           the BERT config (Hugging Face config.json), or CLIP's text shape
                             ("clip_text": width, layers, heads, context, vocabulary, activation)
  vocab.txt + tokenizer_config.json (WordPiece) or vocab.json + merges.txt (CLIP BPE)

Usage (the weights come from the Hugging Face hub; run where it is reachable):
  pip install open_clip_torch timm transformers safetensors
  python tools/export_open_clip.py hf-hub:microsoft/BiomedCLIP-PubMedBERT_256-vit_base_patch16_224 OUT_DIR
  python tools/export_open_clip.py RN50:openai OUT_DIR
If importing open_clip fails with "operator torchvision::nms does not exist" (a CPU torch beside a
mismatched torchvision), tools/torchvision_ops.py is imported first to make it load.
"""
import json
import pathlib
import sys

import torch
from safetensors.torch import save_file


def vision_config(model):
    v = model.visual
    if hasattr(v, "trunk"):  # open_clip TimmModel
        trunk = v.trunk
        blocks = list(trunk.blocks)
        cfg = {
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
        if cfg["global_pool"] != "token" or not cfg["class_token"] or cfg["act"] != "GELU":
            raise SystemExit(f"unsupported timm ViT variant: {cfg}")
        return cfg
    if type(v).__name__ == "ModifiedResNet":  # CLIP's RN50, RN101, RN50x4, ...
        layers = [len(getattr(v, f"layer{i}")) for i in range(1, 5)]
        return {"architecture": "modified_resnet", "image_size": int(v.image_size),
                "layers": layers, "width": int(v.conv3.out_channels),
                "heads": int(v.attnpool.num_heads), "output_dim": int(v.output_dim)}
    raise SystemExit(f"unsupported image tower {type(v).__name__}")


def text_config(model):
    if hasattr(model, "text") and hasattr(model.text, "transformer") and hasattr(
            model.text.transformer, "config"):  # Hugging Face text tower
        return model.text.transformer.config.to_json_string()
    blocks = model.transformer.resblocks  # CLIP's own text transformer
    act = type(blocks[0].mlp.gelu).__name__
    return json.dumps({"architecture": "clip_text", "width": int(model.transformer.width),
                       "layers": len(blocks), "heads": int(blocks[0].attn.num_heads),
                       "context_length": int(model.context_length),
                       "vocab_size": int(model.vocab_size), "act": act,
                       "pool_type": getattr(model, "text_pool_type", "argmax")}, indent=2) + "\n"


def write_checkpoint(model, model_cfg, out, vocab_file=None, tokenizer_config=None, tokenizer=None,
                     extra_files=()):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "vision_config.json").write_text(json.dumps(vision_config(model), indent=2) + "\n")
    (out / "text_config.json").write_text(text_config(model))
    (out / "open_clip_config.json").write_text(json.dumps({"model_cfg": model_cfg}, indent=2) + "\n")
    state = {k: v.detach().float().contiguous() for k, v in model.state_dict().items()
             if not k.endswith("position_ids") and not k.endswith("num_batches_tracked")
             and k != "attn_mask"}
    save_file(state, str(out / "open_clip_model.safetensors"), metadata={"format": "pt"})
    if tokenizer is not None:
        tokenizer.save_pretrained(str(out))
    if vocab_file is not None:
        (out / "vocab.txt").write_bytes(pathlib.Path(vocab_file).read_bytes())
    if tokenizer_config is not None:
        (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config) + "\n")
    for f in extra_files:
        (out / pathlib.Path(f).name).write_bytes(pathlib.Path(f).read_bytes())


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
    pretrained = None
    if ":" in name and not name.startswith("hf-hub:"):
        name, pretrained = name.split(":", 1)
    model, _ = open_clip.create_model_from_pretrained(name, pretrained=pretrained)
    model.eval()
    cfg = open_clip.get_model_config(name) if not name.startswith("hf-hub:") else None
    if cfg is None:
        from huggingface_hub import hf_hub_download
        cfg = json.loads(pathlib.Path(hf_hub_download(name[len("hf-hub:"):],
                                                      "open_clip_config.json")).read_text())["model_cfg"]
    # BERT towers name their tokenizer; CLIP's own text tower uses OpenAI's BPE, which the
    # Hugging Face CLIP tokenizer files (vocab.json, merges.txt) hold too
    tok = AutoTokenizer.from_pretrained(cfg["text_cfg"].get("hf_tokenizer_name",
                                                            "openai/clip-vit-base-patch32"))
    write_checkpoint(model, cfg, out, tokenizer=tok)
    print("wrote", out)


if __name__ == "__main__":
    main()
