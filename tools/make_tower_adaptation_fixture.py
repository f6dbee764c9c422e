#!/usr/bin/env python3
"""Reference values for one training step of LoRA and full fine-tuning on the image towers other
than Hugging Face CLIP's, built as the REAL PyTorch modules and loaded with the committed tiny
fixtures' weights, for TowerClassifierParityTest:

  timm_lora  BiomedCLIP layout (open_clip CustomTextCLIP.visual with a tiny timm
             VisionTransformer trunk, as tools/make_biomedclip_fixture.py builds it), weights of
             fairness-models/src/test/resources/biomedclip-tiny; peft LoRA r 4, alpha 8 on timm's
             fused `qkv` modules, B drawn random (so that A has gradients) + Linear(24, 2) head.
             Also peft's save_pretrained directory <out>/timm_lora_peft and the adapted tower's
             embeddings of the pixels (tensor embeds), for the adapter export/import check.
  timm_full  the same tower, every weight trainable, Linear(24, 2) head.
  rn_full    MedCLIP ResNet layout (torchvision.models.resnet.Bottleneck blocks under a torchvision
             stem, weights of medclip-tiny) + its projection fc (no bias), model.train(): BatchNorm
             on batch statistics, running statistics updated (momentum 0.1), as the authors'
             train.py calls model.train() on the whole model.
  swin_lora  MedCLIP ViT layout (transformers SwinModel, + projection_head, weights
             of medclip-vit-tiny); peft LoRA r 4, alpha 8 on the query, key and value modules (the
             fused target's meaning on Swin), B random; names in the checkpoint's transformers 4.x
             form (attention.self.query ...), as MedCLIP's checkpoint and this project name them.
             Also peft's save_pretrained directory <out>/swin_lora_peft (transformers 5.x module
             names, attention.q_proj ...) and the embeddings (tensor embeds).
  swin_full  the same tower, every weight trainable (relative position bias tables included).
             Both Swin cases train with the config's stochastic depth (drop_path_rate 0.1, block i
             of n dropping with 0.1*i/(n-1)); SwinDropPath's random draw is replaced by a fixed
             per-image mask (0, or 1/keep), saved as droppath/swin_drop_path_<i> [batch, 1, 1].
  gloria_full  GLoRIA's image encoder (nn.Upsample(299, bilinear, align_corners) + torchvision
             Bottleneck ResNet + global_embedder, weights of gloria-tiny), model.train().
  mrn_full   open_clip ModifiedResNet (open_clip.CLIP(...).visual, weights of openclip-rn-tiny),
             model.train().
Batch of 4 random images (seeded), 2 classes, cross-entropy. The reference step runs in float64
(the module .double(): the exact answer to float32 rounding of the stored values); PyTorch's own
float32 step is measured beside it: dev32/<name> is its worst deviation from the float64 gradient
relative to max(the tensor's largest |gradient|, 1e-3 x the model's largest) -- below 1e-6 on the
ViTs, up to 6.5e-6 on the 64 px ResNets, up to 4.5e-2 on GLoRIA's 299 px ResNet, whose random tiny
weights make the BatchNorm backward ill-conditioned. Tensors saved per case in
<out>/<case>.safetensors: pixels, labels (one-hot), loss32 (PyTorch's float32 loss), init/<name> (head and LoRA tensors; the tower's are the
fixture directory's), loss, grad/<name>, and for the
BatchNorm towers after/<name>.running_mean|running_var. Names are the checkpoint's
(visual.trunk..., vision_model.model...); LoRA tensors by their peft names without
"base_model.model." and ".default"; head tensors head.fc.weight, head.fc.bias.

    /work/pyenv/bin/python tools/make_tower_adaptation_fixture.py \
        --resources fairness-models/src/test/resources --out fairness-models/src/test/resources/adapt-towers
    # torch 2.13.0+cpu, open_clip_torch 3.3.0, timm 1.0.29, peft 0.21.0, torchvision 0.28.0
"""
import pathlib as _pathlib
import sys as _sys

_sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parent))
try:
    import torchvision_ops  # noqa: F401
except Exception:
    pass
import argparse
import copy
import json

