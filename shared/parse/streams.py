"""Reading a view body that defines a generator function over request state and returns it
called: `@stream_with_context` (or not), `def generate(): yield ...`, `return generate()`."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import RequestRead
from shared.model import RequestStream
from shared.model import StreamPart
from shared.parse.leaves import LeafReader

_SHAPE = "@stream_with_context\ndef generate():\n    yield ...\nreturn generate()"


class StreamsReader(LeafReader):
    """Reads the generator-function view body, `def` (Flask's spelling) or `async def`
    (Quart's), and keeps which one it was."""

    def request_stream(self, body: list[ast.stmt]) -> RequestStream:
        if len(body) != 2:
            self.fail(f"a generator view body reads `{_SHAPE}`", body[-1])
        function, last = body
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            self.fail(f"a generator view body reads `{_SHAPE}`", function)
        arguments = function.args
        if (
            arguments.posonlyargs
            or arguments.args
            or arguments.vararg
            or arguments.kwonlyargs
            or arguments.kwarg
        ):
            self.fail("the generator function takes no arguments here", function)
        if function.returns is not None or getattr(function, "type_params", None):
            self.fail("write the generator function without annotations", function)
        decorators = [self.dotted(node) for node in function.decorator_list]
        if decorators not in ([], ["stream_with_context"]):
            self.fail("the only decorator read here is @stream_with_context", function)
        if not (
            isinstance(last, ast.Return)
            and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Name)
            and last.value.func.id == function.name
            and not last.value.args
            and not last.value.keywords
        ):
            self.fail(f"a generator view body must end with `return {function.name}()`", last)
        parts = tuple(self.stream_part(statement) for statement in function.body)
        asynchronous = isinstance(function, ast.AsyncFunctionDef)
        return RequestStream(parts, keeps_context=bool(decorators), asynchronous=asynchronous)

    def stream_part(self, statement: ast.stmt) -> StreamPart:
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Yield)):
            self.fail("the generator function only yields here", statement)
        node = statement.value.value
        if node is None:
            self.fail("a bare `yield` gives None; yield a str, bytes or request part", statement)
        name = self.dotted(node)
        if name == "request.method":
            return RequestRead("method")
        if name == "request.path":
            return RequestRead("path")
        if (
            isinstance(node, ast.Call)
            and self.dotted(node.func) == "request.headers.get"
            and len(node.args) == 2
            and not node.keywords
            and self.constant(node.args[1], (str,)) == ""
        ):
            return RequestRead("header", cast(str, self.constant(node.args[0], (str,))))
        return cast(StreamPart, self.constant(node, (str, bytes)))
