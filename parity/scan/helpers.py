"""The codebase's own helper functions, so that `return forbidden("...")` can be followed.

A helper is a module-level function that is not a view, whose name no other module-level
function in the scan shares, and that has exactly one `return`: then what the view returns is
what that `return` gives. Its parameters stay holes typed by where they stand. A name the
reader already knows (`jsonify`, `render_template`, ...) is never followed, even when the
scan holds a function of that name (as a scan of Flask's own source does).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from parity.scan.discover import Function
from parity.scan.discover import own_returns
from parity.scan.flow import made_then_changed
from parity.scan.holes import KNOWN_CALLS

MAX_DEPTH = 4
"""Helpers followed through helpers at most this deep; a cycle stops where it closes."""


@dataclass(frozen=True)
class Helper:
    """A function and the text of the file it is in."""

    name: str
    text: str
    function: Function
    returns: tuple[ast.Return, ...]


@dataclass(frozen=True)
class Followed:
    """Where a view's return really comes from: text and statements, or text and expression."""

    text: str
    statements: list[ast.stmt] | None
    expression: ast.expr | None
    through: tuple[str, ...] = ()


class Helpers:
    """Every uniquely named module-level function of the scan that is not a view."""

    def __init__(self) -> None:
        self._found: dict[str, Helper | None] = {}

    def add_module(self, text: str, module: ast.Module, view_ids: set[int]) -> None:
        """Index one module's top-level functions; a name seen twice becomes ambiguous."""
        for node in module.body:
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and id(node) not in view_ids
            ):
                helper = Helper(node.name, text, node, tuple(own_returns(node)))
                self._found[node.name] = None if node.name in self._found else helper

    def get(self, name: str) -> Helper | None:
        """The helper of that name, when there is exactly one."""
        return self._found.get(name)

    def follow(
        self, text: str, function: ast.AST, returned: ast.AST, expression: ast.expr | None
    ) -> Followed:
        """Follow a return through make-then-change assignments and one-return helpers."""
        through: list[str] = []
        for _ in range(MAX_DEPTH):
            if isinstance(returned, ast.Return):
                flow = made_then_changed(function, returned)
                if flow is not None:
                    return Followed(text, flow, None, tuple(through))
            call = expression.value if isinstance(expression, ast.Await) else expression
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                break
            if call.func.id in KNOWN_CALLS:  # Flask's own helpers (and Flask's own source)
                break
            helper = self.get(call.func.id)
            if helper is None or len(helper.returns) != 1 or helper.name in through:
                break
            through.append(helper.name)
            text, function, returned = helper.text, helper.function, helper.returns[0]
            expression = helper.returns[0].value
        return Followed(text, None, expression, tuple(through))
