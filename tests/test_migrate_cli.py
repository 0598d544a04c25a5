"""`parity migrate` on files: the diff, exit codes, --write, --select/--ignore, JSON, bad input,
project files and the generated test client helper."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docs_tables import migrate_codes as migrate_codes_table

from parity.cli import build_parser
from parity.migrate import project
from parity.migrate.command import run
from parity.migrate.context_helper import MARKER
from parity.migrate.context_helper import with_helper
from parity.migrate.rules import FIXES
from parity.migrate.rules import PROOFS
from parity.migrate.rules import RULES

VIEW = (
    "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
    "@app.post('/')\ndef view():\n    return request.form['a']\n"
)
NOTE = re.compile(r"^[^:\n]+:\d+:\d+: FQM\d{3} .+$")


def _run(*argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(["migrate", *argv])
    out, err = io.StringIO(), io.StringIO()
    return run(args, out, err), out.getvalue(), err.getvalue()


@pytest.fixture(name="tree")
def _tree(tmp_path: Path) -> Path:
    """A small Flask project: one app module, pyproject.toml and requirements.txt."""
    (tmp_path / "app.py").write_text(VIEW)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = [\n    "flask>=3",\n    "flask-cors",\n]\n'
    )
    (tmp_path / "requirements.txt").write_text("Flask==3.1.0\nflask-login\nclick\n")
    return tmp_path


def test_diff_and_exit_one(tree: Path) -> None:
    """Changes to propose: a unified diff on stdout, one-line notes on stderr, exit 1."""
    status, out, err = _run(str(tree))
    assert status == 1
    assert "-from flask import Flask, request" in out
    assert "+from quart import Quart, request" in out
    assert "+    return (await request.form)['a']" in out
    assert "-Flask==3.1.0\n+quart\n" in out
    notes = err.splitlines()[:-1]
    assert notes
    assert all(NOTE.match(line) for line in notes)
    assert err.splitlines()[-1].startswith("Read 3 files")
    assert (tree / "app.py").read_text() == VIEW


def test_write_then_nothing_to_do(tree: Path) -> None:
    """--write applies the diff; a second run proposes nothing and exits 0."""
    assert _run(str(tree), "--write")[0] == 1
    assert "async def view():" in (tree / "app.py").read_text()
    assert "flask-cors" in (tree / "pyproject.toml").read_text()
    status, out, _ = _run(str(tree))
    assert (status, out) == (0, "")


def test_select_and_ignore(tree: Path) -> None:
    """--select applies only the rules named; --ignore leaves the named ones out."""
    _, out, _ = _run(str(tree / "app.py"), "--select", "FQM001,FQM002")
    assert "+from quart import Quart, request" in out
    assert "async def" not in out
    _, out, _ = _run(str(tree / "app.py"), "--ignore", "FQM0")
    assert "quart" not in out
    assert "+async def view():" in out


def test_json(tree: Path) -> None:
    """--format json: one document with the diffs, the notes and the summary."""
    status, out, _ = _run(str(tree), "--format", "json")
    document = json.loads(out)
    assert status == 1
    assert {c["path"] for c in document["changed"]} == {
        str(tree / name) for name in ("app.py", "pyproject.toml", "requirements.txt")
    }
    assert {"FQM001", "FQM100", "FQM101", "FQM300"} <= {n["code"] for n in document["notes"]}
    assert document["summary"]["files"] == 3


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["missing-dir"], "no such file or directory: missing-dir"),
        (["{tree}", "--select", "FQX"], "--select: no rule code starts with 'FQX'"),
        (["{tree}", "--ignore", "nope"], "--ignore: no rule code starts with 'NOPE'"),
        (["{tree}/bad.py"], "bad.py:1:"),
    ],
    ids=["missing", "bad-select", "bad-ignore", "syntax-error"],
)
def test_bad_input(tree: Path, argv: list[str], words: str) -> None:
    """Bad input: one line on stderr naming it, exit 2, nothing written."""
    (tree / "bad.py").write_text("def view(:\n")
    status, out, err = _run(*(a.format(tree=tree) for a in argv))
    assert status == 2
    assert out == ""
    assert err.startswith("parity migrate: ")
    assert words in err
    assert err.endswith("(exit 2)\n")
    assert err.count("\n") == 1


def test_pyproject_settings_added_once() -> None:
    """pytest-asyncio's settings are added to an existing pytest table, and only once."""
    text = '[project]\ndependencies = ["flask"]\n\n[tool.pytest.ini_options]\ntestpaths = ["t"]\n'
    after, notes = project.pyproject("p", text, uses_tests=True)
    assert 'dependencies = ["quart"]' in after
    assert 'testpaths = ["t"]\nasyncio_mode = "auto"\n' in after
    assert 'asyncio_default_fixture_loop_scope = "function"' in after
    assert [n.code for n in notes] == ["FQM300", "FQM301"]
    assert project.pyproject("p", after, uses_tests=True) == (after, [])


