"""Sphinx configuration: MyST Markdown pages, and tables generated from the registries."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The tables import the project from the checkout the docs are built from, and the extension.
sys.path[:0] = [str(HERE / "_ext"), str(HERE.parent)]

project = "flask-quart-parity"
author = "the flask-quart-parity developers"
extensions = ["myst_parser", "docs_sphinx"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext", "matrix"]
# The committed measurement of `parity matrix` is served beside the pages, as it was written.
html_extra_path = ["matrix"]
html_static_path = ["_static"]
html_css_files = ["tables.css"]
myst_heading_anchors = 3
myst_enable_extensions = ["deflist"]
html_theme = "alabaster"
html_title = "flask-quart-parity"
nitpicky = True
# Code, ids and quoted output are shown as written, never with curly quotes.
smartquotes = False
