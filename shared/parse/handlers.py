"""Reading an app-level (or blueprint) error handler and the view's abort or raise it answers:
an optional `class MyError(Exception): pass`, `@app.errorhandler(404)`,
`def handle(error): return <value>`, then `return abort(404)` or `raise MyError()`."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Literal
from typing import cast

from shared.model import BUILTIN_ERRORS
from shared.model import HANDLED_CODES
from shared.model import Abort
from shared.model import Body
from shared.model import ErrorClass
from shared.model import ErrorHandled
from shared.model import ErrorText
from shared.model import Handled
from shared.model import Raise
from shared.model import ReturnValue
from shared.parse.leaves import LeafReader

_SHAPE = "@app.errorhandler(404)\ndef handle(error):\n    return ...\nreturn abort(404)"
_CLASSES = (*HANDLED_CODES, *BUILTIN_ERRORS)


class HandlersReader(LeafReader):
    """Reads the handler, `def` (Flask's spelling) or `async def` (Quart's), as one value."""

    def is_error_handler(self, statement: ast.stmt) -> bool:
        """Whether a statement defines a function decorated with `@app.errorhandler(...)`."""
        return isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            isinstance(node, ast.Call)
            and self.dotted(node.func) in ("app.errorhandler", "bp.errorhandler")
            for node in statement.decorator_list
        )

    def defines_error_class(self, body: list[ast.stmt]) -> bool:
        """Whether a view body starts with a class statement (read as an exception class
        under an error handler, or refused by name)."""
        return isinstance(body[0], ast.ClassDef)

    def error_handled(
        self,
        body: list[ast.stmt],
        read_value: Callable[[ast.expr], ReturnValue],
        read_body: Callable[[ast.expr], Body],
    ) -> ErrorHandled:
        """The class the view defines (if any), the handler and the view, each expression read
        by the reader's own functions."""
        defines = None
        if isinstance(body[0], ast.ClassDef):
            node = body[0]
            defines = self.error_class(node)
            body = body[1:]
            if not body or not self.is_error_handler(body[0]):
                self.fail("an exception class the view defines is followed by its handler", node)
        if len(body) != 2:
            self.fail(f"an error handler view body reads `{_SHAPE}`", body[-1])
        function, last = body
        function = cast(ast.FunctionDef | ast.AsyncFunctionDef, function)
        if len(function.decorator_list) != 1:
            self.fail("the only decorator read here is @app.errorhandler(...)", function)
        decorator = cast(ast.Call, function.decorator_list[0])
        on_blueprint = self.dotted(decorator.func) == "bp.errorhandler"
        registrar: Literal["app", "bp"] = "bp" if on_blueprint else "app"
        (registered,) = self.exact_args(decorator, 1)
        handles = self.handled(registered, None if defines is None else defines.name)
        (argument,) = self.plain_parameters(
            function, range(1, 2), "the handler takes the one error argument", "handler"
        )
        if not (
            len(function.body) == 1
            and isinstance(function.body[0], ast.Return)
            and function.body[0].value is not None
        ):
            self.fail("the handler's body is one `return <value>`", function)
        returned_by_handler = function.body[0].value
        self.not_shadowed(argument, returned_by_handler, "handler's argument")
        if defines is not None:
            for part in (returned_by_handler, last):
                self.not_shadowed(defines.name, part, "exception class")
        handler = self.handler_value(returned_by_handler, argument, read_value)
        own = None if defines is None else defines.name
        view: Abort | Raise
        if isinstance(last, ast.Raise):
            view = self.raised(last, own)
            where: ast.AST = last
        else:
            if not isinstance(last, ast.Return) or last.value is None:
                self.fail("the view's body ends with `return abort(...)` or `raise ...`", last)
            returned = read_body(last.value)
            if not isinstance(returned, Abort):
                self.fail("the view under an error handler returns abort(code) here", last.value)
            view, where = returned, last.value
        return self.built(
            cast(ast.expr, where), lambda: ErrorHandled(handles, handler, view, registrar, defines)
        )

    def not_shadowed(self, name: str, node: ast.AST, what: str) -> None:
        """Refuse a name the source binds (the handler's argument, the class it defines) that
        the expression also reads as something else: the lab builds the grammar's helpers, so
        `def handle(jsonify): return jsonify(...)` would not be what was written."""
        for found in ast.walk(node):
            if not (isinstance(found, ast.Name) and found.id == name):
                continue
            if isinstance(node, ast.Raise) and node.exc is not None and found is _func(node.exc):
                continue
            if what == "handler's argument" and self._str_argument(node, found):
                continue
            self.fail(f"the {what} `{name}` is a name the code also reads; rename it", found)

    def _str_argument(self, node: ast.AST, found: ast.Name) -> bool:
        """Whether `found` is the argument of a `str(...)` call within `node`."""
        return any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "str"
            and call.args == [found]
            for call in ast.walk(node)
        )

    def handler_value(
        self, node: ast.expr, argument: str, read_value: Callable[[ast.expr], ReturnValue]
    ) -> Handled | ErrorText:
        """What the handler returns: `str(error)` of its own argument, alone or in
        `jsonify(...)`, or any return expression of the grammar (a body or a tuple)."""
        jsonified = (
            isinstance(node, ast.Call)
            and self.callee(node) == "jsonify"
            and len(node.args) == 1
            and not node.keywords
        )
        inner = cast(ast.Call, node).args[0] if jsonified else node
        if isinstance(inner, ast.Call) and self.callee(inner) == "str":
            (text_of,) = self.exact_args(inner, 1)
            if not (isinstance(text_of, ast.Name) and text_of.id == argument):
                self.fail(f"str() takes the handler's own argument, `{argument}`", text_of)
            return ErrorText(jsonified)
        # A return expression reads as a body or a tuple, never a statement form.
        return cast(Handled, read_value(node))

    def error_class(self, node: ast.ClassDef) -> ErrorClass:
        """`class MyError(Exception): pass`: one base the grammar knows, nothing else."""
        if node.decorator_list or node.keywords or getattr(node, "type_params", None):
            self.fail("the exception class takes one base and nothing else", node)
        if len(node.bases) != 1:
            self.fail("the exception class derives from exactly one class", node)
        base = self.dotted(node.bases[0]) or ""
        base = base.removeprefix("werkzeug.exceptions.")
        if base not in _CLASSES:
            self.fail(f"the exception class derives from one of {', '.join(_CLASSES)}", node)
        if not (len(node.body) == 1 and isinstance(node.body[0], ast.Pass)):
            self.fail("the exception class's body is `pass`", node)
        return self.built(node.bases[0], lambda: ErrorClass(node.name, base))

    def raised(self, node: ast.Raise, own: str | None) -> Raise:
        """`raise X()` or `raise X('message')`: a class the grammar knows, called."""
        if node.exc is None or node.cause is not None:
            self.fail("the view raises one exception, `raise X()`, with no `from`", node)
        known = (*_CLASSES, *([] if own is None else [own]))
        call = node.exc
        name = self.callee(call) if isinstance(call, ast.Call) else None
        if not isinstance(call, ast.Call) or name is None:
            self.fail("the view raises a class called, `raise X()` or `raise X('message')`", call)
        name = name.removeprefix("werkzeug.exceptions.")
        if name not in known:
            self.fail(f"the view raises one of {', '.join(known)}", call)
        self.no_keywords(call)
        given = self.positional(call)
        if len(given) > 1:
            self.fail("a raised exception takes at most one str message", call)
        message = cast(str, self.constant(given[0], (str,))) if given else None
        return self.built(call, lambda: Raise(name, message))

    def handled(self, node: ast.expr, own: str | None = None) -> int | str:
        """A status code, or the name of a `werkzeug.exceptions` class, a built-in exception
        class, or the class the view body defines."""
        name = self.dotted(node)
        if isinstance(node, ast.Name | ast.Attribute) and name is not None:
            known = (*_CLASSES, *([] if own is None else [own]))
            if name.removeprefix("werkzeug.exceptions.") not in known:
                self.fail(f"a handler is registered for one of {', '.join(known)}", node)
            return name.removeprefix("werkzeug.exceptions.")
        code = self.integer(node)
        if code not in HANDLED_CODES.values():
            self.fail(f"a handler is registered for a code Werkzeug raises, not {code}", node)
        return code


def _func(node: ast.expr) -> ast.expr | None:
    return node.func if isinstance(node, ast.Call) else None