def test_pyproject_table_created_and_setup_cfg() -> None:
    """A project without a pytest table gets one; setup.cfg's [tool:pytest] gets the ini form."""
    after, _ = project.pyproject("p", '[project]\nname = "x"', uses_tests=True)
    assert after.endswith(
        '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'
        'asyncio_default_fixture_loop_scope = "function"\n'
    )
    cfg, notes = project.ini("setup.cfg", "[tool:pytest]\ntestpaths = tests\n", "[tool:pytest]")
    assert cfg == (
        "[tool:pytest]\ntestpaths = tests\nasyncio_mode = auto\n"
        "asyncio_default_fixture_loop_scope = function\n"
    )
    assert [n.code for n in notes] == ["FQM301"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("flask\n", "quart\n"),
        ("Flask[async]>=2.0 ; python_version>'3'\n", "quart ; python_version>'3'\n"),
        ("flask-login\n", "flask-login\n"),
        ("flasky==1\n", "flasky==1\n"),
        ("# flask\n", "# flask\n"),
    ],
    ids=["bare", "extras-and-marker", "extension", "other-package", "comment"],
)
def test_requirement_lines(line: str, expected: str) -> None:
    """Only the `flask` requirement itself becomes `quart`."""
    assert project.requirements("r.txt", line)[0] == expected


def test_g_after_request_gets_the_helper(tmp_path: Path) -> None:
    """A test that reads `g` after a client request gets FlaskContextClient in its conftest."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text("import pytest\n")
    (tests / "test_g.py").write_text(
        "from flask import g\n\n\ndef test_user(client):\n    with client:\n"
        "        client.get('/')\n        assert g.user == 1\n"
    )
    status, _, err = _run(str(tmp_path), "--write")
    assert status == 1
    assert "FQM202" in err
    conftest = (tests / "conftest.py").read_text()
    assert conftest.count(MARKER) == 1
    assert _run(str(tmp_path))[:2] == (0, "")
    assert with_helper(conftest) == conftest


def test_docs_rule_table_lists_every_rule_once() -> None:
    """The migrate codes page prints the generated table: one row per rule, in order, named."""
    page = Path(__file__).parent.parent / "docs" / "reference" / "migrate-codes.md"
    assert "```{parity-table} migrate-codes\n```" in page.read_text()
    rows = [(row[0].strip("`"), row[1]) for row in migrate_codes_table().rows]
    assert rows == [(rule.code, rule.name) for rule in (*RULES, *PROOFS, *FIXES)]


def test_prove_gives_a_verdict_per_view(tmp_path: Path) -> None:
    """--prove: each view's return through the differential, one verdict note each."""
    (tmp_path / "app.py").write_text(
        "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
        "@app.get('/a')\ndef same():\n    return jsonify(ok=True)\n\n\n"
        "@app.get('/b')\ndef empty():\n    return '', 204\n"
    )
    status, _, err = _run(str(tmp_path), "--prove", "--examples", "3")
    assert status == 1
    verdicts = [line for line in err.splitlines() if " FQM5" in line]
    assert len(verdicts) == 2
    assert ":8:5: FQM500 view `same`: same answer" in verdicts[0]
    assert ":13:5: FQM501 view `empty`: differs: bodyless-status" in verdicts[1]
    assert err.splitlines()[-1].endswith("returns proven: 1 same, 1 differ, 0 cannot tell.")


def test_write_keeps_a_declared_encoding(tmp_path: Path) -> None:
    """A module that declares latin-1 is written back in latin-1."""
    path = tmp_path / "app.py"
    source = "# -*- coding: latin-1 -*-\nfrom flask import Flask\n\nNAME = 'caf\u00e9'\n"
    path.write_bytes(source.encode("latin-1"))
    assert _run(str(path), "--write")[0] == 1
    assert path.read_bytes() == source.replace("flask import Flask", "quart import Quart").encode(
        "latin-1"
    )


def test_write_never_follows_a_symlink(tmp_path: Path) -> None:
    """A linked module is read for the call graph but never written through."""
    outside = tmp_path / "outside.py"
    outside.write_text(VIEW)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "linked.py").symlink_to(outside)
    status, _, err = _run(str(tree), "--write")
    assert status == 1
    assert outside.read_text() == VIEW
    assert "linked.py: a symbolic link, not written" in err


def test_deep_nesting_is_bad_input(tmp_path: Path) -> None:
    """A module nested deeper than the rewriter can go is a one-line error, exit 2."""
    (tmp_path / "deep.py").write_text("x = " + "(" * 3000 + "1" + ")" * 3000 + "\n")
    status, _, err = _run(str(tmp_path))
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("parity migrate: ")


def test_pytest_asyncio_joins_the_test_requirements() -> None:
    """A project that requires pytest for its tests requires pytest-asyncio beside it, once."""
    text = '[project.optional-dependencies]\ntest = ["pytest>=8"]\n'
    after, notes = project.pyproject("p", text, uses_tests=True)
    assert 'test = ["pytest>=8", "pytest-asyncio"]\n' in after
    assert "FQM301" in [n.code for n in notes]
    assert project.pyproject("p", after, uses_tests=True) == (after, [])


def test_named_project_file(tree: Path) -> None:
    """A pyproject.toml named on the command line is read as a project file, not as Python."""
    status, out, _ = _run(str(tree / "pyproject.toml"))
    assert status == 1
    assert '+    "quart",' in out
