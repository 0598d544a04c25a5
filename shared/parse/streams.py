"""Reading a view body that defines a generator function over request state and returns it
called: `session[...] = ...` (or not), `@stream_with_context` (or not),
`def generate(part): yield ...`, `return generate('a')` or `return Response(generate())`."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import Argument
from shared.model import RequestRead
from shared.model import RequestStream
from shared.model import StreamPart
from shared.parse.leaves import LeafReader

_SHAPE = "@stream_with_context def generate(): yield ...; return generate()"
_SESSION_NAMES = ("session", "flask.session", "quart.session")


class StreamsReader(LeafReader):
    """Reads the generator-function view body, `def` (Flask's spelling) or `async def`
    (Quart's), and keeps which one it was."""

    def is_session_set(self, statement: ast.stmt) -> bool:
        """Whether a statement is `session[...] = ...`."""
        return (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Subscript)
            and self.dotted(statement.targets[0].value) in _SESSION_NAMES
        )

    def request_stream(self, body: list[ast.stmt]) -> RequestStream:
        if len(body) < 2:
            self.fail(f"a generator view body reads `{_SHAPE}`", body[-1])
        *sets, function, last = body
        for statement in sets:
            if not self.is_session_set(statement):
                self.fail(
                    "before the generator function only `session[...] = ...` is read", statement
                )
        session = tuple(self.session_set(cast(ast.Assign, statement)) for statement in sets)
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            self.fail(f"a generator view body reads `{_SHAPE}`", function)
        parameters = self.plain_parameters(
            function,
            range(2),
            "the generator function takes at most one parameter here",
            "generator function",
        )
        parameter = parameters[0] if parameters else None
        decorators = [self.dotted(node) for node in function.decorator_list]
        if decorators not in ([], ["stream_with_context"]):
            self.fail("the only decorator read here is @stream_with_context", function)
        call, in_response = self.returned_call(last, function.name)
        if len(call.args) != (parameter is not None) or call.keywords:
            taken = "one argument" if parameter is not None else "no arguments"
            self.fail(f"`{function.name}` is called with {taken} here, as it takes", call)
        argument = (
            cast(str | bytes, self.constant(call.args[0], (str, bytes))) if call.args else None
        )
        parts = tuple(self.stream_part(statement, parameter) for statement in function.body)
        asynchronous = isinstance(function, ast.AsyncFunctionDef)
        return self.built(
            call,
            lambda: RequestStream(
                parts, bool(decorators), asynchronous, argument, in_response, session
            ),
        )

    def returned_call(self, last: ast.stmt, name: str) -> tuple[ast.Call, bool]:
        """The `generate(...)` call the view returns, and whether `Response(...)` wraps it."""
        node = last.value if isinstance(last, ast.Return) else None
        in_response = (
            isinstance(node, ast.Call)
            and self.callee(node) == "Response"
            and len(node.args) == 1
            and not node.keywords
        )
        if in_response:
            node = cast(ast.Call, node).args[0]
        if not (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        ):
            shapes = f"`return {name}()` or `return Response({name}())`"
            self.fail(f"a generator view body must end with {shapes}", last)
        return node, in_response

    def session_set(self, statement: ast.Assign) -> tuple[str, str]:
        """`session['key'] = 'value'`: a str key and a str value."""
        target = cast(ast.Subscript, statement.targets[0])
        key = cast(str, self.constant(target.slice, (str,)))
        return key, cast(str, self.constant(statement.value, (str,)))

    def stream_part(self, statement: ast.stmt, parameter: str | None = None) -> StreamPart:
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Yield)):
            self.fail("the generator function only yields here", statement)
        node = statement.value.value
        if node is None:
            self.fail("a bare `yield` gives None; yield a str, bytes or request part", statement)
        if isinstance(node, ast.Name) and node.id == parameter:
            return Argument()
        name = self.dotted(node)
        if name == "request.method":
            return RequestRead("method")
        if name == "request.path":
            return RequestRead("path")
        if isinstance(node, ast.Subscript) and self.dotted(node.value) in _SESSION_NAMES:
            return RequestRead("session", cast(str, self.constant(node.slice, (str,))))
        if (
            isinstance(node, ast.Call)
            and self.dotted(node.func) == "request.headers.get"
            and len(node.args) == 2
            and not node.keywords
            and self.constant(node.args[1], (str,)) == ""
        ):
            return RequestRead("header", cast(str, self.constant(node.args[0], (str,))))
        return cast(StreamPart, self.constant(node, (str, bytes)))
