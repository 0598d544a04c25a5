"""Follow a returned variable back to the one assignment that made it, when that is certain.

`resp = jsonify(data)`, then `resp.status_code = 201`, then `return resp` in one block is the
model's make-then-change form. Only the plain case is followed: the assignment and the changes
sit in the same statement list as the `return`, and nothing else in between touches the name.
"""

from __future__ import annotations

import ast
import functools


@functools.lru_cache(maxsize=8)
def _places(function: ast.AST) -> dict[int, tuple[list[ast.stmt], int]]:
    """Where each statement of a function stands: its statement list and index in it (nested
    functions and classes left out). Made once per function, without recursion: a view with
    thousands of returns, or nested thousands deep, must not cost a walk per return."""
    places: dict[int, tuple[list[ast.stmt], int]] = {}
    stack = [function]
    while stack:
        node = stack.pop()
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                for index, statement in enumerate(block):
                    places.setdefault(id(statement), (block, index))
        stack.extend(
            child
            for child in ast.iter_child_nodes(node)
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        )
    return places


def _mentions(statement: ast.stmt, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement))


def _assigns(statement: ast.stmt, name: str) -> bool:
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == name
    )


def _changes(statement: ast.stmt, name: str) -> bool:
    """`name.attr = value` or `name.headers[key] = value`, with `name` nowhere in the value."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return False
    target = statement.targets[0]
    if isinstance(target, ast.Subscript):
        target = target.value
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == name
        and not any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement.value))
    )


def made_then_changed(function: ast.AST, returned: ast.Return) -> list[ast.stmt] | None:
    """`[assignment, *changes, return]` for a `return name` whose value is certain, else None."""
    if not isinstance(returned.value, ast.Name):
        return None
    name = returned.value.id
    place = _places(function).get(id(returned))
    if place is None:
        return None
    block, index = place
    changes: list[ast.stmt] = []
    for statement in reversed(block[:index]):
        if _assigns(statement, name):
            if _mentions(statement.value, name):  # type: ignore[attr-defined]
                return None
            return [statement, *reversed(changes), returned]
        if _changes(statement, name):
            changes.append(statement)
        elif _mentions(statement, name):
            return None
    return None
