#!/usr/bin/env python3
"""Runs the authors' notebook dataset/nih6x200.ipynb (mu9enn/fair_analysis_med_clip, commit
eafd0c2) on a metadata file, UNMODIFIED: its code cells are executed in order, as they are, in a
scratch directory holding the metadata under the name the notebook reads
(./Data_Entry_2017_v2020.csv); its three outputs (./nih6x200_train.csv, _val, _test) are copied to
--out. Nothing of the notebook's code is changed, not even the paths.

    git -C "$(mirror of github:mu9enn/fair_analysis_med_clip)" show \
        eafd0c2:dataset/nih6x200.ipynb > /tmp/nih6x200.ipynb
    /work/pyenv/bin/python tools/run_authors_notebook.py --notebook /tmp/nih6x200.ipynb \
        --metadata META.csv --out DIR
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notebook", required=True)
    ap.add_argument("--metadata", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.notebook) as f:
        nb = json.load(f)
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    meta = os.path.abspath(a.metadata)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(meta, os.path.join(tmp, "Data_Entry_2017_v2020.csv"))
        os.chdir(tmp)
        try:
            ns = {}
            log = io.StringIO()
            with contextlib.redirect_stdout(log):
                for src in cells:
                    exec(compile(src, "nih6x200.ipynb", "exec"), ns)
            for name in ("nih6x200_train.csv", "nih6x200_val.csv", "nih6x200_test.csv"):
                shutil.copyfile(name, os.path.join(out, name))
        finally:
            os.chdir(cwd)
    print(log.getvalue().strip())


if __name__ == "__main__":
    main()
