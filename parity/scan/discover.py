"""Find every Flask view and error handler in a module's syntax tree, and the returns in each.

Only the tree is read: the code is never imported or run. A view is a function decorated
with `.route(...)`, `.get/.post/.put/.patch/.delete(...)`, `.errorhandler(...)` or
`.app_errorhandler(...)`; a function (or lambda) passed to `add_url_rule` or
`register_error_handler`; or a method of a `View`/`MethodView` subclass.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

ROUTE_DECORATORS: dict[str, str | None] = {
    "route": None,
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "patch": "PATCH",
    "delete": "DELETE",
}
HANDLER_DECORATORS = frozenset({"errorhandler", "app_errorhandler"})
VIEW_BASES = frozenset({"View", "MethodView"})
CLASS_VIEW_METHODS = frozenset(
    {"dispatch_request", "get", "post", "put", "patch", "delete", "head", "options"}
)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class ViewReturn:
    """One `return` of a view (for a lambda view, its body): the node and its expression."""

    node: ast.AST
    expression: ast.expr | None


@dataclass(frozen=True)
class View:
    """A view or error handler: its name, how it was registered, the method it answers."""

    name: str
    form: str
    """`route`, `errorhandler`, `add_url_rule`, `register_error_handler` or `class`."""
    method: str
    node: ast.AST
    returns: tuple[ViewReturn, ...]


def views(module: ast.Module) -> list[View]:
    """Every view in a module, in source order, each once."""
    found: dict[int, View] = {}
    functions = [n for n in ast.walk(module) if isinstance(n, Function)]
    by_name: dict[str, list[Function]] = {}
    for function in functions:
        by_name.setdefault(function.name, []).append(function)
        registration = _decorated(function)
        if registration is not None:
            found.setdefault(id(function), _view(function, *registration))
    view_classes = _view_classes(module)
    for call in (n for n in ast.walk(module) if isinstance(n, ast.Call)):
        registered = _registered(call)
        if registered is None:
            continue
        form, target, method = registered
        if isinstance(target, ast.Lambda):
            returns = (ViewReturn(target.body, target.body),)
            found.setdefault(id(target), View("<lambda>", form, method, target, returns))
        elif isinstance(target, ast.Name):
            for function in _nearest(by_name.get(target.id, []), call):
                found.setdefault(id(function), _view(function, form, method))
        elif _as_view_class(target) is not None:
            view_classes.add(_as_view_class(target) or "")
    for cls in (n for n in ast.walk(module) if isinstance(n, ast.ClassDef)):
        if cls.name not in view_classes:
            continue
        for item in cls.body:
            if isinstance(item, Function) and item.name in CLASS_VIEW_METHODS:
                method = "GET" if item.name in ("get", "dispatch_request") else "POST"
                name = f"{cls.name}.{item.name}"
                found.setdefault(id(item), _view(item, "class", method, name))
    return sorted(found.values(), key=lambda v: (v.node.lineno, v.node.col_offset))  # type: ignore[attr-defined]


def _view(function: Function, form: str, method: str, name: str | None = None) -> View:
    returns = tuple(ViewReturn(r, r.value) for r in own_returns(function))
    return View(name or function.name, form, method, function, returns)


def own_returns(function: Function) -> Iterator[ast.Return]:
    """The function's `return` statements, not those of functions or classes nested in it."""
    stack: list[ast.AST] = list(reversed(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        if isinstance(node, _SCOPES):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _decorated(function: Function) -> tuple[str, str] | None:
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
            continue
        attribute = decorator.func.attr
        if attribute in HANDLER_DECORATORS:
            return "errorhandler", "GET"
        if attribute in ROUTE_DECORATORS:
            method = ROUTE_DECORATORS[attribute]
            # The probe route answers GET and POST; every other method converts returns as POST.
            return "route", _methods(decorator) if method is None else _probed(method)
    return None


def _probed(method: str) -> str:
    return "GET" if method == "GET" else "POST"


def _methods(call: ast.Call) -> str:
    """The method to probe with: GET when the route answers GET (or says nothing), else POST."""
    for keyword in call.keywords:
        if keyword.arg == "methods" and isinstance(keyword.value, ast.List | ast.Tuple | ast.Set):
            named = {
                e.value.upper()
                for e in keyword.value.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
            if named and "GET" not in named:
                return "POST"
    return "GET"


def _registered(call: ast.Call) -> tuple[str, ast.expr, str] | None:
    """`add_url_rule(rule, endpoint, view_func)`, `register_error_handler(code, f)`, or a
    decorator called by hand: `app.route(rule)(f)`, `app.errorhandler(code)(f)`."""
    inner = call.func
    if (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and len(call.args) == 1
        and not call.keywords
    ):
        attribute = inner.func.attr
        if attribute in HANDLER_DECORATORS:
            return "errorhandler", call.args[0], "GET"
        if attribute in ROUTE_DECORATORS:
            method = ROUTE_DECORATORS[attribute]
            return "route", call.args[0], _methods(inner) if method is None else _probed(method)
    if not isinstance(call.func, ast.Attribute):
        return None
    options = {k.arg: k.value for k in call.keywords if k.arg}
    if call.func.attr == "add_url_rule":
        target = options.get("view_func") or (call.args[2] if len(call.args) > 2 else None)
        return None if target is None else ("add_url_rule", target, _methods(call))
    if call.func.attr == "register_error_handler" and len(call.args) == 2:
        return "register_error_handler", call.args[1], "GET"
    return None


def _as_view_class(node: ast.expr) -> str | None:
    """`SomeView.as_view("name")` names the class `SomeView`."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "as_view"
        and isinstance(node.func.value, ast.Name)
    ):
        return node.func.value.id
    return None


def _view_classes(module: ast.Module) -> set[str]:
    """Classes deriving from View or MethodView, directly or through a class in this module."""
    classes = [n for n in ast.walk(module) if isinstance(n, ast.ClassDef)]
    known: set[str] = set(VIEW_BASES)
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name not in known and any(_base_name(b) in known for b in cls.bases):
                known.add(cls.name)
                changed = True
    return known - VIEW_BASES


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _nearest(candidates: list[Function], call: ast.Call) -> list[Function]:
    """The definition a name refers to at the call: the last one before it, else the first."""
    before = [f for f in candidates if f.lineno <= call.lineno]
    if before:
        return [before[-1]]
    return candidates[:1]
