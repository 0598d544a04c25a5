"""`parity repro`: each app-boundary entry's standalone script runs and shows the entry."""

from __future__ import annotations

import ast
import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parity.cli import main
from parity.engine import Engine
from parity.repro import script
from parity.versions import holds
from shared.divergences import DIVERGENCES
from shared.divergences import Divergence
from shared.outcome import Outcome
from shared.outcome import diff

ENTRIES = [pytest.param(entry, id=entry.id) for entry in DIVERGENCES]
STANDALONE = {"asyncio", "base64", "io", "json", "os", "platform", "sys", "tempfile"}
STANDALONE |= {"importlib.metadata", "pathlib", "__future__", "flask", "quart", "werkzeug.http"}
STANDALONE |= {"werkzeug.exceptions", "http", "datetime", "uuid", "decimal", "dataclasses"}
# Werkzeug comes with both frameworks; a view may build its own `werkzeug.wrappers.Response`.
STANDALONE |= {"werkzeug.wrappers"}


@pytest.mark.parametrize("entry", ENTRIES)
def test_script_imports_only_the_frameworks(entry: Divergence) -> None:
    """A reproduction parses and imports nothing but the standard library, Flask and Quart."""
    tree = ast.parse(script(entry))
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules |= {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert modules <= STANDALONE


def _answers(entry: Divergence, tmp_path: Path) -> tuple[Outcome, Outcome]:
    """Run the entry's reproduction as a user would, with none of this project importable."""
    path = tmp_path / "repro.py"
    path.write_text(script(entry))
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-P", str(path), "--json"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    document = json.loads(done.stdout)
    return _outcome(document["flask"]), _outcome(document["quart"])


def _outcome(found: dict[str, object]) -> Outcome:
    """The project's Outcome for one answer the script printed."""
    error = None
    if isinstance(found["error"], str):
        error = type(found["error"], (Exception,), {})(found["error_detail"])
    status = found["status"]
    reason = found["reason"]
    headers = found["headers"]
    body = found["body"]
    assert isinstance(status, int | None)
    assert isinstance(reason, str | None)
    assert isinstance(headers, list)
    assert isinstance(body, str)
    pairs = [(str(name), str(value)) for name, value in headers]
    return Outcome.from_raw(
        status, pairs, base64.b64decode(body), reason=reason, error=error, compare_date=True
    )


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("entry", ENTRIES)
def test_script_answers_as_the_lab_does(entry: Divergence, tmp_path: Path) -> None:
    """The script's two answers differ exactly where the lab's own apps differ for the same
    example, and show the entry's symptom wherever the entry holds for these versions."""
    flask, quart = _answers(entry, tmp_path)
    with Engine() as engine:
        expected = engine.compare_probe(entry.examples[0])
    fields = [d.field for d in diff(flask, quart)]
    assert fields == [d.field for d in expected.differences]
    assert entry.shows(flask, quart) == holds(entry)


def test_unknown_entry_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An id that is no app-boundary entry is refused in one line, naming wire entries apart."""
    assert main(["repro", "no-such-entry"]) == 2
    assert main(["repro", "content-length-too-long"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert "is not an app-boundary registry entry" in lines[0]
    assert "is a wire entry" in lines[1]
