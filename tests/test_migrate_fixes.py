"""The FQM6xx rules: a registered divergence's spelling both frameworks answer alike, offered on
the returns that show it and applied only when selected by code (before/after pairs, no-op
cases, and each spelling run through both apps on its entry's own examples)."""

from __future__ import annotations

import ast
import io
import json
import textwrap
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.engine import Engine
from parity.migrate.command import run
from parity.migrate.rules import FIXES
from parity.migrate.rules import OPT_IN
from parity.migrate.rules import Rule
from parity.migrate.run import Migration
from parity.migrate.run import migrate_modules
from shared import model as m
from shared.divergences import DIVERGENCES
from shared.divergences import DIVERGENCES_BY_ID
from shared.judgement import judge
from shared.parse import parse
from shared.probe import Probe

HEADER = "from flask import Flask, send_file\nimport flask\n\napp = Flask(__name__)\n\n\n"


def _fixed(source: str, enabled: frozenset[str] = OPT_IN) -> tuple[str, Migration]:
    """The module after the chosen fixes alone (nothing else rewritten), and the migration."""
    migration = migrate_modules({"app.py": ("app", source, False)}, lambda c: c in enabled)
    after = next((c.after for c in migration.changed), source)
    return after, migration


def _view(body: str) -> str:
    return HEADER + "@app.get('/')\ndef view():\n" + textwrap.indent(body, "    ") + "\n"


CASES = {
    "FQM600-send-file": (
        "return send_file('static/a.txt')",
        "return send_file('static/a.txt', conditional=True)",
    ),
    "FQM600-module-attribute": (
        "return flask.send_file(path, mimetype='text/plain')  # the export",
        "return flask.send_file(path, mimetype='text/plain', conditional=True)  # the export",
    ),
    "FQM600-made-then-changed": (
        "resp = send_file(path)\nresp.headers['X-A'] = 'a'\nreturn resp",
        "resp = send_file(path, conditional=True)\nresp.headers['X-A'] = 'a'\nreturn resp",
    ),
    "FQM601-pairs": (
        "return 'ok', (('X-A', 'a'), ('X-B', name),)",
        "return 'ok', [('X-A', 'a'), ('X-B', name)]",
    ),
    "FQM602-dict": (
        "return 'ok', 200, {'Content-Length': '10', 'X-A': 'a'}",
        "return 'ok', 200, {'X-A': 'a'}",
    ),
    "FQM602-pairs-list-computed-body": (
        "return f'{name}!', [('X-A', 'a'), ('content-length', size)]",
        "return f'{name}!', [('X-A', 'a')]",
    ),
}
"""Each rule's before and after, as the view's body."""

NO_OPS = {
    "FQM600-conditional-given": "return send_file(path, conditional=False)",
    "FQM600-keywords-spread": "return send_file(path, **options)",
    "FQM600-not-flask": "return other.send_file(path)",
    "FQM601-list-already": "return 'ok', [('X-A', 'a')]",
    "FQM601-status-then-headers": "return 'ok', 200, {'X-A': 'a'}",
    "FQM602-response-body": "return response, {'Content-Length': '10'}",
    "FQM602-no-length": "return b'ok', {'X-A': 'a'}",
}
"""Returns no spelling applies to: the divergence is not there, or the model cannot tell."""


@pytest.mark.parametrize(("before", "after"), CASES.values(), ids=CASES.keys())
def test_fix_rewrites_when_selected(before: str, after: str) -> None:
    """Selected, each rule turns its before into its after, comments kept, and a second run
    changes nothing."""
    fixed, _ = _fixed(_view(before))
    assert fixed == _view(after)
    assert _fixed(fixed)[0] == fixed


@pytest.mark.parametrize("before", [b for b, _ in CASES.values()], ids=CASES.keys())
def test_fix_is_only_offered_by_default(before: str) -> None:
    """Not selected, the return is left as it was and the offer is one note with the rule's
    code, the entry and how to apply it."""
    fixed, migration = _fixed(_view(before), frozenset())
    assert fixed == _view(before)
    offers = [n for n in migration.notes if n.code in OPT_IN]
    assert len(offers) == 1
    code = offers[0].code
    entry = next(rule.entry for rule in FIXES if rule.code == code)
    assert offers[0].message.startswith(f"{entry}: ")
    assert offers[0].message.endswith(f"(offered: --select {code} applies it)")


