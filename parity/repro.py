"""`parity repro ENTRY`: one standalone script that shows a known divergence to its maintainers.

The script holds two minimal apps (a sync Flask view and the same view written for Quart),
the request, the files the view needs, and the code that calls each app as its server would.
It needs only Flask and Quart installed, prints what each answered and the versions, and
imports nothing from this project.
"""

from __future__ import annotations

import argparse
import ast
import base64
import re
import sys
import textwrap
from importlib import resources
from string import Template
from typing import TextIO

import werkzeug.exceptions

from parity.printable import printable
from parity.versions import installed
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences import Divergence
from shared.model.awaits import quart_as_run
from shared.model.mutated import return_statement
from shared.probe import Probe
from shared.wire_divergences import WIRE_DIVERGENCES_BY_ID

FRAMEWORK_NAMES = frozenset(
    {
        "Response",
        "abort",
        "after_this_request",
        "jsonify",
        "make_response",
        "redirect",
        "render_template",
        "render_template_string",
        "request",
        "send_file",
        "send_from_directory",
        "session",
        "stream_with_context",
    }
)
"""Names a view imports from its framework (`flask` or `quart`, which export the same ones)."""

STANDARD_IMPORTS = {
    "asyncio": "import asyncio",
    "io": "import io",
    "HTTPStatus": "from http import HTTPStatus",
    "datetime": "from datetime import datetime",
    "date": "from datetime import date",
    "UUID": "from uuid import UUID",
    "Decimal": "from decimal import Decimal",
    "Markup": "from markupsafe import Markup",
    # Installed with both frameworks: `werkzeug.wrappers.Response(...)` as a view writes it.
    "werkzeug": "import werkzeug.wrappers",
    "Point": "from dataclasses import dataclass\n\n@dataclass\nclass Point:\n"
    "    x: object\n    y: object",
}
"""The import (or definition) behind every other name the grammar writes."""

BUILTINS = frozenset({"bytearray", "iter", "open", "len", "range", "str", "bytes"})
SCRIPT_GLOBALS = frozenset({"ROOT"})
"""Names the script itself defines for its views (where it wrote the shipped files)."""


class ReproError(ValueError):
    """The entry has no reproduction this command can write (named in the message)."""


def entry_named(entry_id: str) -> Divergence:
    """The app-boundary entry with this id; a ReproError lists the ids when there is none."""
    entry = DIVERGENCES_BY_ID.get(entry_id)
    if entry is None and entry_id in WIRE_DIVERGENCES_BY_ID:
        raise ReproError(
            f"{entry_id!r} is a wire entry: its reproduction needs the servers, which "
            "`parity compare --wire` runs; repro writes app-boundary entries only"
        )
    if entry is None:
        raise ReproError(
            f"{entry_id!r} is not an app-boundary registry entry "
            f"(known: {', '.join(sorted(DIVERGENCES_BY_ID))})"
        )
    return entry


def script(entry: Divergence, example: int = 0) -> str:
    """The standalone reproduction of one of the entry's examples (the first by default)."""
    if not 0 <= example < len(entry.examples):
        raise ReproError(f"{entry.id} has {len(entry.examples)} example(s), not #{example + 1}")
    probe = entry.examples[example]
    flask_source = _shipped_paths(return_statement(probe.value))
    quart_source = _shipped_paths(quart_as_run(probe.value))
    names = _free_names(flask_source)
    versions = installed()
    template = Template(resources.files("parity").joinpath("templates", "repro.py.txt").read_text())
    return template.substitute(
        title=entry.title,
        entry_id=entry.id,
        flask_does=entry.flask,
        quart_does=entry.quart,
        cause=entry.cause,
        upstream=entry.upstream.text(),
        written_with=f"Flask {versions.flask}, Werkzeug {versions.werkzeug}, "
        f"Quart {versions.quart}",
        request=_request_literal(probe),
        settings=repr(list(probe.config)),
        files=_files_literal(flask_source, names),
        flask_imports=_imports("flask", "Flask", names),
        quart_imports=_imports("quart", "Quart", names),
        flask_body=textwrap.indent(flask_source, " " * 8),
        quart_body=textwrap.indent(quart_source, " " * 8),
    )


def _shipped_paths(source: str) -> str:
    """The source with each shipped file's path made absolute under the script's ROOT, as
    the lab's apps pass it to both frameworks."""
    return re.sub(r"'(static_files(?:/[^'\\]*)?)'", r"str(ROOT / '\1')", source)


def _free_names(source: str) -> set[str]:
    """The names the view's body reads but does not bind itself."""
    tree = ast.parse(source)
    bound = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    bound |= {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    bound |= {
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in node.args.args
    }
    loaded = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    return loaded - bound - BUILTINS - SCRIPT_GLOBALS


def _imports(module: str, app_class: str, names: set[str]) -> str:
    """The import lines at the top of one app factory, four spaces in."""
    helpers = sorted(names & FRAMEWORK_NAMES)
    lines = [f"from {module} import {name}" for name in [app_class, *helpers]]
    for name in sorted(names - FRAMEWORK_NAMES):
        if name in STANDARD_IMPORTS:
            lines.append(STANDARD_IMPORTS[name])
        elif isinstance(getattr(werkzeug.exceptions, name, None), type):
            lines.append(f"from werkzeug.exceptions import {name}")
        else:
            raise ReproError(f"the view uses {name!r}, which a reproduction cannot import")
    return textwrap.indent("\n".join(lines), " " * 4)


def _request_literal(probe: Probe) -> str:
    """REQUEST's value: the probe's method, the path `/`, its query string, headers and body."""
    document = {
        "method": probe.method,
        "path": "/",
        "query": probe.query,
        "headers": [list(pair) for pair in probe.headers],
        "body": probe.body,
    }
    return repr(document)


def _files_literal(source: str, names: set[str]) -> str:
    """FILES' value: the shipped static files when the source names their folder, and the
    apps' templates when it renders one, base64-encoded (all are small)."""
    folders = []
    if "static_files" in source:
        folders.append(("static_files", resources.files("shared").joinpath("static_files")))
    if "render_template" in names:
        folders.append(("templates", resources.files("flask_app").joinpath("templates")))
    found = {
        f"{root}/{item.name}": base64.b64encode(item.read_bytes()).decode()
        for root, folder in folders
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if item.is_file() and not item.name.startswith(".")
    }
    return repr(found)


EXIT_BAD_ENTRY = 2
"""`parity repro` exit code for an id that is no app-boundary entry, or a missing example."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`parity repro ENTRY [--example N]`."""
    parser.add_argument("entry", help="an app-boundary registry entry id, e.g. suffix-range")
    parser.add_argument(
        "--example", type=int, default=1, help="which of the entry's examples (default 1)"
    )


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print the reproduction (exit 0), or one line naming the problem (exit 2)."""
    try:
        text = script(entry_named(args.entry), args.example - 1)
    except ReproError as error:
        print(printable(f"parity: {error}"), file=err or sys.stderr)
        return EXIT_BAD_ENTRY
    (out or sys.stdout).write(text)
    return 0
