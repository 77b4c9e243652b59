# Sphinx configuration of the aelab course site (tools/build_site.py copies it into the generated source folder).
# The notebooks are the ones `./aelab handouts` executed; nbsphinx only renders them (nbsphinx_execute = "never").
# Everything a page loads is inside the output folder: MathJax 3 as one file (tex-svg-full.js, no web fonts to
# fetch, no dynamic extension loads), Sphinx's and furo's own scripts and styles, the images nbsphinx extracts.
project = "Autoencoders and VAEs with aelab"
author = "aelab"
copyright = "aelab authors"
extensions = ["nbsphinx", "sphinx.ext.mathjax"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
master_doc = "index"
language = "en"

nbsphinx_execute = "never"
nbsphinx_allow_errors = False
nbsphinx_requirejs_path = ""  # widgets only; the notebooks use none, and a CDN or file:///usr/share URL would break
nbsphinx_prolog = """
.. only:: html

    .. role:: raw-html(raw)
        :format: html

    .. container:: aelab-downloads

        Executed notebook: :download:`{{ env.docname }}.ipynb <{{ env.docname }}.ipynb>` · printable
        :raw-html:`<a class="aelab-pdf" href="pdf/{{ env.docname }}.pdf">PDF</a>`
"""

html_theme = "furo"
html_title = "Autoencoders and VAEs"
html_static_path = ["_static"]
html_css_files = ["aelab.css"]
html_js_files = ["aelab-search.js"]
html_favicon = "_static/favicon.png"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {"navigation_with_keys": True}

mathjax_path = "mathjax/tex-svg-full.js"  # relative: served from _static/
mathjax3_config = {
    "tex": {"inlineMath": [["$", "$"], ["\\(", "\\)"]], "processEscapes": True},
    "options": {"enableMenu": False},
    "svg": {"fontCache": "global"},
}


GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "theta": "θ", "lambda": "λ",
         "mu": "μ", "sigma": "σ", "phi": "φ", "psi": "ψ", "omega": "ω", "Sigma": "Σ", "nabla": "∇", "to": "→"}


def plain_title(text):
    """A page title for places MathJax does not reach (<title>, PDF footers): \\(\\beta\\)-VAE -> β-VAE."""
    import re
    text = re.sub(r"\\[()\[\]]", "", text)
    text = re.sub(r"\\([A-Za-z]+)\s*", lambda m: GREEK.get(m.group(1), ""), text)
    return re.sub(r"[{}]", "", text)


def plain_titles(app, pagename, templatename, context, doctree):
    if context.get("title"):
        context["title"] = plain_title(context["title"])


def setup(app):
    app.connect("html-page-context", plain_titles)
    # MathJax on every page, not only on pages with equations of their own: the sidebar, the start page's outline and
    # prev/next links carry notebook titles with formulas.
    app.set_html_assets_policy("always")
