"""The JSON documents page names every key the commands print.

A key a command adds without the reference naming it fails here, so the page cannot fall
behind the documents (`docs/reference/json.md`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from parity.cli import main

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "reference" / "json.md"
FIXTURE = "tests/scan_fixtures/app/blueprints/auth.py"


def _section(title: str) -> set[str]:
    """The quoted names in the page's section under the heading `## <title>`."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return set(re.findall(r'"([a-z0-9_]+)"', text[start : end if end != -1 else None]))


def _printed(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    main(list(argv))
    return json.loads(capsys.readouterr().out)


def _keys(*documents: dict[str, Any]) -> set[str]:
    return {key for document in documents for key in document}


def test_compare_document_keys_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Every key of `compare --json`, its outcomes, client views and differences is named."""
    document = _printed(capsys, "compare", "--json", "'ok', 201.0")
    client_view = document["clients"]["flask"]
    keys = _keys(
        document,
        document["flask"],
        client_view,
        *client_view["predictions"],
        *document["differences"],
    )
    assert keys - _section("`parity compare --json`") == set()


def test_scan_document_keys_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Every key of `scan --format json`'s findings and summary is named."""
    document = _printed(capsys, "scan", "--format", "json", FIXTURE)
    keys = _keys(document, document["summary"], *document["findings"])
    assert keys - _section("`parity scan --format json`") == set()


def test_migrate_document_keys_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Every key of `migrate --format json`'s changes, notes and summary is named."""
    document = _printed(capsys, "migrate", "--format", "json", FIXTURE)
    keys = _keys(document, document["summary"], *document["changed"], *document["notes"])
    assert keys - _section("`parity migrate --format json`") == set()
