#!/usr/bin/env python3
"""Writes a small CLIP-format byte-level BPE vocabulary and Hugging Face's token ids for a corpus.

CLIP's real vocabulary cannot be downloaded here, so this learns 400 merges from a small corpus of
radiology prompts (plain BPE on words with CLIP's "</w>" end-of-word marker), builds vocab.json the
way CLIP's tokenizer does (256 byte symbols, the same with "</w>", one entry per merge, then
<|startoftext|> and <|endoftext|>), and records the ids Hugging Face's CLIPTokenizerFast
(tokenizers library) gives for test prompts, including medical words, punctuation and unicode.

Output: fairness-models/src/test/resources/clip-bpe/{vocab.json,merges.txt,expected.jsonl}
Produced with transformers 5.18.0 (tokenizers from the same pip mirror), Python 3.11.7:
  /tmp/pyenv/bin/python tools/make_bpe_fixture.py
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
import collections
import json
import pathlib
import re

from transformers import CLIPTokenizerFast

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/clip-bpe"
out.mkdir(parents=True, exist_ok=True)


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


b2u = bytes_to_unicode()
train = """a chest x-ray showing atelectasis. a chest x-ray showing cardiomegaly. a chest x-ray showing
consolidation. a chest x-ray showing edema. a chest x-ray showing effusion. a chest x-ray showing
pneumothorax. there is a small left pleural effusion. the cardiac silhouette is enlarged. no acute
cardiopulmonary process. findings consistent with pulmonary edema. right lower lobe consolidation.
large right pneumothorax with mediastinal shift. bibasilar atelectasis. an x-ray image of the chest
of an elderly patient. a photo of a normal chest radiograph. mild interstitial opacities."""
words = collections.Counter(w for w in re.findall(r"[a-z]+|[0-9]|[^\sa-z0-9]+", train.lower()))
vocab = {tuple("".join(b2u[b] for b in w.encode())[:-1]) + ("".join(b2u[b] for b in w.encode())[-1] + "</w>",): c
         for w, c in words.items()}
merges = []
for _ in range(400):
    pairs = collections.Counter()
    for sym, c in vocab.items():
        for a, b in zip(sym, sym[1:]):
            pairs[(a, b)] += c
    if not pairs:
        break
    best = max(pairs, key=lambda p: (pairs[p], p))
    merges.append(best)
    new = {}
    for sym, c in vocab.items():
        out_sym, i = [], 0
        while i < len(sym):
            if i + 1 < len(sym) and (sym[i], sym[i + 1]) == best:
                out_sym.append(sym[i] + sym[i + 1])
                i += 2
            else:
                out_sym.append(sym[i])
                i += 1
        new[tuple(out_sym)] = c
    vocab = new

symbols = list(b2u.values())
tokens = symbols + [s + "</w>" for s in symbols] + ["".join(m) for m in merges]
tokens += ["<|startoftext|>", "<|endoftext|>"]
(out / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(tokens)}, ensure_ascii=False))
(out / "merges.txt").write_text("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n",
                                encoding="utf-8")

tok = CLIPTokenizerFast(vocab=str(out / "vocab.json"), merges=str(out / "merges.txt"))
corpus = [
    "a chest x-ray showing atelectasis",
    "A Chest X-Ray Showing CARDIOMEGALY.",
    "  there   is a small\tleft pleural effusion!! ",
    "pneumothorax, consolidation; edema (mild)?",
    "it's the patient's 2nd film -- they've been re-imaged",
    "Ödem der Lunge, épanchement pleural — 肺水肿",
    "emoji 🙂 and numbers 12345 and 3.14",
    "",
    "a photo of a " + "very " * 100 + "long prompt",
    "<|startoftext|>already marked<|endoftext|>",
]
with (out / "expected.jsonl").open("w", encoding="utf-8") as f:
    for text in corpus:
        ids = tok(text, padding="max_length", max_length=77, truncation=True)["input_ids"]
        f.write(json.dumps({"text": text, "ids": ids}, ensure_ascii=False) + "\n")
print(len(merges), "merges;", len(tokens), "tokens; pad id", tok.pad_token_id)
print(open(out / "expected.jsonl", encoding="utf-8").read()[:600])
