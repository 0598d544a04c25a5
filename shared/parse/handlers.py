"""Reading an app-level (or blueprint) error handler and the view's abort it answers:
`@app.errorhandler(404)`, `def handle(error): return <value>`, `return abort(404)`."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Literal
from typing import cast

from shared.model import HANDLED_CODES
from shared.model import Abort
from shared.model import Body
from shared.model import ErrorHandled
from shared.model import Handled
from shared.model import ReturnValue
from shared.parse.leaves import LeafReader

_SHAPE = "@app.errorhandler(404)\ndef handle(error):\n    return ...\nreturn abort(404)"


class HandlersReader(LeafReader):
    """Reads the handler, `def` (Flask's spelling) or `async def` (Quart's), as one value."""

    def is_error_handler(self, statement: ast.stmt) -> bool:
        """Whether a statement defines a function decorated with `@app.errorhandler(...)`."""
        return isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            isinstance(node, ast.Call)
            and self.dotted(node.func) in ("app.errorhandler", "bp.errorhandler")
            for node in statement.decorator_list
        )

    def error_handled(
        self,
        body: list[ast.stmt],
        read_value: Callable[[ast.expr], ReturnValue],
        read_body: Callable[[ast.expr], Body],
    ) -> ErrorHandled:
        """The handler and the view, each expression read by the reader's own functions."""
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
        handles = self.handled(registered)
        arguments = function.args
        if (
            arguments.posonlyargs
            or len(arguments.args) != 1
            or arguments.vararg
            or arguments.kwonlyargs
            or arguments.kwarg
            or arguments.defaults
        ):
            self.fail("the handler takes the one error argument", function)
        if function.returns is not None or arguments.args[0].annotation is not None:
            self.fail("write the handler without annotations", function)
        if not (
            len(function.body) == 1
            and isinstance(function.body[0], ast.Return)
            and function.body[0].value is not None
        ):
            self.fail("the handler's body is one `return <value>`", function)
        # A return expression reads as a body or a tuple, never a statement form.
        handler = cast(Handled, read_value(function.body[0].value))
        if not isinstance(last, ast.Return) or last.value is None:
            self.fail("the view's body ends with `return abort(...)`", last)
        view = read_body(last.value)
        if not isinstance(view, Abort):
            self.fail("the view under an error handler returns abort(code) here", last.value)
        return self.built(last.value, lambda: ErrorHandled(handles, handler, view, registrar))

    def handled(self, node: ast.expr) -> int | str:
        """A status code, or the name of a `werkzeug.exceptions` class."""
        name = self.dotted(node)
        if isinstance(node, ast.Name | ast.Attribute) and name is not None:
            if name.removeprefix("werkzeug.exceptions.") not in HANDLED_CODES:
                self.fail(f"a handler is registered for one of {', '.join(HANDLED_CODES)}", node)
            return name.removeprefix("werkzeug.exceptions.")
        code = self.integer(node)
        if code not in HANDLED_CODES.values():
            self.fail(f"a handler is registered for a code Werkzeug raises, not {code}", node)
        return code
