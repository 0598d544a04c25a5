"""What `parity scan` borrows from `parity migrate`: every place in a view, hook or helper that
needs an `await` or an `async def`, from the same table and the same call graph."""

from __future__ import annotations

import os
from pathlib import Path

import libcst as cst

from parity.migrate.collect import ModuleInfo
from parity.migrate.collect import collect
from parity.migrate.graph import Note
from parity.migrate.graph import plan
from parity.migrate.run import is_test_module
from parity.migrate.run import module_name

REACH = {
    "FQM101": "name = request.form['name']",
    "FQM102": "def payload(): return request.get_json()",
    "FQM103": "def generate(): yield request.get_data()",
    "FQM104": "with app.app_context(): ...",
    "FQM105": "def rows(): yield request.form ... for row in rows(): ...",
    "FQM400": "handler = lambda: request.get_json()",
    "FQM401": "@click.command() def init(): init_db()",
}
"""The codes the scan reports too, each with an example that triggers it."""


def reach_notes(sources: dict[str, str]) -> list[Note]:
    """The await and async-def notes `parity migrate` would act on, for the application modules
    among `sources` (shown path -> text); test modules and files libcst cannot read are left out."""
    modules: list[ModuleInfo] = []
    folders = [str(Path(shown).resolve().parent) for shown in sources]
    root = Path(os.path.commonpath(folders)) if folders else Path()
    for shown, text in sources.items():
        path = Path(shown).resolve()
        if is_test_module(path.relative_to(root)):
            continue
        try:
            name = module_name(path, root)
            modules.append(collect(shown, name, text, False))
        except (cst.ParserSyntaxError, SyntaxError, RecursionError, MemoryError):
            continue
    try:
        return [n for n in plan(modules).notes if n.code in REACH]
    except RecursionError:
        return []
