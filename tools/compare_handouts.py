#!/usr/bin/python3
"""Compares two handouts directories (two runs of the handouts build): every executed notebook (.ipynb) must be
byte-identical (the site and the PDFs are rendered from them). Names the first differing cell of a notebook. Exit status 1 on any difference.

  compare_handouts.py DIR1 DIR2
"""
import json
import os
import sys


def cell_diff(a, b):
    na, nb = json.load(open(a, encoding="utf-8")), json.load(open(b, encoding="utf-8"))
    if na.get("metadata") != nb.get("metadata"):
        return "notebook metadata differs"
    for i, (ca, cb) in enumerate(zip(na["cells"], nb["cells"])):
        if ca != cb:
            src = "".join(ca.get("source", "")).strip().splitlines()
            keys = sorted(k for k in set(ca) | set(cb) if ca.get(k) != cb.get(k))
            return "cell %d (%s) differs in %s" % (i, src[0] if src else "", ", ".join(keys))
    return "cell count differs" if len(na["cells"]) != len(nb["cells"]) else "formatting differs"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    d1, d2 = sys.argv[1:]
    files1 = sorted(f for f in os.listdir(d1) if f.endswith(".ipynb"))
    files2 = sorted(f for f in os.listdir(d2) if f.endswith(".ipynb"))
    problems = []
    if files1 != files2:
        problems.append("different files: %s vs %s" % (files1, files2))
    for f in sorted(set(files1) & set(files2)):
        b1 = open(os.path.join(d1, f), "rb").read()
        b2 = open(os.path.join(d2, f), "rb").read()
        if b1 != b2:
            why = cell_diff(os.path.join(d1, f), os.path.join(d2, f)) if f.endswith(".ipynb") else "bytes differ"
            problems.append("%s: %s" % (f, why))
    for p in problems:
        print("aelab: not reproducible: " + p, file=sys.stderr)
    if not problems:
        print("aelab: handouts reproducible: %d files identical in %s and %s" % (len(files1), d1, d2),
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
