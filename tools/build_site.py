#!/usr/bin/python3
"""Builds the course site and the PDF handouts from executed notebooks (run with Debian's /usr/bin/python3).

  build_site.py --handouts DIR [--pdf | --no-pdf] [NAME...]

DIR holds the notebooks that tools/build_handouts.py executed (DIR/<name>.ipynb). Writes
  DIR/site/            the HTML site (Sphinx + nbsphinx, furo theme; nbsphinx never executes a notebook again):
                       index.html (start page with the course outline), one page per notebook, search.html,
                       _static/mathjax/tex-svg-full.js (MathJax 3 in one file), api/ (the library's Javadoc, when built)
  DIR/site/pdf/        <name>.pdf per notebook and course.pdf (start page + every notebook), printed by headless
                       Chromium (tools/site/print.js); no TeX
  DIR/index.html       a link to site/index.html
Sphinx works incrementally (its source folder DIR/.site-src and doctrees DIR/.site-doctrees are kept, and a notebook
is copied there only when its content changed), so after `./aelab handouts NAME` only that notebook's page is
re-rendered. NAME...: print only these notebooks' PDFs again (course.pdf is always re-assembled). Exit status 1 when
Sphinx warns or fails, or a page cannot be printed.
"""
import argparse
import filecmp
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import binder_link  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITE_TOOLS = os.path.join(ROOT, "tools", "site")
MATHJAX = os.path.join(SITE_TOOLS, "node_modules", "mathjax", "es5", "tex-svg-full.js")
# Where `mvn javadoc:javadoc` / `mvn javadoc:aggregate` leave the library's HTML Javadoc (first one found is used).
FURO_STATIC = "/usr/lib/python3/dist-packages/furo/theme/furo/static"
NORMALIZE_CSS = "/usr/share/javascript/normalize.css/normalize.css"  # Debian's node-normalize.css, a furo dependency
JAVADOC_DIRS = ["target/site/apidocs", "target/reports/apidocs", "aelab-core/target/apidocs",
                "aelab-core/target/site/apidocs", "aelab-core/target/reports/apidocs"]


def copy_if_changed(src, dst):
    """Copies src to dst unless dst has the same bytes (keeps dst's mtime, so Sphinx does not re-read it)."""
    if os.path.isfile(dst) and filecmp.cmp(src, dst, shallow=False):
        return False
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(src, dst)
    return True


def write_if_changed(path, text):
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def first_sentences(markdown, limit=320):
    """The paragraph, cut after the first sentence that ends beyond `limit` characters (never inside $...$)."""
    in_math = False
    for i, ch in enumerate(markdown):
        if ch == "$":
            in_math = not in_math
        elif ch == "." and not in_math and i >= limit and (i + 1 == len(markdown) or markdown[i + 1] == " "):
            return markdown[:i + 1]
    return markdown


def outline_of(path):
    """(title markdown, summary markdown) of a notebook: its first '# ' heading and the paragraph after it."""
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        m = re.search(r"^#\s+(.+)$", text, re.M)
        if not m:
            continue
        rest = text[m.end():].strip()
        paragraph = rest.split("\n\n")[0].strip() if rest else ""
        if paragraph.startswith(("$$", "#", "*", "-", "|", "```")):
            paragraph = ""
        return m.group(1).strip(), first_sentences(paragraph.replace("\n", " "))
    return os.path.splitext(os.path.basename(path))[0], ""


def markdown_to_html(text, inline=True):
    """Markdown (with $...$ math) to HTML by pandoc, math left as \\(...\\) in span.math for MathJax."""
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", "html", "--mathjax"], input=text, capture_output=True,
                         text=True, check=True).stdout.strip()
    if inline and out.startswith("<p>") and out.endswith("</p>"):
        out = out[3:-4]
    return out


def binder_sentence():
    """The start page's Binder launch link (tools/binder_link.py), or "" when this checkout has none."""
    url, why = binder_link.link_of_checkout()
    if url is None:
        print("aelab: the site has no Binder link (%s)" % why, file=sys.stderr)
        return ""
    return (' Or <a class="aelab-binder" href="%s">launch them on Binder</a> (nothing to install: a Jupyter '
            "Notebook with the Java kernel in your browser)." % html.escape(url))


