"""End to end: Flask's own example apps (flaskr, the tutorial, and the JavaScript example, from
Flask's sdist on PyPI) migrated with `parity migrate --write`, then their own tests (24 and 8)
run under Quart with pytest-asyncio.

Their code is not in this repository: the sdist of the Flask version installed is fetched
from PyPI at test time (its sha256 checked against PyPI's) and cached in the user's cache folder.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = [pytest.mark.migrate_e2e, pytest.mark.quart]

ROOT = Path(__file__).parent.parent
EXAMPLES = "examples/"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "flask-quart-parity"


def _sdist() -> Path:
    """Flask's sdist for the installed version, from the cache or PyPI's simple index (PEP 691
    JSON), its sha256 checked against the index's."""
    name = f"flask-{version('flask')}.tar.gz"
    request = urllib.request.Request(
        "https://pypi.org/simple/flask/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        index = json.load(reply)
    entry = next(f for f in index["files"] if f["filename"] == name)
    digest = entry["hashes"]["sha256"]
    path = CACHE / name
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        with urllib.request.urlopen(entry["url"], timeout=60) as reply:
            data = reply.read()
        assert hashlib.sha256(data).hexdigest() == digest
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _example(name: str, into: Path) -> Path:
    """One example's project folder (package, templates, tests, pyproject.toml), extracted."""
    folder = f"{EXAMPLES}{name}/"
    with tarfile.open(_sdist()) as archive:
        members = [m for m in archive.getmembers() if folder in m.name]
        archive.extractall(into, members=members, filter="data")
    (found,) = into.glob(f"*/{folder}")
    target = into / name
    shutil.move(found, target)
    return target


def _parity(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parity", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _flask_imports(tree: Path) -> list[str]:
    found = []
    for path in sorted(tree.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path}: {n}" for n in names if n == "flask" or n.startswith("flask.")]
    return found


@pytest.mark.parametrize(("example", "tests"), [("tutorial", 24), ("javascript", 8)])
def test_example_migrates_and_its_tests_pass_under_quart(
    tmp_path: Path, example: str, tests: int
) -> None:
    """An example after `parity migrate --write`: no flask import, a second run exits 0 with
    no diff, and all its own tests pass under Quart with pytest-asyncio."""
    project = _example(example, tmp_path)
    assert len(_flask_imports(project)) > 0
    written = _parity("migrate", "--write", str(project))
    assert written.returncode == 1, written.stderr
    assert _flask_imports(project) == []
    again = _parity("migrate", str(project))
    assert (again.returncode, again.stdout) == (0, ""), again.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(project)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert f"{tests} passed" in run.stdout.splitlines()[-1]


INIT_DB = """
import sqlite3, sys, tempfile
from flaskr import create_app
path = tempfile.mkstemp()[1]
app = create_app({"TESTING": True, "DATABASE": path})
result = app.test_cli_runner().invoke(args=["init-db"])
tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
print(result.output.strip(), sorted(tables & {"post", "user"}), result.exception)
"""


def test_flaskr_init_db_command_runs_under_quart(tmp_path: Path) -> None:
    """flaskr's `init-db` command, not faked: after migration it creates the tables under Quart,
    in the app context Flask gives every command (FQM401)."""
    project = _example("tutorial", tmp_path)
    assert _parity("migrate", "--write", str(project)).returncode == 1
    env = {**os.environ, "PYTHONPATH": str(project)}
    run = subprocess.run(
        [sys.executable, "-c", INIT_DB],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.stdout.strip() == "Initialized the database. ['post', 'user'] None", run.stderr
