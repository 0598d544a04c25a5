"""Files a view sends: `send_file(...)`, `send_from_directory(...)` and the file objects they
take, over the small folder of files the project ships for both apps.

A path in the source is always a name in that folder (`'static_files/hello.txt'`); each app
resolves it to the same absolute path, so the two frameworks read the very same file.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

FILES_FOLDER = "static_files"
"""The folder name the source writes; the files themselves live in `shared/static_files/`."""

SHIPPED_FOLDER = Path(__file__).resolve().parent.parent / FILES_FOLDER
"""Where the shipped files are, the same absolute path for both apps (their ETags hash it)."""

SHIPPED_FILES: tuple[str, ...] = ("hello.txt", "data.json", "pixel.png")
"""The files in that folder, plain text first."""

OPENED_FILES = "parity.opened_files"
"""The WSGI environ / ASGI scope key under which a request's view lists the files (and file
responses) it opened, for each app's middleware to close when the response closes."""

SendFileOption: TypeAlias = str | bool | int
"""A keyword argument's value: a name, a flag, a number of seconds or a timestamp."""

SEND_FILE_OPTIONS: dict[str, tuple[type, ...]] = {
    "mimetype": (str,),
    "as_attachment": (bool,),
    "conditional": (bool,),
    "last_modified": (int,),
    "download_name": (str,),
    "etag": (bool, str),
    "max_age": (int,),
    "attachment_filename": (str,),
    "add_etags": (bool,),
    "cache_timeout": (int,),
}
"""Every keyword either framework's `send_file` takes, with the literal kinds the model writes."""

FLASK_ONLY_OPTIONS = frozenset({"download_name", "etag", "max_age"})
"""Flask 2.0 renamed three options; Quart still takes only the old names."""
QUART_ONLY_OPTIONS = frozenset({"attachment_filename", "add_etags", "cache_timeout"})
"""The names Flask dropped in 2.2 and Quart keeps."""


def shipped_file(name: str) -> Path:
    """The path a view reads for the shipped file `name`: its real path when it is a regular
    file inside the shipped folder, the plain path when nothing is there (each framework then
    reports the missing file its own way); FileNotFoundError, as for a missing file, for
    anything else (a symlink leading out of the folder, a directory, a device).

    The one check every path to a shipped file goes through, in both apps, so no view reads
    past the folder."""
    folder = SHIPPED_FOLDER
    path = folder / name
    if not os.path.lexists(path):
        return path
    try:
        real = path.resolve(strict=True)
        regular = stat.S_ISREG(real.stat().st_mode)
    except (OSError, RuntimeError):
        regular = False
    if not regular or not real.is_relative_to(folder.resolve()):
        raise FileNotFoundError(
            errno.ENOENT, "not a regular file inside the shipped folder", str(path)
        )
    return real


def shipped_path(name: str) -> str:
    """The path the source writes for a shipped file."""
    return f"{FILES_FOLDER}/{name}"


@dataclass(frozen=True)
class FilePath:
    """A path to a shipped file, written `'static_files/<name>'`."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in SHIPPED_FILES:
            raise ValueError(f"not a shipped file: {self.name!r}")

    def to_source(self) -> str:
        """The string literal."""
        return repr(shipped_path(self.name))


@dataclass(frozen=True)
class BytesBuffer:
    """An in-memory file, written `io.BytesIO(b'...')`."""

    value: bytes

    def to_source(self) -> str:
        """The constructor call."""
        return f"io.BytesIO({self.value!r})"


@dataclass(frozen=True)
class OpenFile:
    """A shipped file opened for reading bytes, written `open('static_files/<name>', 'rb')`."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in SHIPPED_FILES:
            raise ValueError(f"not a shipped file: {self.name!r}")

    def to_source(self) -> str:
        """The call."""
        return f"open({shipped_path(self.name)!r}, 'rb')"


FileObject: TypeAlias = BytesBuffer | OpenFile
"""What a view can pass where a file object goes, `Response(...)` bodies included."""
FileSource: TypeAlias = FilePath | BytesBuffer | OpenFile


def _options_source(options: tuple[tuple[str, SendFileOption], ...]) -> list[str]:
    return [f"{name}={value!r}" for name, value in options]


def _check_options(options: tuple[tuple[str, SendFileOption], ...]) -> None:
    names = [name for name, _ in options]
    if len(set(names)) != len(names):
        raise ValueError(f"an option is given twice: {names!r}")
    for name, value in options:
        kinds = SEND_FILE_OPTIONS.get(name)
        if kinds is None:
            raise ValueError(f"not a send_file option: {name!r}")
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise ValueError(f"{name}={value!r} is not a literal of the kind it takes")


@dataclass(frozen=True)
class SendFile:
    """`send_file(path_or_file, <option>=..., ...)`, options in the order written."""

    source: FileSource
    options: tuple[tuple[str, SendFileOption], ...] = ()

    def __post_init__(self) -> None:
        _check_options(self.options)

    def to_source(self) -> str:
        """The call."""
        parts = [self.source.to_source(), *_options_source(self.options)]
        return f"send_file({', '.join(parts)})"


@dataclass(frozen=True)
class SendFromDirectory:
    """`send_from_directory('static_files', '<name>', <option>=...)`: the name is what a
    request could ask for, so any plain file name is read, shipped or not."""

    name: str
    options: tuple[tuple[str, SendFileOption], ...] = ()

    def __post_init__(self) -> None:
        _check_options(self.options)
        if not plain_file_name(self.name):
            raise ValueError(f"not a plain file name: {self.name!r}")

    def to_source(self) -> str:
        """The call."""
        parts = [repr(FILES_FOLDER), repr(self.name), *_options_source(self.options)]
        return f"send_from_directory({', '.join(parts)})"


def plain_file_name(name: str) -> bool:
    """A name inside the folder: ASCII letters, digits, `-`, `_` and `.`, no `..`, no `/`."""
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    return bool(name) and set(name) <= allowed and ".." not in name and name[0] != "."


FileResponse: TypeAlias = SendFile | SendFromDirectory
"""The helper calls that send a file."""


@dataclass(frozen=True)
class AddEtag:
    """`resp.add_etag()` as a statement (Quart awaits it): an ETag made from a hash of the
    body, unless one is set already and `overwrite` is not; `weak=True` makes it weak."""

    overwrite: bool = False
    weak: bool = False

    def to_source(self) -> str:
        """The call statement, with only the options given."""
        options = [f"{name}=True" for name in ("overwrite", "weak") if getattr(self, name)]
        return f"resp.add_etag({', '.join(options)})"


@dataclass(frozen=True)
class MakeConditional:
    """`resp.make_conditional(request, accept_ranges=..., complete_length=...)`: the response
    answers the request's Range and If-* headers (206, 304, 412 or a 416 raised)."""

    accept_ranges: bool | str | None = None
    complete_length: int | None = None

    def to_source(self) -> str:
        """The call statement; Quart's view awaits it."""
        parts = ["request"]
        if self.accept_ranges is not None:
            parts.append(f"accept_ranges={self.accept_ranges!r}")
        if self.complete_length is not None:
            parts.append(f"complete_length={self.complete_length!r}")
        return f"resp.make_conditional({', '.join(parts)})"