def index_rst(names, src, javadoc):
    entries = []
    for name in names:
        title, summary = outline_of(os.path.join(src, name + ".ipynb"))
        entries.append('  <dt><a href="%s.html">%s</a></dt>\n  <dd>%s <a class="aelab-pdf" href="pdf/%s.pdf">'
                       '(PDF)</a></dd>' % (html.escape(name), markdown_to_html(title), markdown_to_html(summary),
                                           html.escape(name)))
    api = ('<a href="api/index.html">the library\'s API documentation (Javadoc)</a>' if javadoc else
           "the library's API documentation (Javadoc; not built here: <code>mvn javadoc:aggregate</code>, then "
           "<code>./aelab handouts</code>)")
    lines = [
        "Autoencoders and VAEs with aelab",
        "================================",
        "",
        ".. raw:: html",
        "",
        "   <p>Lecture notebooks of the course on autoencoders and variational autoencoders, executed in the Java",
        "   kernel with the <code>aelab</code> library: every derivation runs as code, and every claim sits next to",
        "   a check that would have stopped this build had it failed. Read them here, print them",
        '   (<a class="aelab-pdf" href="pdf/course.pdf">the whole course as one PDF</a>), or run them yourself with',
        "   <code>./aelab lab</code>.%s Also: %s.</p>" % (binder_sentence(), api),
        "",
        "Course outline",
        "--------------",
        "",
        ".. raw:: html",
        "",
        '   <dl class="aelab-outline">',
    ]
    lines += ["   " + line for e in entries for line in e.splitlines()]
    lines += ["   </dl>", "", ".. toctree::", "   :hidden:", "   :maxdepth: 2", "   :caption: Notebooks", ""]
    lines += ["   " + name for name in names]
    return "\n".join(lines) + "\n"


def self_contained_furo(static):
    """Debian's furo is not bundled: furo.css starts with @import url(/javascript/normalize.css/normalize.css) (a
    path only a web server configured by Debian's javascript-common serves) and furo.js is an ES module importing
    gumshoe-patched.js, which a classic <script> cannot run (and Chromium refuses module scripts from file://). This
    writes replacements into the site's own _static (Sphinx copies them over the theme's files): normalize.css
    next to furo.css and imported relatively, and furo.js as one classic script (gumshoe's UMD build, which sets
    window.Gumshoe, followed by furo.js without its import line)."""
    styles = os.path.join(static, "styles")
    scripts = os.path.join(static, "scripts")
    os.makedirs(styles, exist_ok=True)
    os.makedirs(scripts, exist_ok=True)
    with open(os.path.join(FURO_STATIC, "styles", "furo.css"), encoding="utf-8") as f:
        css = f.read()
    css = css.replace("@import url(/javascript/normalize.css/normalize.css);", "@import url(normalize.css);")
    write_if_changed(os.path.join(styles, "furo.css"), css)
    copy_if_changed(NORMALIZE_CSS, os.path.join(styles, "normalize.css"))
    with open(os.path.join(FURO_STATIC, "scripts", "gumshoe-patched.js"), encoding="utf-8") as f:
        gumshoe = f.read()
    with open(os.path.join(FURO_STATIC, "scripts", "furo.js"), encoding="utf-8") as f:
        furo = f.read()
    furo = re.sub(r'^import Gumshoe from "\./gumshoe-patched\.js";\n', "", furo)
    if "import " in furo.split("\n", 3)[0] or "export " in furo:
        sys.exit("aelab: furo.js of this furo version is not the one tools/build_site.py knows how to bundle")
    write_if_changed(os.path.join(scripts, "furo.js"), gumshoe + "\n;\n" + furo)


def find_javadoc():
    for d in JAVADOC_DIRS:
        if os.path.isfile(os.path.join(ROOT, d, "index.html")):
            return os.path.join(ROOT, d)
    return None


