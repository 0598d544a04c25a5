"""The call graph over a tree: which functions become async, and every await that follows.

Views and hooks are async in Quart; a function that awaits becomes async; a caller of an async
function of the tree awaits it and becomes async in turn, to a fixed point. A decorator's
wrapper that calls the function it wraps becomes async when a function it decorates is, and a
stand-in monkeypatched over an async function becomes async too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field

import libcst as cst

from parity.migrate.collect import Func
from parity.migrate.collect import Loop
from parity.migrate.collect import ModuleInfo
from parity.migrate.collect import YieldFrom
from parity.migrate.collect import dotted
from shared.model.awaits import TEST_CLIENT_METHODS

COMMON_METHODS = frozenset(
    {n for t in (dict, list, str, set, bytes, object) for n in dir(t)}
    | TEST_CLIENT_METHODS
    | {"execute", "commit", "close", "fetchone", "fetchall", "run", "send", "read", "write"}
)
"""Method names too common to resolve by name alone."""
ASYNC_ROLES = frozenset({"view", "hook", "stream"})


@dataclass(frozen=True)
class Note:
    """One message: `path:line:column: code message`."""

    path: str
    line: int
    column: int
    code: str
    message: str


@dataclass
class Plan:
    """What to rewrite, by node id, and what to report."""

    to_async: dict[int, str] = field(default_factory=dict)
    awaits: dict[int, str] = field(default_factory=dict)
    runs: set[int] = field(default_factory=set)
    form_args: set[int] = field(default_factory=set)
    notes: list[Note] = field(default_factory=list)
    async_funcs: list[Func] = field(default_factory=list)
    loops: dict[int, str] = field(default_factory=dict)
    """`for` statements and comprehensions that become `async for`."""
    stream_calls: dict[int, str] = field(default_factory=dict)
    """`stream_with_context(generate())` calls written `stream_with_context(generate)()`."""
    yield_froms: dict[int, tuple[str, bool, str]] = field(default_factory=dict)
    """`yield from` lines that become a loop: the code, whether it is `async for`, and the
    loop's name (one the function does not use)."""


@dataclass(frozen=True)
class ParamRef:
    """A call to a parameter of an enclosing function: a decorator calling what it wraps."""

    owner: Func


class Graph:
    """The functions of every module and the calls between them."""

    def __init__(self, modules: list[ModuleInfo]) -> None:
        self.modules = modules
        self.funcs = [f for m in modules for f in m.functions.values()]
        self.methods: dict[str, list[Func]] = {}
        for func in self.funcs:
            if func.cls is not None:
                self.methods.setdefault(func.name, []).append(func)

    def module_named(self, name: str) -> ModuleInfo | None:
        """The tree's module for an imported name, matched on whole trailing parts."""
        for module in self.modules:
            if module.name == name:
                return module
        for module in self.modules:
            if name.endswith("." + module.name) or module.name.endswith("." + name):
                return module
        return None

    def _imported(self, module: ModuleInfo, local: str) -> ModuleInfo | Func | None:
        bound = module.imports.get(local)
        if bound is None:
            return None
        source, name = bound
        if name is None:
            return self.module_named(source)
        as_module = self.module_named(f"{source}.{name}" if source else name)
        if as_module is not None:
            return as_module
        target = self.module_named(source)
        return target.functions.get(name) if target else None

    def resolve(
        self, func: Func | None, module: ModuleInfo, call: cst.Call
    ) -> Func | ParamRef | None:
        """The function of the tree a call reaches, when it can be told from the source."""
        callee = call.func
        if isinstance(callee, cst.Name):
            name = callee.value
            scope = func
            while scope is not None:
                nested = module.functions.get(f"{scope.qualname}.{name}")
                if nested is not None:
                    return nested
                if name in scope.params and scope is not func:
                    return ParamRef(scope)
                scope = scope.parent
            if name in module.functions:
                return module.functions[name]
            found = self._imported(module, name)
            return found if isinstance(found, Func) else None
        if not isinstance(callee, cst.Attribute):
            return None
        name = callee.attr.value
        receiver = dotted(callee.value)
        if receiver in ("self", "cls") and func is not None:
            owner = func
            while owner.cls is None and owner.parent is not None:
                owner = owner.parent
            if owner.cls is not None:
                return module.functions.get(f"{owner.cls}.{name}")
        if receiver is not None and "." not in receiver:
            found = self._imported(module, receiver)
            if isinstance(found, ModuleInfo):
                return found.functions.get(name)
        candidates = self.methods.get(name, [])
        if len(candidates) == 1 and name not in COMMON_METHODS:
            return candidates[0]
        return None

    def stand_in_target(self, dotted_target: str) -> Func | None:
        """The function `monkeypatch.setattr("pkg.mod.name", ...)` replaces."""
        module_name, _, name = dotted_target.rpartition(".")
        module = self.module_named(module_name) if module_name else None
        return module.functions.get(name) if module else None


