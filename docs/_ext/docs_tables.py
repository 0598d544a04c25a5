"""The reference's tables, built from the registries each time the docs are built.

Plain functions, no Sphinx: `docs_sphinx` turns a table into Markdown for the page, and
`tests/test_docs_tables.py` holds each table to its registry without building the docs. A
count or an id written by hand in the docs would go stale; a table read from the code cannot.
"""

from __future__ import annotations

import ast
import shlex
import tomllib
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parity.migrate.rules import Rule

ROOT = Path(__file__).resolve().parents[2]
"""The checkout, whose absolute path is left out of the commands shown."""


@dataclass(frozen=True)
class Table:
    """A header and rows of Markdown inline text (code spans allowed), one string a cell."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, index: int) -> list[str]:
        """Every row's cell in one column, code spans unwrapped."""
        return [row[index].strip("`") for row in self.rows]


def code(text: str) -> str:
    """`text` as one Markdown code span, whatever backticks it holds."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(text: str) -> str:
    """One table cell: pipes escaped (also inside code spans, as GFM tables need) and each
    line break made a space."""
    return " ".join(text.split("\n")).replace("|", "\\|")


def markdown(table: Table) -> str:
    """The table as a Markdown (GFM) pipe table."""
    lines = [
        "| " + " | ".join(_cell(h) for h in table.header) + " |",
        "|" + "---|" * len(table.header),
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def _versions(flask: str, quart: str, werkzeug: str) -> str:
    return f"Flask {flask}, Quart {quart}, Werkzeug {werkzeug}"


def divergences() -> Table:
    """Every app-boundary entry: what each framework does, the versions and the layer."""
    from shared.divergences import DIVERGENCES

    rows = tuple(
        (
            code(d.id),
            d.category.value,
            d.flask,
            d.quart,
            _versions(d.flask_versions, d.quart_versions, d.werkzeug_versions),
            d.layer.value,
        )
        for d in DIVERGENCES
    )
    return Table(("id", "category", "Flask", "Quart", "holds for", "shows"), rows)


def divergence_causes() -> Table:
    """Every app-boundary entry: its example, cause, what the wire shows and where upstream
    stands."""
    from shared.divergences import DIVERGENCES

    rows = tuple(
        (
            code(d.id),
            _examples(p.value.to_source() for p in d.examples[:1]),
            d.cause,
            d.on_the_wire,
            d.upstream.text(),
        )
        for d in DIVERGENCES
    )
    return Table(("id", "example", "cause", "on the wire", "upstream"), rows)


def _examples(sources: Iterable[str]) -> str:
    return ", ".join(code(source) for source in sources)


def wire_divergences() -> Table:
    """Every wire entry: what it is about, where it shows, an example and upstream."""
    from shared.wire_divergences import WIRE_DIVERGENCES

    rows = tuple(
        (
            code(d.id),
            d.title,
            d.layer.value,
            _examples(p.value.to_source() for p in d.examples[:1]),
            ", ".join(code(name.decode("latin-1")) for name in d.injected),
            d.upstream.state.value,
        )
        for d in WIRE_DIVERGENCES
    )
    return Table(("id", "what the wire shows", "shows", "example", "injects", "upstream"), rows)


def wire_causes() -> Table:
    """Every wire entry's cause."""
    from shared.wire_divergences import WIRE_DIVERGENCES

    return Table(("id", "cause"), tuple((code(d.id), d.cause) for d in WIRE_DIVERGENCES))


def scenarios() -> Table:
    """Every scenario: the request, what the view returns and the status it answers."""
    from shared.scenarios import SCENARIOS

    rows = tuple(
        (
            code(s.id),
            " ".join(
                [f"{s.method} {code(s.url)}", *(code(f"{n}: {v}") for n, v in s.request_headers)]
            ),
            code(s.source),
            str(s.expected.status),
        )
        for s in SCENARIOS
    )
    return Table(("id", "request", "the view returns", "status"), rows)


def _command(argv: list[str]) -> str:
    return shlex.join(argv).replace(f"{ROOT}/", "")


def servers() -> Table:
    """Every server target: its command line and what it is known to change on the wire."""
    from parity.servers.targets import DEFAULTS
    from parity.servers.targets import TARGETS

    rows = tuple(
        (
            code(t.id) + (" (default)" if DEFAULTS[t.framework] == t.id else ""),
            t.framework.title,
            t.title,
            code(_command(t.command(t.executable, "127.0.0.1", 5000))),
            "; ".join(t.server.notes),
        )
        for t in TARGETS
    )
    return Table(("id", "app", "server", "command", "known to change"), rows)


