"""A view's `send_file(...)` or `send_from_directory(...)`, run with a shipped stand-in file.

The scan cannot read the user's file, but the model sends the files the lab ships
(`shared/static_files/`). The call is kept as written, every option with the value it is given;
only the path (or the directory and name) is replaced by a shipped file: the one with the same
suffix when there is one; when the user's call names the type (`mimetype=`), any one, since
then neither framework guesses it; otherwise each shipped file in turn, since the type the
user's file gets is not known. An option whose value is computed, a path passed by keyword or
`**options` is refused: the scan does not guess a value that changes the answer.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import PurePosixPath

from shared import model as m
from shared.parse.segments import source_segment

BY_SUFFIX = {PurePosixPath(name).suffix: name for name in m.SHIPPED_FILES}
"""The shipped file for each suffix it has (`.txt`, `.json`, `.png`)."""
ANY_TYPE = "hello.txt"
"""The stand-in when the call names the type itself, so the file's own cannot matter."""
PATH_CALLS = frozenset(
    {"os.path.join", "safe_join", "werkzeug.utils.safe_join", "Path", "PurePath"}
)
"""Calls that make a path from parts: the last part, when literal, says the suffix."""
FILE_OBJECTS = frozenset({"io.BytesIO", "BytesIO", "io.StringIO", "StringIO", "open"})
"""Calls that make a file object, not a path: a file object is sent another way."""


@dataclass(frozen=True)
class StandIns:
    """The calls to run in place of the user's, each with a shipped file, and why these."""

    calls: tuple[m.FileResponse, ...]
    note: str


@dataclass(frozen=True)
class Refused:
    """A part of the call the scan will not fill: the part and why."""

    node: ast.AST
    reason: str


def stand_ins(text: str, node: ast.Call, helper: str) -> StandIns | Refused:
    """The stand-in calls for one `send_file(...)` or `send_from_directory(...)` call."""
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    if len(positional) != len(node.args) or any(k.arg is None for k in node.keywords):
        return Refused(
            node, "arguments unpacked with * or ** (their names and values are not known)"
        )
    wanted = 1 if helper == "send_file" else 2
    if len(positional) < wanted:
        return Refused(node, "the path passed by keyword, a name Flask and Quart spell differently")
    if len(positional) != wanted:
        return Refused(node, f"{helper}() called with {len(positional)} positional arguments")
    options: list[tuple[str, m.SendFileOption]] = []
    for keyword in node.keywords:
        name = keyword.arg or ""
        kinds = m.SEND_FILE_OPTIONS.get(name)
        if kinds is None:
            return Refused(keyword, f"`{name}=` is not a send_file option the model writes")
        value = _literal(keyword.value, kinds)
        if value is None:
            shown = source_segment(text, keyword) or name
            return Refused(keyword, f"`{shown}` is computed or not a literal of its kind")
        options.append((name, value))
    path = positional[-1]
    if isinstance(path, ast.Call) and _callee(path.func) in FILE_OBJECTS:
        return Refused(path, "a file object, not a path")
    if isinstance(path, ast.Constant) and not isinstance(path.value, str):
        return Refused(path, "not a path")
    names, note = _files(_suffix(path), dict(options))
    if helper == "send_file" and not _plainly_a_path(path):
        # A name or a call may hold a file object, which both frameworks send another way.
        note += f"; `{source_segment(text, path) or 'the argument'}` taken as a path"
    try:
        calls = tuple(
            m.SendFile(m.FilePath(name), tuple(options))
            if helper == "send_file"
            else m.SendFromDirectory(name, tuple(options))
            for name in names
        )
    except ValueError as error:
        return Refused(node, str(error))
    return StandIns(calls, note)


def _files(suffix: str | None, options: dict[str, m.SendFileOption]) -> tuple[tuple[str, ...], str]:
    """The shipped files to stand in, and how they were chosen."""
    if suffix in BY_SUFFIX:
        return (BY_SUFFIX[suffix],), f"same type ({suffix})"
    if "mimetype" in options:
        return (ANY_TYPE,), "any type would do: the call gives the mimetype"
    unknown = f"no shipped file is {suffix}" if suffix else "the file's type is not known"
    return m.SHIPPED_FILES, f"one of each shipped type tried, as {unknown}"


def _plainly_a_path(node: ast.expr) -> bool:
    """A literal, an f-string, a sum or a path made from parts: text, never a file object."""
    if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and _callee(node.func) in PATH_CALLS


def file_name(call: object) -> str | None:
    """The shipped file a stand-in call sends (None for anything else)."""
    if isinstance(call, m.SendFile) and isinstance(call.source, m.FilePath):
        return call.source.name
    if isinstance(call, m.SendFromDirectory):
        return call.name
    return None


def _literal(node: ast.expr, kinds: tuple[type, ...]) -> m.SendFileOption | None:
    """The option's literal value when it is of a kind the option takes, else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand, kinds)
        return -inner if isinstance(inner, int) and not isinstance(inner, bool) else None
    if not isinstance(node, ast.Constant):
        return None
    value = node.value
    if isinstance(value, bool):
        return value if bool in kinds else None
    return value if isinstance(value, kinds) and isinstance(value, str | int) else None


def _suffix(node: ast.expr) -> str | None:
    """The suffix the written path ends with, when the source says it: a literal, the literal
    end of an f-string or a sum, the last literal of `os.path.join(...)`, `Path(...) / 'x.png'`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        last = node.value.replace("\\", "/").rsplit("/", 1)[-1]
        return f".{last.rsplit('.', 1)[1].lower()}" if "." in last[:-1] else None
    if isinstance(node, ast.JoinedStr) and node.values:
        return _suffix(node.values[-1])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Div):
        return _suffix(node.right)
    if isinstance(node, ast.Call) and _callee(node.func) in PATH_CALLS and node.args:
        return _suffix(node.args[-1])
    return None


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_callee(node.value)}.{node.attr}"
    return ""