def _where(enclosing: Func | None) -> str:
    return "a lambda or generator expression" if enclosing else "module-level code"


def _name(target: Func | ParamRef) -> str:
    return target.name if isinstance(target, Func) else f"{target.owner.name}'s wrapped function"


def _can_be_async(func: Func) -> bool:
    name = func.name
    return func.role != "command" and not (name.startswith("__") and name.endswith("__"))


def _reason(func: Func, stand_ins: set[int]) -> tuple[str, str]:
    if func.role in ("view", "hook"):
        return "FQM100", f"{func.role} `{func.name}` becomes `async def`"
    if func.role == "stream" or (func.has_yield and func.role not in ("test", "fixture")):
        return "FQM103", f"generator `{func.name}` becomes an async generator"
    if id(func) in stand_ins:
        return "FQM203", f"stand-in `{func.name}` becomes `async def`"
    if func.role in ("test", "fixture"):
        return "FQM201", f"{func.role} `{func.name}` now awaits: it becomes `async def`"
    return "FQM102", f"`{func.name}` now awaits: it becomes `async def`, its callers await it"


def _handed_around(func: Func, asyncs: set[int], module: ModuleInfo, local: str) -> bool:
    """A function this run turns async (not a view, hook, test or fixture, whose callers are
    the frameworks), used as a value rather than registered."""
    turned = id(func) in asyncs and func.node.asynchronous is None
    registered = any(name == local for name, _ in module.registered)
    return turned and func.role == "plain" and not registered


def _yield_from(result: Plan, func: Func, each: YieldFrom, source: Func | None) -> None:
    """`yield from` cannot stand in an async generator: a loop that yields each item, `async
    for` over an async generator (FQM105), a plain `for` under the code that makes it async."""
    if func.node.asynchronous is not None:
        return
    path = func.module.path
    used = set(re.findall(r"\w+", func.module.tree.code_for_node(func.node)))
    name = next(f"item{'_' * n}" for n in range(len(used) + 1) if f"item{'_' * n}" not in used)
    if source is not None:
        result.yield_froms[id(each.node)] = ("FQM105", True, name)
        message = f"`yield from {source.name}()`, now an async generator: `async for` ... `yield`"
        result.notes.append(Note(path, each.line, each.column, "FQM105", message))
    else:
        code = result.to_async.get(id(func.node), "FQM103")
        result.yield_froms[id(each.node)] = (code, False, name)
        message = "`yield from` cannot stand in an async generator: `for` ... `yield`"
        result.notes.append(Note(path, each.line, each.column, code, message))


