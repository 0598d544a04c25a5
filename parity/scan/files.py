"""Find the Python files under the paths given, and read each as text without importing it.

A hostile tree never stops the walk: a folder that cannot be listed, a symlink loop, a FIFO
or a device named like a module, a file over the size cap or one that vanishes mid-scan each
becomes a `Skipped` (or an `Unreadable`, when reading the file is what fails) with its FQ9xx
code, and the rest of the tree is still found. Symlinks to directories inside the tree are not
followed (as flake8 and pylint do); a symlink named `*.py` is read through when it leads to a
regular file. A path named on the command line is followed, whatever it is.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".nox", ".tox", ".venv", "venv", "__pycache__", "node_modules", "site-packages"}
)
MAX_FILE_BYTES = 1_048_576
"""1 MiB: larger files are generated or vendored, not views, and reading one could take the
scan's memory and time (see the README's `parity scan` section for what a file costs)."""
MAX_TOKENS = 400_000
"""What a file under the byte cap may still hold: `ast` keeps up to ~900 bytes per token
(`a;a;a;...`), so a dense 1 MiB file would take ~1 GB; 400,000 keeps any file under 500 MB,
and a real module of 1 MiB has about 320,000."""
_TOKENISH = re.compile(r"\w+|[^\w\s]")
"""Words and single punctuation characters: an over-count of Python's tokens, strings included."""
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block open()
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True)
class Unreadable:
    """Why a file's text could not be had: the code, where, and a one-line reason."""

    code: str
    line: int
    column: int
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A file or folder the walk could not look at: the path, its FQ9xx code, and why."""

    path: Path
    code: str
    reason: str


def is_missing(path: Path) -> bool:
    """Whether a path named on the command line does not exist at all (a usage error), as
    opposed to existing out of reach (a symlink loop, a folder above it not searchable)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def walk(paths: list[Path]) -> Iterator[Path | Skipped]:
    """Each file named, and every `*.py` under each directory named (a folder's files in sorted
    order, then its subfolders), with what could not be looked at in its place; a file reached
    twice (named and inside a directory named, or through a symlink) comes once."""
    seen: set[tuple[int, int]] = set()
    for found in _candidates(paths):
        if isinstance(found, Path):
            try:
                status = os.stat(found)
            except OSError:
                pass  # reading it names the problem
            else:
                key = (status.st_dev, status.st_ino)
                if key in seen:
                    continue
                seen.add(key)
        yield found


def python_files(paths: list[Path]) -> Iterator[Path]:
    """The files `walk` finds, without what it could not look at: for trees made by the
    program itself (the bench's sample, the tests' fixtures)."""
    for found in walk(paths):
        if isinstance(found, Path):
            yield found


def _candidates(paths: list[Path]) -> Iterator[Path | Skipped]:
    for path in paths:
        try:
            named = os.stat(path)
        except OSError as error:
            yield _skipped(path, error, "named")
            continue
        if stat.S_ISDIR(named.st_mode):
            yield from _folder(path)
        else:
            yield path


def _folder(top: Path) -> Iterator[Path | Skipped]:
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield _skipped(folder, error, "folder")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(folder) / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_DIRS and not entry.name.startswith("."):
                        subfolders.append(path)
                elif entry.name.endswith(".py") and not _links_to_a_folder(entry):
                    yield path
            except OSError as error:
                yield _skipped(path, error, "file")
        stack.extend(reversed(subfolders))


def _links_to_a_folder(entry: os.DirEntry[str]) -> bool:
    """A symlink to a directory is never followed, even when it is named like a module."""
    if not entry.is_symlink():
        return False
    try:
        return entry.is_dir()
    except OSError:
        return False  # a loop or a dangling link: reading it names the problem


def _skipped(path: Path, error: OSError, where: str) -> Skipped:
    code, reason = _os_problem(path, error, where)
    return Skipped(path, code, reason)


def _os_problem(path: Path, error: OSError, where: str) -> tuple[str, str]:
    """The code and one-line reason for an error the system gave on a path `named` on the
    command line, a `folder` being listed, or a `file` being read."""
    what = error.strerror or str(error)
    if error.errno == errno.ELOOP:
        return "FQ904", "symlink loop: it leads back to itself"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return "FQ905", "broken symlink: what it points at does not exist"
        return "FQ908", "vanished: it was removed or replaced while the scan ran"
    denied = error.errno in (errno.EACCES, errno.EPERM)
    if where == "named":
        why = "a folder above it is not searchable (permission denied)" if denied else what
        return "FQ903", f"cannot reach it: {why}"
    if where == "folder":
        return "FQ903", f"cannot list the folder: {'permission denied' if denied else what}"
    if denied:
        return "FQ902", "cannot read the file: permission denied"
    return "FQ902", f"cannot read the file: {what}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _too_large(size: int) -> Unreadable:
    limit = f"{MAX_FILE_BYTES:,}"
    return Unreadable("FQ907", 1, 1, f"{size:,} bytes, over the {limit}-byte cap; not read")


def _read_bytes(path: Path) -> bytes | Unreadable:
    """The file's bytes, opened without blocking and checked again once open (a file swapped
    for a FIFO between the check and the open must not hang the scan)."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return Unreadable(
                "FQ906", 1, 1, f"not a regular file ({_kind(status.st_mode)}); not opened"
            )
        if status.st_size > MAX_FILE_BYTES:
            return _too_large(status.st_size)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return Unreadable(*_at_start(_os_problem(path, error, "file")))
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            return Unreadable("FQ908", 1, 1, "vanished: it was replaced while the scan ran")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return Unreadable(*_at_start(_os_problem(path, error, "file")))
    finally:
        os.close(descriptor)
    if size > MAX_FILE_BYTES:
        return _too_large(size)
    return b"".join(chunks)


def _at_start(problem: tuple[str, str]) -> tuple[str, int, int, str]:
    return problem[0], 1, 1, problem[1]


def read_source(path: Path) -> str | Unreadable:
    """The file's text, decoded as Python decodes source (coding cookie, else UTF-8)."""
    data = _read_bytes(path)
    if isinstance(data, Unreadable):
        return data
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
    nul = text.find("\0")
    if nul >= 0:  # Python refuses source holding one, wherever it stands
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return Unreadable("FQ900", line, column, "not valid Python: a NUL character")
    _, tokens = _TOKENISH.subn("", text)
    if tokens > MAX_TOKENS:
        limit = f"{MAX_TOKENS:,}"
        return Unreadable("FQ907", 1, 1, f"about {tokens:,} tokens, over the {limit}-token cap")
    return text.removeprefix("\ufeff")


def _undecodable(data: bytes, encoding: str, error: Exception) -> Unreadable:
    if not isinstance(error, UnicodeDecodeError):
        return Unreadable("FQ901", 1, 1, f"unknown encoding {encoding!r}")
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    byte = data[error.start : error.start + 1].hex()
    return Unreadable("FQ901", line, column, f"byte 0x{byte} is not valid {encoding}")
