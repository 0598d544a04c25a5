"""The matrix page: every entry against every combination, and where each first and last shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2 import PackageLoader
from packaging.version import Version

DIMENSIONS = ("flask", "werkzeug", "quart")


def spans(documents: list[dict[str, Any]], entry: str) -> dict[str, str]:
    """Per package, the first and last versions of a combination where the entry shows."""
    found: dict[str, str] = {}
    showing = [d for d in documents if d.get("entries", {}).get(entry) == "shows"]
    for name in DIMENSIONS:
        versions = sorted({d["versions"][name] for d in showing}, key=Version)
        found[name] = f"{versions[0]}–{versions[-1]}" if versions else "never"
    return found


def write_page(documents: list[dict[str, Any]], path: Path) -> None:
    """Render the grid with autoescaping (entry ids and versions come from the documents)."""
    environment = Environment(loader=PackageLoader("parity"), autoescape=True)
    entries = sorted({entry for d in documents for entry in d.get("entries", {})})
    columns = sorted(documents, key=_order)
    rows = [{"id": entry, "spans": spans(documents, entry)} for entry in entries]
    html = environment.get_template("matrix.html.j2").render(
        documents=columns, rows=rows, dimensions=DIMENSIONS, label=label
    )
    path.write_text(html)


def _order(document: dict[str, Any]) -> tuple[Version, ...]:
    """Columns by Quart, then Werkzeug, then Flask: the grid reads as Quart's history."""
    versions = document["versions"]
    return tuple(Version(versions[name]) for name in ("quart", "werkzeug", "flask"))


def label(document: dict[str, Any]) -> str:
    """A column's short head: `Q0.22.0 W3.1.9 F3.1.3` (the full key is its title)."""
    versions = document["versions"]
    return " ".join(f"{name[0].upper()}{versions[name]}" for name in ("quart", "werkzeug", "flask"))