import open_clip
import timm
import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import load_file, save_file
from torch import nn
from torchvision.models.resnet import Bottleneck
from transformers.models.swin import modeling_swin

CLASSES = 2
BATCH = 4


class Classifier(nn.Module):
    def __init__(self, tower, dim):
        super().__init__()
        self.tower = tower
        self.head = nn.Linear(dim, CLASSES)

    def forward(self, x):
        return self.head(self.tower(x))


class Visual(nn.Module):
    """Holds an open_clip tower as `visual` so that parameter names match the checkpoint."""

    def __init__(self, visual):
        super().__init__()
        self.visual = visual

    def forward(self, x):
        return self.visual(x)


def timm_tower(res):
    cfg = json.loads((res / "biomedclip-tiny/open_clip_config.json").read_text())["model_cfg"]
    vis = open_clip.timm_model.TimmModel(
        "vit_base_patch16_224", cfg["embed_dim"], image_size=32, pool="", proj="linear")
    vis.trunk = timm.create_model("vit_base_patch16_224", pretrained=False, num_classes=0,
                                  img_size=32, patch_size=8, embed_dim=32, depth=2, num_heads=4)
    vis.head.proj = nn.Linear(32, cfg["embed_dim"], bias=False)
    w = load_file(res / "biomedclip-tiny/open_clip_model.safetensors")
    tower = Visual(vis)
    tower.load_state_dict({k: v for k, v in w.items() if k.startswith("visual.")})
    return tower, cfg["embed_dim"], 32


