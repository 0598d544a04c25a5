"""Read one module's syntax tree: its functions, their calls, and each place Quart awaits.

Nothing is imported or run. Every node is kept by identity, so that the plan the call graph
draws over these records can be applied to the same tree.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from dataclasses import field

import libcst as cst
from libcst.metadata import CodeRange
from libcst.metadata import MetadataWrapper
from libcst.metadata import PositionProvider

from parity.migrate.cli_context import HELPER_NAME
from shared.model.awaits import ASYNC_CONTEXT_METHODS
from shared.model.awaits import AWAITED_APP_METHODS
from shared.model.awaits import AWAITED_HELPERS_IN_QUART
from shared.model.awaits import AWAITED_METHODS_IN_QUART
from shared.model.awaits import AWAITED_REQUEST_ATTRIBUTES
from shared.model.awaits import AWAITED_REQUEST_METHODS
from shared.model.awaits import AWAITED_RESPONSE_METHODS
from shared.model.awaits import TEST_CLIENT_METHODS

ROUTES = frozenset({"route", "get", "post", "put", "patch", "delete", "endpoint"})
HOOKS = frozenset(
    {
        "before_request",
        "before_app_request",
        "after_request",
        "after_app_request",
        "teardown_request",
        "teardown_app_request",
        "teardown_appcontext",
        "errorhandler",
        "app_errorhandler",
        "context_processor",
        "app_context_processor",
        "url_value_preprocessor",
        "app_url_value_preprocessor",
        "register_error_handler",
        "before_serving",
        "after_serving",
    }
)
"""Decorators, and app or blueprint methods, that register a function Quart awaits."""
VIEW_BASES = frozenset({"View", "MethodView"})
CLASS_VIEW_METHODS = frozenset(
    {"dispatch_request", "get", "post", "put", "patch", "delete", "head", "options"}
)
COMMANDS = frozenset({"command", "group"})
ASYNC_FILE_METHODS = frozenset({"read", "readline", "readlines", "write"})
FRAMEWORKS = frozenset({"flask", "quart"})


@dataclass(eq=False)
class Site:
    """A place that needs an `await` (or an `async with`) once its function is async."""

    node: cst.CSTNode
    code: str
    what: str
    line: int
    column: int


@dataclass(eq=False)
class Loop:
    """A `for` statement or a comprehension's `for` over what a call returns."""

    node: cst.For | cst.CompFor
    call: cst.Call
    line: int
    column: int


@dataclass(eq=False)
class YieldFrom:
    """A `yield from <iterable>` statement line, which an async generator writes as a loop."""

    node: cst.SimpleStatementLine
    iterable: cst.BaseExpression
    line: int
    column: int


@dataclass(eq=False)
class Func:
    """One function or method, and what the call graph needs to know about it."""

    key: str
    node: cst.FunctionDef
    module: ModuleInfo
    qualname: str
    cls: str | None
    parent: Func | None
    role: str
    """view, hook, stream, test, fixture, command or plain."""
    params: list[str]
    line: int
    column: int
    calls: list[cst.Call] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    decorators: list[cst.BaseExpression] = field(default_factory=list)
    has_yield: bool = False
    loops: list[Loop] = field(default_factory=list)
    yield_froms: list[YieldFrom] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The function's own name."""
        return self.node.name.value


@dataclass(eq=False)
class ModuleInfo:
    """One module of the tree: where it is, its name, its imports and its functions."""

    path: str
    name: str
    tree: cst.Module
    wrapper: MetadataWrapper
    is_test: bool
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Local name -> (module, name); name None for `import module`."""
    functions: dict[str, Func] = field(default_factory=dict)
    top_calls: list[tuple[cst.Call, Func | None, int, int]] = field(default_factory=list)
    """Calls outside any function, or in a lambda: (call, enclosing function, line, column)."""
    registered: list[tuple[str, str]] = field(default_factory=list)
    """(local name, role) of functions registered by a call such as `app.teardown_appcontext(f)`."""
    stand_ins: list[tuple[Func, str, cst.BaseExpression]] = field(default_factory=list)
    """(function, patched dotted target, the stand-in expression) of `monkeypatch.setattr`."""
    g_reads: list[tuple[int, int]] = field(default_factory=list)
    top_sites: list[Site] = field(default_factory=list)
    stream_calls: list[tuple[cst.Call, str]] = field(default_factory=list)
    """`stream_with_context(generate())` calls, and the function called inside (a nested one
    by its qualified name)."""
    top_loops: list[tuple[Loop, Func | None]] = field(default_factory=list)
    """Loops outside any function, or in a lambda or generator expression (with the function
    around it)."""
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Each call's (line, 1-based column), by the call node's id."""
    awaited: set[int] = field(default_factory=set)
    form_args: set[int] = field(default_factory=set)
    """Ids of a test client call's `data={...}` arguments, which Quart's client calls `form`."""
    form_notes: list[tuple[int, int]] = field(default_factory=list)
    value_uses: list[tuple[str, int, int]] = field(default_factory=list)
    """Names read as values, not called: (name, line, column)."""
    """Ids of the expressions awaited already."""
    """Places that need an await outside any function, or in a lambda."""


