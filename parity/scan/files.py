"""Find the Python files under the paths given, and read each as text without importing it."""

from __future__ import annotations

import io
import os
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".nox", ".tox", ".venv", "venv", "__pycache__", "node_modules", "site-packages"}
)


def python_files(paths: list[Path]) -> Iterator[Path]:
    """Each file named, and every `*.py` under each directory named, in sorted order; a file
    reached twice (named and inside a directory named) comes once."""
    seen: set[Path] = set()
    for found in _candidates(paths):
        key = found.resolve()
        if key not in seen:
            seen.add(key)
            yield found


def _candidates(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            for name in sorted(names):
                if name.endswith(".py"):
                    yield Path(folder) / name


MAX_FILE_BYTES = 5_000_000
"""Larger files are generated or vendored, not views; reading one could take the scan's memory."""


@dataclass(frozen=True)
class Unreadable:
    """Why a file's text could not be had: the code, where, and a one-line reason."""

    code: str
    line: int
    column: int
    reason: str


def read_source(path: Path) -> str | Unreadable:
    """The file's text, decoded as Python decodes source (coding cookie, else UTF-8)."""
    try:
        if not path.is_file():  # a FIFO or a device could block the scan forever
            return Unreadable("FQ902", 1, 1, "not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = f"{MAX_FILE_BYTES:,}"
            return Unreadable("FQ902", 1, 1, f"{size:,} bytes, over the {limit} a file may have")
        data = path.read_bytes()
    except OSError as error:
        return Unreadable("FQ902", 1, 1, f"cannot read the file: {error.strerror or error}")
    problem: str | None = None
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        # No usable cookie: either a bad one, or non-UTF-8 bytes in the first two lines.
        encoding = "utf-8"
        problem = f"bad encoding declaration: {error.msg}"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        return _undecodable(data, encoding, error)
    if problem is not None:
        return Unreadable("FQ901", 1, 1, problem)
    return text.removeprefix("\ufeff")


def _undecodable(data: bytes, encoding: str, error: Exception) -> Unreadable:
    if not isinstance(error, UnicodeDecodeError):
        return Unreadable("FQ901", 1, 1, f"unknown encoding {encoding!r}")
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = data[error.start : error.start + 1].hex()
    return Unreadable("FQ901", line, column, f"byte 0x{byte} is not valid {encoding}")