class MedClipResNet(nn.Module):
    """torchvision's Bottleneck blocks under torchvision's stem, widths of medclip-tiny."""

    def __init__(self, layers, width, embed):
        super().__init__()
        m = nn.Module()
        m.conv1 = nn.Conv2d(3, width, 7, stride=2, padding=3, bias=False)
        m.bn1 = nn.BatchNorm2d(width)
        m.relu = nn.ReLU(inplace=True)
        m.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        inplanes = width
        for i, n in enumerate(layers):
            planes = width * 2 ** i
            stride = 1 if i == 0 else 2
            down = None
            if stride != 1 or inplanes != planes * 4:
                down = nn.Sequential(nn.Conv2d(inplanes, planes * 4, 1, stride=stride, bias=False),
                                     nn.BatchNorm2d(planes * 4))
            blocks = [Bottleneck(inplanes, planes, stride, down)]
            inplanes = planes * 4
            blocks += [Bottleneck(inplanes, planes) for _ in range(1, n)]
            setattr(m, f"layer{i + 1}", nn.Sequential(*blocks))
        m.fc = nn.Linear(inplanes, embed, bias=False)
        self.model = m

    def forward(self, x):
        m = self.model
        x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        x = m.layer4(m.layer3(m.layer2(m.layer1(x))))
        return m.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class VisionModel(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.vision_model = model

    def forward(self, x):
        return self.vision_model(x)


def rn_tower(res):
    cfg = json.loads((res / "medclip-tiny/medclip_config.json").read_text())
    tower = VisionModel(MedClipResNet([1, 1, 2, 1], 8, cfg["embed_dim"]))
    w = load_file(res / "medclip-tiny/model.safetensors")
    tower.load_state_dict({k: v for k, v in w.items() if k.startswith("vision_model.")})
    return tower, cfg["embed_dim"], cfg["image_size"]


def mrn_tower(res):
    cfg = {"embed_dim": 24,
           "vision_cfg": {"image_size": 64, "layers": [1, 2, 1, 1], "width": 8, "head_width": 16},
           "text_cfg": {"context_length": 16, "vocab_size": 704, "width": 32, "heads": 4, "layers": 2},
           "quick_gelu": True}
    model = open_clip.CLIP(cfg["embed_dim"], cfg["vision_cfg"], cfg["text_cfg"], quick_gelu=True)
    tower = Visual(model.visual)
    w = load_file(res / "openclip-rn-tiny/open_clip_model.safetensors")
    tower.load_state_dict({k: v for k, v in w.items() if k.startswith("visual.")})
    return tower, cfg["embed_dim"], 64


def v4_name(k):
    """transformers 5.x Swin names to the 4.x names MedCLIP's checkpoint (and the fixture) uses."""
    return (k.replace("attention.q_proj", "attention.self.query")
            .replace("attention.k_proj", "attention.self.key")
            .replace("attention.v_proj", "attention.self.value")
            .replace("attention.o_proj", "attention.output.dense")
            .replace("attention.relative_position_bias.relative_position_bias_table",
                     "attention.self.relative_position_bias_table")
            .replace("mlp.fc1", "intermediate.dense")
            .replace("mlp.fc2", "output.dense"))


def v5_name(k):
    return (k.replace("attention.self.query", "attention.q_proj")
            .replace("attention.self.key", "attention.k_proj")
            .replace("attention.self.value", "attention.v_proj")
            .replace("attention.output.dense", "attention.o_proj")
            .replace("attention.self.relative_position_bias_table",
                     "attention.relative_position_bias.relative_position_bias_table")
            .replace("intermediate.dense", "mlp.fc1")
            .replace("output.dense", "mlp.fc2"))


class MedClipSwin(nn.Module):
    """MedCLIP's ViT vision model: projection_head(SwinModel(x).pooler_output), no bias."""

    def __init__(self, swin, embed):
        super().__init__()
        self.model = swin
        self.projection_head = nn.Linear(swin.num_features, embed, bias=False)

    def forward(self, x):
        return self.projection_head(self.model(pixel_values=x).pooler_output)


def forced_drop_path(self, hidden_states):
    """SwinDropPath.forward with the draw replaced by a fixed mask (the same formula otherwise)."""
    if self.drop_prob == 0.0 or not self.training:
        return hidden_states
    return hidden_states * self.forced.to(hidden_states.dtype)


modeling_swin.SwinDropPath.forward = forced_drop_path


def swin_tower(res):
    from transformers import SwinConfig, SwinModel

    vc = json.loads((res / "medclip-vit-tiny/vision_config.json").read_text())
    cfg = json.loads((res / "medclip-vit-tiny/medclip_config.json").read_text())
    # stochastic depth at the config's rate (0.1, as MedCLIP's Swin-T); its random draws are
    # replaced by fixed masks (see forced_drop_path) that the Java test feeds to its graph
    swin = SwinModel(SwinConfig(image_size=vc["image_size"], patch_size=vc["patch_size"],
                                embed_dim=vc["embed_dim"], depths=vc["depths"],
                                num_heads=vc["num_heads"], window_size=vc["window_size"],
                                drop_path_rate=vc["drop_path_rate"]), add_pooling_layer=True)
    index = 0
    for layer in swin.encoder.layers:
        for block in layer.blocks:
            dp = block.drop_path
            if isinstance(dp, modeling_swin.SwinDropPath):
                keep = 1 - dp.drop_prob
                dp.forced = torch.tensor(
                    [0.0 if (index + j) % 3 == 0 else 1 / keep for j in range(BATCH)]).reshape(-1, 1, 1)
                dp.block_index = index
            index += 1
    tower = VisionModel(MedClipSwin(swin, cfg["embed_dim"]))
    w = load_file(res / "medclip-vit-tiny/model.safetensors")
    tower.load_state_dict({v5_name(k): v for k, v in w.items()
                           if k.startswith("vision_model.") and "relative_position_index" not in k})
    return tower, cfg["embed_dim"], vc["image_size"]


class Gloria(nn.Module):
    """GLoRIA's image encoder: global_embedder(avgpool(resnet(Upsample(299, bilinear, aligned))))."""

    def __init__(self, embed):
        super().__init__()
        self.model = MedClipResNet([1, 1, 2, 1], 8, 1).model
        del self.model.fc
        self.global_embedder = nn.Linear(256, embed)
        self.up = nn.Upsample(size=(299, 299), mode="bilinear", align_corners=True)

    def forward(self, x):
        m = self.model
        x = self.up(x)
        x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        x = m.layer4(m.layer3(m.layer2(m.layer1(x))))
        return self.global_embedder(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class ImgEncoder(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.img_encoder = enc

    def forward(self, x):
        return self.img_encoder(x)


def gloria_tower(res):
    cfg = json.loads((res / "gloria-tiny/gloria_config.json").read_text())
    tower = ImgEncoder(Gloria(cfg["embed_dim"]))
    w = load_file(res / "gloria-tiny/model.safetensors")
    tower.load_state_dict({k: v for k, v in w.items()
                           if k.startswith("img_encoder.") and "local_embedder" not in k})
    return tower, cfg["embed_dim"], cfg["image_size"]


def clean(name):
    n = name.replace("base_model.model.", "").replace(".default", "").replace("tower.", "", 1)
    return v4_name(n) if n.startswith("vision_model.model.encoder.") else n


def step(case, tower, dim, size, lora, out, seed, targets=("qkv",)):
    torch.manual_seed(seed)
    model = Classifier(tower, dim)
    if lora:
        for p in model.tower.parameters():
            p.requires_grad_(False)
        model.tower = get_peft_model(
            model.tower, LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=list(targets)))
        with torch.no_grad():
            for n, p in model.tower.named_parameters():
                if "lora_B" in n:
                    p.copy_(torch.randn_like(p) * 0.1)
    pixels = torch.randn(BATCH, 3, size, size)
    embeds = None
    if lora:
        # peft's own adapter directory and the adapted tower's embeddings (evaluation mode), for
        # the export/import check
        model.tower.save_pretrained(str(out / f"{case}_peft"))
        (out / f"{case}_peft" / "README.md").unlink(missing_ok=True)  # peft's model card stub
        model.eval()
        with torch.no_grad():
            embeds = model.tower(pixels).detach().clone()
    model.train()
    y = torch.tensor([0, 1, 1, 0])
    init = {}
    for n, p in model.named_parameters():
        if p.requires_grad and ("lora_" in n or n.startswith("head.")):
            init["init/" + clean(n)] = p.detach().clone()
    # the reference is the step in float64 (the exact answer up to 1e-15); the float32 step is run
    # too, to print PyTorch's own float32 deviation from it
    exact = copy.deepcopy(model).double()
    loss32 = nn.functional.cross_entropy(model(pixels), y)
    loss32.backward()
    loss = nn.functional.cross_entropy(exact(pixels.double()), y)
    loss.backward()
    t = {"pixels": pixels, "labels": nn.functional.one_hot(y, CLASSES).float(),
         "loss": loss.detach().reshape(1), "loss32": loss32.detach().reshape(1)}
    t.update(init)
    if embeds is not None:
        t["embeds"] = embeds
    worst = 0.0
    grads32 = dict(model.named_parameters())
    largest = max(p.grad.abs().max().item() for p in exact.parameters() if p.requires_grad)
    for n, p in exact.named_parameters():
        if p.requires_grad:
            t["grad/" + clean(n)] = p.grad.detach().clone()
            # PyTorch's own float32 deviation, normalised as the Java test normalises its own
            scale = max(p.grad.abs().max().item(), 1e-3 * largest)
            dev = (grads32[n].grad.double() - p.grad).abs().max().item() / scale
            t["dev32/" + clean(n)] = torch.tensor([dev])
            worst = max(worst, dev)
    for mod in model.modules():
        if hasattr(mod, "forced"):
            t[f"droppath/swin_drop_path_{mod.block_index}"] = mod.forced.clone()
    for n, b in exact.named_buffers():
        if n.endswith("running_mean") or n.endswith("running_var"):
            t["after/" + clean(n)] = b.detach().clone()
    t = {k: v.float() for k, v in t.items()}
    save_file({k: v.contiguous() for k, v in t.items()}, str(out / f"{case}.safetensors"))
    print(case, "loss", loss.item(), "tensors", len(t),
          "torch float32 worst deviation:", worst)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--resources", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    res = _pathlib.Path(a.resources)
    out = _pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    step("timm_lora", *timm_tower(res), True, out, 11)
    step("timm_full", *timm_tower(res), False, out, 12)
    step("rn_full", *rn_tower(res), False, out, 13)
    step("mrn_full", *mrn_tower(res), False, out, 14)
    step("swin_lora", *swin_tower(res), True, out, 15, ("q_proj", "k_proj", "v_proj"))
    step("swin_full", *swin_tower(res), False, out, 16)
    step("gloria_full", *gloria_tower(res), False, out, 17)


if __name__ == "__main__":
    main()