def clients() -> Table:
    """Every AJAX client the harness runs and the lab predicts."""
    from shared.clients import CLIENTS

    rows = tuple(
        (
            code(c.id),
            c.title,
            c.library.name,
            c.version,
            ", ".join(code(f"{name}: {value}") for name, value in c.options),
            ", ".join(sorted(c.methods)) if c.methods is not None else "any",
        )
        for c in CLIENTS
    )
    return Table(("id", "what it runs", "library", "version", "options", "methods"), rows)


def client_files() -> Table:
    """Every pinned npm package the apps serve to the browser, with its licence."""
    from shared.clients.assets import ASSETS

    rows = tuple(
        (
            code(a.package) + ("" if a.folder == a.package else f" (npm alias {code(a.folder)})"),
            a.version,
            a.licence,
            f"{code(a.url)}, {code(a.licence_url)}",
        )
        for a in ASSETS
    )
    return Table(("package", "version", "licence", "served at"), rows)


def scan_codes() -> Table:
    """Every `parity scan` code: its name, level, meaning, an example and the fix."""
    from parity.scan.codes import CODES

    rows = tuple(
        (code(c.id), c.name, c.level.value, c.meaning, code(c.example), c.fix) for c in CODES
    )
    return Table(("code", "name", "level", "what it means", "example", "fix"), rows)


def migrate_codes() -> Table:
    """Every `parity migrate` rule: whether it rewrites, what it says and the way forward; the
    `--prove` verdicts, then the spellings offered for registry entries (`FQM6xx`)."""
    from parity.migrate.rules import FIXES
    from parity.migrate.rules import PROOFS
    from parity.migrate.rules import RULES

    def rewrites(rule: Rule) -> str:
        if rule in PROOFS:
            return "with `--prove`"
        if rule in FIXES:
            return f"when selected (`--select {rule.code}`)"
        return "yes" if rule.fixes else "no"

    rows = tuple(
        (code(r.code), r.name, rewrites(r), r.message, r.forward) for r in (*RULES, *PROOFS, *FIXES)
    )
    return Table(("code", "name", "rewrites", "what it says", "the way forward"), rows)


def settings() -> Table:
    """Every app setting `--config` applies, with the values the strategies draw."""
    from shared.settings import SETTINGS
    from shared.settings import setting_text

    rows = tuple(
        (code(s.key), s.doc, ", ".join(code(setting_text(v)) for v in s.values)) for s in SETTINGS
    )
    return Table(("key", "what it is", "values explored (the default first)"), rows)


def limits() -> Table:
    """Every limit on what a command or `/render` reads, and every bound on a value's work."""
    from parity.probe_options import MAX_DATA_BYTES
    from parity.probe_options import MAX_HEADER_LENGTH
    from parity.probe_options import MAX_HEADERS
    from parity.source import MAX_SOURCE_BYTES as MAX_STDIN_BYTES
    from shared.bounds.limits import MAX_CHUNKS
    from shared.bounds.limits import MAX_TEMPLATE_CHARS
    from shared.bounds.limits import MAX_TEMPLATE_NESTING
    from shared.bounds.limits import MAX_TEMPLATE_STEPS
    from shared.parse.errors import MAX_INT_DIGITS
    from shared.parse.errors import MAX_NESTING
    from shared.parse.errors import MAX_SOURCE_LENGTH
    from shared.routes.render import MAX_BODY_BYTES
    from shared.routes.render import MAX_HEADERS as MAX_RENDER_HEADERS
    from shared.routes.render import MAX_SOURCE_BYTES as MAX_RENDER_SOURCE

    rows = (
        (
            "source length, as written and as the model writes the value back",
            "characters",
            MAX_SOURCE_LENGTH,
        ),
        ("standard input (`-`), refused unread past it; UTF-8 text", "bytes", MAX_STDIN_BYTES),
        ("nesting of the syntax tree (brackets, calls, operators)", "levels", MAX_NESTING),
        (
            "an integer literal (Python's own limit for turning an int into text)",
            "digits",
            MAX_INT_DIGITS,
        ),
        ("`--header`: headers a request", "headers", MAX_HEADERS),
        ("`--header`: one header's length", "characters", MAX_HEADER_LENGTH),
        ("`--data`: the request body", "bytes", MAX_DATA_BYTES),
        ("`/render`: the expression (UTF-8)", "bytes", MAX_RENDER_SOURCE),
        ("`/render`: the request body", "bytes", MAX_BODY_BYTES),
        (
            "`/render`: headers a request (distinct names, as a WSGI app sees them)",
            "headers",
            MAX_RENDER_HEADERS,
        ),
        (
            "template steps: tags evaluated, text pieces written and loop iterations in one render",
            "steps",
            MAX_TEMPLATE_STEPS,
        ),
        (
            "template characters: every filter's result and every piece of output",
            "characters",
            MAX_TEMPLATE_CHARS,
        ),
        ("nested `if`/`for` blocks in one template", "blocks", MAX_TEMPLATE_NESTING),
        (
            "chunks in a stream, a chunk list, a WSGI app's list or a generator function",
            "chunks",
            MAX_CHUNKS,
        ),
    )
    return Table(("what", "at most", "of"), tuple((w, f"{n:,}", unit) for w, unit, n in rows))