def dotted(expr: cst.BaseExpression) -> str | None:
    """`a.b.c` for a chain of names, None for anything else."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        inner = dotted(expr.value)
        return None if inner is None else f"{inner}.{expr.attr.value}"
    return None


def _clientish(expr: cst.BaseExpression, clients: set[str]) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value.endswith("client") or expr.value in clients
    if isinstance(expr, cst.Attribute):
        return expr.attr.value.endswith("client")
    return False


class Collector(cst.CSTVisitor):
    """Walk one module and fill its ModuleInfo."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, info: ModuleInfo) -> None:
        super().__init__()
        self.info = info
        self.stack: list[Func | str | None] = []
        """Enclosing functions; a class name for a class body; None for a lambda."""
        self.awaited = info.awaited
        self.client_withs = 0
        self.clients: set[str] = set()
        self.async_files: set[str] = set()

    def _where(self, node: cst.CSTNode) -> tuple[int, int]:
        position: CodeRange = self.get_metadata(PositionProvider, node)
        return position.start.line, position.start.column + 1

    def _func(self) -> Func | None:
        for item in reversed(self.stack):
            if item is None:
                return None
            if isinstance(item, Func):
                return item
        return None

    def _flask(self, expr: cst.BaseExpression) -> str | None:
        """The Flask (or Quart) name an expression refers to, if it is one."""
        if isinstance(expr, cst.Name):
            bound = self.info.imports.get(expr.value)
            if bound and bound[1] is not None and bound[0] in FRAMEWORKS:
                return bound[1]
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            bound = self.info.imports.get(expr.value.value)
            if bound and bound[1] is None and bound[0] in FRAMEWORKS:
                return expr.attr.value
        return None

    def _site(self, node: cst.CSTNode, code: str, what: str) -> None:
        if id(node) in self.awaited:
            return
        func = self._func()
        line, column = self._where(node)
        if func is None:
            where = "a lambda or generator expression" if self.stack else "module-level code"
            what = f"{what}, in {where}: move it into an async function's body"
            self.info.top_sites.append(Site(node, code, what, line, column))
            return
        func.sites.append(Site(node, code, what, line, column))

    def visit_Import(self, node: cst.Import) -> None:
        """Record `import x` and `import x as y`."""
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = alias.asname.name if alias.asname else None
            if isinstance(local, cst.Name):
                self.info.imports[local.value] = (name, None)
            else:
                self.info.imports[name.split(".")[0]] = (name.split(".")[0], None)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """Record `from x import a as b`, relative modules made absolute."""
        module = dotted(node.module) if node.module else ""
        if node.relative:
            package = self.info.name.split(".")
            if not self.info.path.endswith("__init__.py"):
                package = package[:-1]
            package = package[: len(package) - (len(node.relative) - 1)]
            module = ".".join([*package, module] if module else package)
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            if not isinstance(alias.name, cst.Name):
                continue
            local = alias.asname.name if alias.asname else alias.name
            if isinstance(local, cst.Name):
                self.info.imports[local.value] = (module or "", alias.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Enter a class body; methods of a View subclass are views."""
        bases = {(dotted(b.value) or "").split(".")[-1] for b in node.bases}
        self.stack.append(("view:" if bases & VIEW_BASES else "class:") + node.name.value)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        """Leave the class body."""
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        """A lambda cannot await: what it calls is reported, not rewritten."""
        self.stack.append(None)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        """An await in a generator expression makes it an async one, which `any()`, `sum()` and
        the like cannot consume: reported, not rewritten."""
        self.stack.append(None)

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        """Leave the generator expression."""
        self.stack.pop()

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        """Leave the lambda."""
        self.stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Record a function with its role, then walk its body as its own."""
        parent = self._func()
        cls = self.stack[-1] if self.stack and isinstance(self.stack[-1], str) else None
        qual = [i.name if isinstance(i, Func) else str(i).split(":")[-1] for i in self.stack if i]
        qualname = ".".join([*qual, node.name.value])
        role = self._role(node, cls)
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)]
        params += [p.name.value for p in node.params.kwonly_params]
        line, column = self._where(node)
        func = Func(
            f"{self.info.name}:{qualname}",
            node,
            self.info,
            qualname,
            cls.split(":")[-1] if cls else None,
            parent,
            role,
            params,
            line,
            column,
            decorators=[d.decorator for d in node.decorators],
        )
        self.info.functions[qualname] = func
        self.stack.append(func)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        """Leave the function's body."""
        self.stack.pop()

    def _role(self, node: cst.FunctionDef, cls: str | None) -> str:
        if cls and cls.startswith("view:") and node.name.value in CLASS_VIEW_METHODS:
            return "view"
        for decorator in node.decorators:
            expr = decorator.decorator
            target = expr.func if isinstance(expr, cst.Call) else expr
            name = dotted(target) or ""
            last = name.split(".")[-1]
            if "." in name and last in ROUTES:
                return "view"
            if last in HOOKS:
                return "hook"
            if last == "stream_with_context":
                return "stream"
            if last == "fixture":
                return "fixture"
            if last in COMMANDS and name.count(".") >= 1:
                return "command"
        if self.info.is_test and node.name.value.startswith("test"):
            return "test"
        return "plain"

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        """A line that is only `yield from <iterable>`."""
        func = self._func()
        if func is None or len(node.body) != 1 or not isinstance(node.body[0], cst.Expr):
            return
        value = node.body[0].value
        if isinstance(value, cst.Yield) and isinstance(value.value, cst.From):
            line, column = self._where(node)
            func.yield_froms.append(YieldFrom(node, value.value.item, line, column))

    def visit_Yield(self, node: cst.Yield) -> None:
        """A yield makes its function a generator."""
        func = self._func()
        if func is not None:
            func.has_yield = True

    def visit_For(self, node: cst.For) -> None:
        """A loop over a call: an `async for` once the call gives an async generator."""
        if node.asynchronous is None and isinstance(node.iter, cst.Call):
            self._loop(node, node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """A comprehension's `for` over a call, likewise."""
        if node.asynchronous is None and isinstance(node.iter, cst.Call):
            self._loop(node, node.iter)

    def _loop(self, node: cst.For | cst.CompFor, call: cst.Call) -> None:
        line, column = self._where(node)
        loop = Loop(node, call, line, column)
        func = self._func()
        if func is None:
            enclosing = next((i for i in reversed(self.stack) if isinstance(i, Func)), None)
            self.info.top_loops.append((loop, enclosing))
        else:
            func.loops.append(loop)

    def visit_Await(self, node: cst.Await) -> None:
        """What is awaited already needs nothing more."""
        self.awaited.add(id(node.expression))

    def visit_With(self, node: cst.With) -> bool:
        """Quart's contexts, the test client and async files are entered `async with`."""
        self._with_items(node)
        return True

    def _with_items(self, node: cst.With) -> None:
        for item in node.items:
            expr = item.item
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
                attr = expr.func.attr.value
                if attr in ASYNC_CONTEXT_METHODS:
                    self._with_site(node, f"`{attr}()` is entered `async with` in Quart")
                elif attr in AWAITED_APP_METHODS:
                    self._with_site(node, f"`{attr}()` opens an async file in Quart")
                    if item.asname and isinstance(item.asname.name, cst.Name):
                        self.async_files.add(item.asname.name.value)
            elif self.info.is_test and _clientish(expr, self.clients):
                self._with_site(node, "the test client is entered `async with` in Quart")
                self.client_withs += 1

    def _with_site(self, node: cst.With, what: str) -> None:
        if node.asynchronous is None:
            self._site(node, "FQM104", what)

    def leave_With(self, original_node: cst.With) -> None:
        """Leave a `with client:` block."""
        if self.info.is_test and any(_clientish(i.item, self.clients) for i in original_node.items):
            self.client_withs -= 1

    def visit_Assign(self, node: cst.Assign) -> None:
        """A name bound to `app.test_client()` is a test client."""
        value = node.value
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "test_client"
        ):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.clients.add(target.target.value)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        """`request.form` and the like; `g.x` read inside `with client:` in a test."""
        if self._flask(node.value) == "request" and node.attr.value in AWAITED_REQUEST_ATTRIBUTES:
            self._site(node, "FQM101", f"`request.{node.attr.value}` is awaitable in Quart")
        if self.client_withs and self._flask(node.value) == "g":
            self.info.g_reads.append(self._where(node))

    def visit_Call(self, node: cst.Call) -> None:
        """Each call: a helper Quart awaits, a test client call, or one for the call graph."""
        func = self._func()
        self.info.positions[id(node)] = self._where(node)
        if func is None:
            line, column = self._where(node)
            enclosing = next((i for i in reversed(self.stack) if isinstance(i, Func)), None)
            self.info.top_calls.append((node, enclosing, line, column))
        else:
            func.calls.append(node)
            self._stand_in(func, node)
        callee = node.func
        if dotted(callee) in ("asyncio.run", HELPER_NAME):
            self.awaited.update(id(arg.value) for arg in node.args)
        name = self._flask(callee)
        if name in AWAITED_HELPERS_IN_QUART:
            self._site(node, "FQM101", f"`{name}(...)` is a coroutine in Quart")
            return
        if not isinstance(callee, cst.Attribute):
            return
        attr = callee.attr.value
        receiver = callee.value
        if self._flask(receiver) == "request" and attr in AWAITED_REQUEST_METHODS:
            self._site(node, "FQM101", f"`request.{attr}()` is a coroutine in Quart")
        elif attr in AWAITED_METHODS_IN_QUART or attr in AWAITED_APP_METHODS:
            self._site(node, "FQM101", f"`.{attr}(...)` is a coroutine in Quart")
        elif isinstance(receiver, cst.Name) and receiver.value in self.async_files:
            if attr in ASYNC_FILE_METHODS:
                self._site(node, "FQM101", f"`{receiver.value}.{attr}()` reads an async file")
        elif (
            self.info.is_test and attr in TEST_CLIENT_METHODS and _clientish(receiver, self.clients)
        ):
            self._site(node, "FQM200", f"the test client's `.{attr}(...)` is a coroutine")
            self._form_data(node)
        elif self.info.is_test and attr in AWAITED_RESPONSE_METHODS:
            self._site(node, "FQM200", f"a response's `.{attr}()` is a coroutine in Quart")

    def _form_data(self, node: cst.Call) -> None:
        """Flask's client takes form fields as `data={...}`; Quart's as `form={...}`."""
        for arg in node.args:
            if arg.keyword and arg.keyword.value == "data" and isinstance(arg.value, cst.Dict):
                self.info.form_args.add(id(arg))
                line, column = self._where(arg)
                self.info.form_notes.append((line, column))

    def _stand_in(self, func: Func, node: cst.Call) -> None:
        if (dotted(node.func) or "").split(".")[-2:] != ["monkeypatch", "setattr"]:
            return
        args = node.args
        if len(args) == 2 and isinstance(args[0].value, cst.SimpleString):
            target = args[0].value.evaluated_value
            if isinstance(target, str):
                self.info.stand_ins.append((func, target, args[1].value))
        elif len(args) >= 3 and isinstance(args[1].value, cst.SimpleString):
            owner = dotted(args[0].value)
            name = args[1].value.evaluated_value
            if owner and isinstance(name, str):
                bound = self.info.imports.get(owner)
                module = bound[0] if bound and bound[1] is None else owner
                self.info.stand_ins.append((func, f"{module}.{name}", args[2].value))


