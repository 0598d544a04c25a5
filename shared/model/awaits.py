"""Where a Quart view's source differs from a Flask view's: the helpers Quart awaits."""

from __future__ import annotations

import ast

from shared.model.mutated import ReturnValue
from shared.model.mutated import return_statement
from shared.model.streams import RequestStream

AWAITED_IN_QUART: frozenset[str] = frozenset(
    {
        "make_response",
        "render_template",
        "render_template_string",
        "send_file",
        "send_from_directory",
    }
)
"""Helpers that are coroutines in Quart: a Quart view writes `await make_response(...)`,
`await render_template(...)`, `await render_template_string(...)`, `await send_file(...)`,
`await send_from_directory(...)`."""

AWAITED_METHODS_IN_QUART: frozenset[str] = frozenset({"make_conditional"})
"""Response methods that are coroutines in Quart: `await resp.make_conditional(request)`."""


def awaited_calls(source: str) -> list[tuple[int, int]]:
    """The (line, UTF-8 column) of each call to a helper Quart awaits, in the Flask source."""
    tree = ast.parse(source)
    return [
        (node.lineno, node.col_offset)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in AWAITED_IN_QUART)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in AWAITED_METHODS_IN_QUART)
        )
    ]


def quart_statement(value: ReturnValue) -> str:
    """The Quart view's body for `value`: the Flask body with `await` before each awaited call,
    and a generator function defined `async def`."""
    source = return_statement(value)
    lines = [line.encode() for line in source.split("\n")]
    # Right to left, so that each insertion leaves the earlier columns where they were.
    for line, column in sorted(awaited_calls(source), reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[:column] + b"await " + text[column:]
    if isinstance(value, RequestStream):
        # Quart's stream_with_context wraps async generator functions only.
        lines = [b"async " + line if line.startswith(b"def ") else line for line in lines]
    return "\n".join(line.decode() for line in lines)
