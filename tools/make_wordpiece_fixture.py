#!/usr/bin/env python3
"""Writes a small WordPiece vocabulary and Hugging Face's BERT token ids for a corpus.

PubMedBERT / BioClinicalBERT vocabularies cannot be downloaded here, so vocab.txt is built from a few
radiology words, their pieces ("##..."), single characters and the special tokens; expected.jsonl
holds BertTokenizerFast's ids (uncased and cased) for prompts with accents, punctuation, CJK, control
characters and unknown words, padded/truncated to 24.
Output: fairness-models/src/test/resources/wordpiece/{vocab.txt,expected.jsonl}
Produced with transformers 5.18.0 (tokenizers, pip mirror), Python 3.11.7:
  /tmp/pyenv/bin/python tools/make_wordpiece_fixture.py
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
import string

from transformers import BertTokenizerFast

out = pathlib.Path(__file__).resolve().parent.parent / "fairness-models/src/test/resources/wordpiece"
out.mkdir(parents=True, exist_ok=True)
words = ["chest", "x", "ray", "showing", "pleural", "effusion", "edema", "cardio", "pneumo", "thorax",
         "a", "the", "of", "is", "no", "left", "right", "small", "large", "lung", "Chest", "Edema"]
pieces = ["##megaly", "##thorax", "##s", "##ing", "##al", "##e", "##a", "##ion", "##ed", "##x"]
chars = list(string.ascii_lowercase) + list(string.ascii_uppercase) + list(string.digits) + list(
    string.punctuation) + ["é", "肺", "水", "肿"]
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words + pieces + chars + ["##" + c for c in string.ascii_lowercase]
seen = []
for v in vocab:
    if v not in seen:
        seen.append(v)
(out / "vocab.txt").write_text("\n".join(seen) + "\n", encoding="utf-8")
corpus = [
    "a chest x-ray showing cardiomegaly",
    "Chest X-Ray: left pleural effusion, no pneumothorax.",
    "Édema of the lung (mild)?",
    "肺水肿 is edema",
    "tab\tand\nnewline\u0007control \u200b zero-width",
    "unknownword xyzzy " + "a" * 120,
    "",
    " ".join(["edema"] * 30),
]
with (out / "expected.jsonl").open("w", encoding="utf-8") as f:
    for lower in (True, False):
        tok = BertTokenizerFast(vocab=str(out / "vocab.txt"), do_lower_case=lower)
        for text in corpus:
            enc = tok(text, padding="max_length", max_length=24, truncation=True)
            f.write(json.dumps({"lowercase": lower, "text": text, "ids": enc["input_ids"],
                                "mask": enc["attention_mask"]}, ensure_ascii=False) + "\n")
print(open(out / "expected.jsonl", encoding="utf-8").read()[:500])
