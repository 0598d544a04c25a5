"""Reading an `@after_this_request` hook that changes the response, then the view's return:
`@after_this_request`, `def hook(resp): resp.headers['X-Foo'] = 'a'; return resp`,
`return 'Test'`."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import cast

from shared.model import AddEtag
from shared.model import AfterThisRequest
from shared.model import Change
from shared.model import Handled
from shared.model import HookChange
from shared.model import MakeConditional
from shared.model import ReturnValue
from shared.parse.leaves import LeafReader

_DECORATOR_NAMES = ("after_this_request", "flask.after_this_request", "quart.after_this_request")


class HooksReader(LeafReader):
    """Reads the hook, `def` (which both frameworks run) or `async def` (which Flask runs
    only with asgiref installed), and the view."""

    def is_after_hook(self, statement: ast.stmt) -> bool:
        """Whether a statement defines a function decorated with `@after_this_request`."""
        return isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            self.dotted(node) in _DECORATOR_NAMES for node in statement.decorator_list
        )

    def after_this_request(
        self,
        body: list[ast.stmt],
        read_change: Callable[[ast.stmt, str], Change],
        read_value: Callable[[ast.expr], ReturnValue],
    ) -> AfterThisRequest:
        """The hook's changes and the view's value, each read by the reader's own functions."""
        if len(body) != 2:
            self.fail(
                "an after_this_request view body is the hook, then `return <value>`", body[-1]
            )
        function, last = body
        function = cast(ast.FunctionDef | ast.AsyncFunctionDef, function)
        if len(function.decorator_list) != 1:
            self.fail("the only decorator read here is @after_this_request", function)
        (name,) = self.plain_parameters(
            function, range(1, 2), "the hook takes the one response argument", "hook"
        )
        *statements, returned = function.body
        if not (
            isinstance(returned, ast.Return)
            and isinstance(returned.value, ast.Name)
            and returned.value.id == name
        ):
            self.fail(f"the hook ends with `return {name}`", returned)
        changes = tuple(self.hook_change(statement, name, read_change) for statement in statements)
        if not isinstance(last, ast.Return) or last.value is None:
            self.fail("the view's body ends with `return <value>`", last)
        # A return expression reads as a body or a tuple, never a statement form.
        asynchronous = isinstance(function, ast.AsyncFunctionDef)
        return AfterThisRequest(changes, cast(Handled, read_value(last.value)), asynchronous)

    def hook_change(
        self, statement: ast.stmt, name: str, read_change: Callable[[ast.stmt, str], Change]
    ) -> HookChange:
        """One change the hook makes; the two Quart awaits are not read inside a hook."""
        change = read_change(statement, name)
        if isinstance(change, MakeConditional | AddEtag):
            self.fail(
                "a hook changes headers and attributes, not make_conditional or add_etag", statement
            )
        return change
