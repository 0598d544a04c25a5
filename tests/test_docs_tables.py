"""The docs' generated tables hold every registry entry, and every page uses a real table.

The tables are built by plain functions (`docs/_ext/docs_tables.py`), so these tests need no
Sphinx build: what they check is exactly what the `parity-table` directive prints.
"""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest
from docs_tables import TABLES
from docs_tables import Table
from docs_tables import code
from docs_tables import markdown

from parity.exit_codes import EXIT_CODES
from parity.exit_codes import exit_code_rows
from parity.migrate.rules import FIXES
from parity.migrate.rules import PROOFS
from parity.migrate.rules import RULES
from parity.scan.codes import CODES
from parity.servers.targets import TARGETS
from shared.clients import CLIENTS
from shared.clients.assets import ASSETS
from shared.divergences import DIVERGENCES
from shared.scenarios import SCENARIOS
from shared.settings import SETTINGS
from shared.wire_divergences import WIRE_DIVERGENCES
from tests.grammar_corpus import FORMS

DOCS = Path(__file__).parent.parent / "docs"
DIRECTIVE = re.compile(r"^```\{parity-table\} (\S+)\s*$", re.MULTILINE)

REGISTRIES: dict[str, list[str]] = {
    "divergences": [d.id for d in DIVERGENCES],
    "divergence-causes": [d.id for d in DIVERGENCES],
    "wire-divergences": [d.id for d in WIRE_DIVERGENCES],
    "wire-causes": [d.id for d in WIRE_DIVERGENCES],
    "scenarios": [s.id for s in SCENARIOS],
    "servers": [t.id for t in TARGETS],
    "clients": [c.id for c in CLIENTS],
    "client-files": [a.package for a in ASSETS],
    "scan-codes": [c.id for c in CODES],
    "migrate-codes": [r.code for r in (*RULES, *PROOFS, *FIXES)],
    "settings": [s.key for s in SETTINGS],
    "upstream-forms": [f.id for f in FORMS],
    "upstream-forms-outside": [f.id for f in FORMS if f.source is None],
}


def _first_column(table: Table) -> list[str]:
    return [cell.split(" (")[0].strip("`") for cell in table.column(0)]


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_table_lists_every_entry_once_in_registry_order(name: str) -> None:
    """A generated table has one row per registry record, in the registry's order."""
    assert _first_column(TABLES[name]()) == REGISTRIES[name]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_is_a_well_formed_pipe_table(name: str) -> None:
    """Every row has as many cells as the header, and no cell breaks the row with a pipe."""
    table = TABLES[name]()
    assert table.rows
    lines = markdown(table).splitlines()
    assert len(lines) == len(table.rows) + 2
    for line in lines:
        assert len(re.split(r"(?<!\\)\|", line)) == len(table.header) + 2


def _page_tables() -> list[str]:
    return [name for page in DOCS.rglob("*.md") for name in DIRECTIVE.findall(page.read_text())]


def test_every_table_is_on_a_page_and_every_page_names_a_real_table() -> None:
    """The docs show each generated table at least once, and name no table that does not
    exist."""
    assert set(_page_tables()) == set(TABLES)


def test_code_span_holds_backticks() -> None:
    """An example with a backtick in it stays one code span."""
    assert code("a`b") == "``a`b``"
    assert code("`a") == "`` `a ``"


def test_exit_codes_table_has_every_code_help_prints() -> None:
    """One row per command and code, as `parity COMMAND --help` lists them (tests/test_cli_help.py
    holds those to the codes the commands return)."""
    rows = [(row[0].strip("`"), int(row[1])) for row in TABLES["exit-codes"]().rows]
    assert rows == [
        (f"parity {command}", number)
        for command in EXIT_CODES
        for number, _ in exit_code_rows(command)
    ]


def test_layout_lists_every_top_level_module_of_the_four_layers() -> None:
    """The design page's layout has a row for each package and module under the four layers."""
    root = DOCS.parent
    expected = sorted(
        f"{layer}/{path.name}" + ("/" if path.is_dir() else "")
        for layer in ("shared", "flask_app", "quart_app", "parity")
        for path in (root / layer).iterdir()
        if (path.is_dir() and (path / "__init__.py").exists())
        or (path.suffix == ".py" and path.name != "__init__.py")
    )
    assert sorted(TABLES["layout"]().column(0)) == expected


def test_contracts_table_has_every_import_linter_contract() -> None:
    """One row per contract `lint-imports` holds, named as pyproject.toml names it."""
    config = tomllib.loads((DOCS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["tool"]["importlinter"]["contracts"]]
    assert TABLES["contracts"]().column(0) == names


def test_clients_guide_lists_every_finding() -> None:
    """The findings table in the clients guide has one row per finding id `shared/clients/advice.py`
    can return, in the order the module builds them."""
    tree = ast.parse((DOCS.parent / "shared" / "clients" / "advice.py").read_text(encoding="utf-8"))
    calls = [
        (node.lineno, node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.endswith("Finding")
        and isinstance(node.args[0], ast.Constant)
    ]
    ids = [finding for _, finding in sorted(calls)]
    guide = (DOCS / "guide" / "clients.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ", guide, re.MULTILINE)
    assert ids
    assert rows == ids


PAGES = [DOCS.parent / "README.md", DOCS.parent / "CONTRIBUTING.md", *sorted(DOCS.rglob("*.md"))]
BUILT = ("shared/clients/client_files/", "docs/_build/html/")
"""Paths the docs name that a build makes, never committed."""
_PATH = re.compile(r"`((?:shared|parity|flask_app|quart_app|tests|docs)/[\w./-]*)`")
_DOTTED = re.compile(r"`((?:shared|parity|flask_app|quart_app)(?:\.\w+)+)(?:\(\))?`")


def _named(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    return [
        (page.name, match)
        for page in PAGES
        if page.exists()
        for match in pattern.findall(page.read_text(encoding="utf-8"))
    ]


def test_docs_name_only_files_that_exist() -> None:
    """Every path in the tree a page names in code is there (a move or rename shows here)."""
    root = DOCS.parent
    missing = [
        (page, path)
        for page, path in _named(_PATH)
        if path not in BUILT and not (root / path.rstrip("/")).exists()
    ]
    assert not missing


def _resolves(name: str) -> bool:
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_docs_name_only_modules_and_objects_that_exist() -> None:
    """Every dotted name of the project a page names in code imports, or is an attribute."""
    assert [(page, name) for page, name in _named(_DOTTED) if not _resolves(name)] == []