@pytest.mark.parametrize("body", NO_OPS.values(), ids=NO_OPS.keys())
def test_fix_no_op(body: str) -> None:
    """A return the divergence does not show in is neither rewritten nor offered anything."""
    fixed, migration = _fixed(_view(body))
    assert fixed == _view(body)
    assert not [n for n in migration.notes if n.code in OPT_IN]


def test_fixes_stay_out_of_test_modules() -> None:
    """A test module's returns are the tests' own, never respelled."""
    source = _view("return 'ok', 200, {'Content-Length': '10'}")
    migration = migrate_modules({"tests/test_a.py": ("tests.test_a", source, True)}, lambda c: True)
    assert not [n for n in migration.notes if n.code in OPT_IN]


def test_every_spelling_has_its_rule() -> None:
    """The registry entries with a spelling and the FQM6xx rules name each other one to one."""
    spelled = {entry.id for entry in DIVERGENCES if entry.spelling is not None}
    assert spelled == {rule.entry for rule in FIXES}
    assert len(FIXES) == len(spelled)


def _return_source(module: str) -> str:
    function = next(n for n in ast.parse(module).body if isinstance(n, ast.FunctionDef))
    returned = function.body[-1]
    assert isinstance(returned, ast.Return)
    assert returned.value is not None
    return ast.unparse(returned.value)


@pytest.mark.flask
@pytest.mark.quart
@pytest.mark.parametrize("rule", FIXES, ids=[rule.code for rule in FIXES])
def test_spelling_removes_its_divergence(rule: Rule) -> None:
    """Each entry's own examples show it; written the way its rule writes them, both apps
    answer them without it, on the same request."""
    code = rule.code
    entry = DIVERGENCES_BY_ID[rule.entry]
    with Engine() as engine:
        for example in entry.examples:
            source = m.return_statement(example.value).removeprefix("return ")
            fixed, _ = _fixed(_view(f"return {source}"), frozenset({code}))
            assert fixed != _view(f"return {source}")
            respelled = Probe(parse(_return_source(fixed)), example.method, example.headers)
            for probe in (example, respelled):
                comparison = engine.compare_probe(probe)
                c = comparison
                found = judge(
                    probe, c.flask, c.quart, c.differences, versions=None, registry=[entry]
                ).entries
                assert (entry in found) is (probe is example)


def _cli(*argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(["migrate", *argv])
    out, err = io.StringIO(), io.StringIO()
    return run(args, out, err), out.getvalue(), err.getvalue()


def test_only_a_select_naming_fqm6_applies(tmp_path: Path) -> None:
    """`--select FQM` (every rule) offers the spelling; `--select FQM6` or the code applies it;
    `--ignore FQM6` says nothing of it."""
    path = tmp_path / "app.py"
    path.write_text(_view("return 'ok', 200, {'Content-Length': '10'}"))
    _, out, err = _cli(str(path), "--select", "FQM")
    assert "\n     return 'ok', 200, {'Content-Length': '10'}\n" in out
    assert "FQM602 content-length-in-tuple-headers" in err
    assert "(offered: --select FQM602 applies it)" in err
    for select in ("FQM6", "FQM602"):
        _, out, err = _cli(str(path), "--select", select)
        assert "+    return 'ok', 200, {}" in out
        assert "(rewritten)" in err
    _, _, err = _cli(str(path), "--ignore", "FQM6")
    assert "FQM602" not in err


@pytest.mark.flask
@pytest.mark.quart
def test_proof_runs_the_respelled_port(tmp_path: Path) -> None:
    """--prove runs the port as written: offered only, the return still differs by its entry;
    applied, Quart runs the respelled return and answers as Flask does the original."""
    path = tmp_path / "app.py"
    path.write_text(_view("return 'ok', 200, {'Content-Length': '10'}"))
    verdicts = []
    for select in ("FQM1,FQM5", "FQM1,FQM5,FQM602"):
        _, out, _ = _cli(
            str(path), "--prove", "--examples", "3", "--select", select, "--format", "json"
        )
        (proof,) = json.loads(out)["proofs"]
        verdicts.append((proof["code"], proof["divergences"], proof["ported"]))
    assert verdicts == [
        ("FQM501", ["content-length-in-tuple-headers"], False),
        ("FQM500", [], True),
    ]
