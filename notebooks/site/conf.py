"""Sphinx configuration of the course website (``make site``; see ``build_site.py``).

The pages themselves are generated into ``build/site-src/`` by ``build_site.py`` from the
executed lessons; this folder holds only the configuration and the site's own CSS and JS.
Everything a page loads ships in ``site/``: no CDN, so the site works from a USB stick.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENDOR = ROOT / "build" / "site-vendor"  # MathJax, copied there by build_site.py
EXTRA = ROOT / "build" / "site-extra"  # pages the lessons wrote (lesson 08's report), as they are

project = "Customer-service quality tools"
author = "the course authors"
copyright = "MIT for code, CC BY 4.0 for the lesson text"
language = "en"

extensions = ["myst_nb", "sphinx.ext.githubpages"]  # githubpages: writes .nojekyll
exclude_patterns = ["downloads/**", "**/.ipynb_checkpoints"]
suppress_warnings = ["misc.highlighting_failure"]

# MyST / MyST-NB: the notebooks arrive executed (notebooks/execute.py); never run them here.
nb_execution_mode = "off"
nb_merge_streams = True
nb_render_markdown_format = "myst"
nb_ipywidgets_js = {}  # the default loads require.js and the widget manager from a CDN
nb_mime_priority_overrides = [  # a what-if shows its static picture (WhatIf._repr_mimebundle_)
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/vnd.jupyter.widget-state+json", None),
]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "tasklist"]
myst_heading_anchors = 3

# MathJax from a pinned PyPI package (django-static-mathjax), shipped in _static.
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = "Customer-service quality tools"
html_static_path = [str(HERE / "_static"), str(VENDOR)]
html_extra_path = [str(EXTRA)]
html_css_files = ["cx.css"]
html_js_files = ["cx.js"]
html_copy_source = False
html_use_index = False  # no index entries in the course: skip the empty general index page
html_domain_indices = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,  # each page has its own links to the clean notebook
    "use_fullscreen_button": True,
    "navigation_with_keys": True,  # arrow keys: previous / next page (projecting)
    "footer_content_items": ["copyright.html"],
    "extra_footer": "Static copy of the course: no internet needed. Run it for real with <code>make lab</code>.",
}
repository = os.environ.get("CX_REPOSITORY_URL", "")
if repository:
    html_theme_options.update(
        repository_url=repository, repository_branch="main", use_repository_button=True,
        launch_buttons={"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    )