def build_html(out, names):
    src = os.path.join(out, ".site-src")
    site = os.path.join(out, "site")
    os.makedirs(os.path.join(src, "_static", "mathjax"), exist_ok=True)
    if not os.path.isfile(MATHJAX):
        sys.exit("aelab: %s is missing; run scripts/install-system-deps.sh (npm ci in tools/site)" % MATHJAX)
    copy_if_changed(os.path.join(SITE_TOOLS, "conf.py"), os.path.join(src, "conf.py"))
    for f in sorted(os.listdir(os.path.join(SITE_TOOLS, "_static"))):
        copy_if_changed(os.path.join(SITE_TOOLS, "_static", f), os.path.join(src, "_static", f))
    copy_if_changed(MATHJAX, os.path.join(src, "_static", "mathjax", "tex-svg-full.js"))
    self_contained_furo(os.path.join(src, "_static"))
    for name in names:
        copy_if_changed(os.path.join(out, name + ".ipynb"), os.path.join(src, name + ".ipynb"))
    for f in os.listdir(src):  # notebooks that are gone
        if f.endswith(".ipynb") and f[:-len(".ipynb")] not in names:
            os.remove(os.path.join(src, f))
    javadoc = find_javadoc()
    write_if_changed(os.path.join(src, "index.rst"), index_rst(names, src, javadoc))
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-d",
           os.path.join(out, ".site-doctrees"), src, site]
    r = subprocess.run(cmd)
    if r.returncode != 0:
        sys.exit("aelab: the site build failed (sphinx-build exit status %d, warnings above)" % r.returncode)
    # Sphinx copies _static only when it writes pages; the replacements above must reach the site in any case.
    for rel in ["styles/furo.css", "styles/normalize.css", "scripts/furo.js", "mathjax/tex-svg-full.js"] + sorted(
            os.listdir(os.path.join(SITE_TOOLS, "_static"))):
        copy_if_changed(os.path.join(src, "_static", rel), os.path.join(site, "_static", rel))
    api = os.path.join(site, "api")
    shutil.rmtree(api, ignore_errors=True)
    if javadoc:
        shutil.copytree(javadoc, api)
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                '<meta http-equiv="refresh" content="0; url=site/index.html">\n<title>aelab handouts</title>\n'
                '</head>\n<body>\n<p><a href="site/index.html">The course site</a></p>\n</body>\n</html>\n')
    return site


def print_pdfs(site, names, only):
    pdf = os.path.join(site, "pdf")
    os.makedirs(pdf, exist_ok=True)
    todo = [n for n in names if not only or n in only or not os.path.isfile(os.path.join(pdf, n + ".pdf"))]
    jobs = [(os.path.join(site, n + ".html"), os.path.join(pdf, n + ".pdf")) for n in ["index"] + todo]
    node = shutil.which("node") or "/usr/bin/node"
    r = subprocess.run([node, os.path.join(SITE_TOOLS, "print.js")] + [x for j in jobs for x in j])
    if r.returncode != 0:
        sys.exit("aelab: printing the PDF handouts failed")
    parts = [os.path.join(pdf, "index.pdf")] + [os.path.join(pdf, n + ".pdf") for n in names]
    subprocess.run(["pdfunite"] + parts + [os.path.join(pdf, "course.pdf")], check=True)
    os.remove(os.path.join(pdf, "index.pdf"))
    for f in os.listdir(pdf):
        if f.endswith(".pdf") and f[:-4] not in names and f != "course.pdf":
            os.remove(os.path.join(pdf, f))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--handouts", required=True, help="folder with the executed notebooks")
    p.add_argument("--no-pdf", action="store_true", help="build the HTML site only")
    p.add_argument("names", nargs="*", help="notebooks whose PDF is printed again (default: all)")
    a = p.parse_args()
    out = os.path.abspath(a.handouts)
    names = sorted(f[:-len(".ipynb")] for f in os.listdir(out) if f.endswith(".ipynb"))
    if not names:
        sys.exit("aelab: no executed notebooks in %s" % out)
    t0 = time.monotonic()
    site = build_html(out, names)
    t1 = time.monotonic()
    print("aelab: site of %d notebooks in %.1f s: %s" % (len(names), t1 - t0, os.path.join(site, "index.html")),
          file=sys.stderr, flush=True)
    if not a.no_pdf:
        print_pdfs(site, names, set(a.names))
        print("aelab: PDF handouts in %.1f s: %s" % (time.monotonic() - t1, os.path.join(site, "pdf")),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
