"""Read the source of a view's return back into the model, without ever evaluating it.

The grammar is the one `shared.model` renders: literals, the known helpers (`jsonify`,
`json.dumps`, `Response`, `make_response`, `redirect`, `abort`, `Headers`, `HTTPStatus.X`,
the `werkzeug.exceptions` classes, `bytearray`, `iter`), the three stream shapes, the WSGI
lambda, and `resp = ...; resp.attr = ...; return resp`. Anything else is refused with a
`ParseError` that quotes the part it could not accept.
"""

from __future__ import annotations

import ast
import textwrap

from shared.model import ReturnValue
from shared.parse.errors import FRAGMENT_WIDTH
from shared.parse.errors import MAX_INT_DIGITS
from shared.parse.errors import MAX_NESTING
from shared.parse.errors import MAX_SOURCE_LENGTH
from shared.parse.errors import ParseError
from shared.parse.errors import clip
from shared.parse.reader import Reader

__all__ = [
    "FRAGMENT_WIDTH",
    "MAX_INT_DIGITS",
    "MAX_NESTING",
    "MAX_SOURCE_LENGTH",
    "ParseError",
    "Reader",
    "clip",
    "parse",
]


def parse(source: str) -> ReturnValue:
    """Read a return expression, a `return` statement, or a make-then-change view body."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ParseError(
            f"source is {len(source)} characters, over the {MAX_SOURCE_LENGTH} accepted",
            source[:60] + "...",
        )
    text = textwrap.dedent(source).strip()
    if not text:
        raise ParseError("nothing to read", repr(source))
    try:
        module = ast.parse(text, mode="exec")
    except SyntaxError as error:
        where = _window(text, error.lineno, error.offset)
        raise ParseError(f"not valid Python ({error.msg})", where) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ParseError(f"cannot read this source ({error})", text[:60]) from None
    if not module.body:
        raise ParseError("nothing to read: the source holds only comments", text)
    if _depth(module) > MAX_NESTING:
        raise ParseError(f"nested more than {MAX_NESTING} levels deep", text)
    value = Reader(text).module(module)
    # The model writes escapes (`\x01` for a raw control character) and decimal integers (for
    # hex), so a value can render longer than the source it was read from. A value whose
    # rendering this parser would refuse is refused here, so that every value read renders to
    # a source that reads back as the same value.
    rendered = len(value.to_source())
    if rendered > MAX_SOURCE_LENGTH:
        raise ParseError(
            f"reads as a value whose source form is {rendered} characters, over the "
            f"{MAX_SOURCE_LENGTH} accepted",
            text[:60] + "...",
        )
    return value


def _window(text: str, lineno: int | None, offset: int | None, side: int = 30) -> str:
    """The line a syntax error is on, cut to `side` characters each side of the column."""
    lines = text.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return text[: 2 * side]
    line = lines[lineno - 1]
    column = max((offset or 1) - 1, 0)
    start, end = max(column - side, 0), column + side
    shown = line[start:end]
    return ("..." if start else "") + shown + ("..." if end < len(line) else "")


def _depth(tree: ast.AST) -> int:
    """How deep the syntax tree goes, counted without recursion."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MAX_NESTING:
            stack.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    return deepest
