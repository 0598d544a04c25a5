"""Findings that need no run: helpers Quart makes awaitable, what an AJAX client misreads."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass

from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import dotted_name
from parity.scan.holes import holes_in
from shared import model as m
from shared.clients.advice import near_miss_of
from shared.model import anatomy as a
from shared.model.awaits import AWAITED_HELPERS_IN_QUART
from shared.model.awaits import AWAITED_REQUEST_ATTRIBUTES
from shared.model.awaits import AWAITED_REQUEST_METHODS

AWAITED_CALLS = AWAITED_HELPERS_IN_QUART | {f"request.{m}" for m in AWAITED_REQUEST_METHODS}
"""Helpers and methods that are coroutines in Quart (module prefixes dropped as the parser does),
from the one table `parity migrate` uses too."""
AWAITED_ATTRIBUTES = frozenset(f"request.{a}" for a in AWAITED_REQUEST_ATTRIBUTES)
"""Request attributes Quart makes awaitables."""


@dataclass(frozen=True)
class Check:
    """A finding before it has a path: code, 1-based line, 0-based byte column, message."""

    code: str
    line: int
    column: int
    message: str


def _walk(parts: Sequence[ast.AST]) -> Iterator[ast.AST]:
    for part in parts:
        yield from ast.walk(part)


def awaits_needed(parts: Sequence[ast.AST]) -> Iterator[Check]:
    """Each helper call or request attribute in what makes a return that Quart needs awaited."""
    awaited = {id(n.value) for n in _walk(parts) if isinstance(n, ast.Await)}
    for node in _walk(parts):
        if id(node) in awaited:
            continue
        if isinstance(node, ast.Call):
            name = dotted_name(node.func)
            if name in AWAITED_CALLS:
                yield Check(
                    "FQ300",
                    node.lineno,
                    node.col_offset,
                    f"`{name}(...)` is a coroutine in Quart: write `await {name}(...)`",
                )
        elif isinstance(node, ast.FunctionDef) and any(
            dotted_name(d) == "stream_with_context" for d in node.decorator_list
        ):
            yield Check(
                "FQ301",
                node.lineno,
                node.col_offset,
                f"Quart's stream_with_context wraps async generators: write `async def "
                f"{node.name}()`",
            )
        elif isinstance(node, ast.Attribute) and dotted_name(node) in AWAITED_ATTRIBUTES:
            name = dotted_name(node)
            yield Check(
                "FQ300",
                node.lineno,
                node.col_offset,
                f"`{name}` is awaitable in Quart: write `(await {name})`",
            )


def _header_names(tree: m.ReturnValue) -> Iterator[str]:
    for name, _ in a.headers_items(tree):
        if isinstance(name, str):
            yield name


def client_findings(
    tree: m.ReturnValue, parts: Sequence[ast.AST], fallback: ast.stmt | ast.expr
) -> Iterator[Check]:
    """Header names that are near misses, and JSON text that goes out as text/html; each at the
    literal it is about when `parts` hold it, else at `fallback`."""
    literals = [n for n in _walk(parts) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    seen: set[str] = set()
    for name in _header_names(tree):
        meant = near_miss_of(name)
        if meant is None or name in seen:
            continue
        seen.add(name)
        where: ast.stmt | ast.expr = next((n for n in literals if n.value == name), fallback)
        canonical = "-".join(part.capitalize() for part in meant.split("-"))
        yield Check(
            "FQ400",
            where.lineno,
            where.col_offset,
            f"header {name!r} is not {canonical!r}: clients ignore it",
        )
    if _json_text_as_html(tree):
        dumps = [
            n
            for n in _walk(parts)
            if isinstance(n, ast.Call) and dotted_name(n.func) in ("json.dumps", "dumps")
        ]
        where = dumps[0] if dumps else fallback
        yield Check(
            "FQ401",
            where.lineno,
            where.col_offset,
            "json.dumps(...) text is served as text/html: use jsonify(...) or "
            "mimetype='application/json'",
        )


def _json_text_as_html(tree: m.ReturnValue) -> bool:
    """A json.dumps body with no Content-Type set anywhere (and no unknown headers that might)."""
    if not any(isinstance(body, m.JsonDumps) for body in a.bodies_anywhere(tree)):
        return False
    if any(isinstance(h, Hole) and h.kind is HoleKind.HEADERS for h in holes_in(tree)):
        return False
    return not any(
        isinstance(name, str) and name.lower() == "content-type"
        for name, _ in a.headers_items(tree)
    )
