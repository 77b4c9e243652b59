#!/usr/bin/python3
"""Checks the PDF handouts (tools/build_site.py) with poppler-utils: one PDF per executed notebook plus course.pdf;
every PDF has pages (pdfinfo), its text (pdftotext) holds the notebook's title and no raw TeX ($...$, \\(, \\[,
\\frac, \\mathbf, ... : formulas must be typeset, not printed as source), and its first page, rendered by pdftoppm,
is not blank. course.pdf has at least as many pages as the notebooks together plus the start page, and every
notebook's title. Ends with "pdf: N passed, M failed"; exit status 1 on a failure.

  test_pdfs.py HANDOUTS_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

RAW_TEX = re.compile(r"\$[^$\s][^$]*\$|\\[()\[\]]|\\(frac|mathbf|mathcal|mathbb|boldsymbol|beta|sigma|mu|sum|log|left|"
                     r"right|hat|tilde)\b")


def title_words(nb_path):
    """Words of the notebook's first heading that are plain text (no TeX), for finding it in the PDF's text."""
    with open(nb_path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            m = re.search(r"^#\s+(.+)$", "".join(cell["source"]), re.M)
            if m:
                plain = re.sub(r"\$[^$]*\$", " ", m.group(1))
                return [w for w in re.findall(r"[A-Za-z]{4,}", plain)]
    return []


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    return int(m.group(1)) if info.returncode == 0 and m else 0


def ink_fraction(pdf, tmp):
    """Fraction of non-white pixels of page 1 rendered at 40 dpi (grayscale PGM from pdftoppm)."""
    base = os.path.join(tmp, "page")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", pdf, base], check=True)
    pgm = [f for f in os.listdir(tmp) if f.startswith("page")][0]
    with open(os.path.join(tmp, pgm), "rb") as f:
        data = f.read()
    os.remove(os.path.join(tmp, pgm))
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    pixels = data[header.end():]
    return sum(1 for b in pixels if b < 200) / max(1, len(pixels))


def check(pdf, words, tmp):
    problems = []
    n = pages(pdf)
    if n == 0:
        return ["no pages (or not a PDF)"], 0
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    raw = sorted({m.group(0) for m in RAW_TEX.finditer(text)})
    if raw:
        problems.append("raw TeX in the text: %s" % ", ".join(raw[:8]))
    missing = [w for w in words if w.lower() not in text.lower()]
    if missing:
        problems.append("title words missing from the text: %s" % ", ".join(missing))
    ink = ink_fraction(pdf, tmp)
    if ink < 0.002:
        problems.append("page 1 is blank (%.4f of its pixels are ink)" % ink)
    return problems, n


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    pdf_dir = os.path.join(out, "site", "pdf")
    names = sorted(f[:-6] for f in os.listdir(out) if f.endswith(".ipynb"))
    passed = failed = 0
    total_pages = 0
    all_words = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            pdf = os.path.join(pdf_dir, name + ".pdf")
            words = title_words(os.path.join(out, name + ".ipynb"))
            all_words += words
            problems, n = check(pdf, words, tmp) if os.path.isfile(pdf) else (["missing: %s" % pdf], 0)
            total_pages += n
            if problems:
                failed += 1
                print("FAIL %s.pdf\n    %s" % (name, "\n    ".join(problems)))
            else:
                passed += 1
                print("ok   %s.pdf (%d pages)" % (name, n))
        course = os.path.join(pdf_dir, "course.pdf")
        problems, n = check(course, all_words, tmp) if os.path.isfile(course) else (["missing: %s" % course], 0)
        if n and n < total_pages + 1:
            problems.append("%d pages, fewer than the notebooks' %d plus the start page" % (n, total_pages))
        if problems:
            failed += 1
            print("FAIL course.pdf\n    %s" % "\n    ".join(problems))
        else:
            passed += 1
            print("ok   course.pdf (%d pages)" % n)
    print("pdf: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
