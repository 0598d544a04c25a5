"""FQM401: a click command that calls code now async runs it in an app context, as Flask does.

Flask pushes an app context for every command of `app.cli`; Quart pushes one only through
`quart.cli.with_appcontext`, which runs an event loop of its own, so a command that awaits
cannot use it. The command's call becomes `asyncio.run(_quart_app_context(init_db()))`, and the
module gets `_quart_app_context`, which loads the app as Quart's CLI does (its ScriptInfo) and
awaits the call inside `async with app.app_context()`.
"""

from __future__ import annotations

import libcst as cst

HELPER_NAME = "_quart_app_context"

HELPER = f'''

async def {HELPER_NAME}(awaitable):
    """Added by `parity migrate` (FQM401): await in an app context, which
    Flask gives every command and Quart does not give a plain click command."""
    app = click.get_current_context().ensure_object(ScriptInfo).load_app()
    async with app.app_context():
        return await awaitable
'''
IMPORTS = ("import asyncio\n", "import click\n", "from quart.cli import ScriptInfo\n")


def wrapped(call: cst.BaseExpression) -> cst.Call:
    """`asyncio.run(_quart_app_context(call))`."""
    inner = cst.Call(func=cst.Name(HELPER_NAME), args=[cst.Arg(call)])
    return cst.Call(func=cst.Attribute(cst.Name("asyncio"), cst.Name("run")), args=[cst.Arg(inner)])


def _imported(tree: cst.Module, statement: str) -> bool:
    wanted = cst.parse_statement(statement)
    text = tree.code_for_node(wanted).strip()
    return any(tree.code_for_node(s).strip() == text for s in tree.body)


def _defines_helper(tree: cst.Module) -> bool:
    return any(isinstance(s, cst.FunctionDef) and s.name.value == HELPER_NAME for s in tree.body)


def with_helper(tree: cst.Module) -> cst.Module:
    """The module with the imports the helper needs and the helper after its last import."""
    body = list(tree.body)
    head = 0
    while head < len(body) and _is_prelude(body[head]):
        head += 1
    missing = [cst.parse_statement(s) for s in IMPORTS if not _imported(tree, s)]
    helper = [] if _defines_helper(tree) else list(cst.parse_module(HELPER).body)
    if helper:
        helper[0] = helper[0].with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
    return tree.with_changes(body=[*body[:head], *missing, *helper, *body[head:]])


def _is_prelude(statement: cst.BaseStatement) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    small = statement.body[0]
    docstring = isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString)
    return docstring or isinstance(small, cst.Import | cst.ImportFrom)