def registrations(info: ModuleInfo) -> None:
    """Functions registered by a call: `app.teardown_appcontext(close_db)` makes it a hook."""
    for func in [*info.functions.values(), None]:
        calls = func.calls if func else [c for c, _, _, _ in info.top_calls]
        for call in calls:
            name = dotted(call.func) or ""
            last = name.split(".")[-1]
            for arg in call.args:
                if not isinstance(arg.value, cst.Name):
                    continue
                keyword = arg.keyword.value if arg.keyword else None
                if "." in name and last in HOOKS:
                    info.registered.append((arg.value.value, "hook"))
                elif last == "add_url_rule" and keyword == "view_func":
                    info.registered.append((arg.value.value, "view"))
            if last == "stream_with_context" and len(call.args) == 1:
                inner = call.args[0].value
                if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name):
                    local = inner.func.value
                    nested = f"{func.qualname}.{local}" if func else local
                    local = nested if nested in info.functions else local
                    info.registered.append((local, "stream"))
                    info.stream_calls.append((call, local))


def collect(path: str, name: str, source: str, is_test: bool) -> ModuleInfo:
    """Parse one module and read what the call graph needs from it.

    CPython's own parser reads it first: it refuses nesting deeper than it can take with a
    SyntaxError or RecursionError, where libcst's native parser could crash the process."""
    syntax = compile(source, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    tree = cst.parse_module(source)
    wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
    info = ModuleInfo(path, name, tree, wrapper, is_test)
    wrapper.visit(Collector(info))
    registrations(info)
    info.value_uses = _value_uses(syntax, source)
    return info


def _value_uses(syntax: ast.AST, source: str) -> list[tuple[str, int, int]]:
    """Each name read as a value, not called and not a decorator: (name, line, 1-based column).

    A function of the tree that turns async and is handed around this way (a callback in a
    dict, an argument) has callers the graph cannot see."""
    called: set[int] = set()
    for node in ast.walk(syntax):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            called.update(id(d) for d in node.decorator_list)
    lines = source.splitlines()
    uses = []
    for node in ast.walk(syntax):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in called:
            text = lines[node.lineno - 1].encode()[: node.col_offset].decode(errors="replace")
            uses.append((node.id, node.lineno, len(text) + 1))
    return uses
