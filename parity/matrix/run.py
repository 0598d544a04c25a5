"""Install each combination in a venv of its own and measure the registry there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from parity.matrix.grid import Combination

MEASURE_DEPENDENCIES = ("hypothesis", "packaging", "h11")
"""What the measuring code imports besides the lab and the three pinned packages."""
PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The tree whose `shared`, apps and `parity` every venv runs (on PYTHONPATH, not installed,
since the project's own pins would refuse the older releases)."""
MEASURE_TIMEOUT = 600


class MatrixError(RuntimeError):
    """A tool the matrix needs is missing (uv, or a Python the combination needs)."""


def find_uv() -> str:
    """uv on PATH, else the one `noxw` brings; a MatrixError names both places."""
    found = shutil.which("uv")
    bundled = PROJECT_ROOT / ".noxw-venv" / "bin" / "uv"
    if found is None and bundled.is_file():
        found = str(bundled)
    if found is None:
        raise MatrixError("uv is not installed (run python3 noxw once, or pip install uv)")
    return found


def find_python(version: str) -> str:
    """`pythonX.Y` under pyenv or on PATH (never pyenv's shim, which refuses a version that is
    not the active one); a MatrixError says which is missing."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    for candidate in sorted(root.glob(f"versions/{version}.*/bin/python{version}"), reverse=True):
        return str(candidate)
    path = os.pathsep.join(
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if Path(entry) != root / "shims"
    )
    found = shutil.which(f"python{version}", path=path)
    if found is None:
        raise MatrixError(f"python{version} is not installed (pyenv install {version})")
    return found


def measure(
    uv: str, combination: Combination, venvs: Path, examples: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """The combination's measurement, or a document naming why it could not be taken."""
    venv = venvs / combination.slug
    python = venv / "bin" / "python"
    document: dict[str, Any] = {"versions": asdict(combination), "key": combination.key}
    try:
        if not python.exists():
            log(f"venv {combination.key}")
            _run([uv, "venv", "--quiet", "-p", find_python(combination.python), str(venv)])
        _run(
            [uv, "pip", "install", "--quiet", "--python", str(python)]
            + combination.pins
            + list(MEASURE_DEPENDENCIES)
        )
        environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        done = _run(
            [str(python), "-m", "parity.matrix.measure", "--examples", str(examples)],
            env=environment,
            cwd=PROJECT_ROOT,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, MatrixError) as error:
        detail = getattr(error, "stderr", None) or str(error)
        document["error"] = str(detail).strip().splitlines()[-1:] or [str(error)]
        return document
    found: dict[str, Any] = json.loads(done.stdout)
    document["versions"] = found["versions"]
    document["entries"] = found["entries"]
    document["unexplained"] = found["unexplained"]
    return document


def _run(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a step, raising with its output when it fails or takes too long."""
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=MEASURE_TIMEOUT,
        check=True,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def progress(line: str) -> None:
    """A progress line on stderr (stdout carries --list and nothing else)."""
    print(f"parity matrix: {line}", file=sys.stderr, flush=True)