def plan(modules: list[ModuleInfo]) -> Plan:
    """Draw the call graph and decide every rewrite and every finding."""
    graph = Graph(modules)
    for module in modules:
        for local, role in module.registered:
            target = module.functions.get(local) or graph._imported(module, local)
            if isinstance(target, Func) and target.role == "plain":
                target.role = role
    targets: dict[int, list[tuple[cst.Call, Func | ParamRef]]] = {}
    for func in graph.funcs:
        resolved = [(c, graph.resolve(func, func.module, c)) for c in func.calls]
        targets[id(func)] = [(c, t) for c, t in resolved if t is not None]
    decorated_by: dict[int, list[Func]] = {}
    for func in graph.funcs:
        for decorator in func.decorators:
            if isinstance(decorator, cst.Name | cst.Attribute):
                found = graph.resolve(func.parent, func.module, cst.Call(decorator))
                if isinstance(found, Func):
                    decorated_by.setdefault(id(found), []).append(func)
    stand_ins: dict[int, Func] = {}
    for module in modules:
        for func, target_name, expr in module.stand_ins:
            target = graph.stand_in_target(target_name)
            fake = (
                graph.resolve(func, module, cst.Call(expr)) if isinstance(expr, cst.Name) else None
            )
            if target is not None and isinstance(fake, Func):
                stand_ins[id(fake)] = target

    asyncs: set[int] = {
        id(f)
        for f in graph.funcs
        if f.node.asynchronous is not None
        or f.role in ASYNC_ROLES
        or (f.sites and _can_be_async(f))
    }

    def awaits_target(target: Func | ParamRef) -> bool:
        if isinstance(target, ParamRef):
            return any(id(d) in asyncs for d in decorated_by.get(id(target.owner), []))
        return id(target) in asyncs and not target.has_yield

    def iterated(func: Func | None, module: ModuleInfo, loop: Loop | YieldFrom) -> Func | None:
        """The async generator of the tree a loop (or a `yield from`) runs over, if it is one."""
        call = loop.call if isinstance(loop, Loop) else loop.iterable
        if not isinstance(call, cst.Call):
            return None
        target = graph.resolve(func, module, call)
        if isinstance(target, Func) and target.has_yield and id(target) in asyncs:
            return target
        return None

    changed = True
    while changed:
        changed = False
        for func in graph.funcs:
            if id(func) in asyncs or not _can_be_async(func):
                continue
            stood_for = stand_ins.get(id(func))
            if (
                any(awaits_target(t) for _, t in targets[id(func)])
                or (stood_for is not None and id(stood_for) in asyncs)
                or any(iterated(func, func.module, loop) for loop in func.loops)
                or any(iterated(func, func.module, each) for each in func.yield_froms)
            ):
                asyncs.add(id(func))
                changed = True

    result = Plan()
    for func in graph.funcs:
        path = func.module.path
        calls = [(c, t) for c, t in targets[id(func)] if awaits_target(t)]
        calls = [(c, t) for c, t in calls if id(c) not in func.module.awaited]
        if id(func) in asyncs:
            result.async_funcs.append(func)
            if func.node.asynchronous is None:
                code, message = _reason(func, set(stand_ins))
                result.to_async[id(func.node)] = code
                result.notes.append(Note(path, func.line, func.column, code, message))
            for site in func.sites:
                result.awaits[id(site.node)] = site.code
                result.notes.append(Note(path, site.line, site.column, site.code, site.what))
            for each in func.yield_froms:
                _yield_from(result, func, each, iterated(func, func.module, each))
            for loop in func.loops:
                source = iterated(func, func.module, loop)
                if source is not None:
                    result.loops[id(loop.node)] = "FQM105"
                    message = f"`{source.name}()` is an async generator now: `async for`"
                    result.notes.append(Note(path, loop.line, loop.column, "FQM105", message))
            for call, callee in calls:
                result.awaits[id(call)] = "FQM102"
                line, column = func.module.positions[id(call)]
                name = (
                    callee.owner.name + "'s wrapped function"
                    if isinstance(callee, ParamRef)
                    else f"`{callee.name}`"
                )
                result.notes.append(Note(path, line, column, "FQM102", f"awaits {name}, now async"))
            continue
        for site in func.sites:
            result.notes.append(
                Note(path, site.line, site.column, "FQM400", f"{site.what}, in `{func.name}`")
            )
        for loop in func.loops:
            source = iterated(func, func.module, loop)
            if source is not None:
                message = (
                    f"`{func.name}` loops over `{source.name}()`, now an async generator, "
                    "and cannot become async"
                )
                result.notes.append(Note(path, loop.line, loop.column, "FQM400", message))
        for call, callee in calls:
            line, column = func.module.positions[id(call)]
            name = callee.name if isinstance(callee, Func) else "a wrapped function"
            if func.role == "command":
                result.runs.add(id(call))
                result.notes.append(
                    Note(
                        path,
                        line,
                        column,
                        "FQM401",
                        f"command `{func.name}` runs `{name}` with asyncio.run, in an app context",
                    )
                )
            else:
                result.notes.append(
                    Note(path, line, column, "FQM400", f"`{func.name}` calls `{name}`, now async")
                )
    for module in modules:
        for site in module.top_sites:
            result.notes.append(Note(module.path, site.line, site.column, "FQM400", site.what))
        for call, enclosing, line, column in module.top_calls:
            reached = graph.resolve(enclosing, module, call)
            if reached is not None and awaits_target(reached):
                result.notes.append(
                    Note(
                        module.path,
                        line,
                        column,
                        "FQM400",
                        f"`{_name(reached)}` turns async but is called in {_where(enclosing)}: "
                        "move the call into an async function's body",
                    )
                )
        for call, local in module.stream_calls:
            streamed = module.functions.get(local) or graph._imported(module, local)
            if isinstance(streamed, Func) and streamed.has_yield and id(streamed) in asyncs:
                result.stream_calls[id(call)] = "FQM103"
                line, column = module.positions[id(call)]
                message = (
                    f"Quart's stream_with_context decorates a function: "
                    f"`stream_with_context({streamed.name})(...)`"
                )
                result.notes.append(Note(module.path, line, column, "FQM103", message))
        for loop, enclosing in module.top_loops:
            source = iterated(enclosing, module, loop)
            if source is not None:
                message = (
                    f"`{source.name}()` is an async generator now but is looped over in "
                    f"{_where(enclosing)}: move the loop into an async function's body"
                )
                result.notes.append(Note(module.path, loop.line, loop.column, "FQM400", message))
        for local, line, column in module.value_uses:
            used = module.functions.get(local) or graph._imported(module, local)
            if isinstance(used, Func) and _handed_around(used, asyncs, module, local):
                result.notes.append(
                    Note(
                        module.path,
                        line,
                        column,
                        "FQM400",
                        f"`{local}` turns async but is handed on as a value here: "
                        "whoever calls it must await it",
                    )
                )
        result.form_args |= module.form_args
        for line, column in module.form_notes:
            result.notes.append(
                Note(module.path, line, column, "FQM200", "`data={...}` is `form={...}` in Quart")
            )
        for line, column in module.g_reads:
            result.notes.append(
                Note(
                    module.path,
                    line,
                    column,
                    "FQM202",
                    "`g` read after a test client request: conftest's FlaskContextClient keeps it",
                )
            )
    return result