def exit_codes() -> Table:
    """Every command's exit codes, as its `--help` ends with them."""
    from parity.exit_codes import EXIT_CODES
    from parity.exit_codes import exit_code_rows

    rows = tuple(
        (code(f"parity {command}"), str(number), meaning)
        for command in EXIT_CODES
        for number, meaning in exit_code_rows(command)
    )
    return Table(("command", "code", "when"), rows)


LAYERS = ("shared", "flask_app", "quart_app", "parity")
"""The four packages, in the order their imports allow: each may import only those before it."""


def _summary(path: Path) -> str:
    """The first line of a module's docstring (a package's `__init__.py`'s)."""
    module = path / "__init__.py" if path.is_dir() else path
    doc = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    return doc.split("\n\n")[0].replace("\n", " ")


def layout() -> Table:
    """Every package and module at the top of the four layers, with what its docstring says."""
    rows: list[tuple[str, ...]] = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).iterdir()):
            is_package = path.is_dir() and (path / "__init__.py").exists()
            if not is_package and (path.suffix != ".py" or path.name == "__init__.py"):
                continue
            name = f"{layer}/{path.name}" + ("/" if is_package else "")
            rows.append((code(name), _summary(path)))
    return Table(("module", "what it holds"), tuple(rows))


def contracts() -> Table:
    """The import-linter contracts `lint-imports` holds, from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    rows = []
    for contract in config["tool"]["importlinter"]["contracts"]:
        rule = contract["type"]
        if rule == "forbidden":
            sources = contract["source_modules"]
            detail = (
                ", ".join(code(m) for m in sources)
                + (" imports none of " if len(sources) == 1 else " import none of ")
                + ", ".join(code(m) for m in contract["forbidden_modules"])
            )
        elif rule == "layers":
            detail = " above ".join(code(layer) for layer in contract["layers"])
        else:
            detail = "inside " + ", ".join(code(m) for m in contract.get("ancestors", []))
        rows.append((contract["name"], rule, detail))
    return Table(("contract", "kind", "what it holds"), tuple(rows))


def _upstream_test(form_upstream: str) -> str:
    """`Flask test_basic.py test_options_work`: short pieces, so a narrow column wraps."""
    repository, test = form_upstream.split(" ", 1)
    path, name = test.split("::", 1)
    return (
        f"{repository.split('/')[1].capitalize()} {code(path.removeprefix('tests/'))} {code(name)}"
    )


def upstream_forms() -> Table:
    """Every response form Flask's and Quart's own suites return, and our source for it."""
    from tests.grammar_corpus import FORMS

    rows = tuple(
        (f"{code(f.id)} ({_upstream_test(f.upstream)})", code(f.source) if f.source else "not read")
        for f in FORMS
    )
    return Table(("form (the first upstream test that returns it)", "our source"), rows)


def upstream_forms_outside() -> Table:
    """The forms the grammar does not read, each with why."""
    from tests.grammar_corpus import FORMS

    rows = tuple(
        (f"{code(f.id)} ({_upstream_test(f.upstream)})", f.reason)
        for f in FORMS
        if f.source is None
    )
    return Table(
        ("form (the first upstream test that returns it)", "why the grammar does not read it"), rows
    )


TABLES: dict[str, Callable[[], Table]] = {
    "divergences": divergences,
    "divergence-causes": divergence_causes,
    "wire-divergences": wire_divergences,
    "wire-causes": wire_causes,
    "scenarios": scenarios,
    "servers": servers,
    "clients": clients,
    "client-files": client_files,
    "scan-codes": scan_codes,
    "migrate-codes": migrate_codes,
    "settings": settings,
    "limits": limits,
    "exit-codes": exit_codes,
    "layout": layout,
    "contracts": contracts,
    "upstream-forms": upstream_forms,
    "upstream-forms-outside": upstream_forms_outside,
}
"""Each table by the name the `parity-table` directive takes."""


def count(name: str) -> int:
    """How many rows a table has, for a sentence that states it."""
    return len(TABLES[name]().rows)
