"""Where a Quart view's source differs from a Flask view's: the helpers Quart awaits."""

from __future__ import annotations

import ast

from shared.model.handlers import ErrorHandled
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
        "stream_template",
        "stream_template_string",
    }
)
"""Helpers that are coroutines in Quart: a Quart view writes `await make_response(...)`,
`await render_template(...)`, `await render_template_string(...)`, `await send_file(...)`,
`await send_from_directory(...)`, `await stream_template(...)`,
`await stream_template_string(...)`."""

AWAITED_METHODS_IN_QUART: frozenset[str] = frozenset({"make_conditional", "add_etag"})
"""Response methods that are coroutines in Quart: `await resp.make_conditional(request)`,
`await resp.add_etag()`."""

AWAITED_HELPERS_IN_QUART: frozenset[str] = AWAITED_IN_QUART | {"flash"}
"""Every module-level helper Quart makes a coroutine, those a return builds and the rest."""

AWAITED_REQUEST_METHODS: frozenset[str] = frozenset({"get_json", "get_data"})
"""`request` methods that are coroutines in Quart: `await request.get_json()`."""

AWAITED_REQUEST_ATTRIBUTES: frozenset[str] = frozenset({"form", "files", "values", "data", "json"})
"""`request` attributes that are awaitables in Quart: `(await request.form)["name"]`."""

AWAITED_APP_METHODS: frozenset[str] = frozenset({"open_resource", "open_instance_resource"})
"""App methods that are coroutines in Quart, returning an async file:
`async with await app.open_resource(path) as f: await f.read()`."""

AWAITED_RESPONSE_ATTRIBUTES: dict[str, str] = {"data": "get_data", "json": "get_json"}
"""Response attributes that are awaitables in Quart, and the awaited method that reads each:
a test's `response.data` becomes `await response.get_data()`."""

AWAITED_RESPONSE_METHODS: frozenset[str] = frozenset({"get_data", "get_json"})
"""Response methods that are coroutines in Quart (a test client's responses)."""

ASYNC_CONTEXT_METHODS: frozenset[str] = frozenset({"app_context", "test_request_context"})
"""App methods whose contexts Quart enters with `async with`."""

TEST_CLIENT_METHODS: frozenset[str] = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "open"}
)
"""Test client methods that are coroutines in Quart: `await client.get("/")`."""


def awaited_calls(source: str) -> list[tuple[int, int]]:
    """The (line, UTF-8 column) of each call to a helper Quart awaits, and of each read of the
    request's body (`request.get_json()`, `request.json`), in the Flask source."""
    return [(node.lineno, node.col_offset) for node in _awaited_nodes(ast.parse(source))]


def _awaited_nodes(tree: ast.AST) -> list[ast.expr]:
    return [
        node for node in ast.walk(tree) if isinstance(node, ast.expr) and _awaited_in_quart(node)
    ]


def _read_further(tree: ast.AST) -> set[int]:
    """The ids of the expressions subscripted or read an attribute of, which an `await` before
    them must be parenthesised to cover: `(await request.files)['file'].read()`."""
    return {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Subscript | ast.Attribute)
    }


def _awaited_in_quart(node: ast.expr) -> bool:
    """Whether Quart awaits this expression: a helper or response method call, a request
    body read."""
    if isinstance(node, ast.Call):
        return (
            (isinstance(node.func, ast.Name) and node.func.id in AWAITED_IN_QUART)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in AWAITED_METHODS_IN_QUART)
            or _on_request(node.func, AWAITED_REQUEST_METHODS)
        )
    return _on_request(node, _RETURNED_REQUEST_ATTRIBUTES)


_RETURNED_REQUEST_ATTRIBUTES = frozenset({"json", "form", "files"})
"""The awaitable request attributes a return value reads (`shared.model.echo`)."""


def _on_request(node: ast.AST, names: frozenset[str]) -> bool:
    """Whether `node` is `request.<name>` for one of `names`."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr in names
        and isinstance(node.value, ast.Name)
        and node.value.id == "request"
    )


def quart_statement(value: ReturnValue) -> str:
    """The Quart port of the view's body for `value`: `await` before each awaited call, and a
    generator function that stream_with_context decorates, or an error handler, defined
    `async def`."""
    lines = _awaited_lines(value)
    if generator_port_required(value) or isinstance(value, ErrorHandled):
        # Quart's stream_with_context wraps async generator functions only (an undecorated
        # def generator streams in Quart as it is).
        lines = [b"async " + line if line.startswith(b"def ") else line for line in lines]
    return "\n".join(line.decode() for line in lines)


def quart_as_run(value: ReturnValue) -> str:
    """What the lab's Quart app runs for `value`: the source with `await` before each awaited
    call (Quart's helpers return coroutines, so the app awaits them), a generator function as
    the source wrote it, `def` or `async def`, and an error handler `async def`."""
    lines = _awaited_lines(value)
    if isinstance(value, ErrorHandled):
        # The lab's Quart app answers with an async handler (Quart runs a def one in a thread).
        lines = [b"async " + line if line.startswith(b"def ") else line for line in lines]
    return "\n".join(line.decode() for line in lines)


def generator_port_required(value: ReturnValue) -> bool:
    """Whether the view's generator function must become `async def` to work under Quart:
    a `def` one that Quart's stream_with_context decorates."""
    return isinstance(value, RequestStream) and value.keeps_context and not value.asynchronous


def _awaited_lines(value: ReturnValue) -> list[bytes]:
    """The source's lines, as UTF-8, with `await` before each call Quart awaits."""
    source = return_statement(value)
    lines = [line.encode() for line in source.split("\n")]
    tree = ast.parse(source)
    further = _read_further(tree)
    edits: list[tuple[int, int, bytes]] = []
    for node in _awaited_nodes(tree):
        if id(node) in further and node.end_lineno is not None and node.end_col_offset is not None:
            edits += [
                (node.lineno, node.col_offset, b"(await "),
                (node.end_lineno, node.end_col_offset, b")"),
            ]
        else:
            edits.append((node.lineno, node.col_offset, b"await "))
    # Right to left, so that each insertion leaves the earlier columns where they were.
    for line, column, inserted in sorted(edits, reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[:column] + inserted + text[column:]
    return lines
