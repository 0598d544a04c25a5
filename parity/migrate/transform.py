"""Apply a plan to one module: `async def`, `await`, `async with`, and a test's response bodies.

Nodes are matched by the identity the plan recorded. A test's `response.data` and `.json` become
`await response.get_data()` and `await response.get_json()` where `response` holds what an awaited
call returned. An await that is the value of an attribute, a subscript or a call is put in
parentheses so that it still awaits what it awaited.
"""

from __future__ import annotations

import libcst as cst

from parity.migrate import cli_context
from parity.migrate.collect import dotted
from parity.migrate.graph import Plan
from shared.model.awaits import AWAITED_RESPONSE_ATTRIBUTES


def _parenthesized(expr: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(expr, cst.Await) and not expr.lpar:
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr


def _awaited(expr: cst.BaseExpression) -> cst.Await:
    return cst.Await(expression=expr)


class Rewriter(cst.CSTTransformer):
    """Rewrite one module by a plan."""

    def __init__(self, plan: Plan, is_test: bool) -> None:
        cst.CSTTransformer.__init__(self)
        self.plan = plan
        self.is_test = is_test
        self.responses: list[set[str]] = [set()]
        self.used_asyncio = False
        self.classes: list[bool] = []
        """For each enclosing class or function: whether a method defined in it turns async."""

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Each function has its own names that hold responses."""
        self.responses.append(set())
        self.classes.append(False)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Note whether any method of the class becomes async."""
        self.classes.append(False)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        """A `unittest.TestCase` whose tests become async is an `IsolatedAsyncioTestCase`."""
        if not self.classes.pop():
            return updated_node
        bases = []
        for base in updated_node.bases:
            if dotted(base.value) == "unittest.TestCase":
                base = base.with_changes(
                    value=cst.parse_expression("unittest.IsolatedAsyncioTestCase")
                )
            bases.append(base)
        return updated_node.with_changes(bases=bases)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        """`def` becomes `async def` where the plan says so."""
        self.responses.pop()
        self.classes.pop()
        if id(original_node) in self.plan.to_async and self.classes:
            self.classes[-1] = True
        if id(original_node) in self.plan.to_async:
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_With(self, original_node: cst.With, updated_node: cst.With) -> cst.With:
        """`with` becomes `async with` where the plan says so."""
        if id(original_node) in self.plan.awaits:
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        """`for` over an async generator becomes `async for`."""
        if id(original_node) in self.plan.loops:
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_CompFor(self, original_node: cst.CompFor, updated_node: cst.CompFor) -> cst.CompFor:
        """A comprehension over an async generator becomes an async comprehension."""
        if id(original_node) in self.plan.loops:
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement:
        """`yield from items` becomes `[async ]for item in items: yield item`."""
        if id(original_node) not in self.plan.yield_froms:
            return updated_node
        _, asynchronous, loop_name = self.plan.yield_froms[id(original_node)]
        statement = updated_node.body[0]
        assert isinstance(statement, cst.Expr)
        assert isinstance(statement.value, cst.Yield)
        assert isinstance(statement.value.value, cst.From)
        name = cst.Name(loop_name)
        body = cst.SimpleStatementLine([cst.Expr(cst.Yield(value=name))])
        return cst.For(
            target=name,
            iter=statement.value.value.item,
            body=cst.IndentedBlock([body], header=updated_node.trailing_whitespace),
            asynchronous=cst.Asynchronous() if asynchronous else None,
            leading_lines=updated_node.leading_lines,
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        """Await a call, or run it with asyncio.run from a command."""
        updated_node = updated_node.with_changes(func=_parenthesized(updated_node.func))
        if id(original_node) in self.plan.stream_calls:
            inner = updated_node.args[0].value
            assert isinstance(inner, cst.Call)
            decorated = updated_node.with_changes(args=[cst.Arg(inner.func)])
            return inner.with_changes(func=decorated)
        if id(original_node) in self.plan.awaits:
            return _awaited(updated_node)
        if id(original_node) in self.plan.runs:
            self.used_asyncio = True
            return cli_context.wrapped(updated_node)
        return updated_node

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        """A test client's form fields: `data={...}` becomes `form={...}`."""
        if id(original_node) in self.plan.form_args:
            return updated_node.with_changes(keyword=cst.Name("form"))
        return updated_node

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.Subscript:
        """`(await request.form)["name"]`."""
        return updated_node.with_changes(value=_parenthesized(updated_node.value))

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """Await an attribute, or read a test's response body with the awaited method."""
        updated_node = updated_node.with_changes(value=_parenthesized(updated_node.value))
        if id(original_node) in self.plan.awaits:
            return _awaited(updated_node)
        method = AWAITED_RESPONSE_ATTRIBUTES.get(updated_node.attr.value)
        if method is not None and self.is_test and self._holds_response(updated_node.value):
            call = cst.Call(func=updated_node.with_changes(attr=cst.Name(method)))
            return _awaited(call)
        return updated_node

    def _holds_response(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            return expr.value in self.responses[-1]
        return isinstance(expr, cst.Await) and isinstance(expr.expression, cst.Call)

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        """A name bound to an awaited call holds a response (in a test module)."""
        if self.is_test and isinstance(updated_node.value, cst.Await):
            for target in updated_node.targets:
                if isinstance(target.target, cst.Name):
                    self.responses[-1].add(target.target.value)
        return updated_node


def with_asyncio(result: cst.Module, rewriter: Rewriter) -> cst.Module:
    """The rewritten module, with what a command's call needs (FQM401) when it has one."""
    return cli_context.with_helper(result) if rewriter.used_asyncio else result
