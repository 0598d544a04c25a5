"""`parity scan` parts that need no app: discovery, reading files, codes, summary, escaping."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from docs_tables import scan_codes as scan_codes_table

from parity.scan.codes import CODES
from parity.scan.codes import Finding
from parity.scan.codes import fragment
from parity.scan.command import summary_line
from parity.scan.discover import views
from parity.scan.files import MAX_FILE_BYTES
from parity.scan.files import Unreadable
from parity.scan.files import python_files
from parity.scan.files import read_source
from parity.scan.flow import made_then_changed
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_made_then_changed
from parity.scan.output import escape
from parity.scan.scanner import Scan
from shared import model as m
from shared.clients.advice import near_miss_of

CODES_PAGE = Path(__file__).parent.parent / "docs" / "reference" / "scan-codes.md"


def test_docs_code_table_lists_every_code_once() -> None:
    """The scan codes page prints the generated table: one row per code, in order, named."""
    assert "```{parity-table} scan-codes\n```" in CODES_PAGE.read_text()
    rows = [(row[0].strip("`"), row[1]) for row in scan_codes_table().rows]
    assert rows == [(code.id, code.name) for code in CODES]


def test_codes_are_unique_and_described() -> None:
    """Every code is unique, FQ plus three digits, with a meaning, an example and a fix."""
    ids = [code.id for code in CODES]
    assert len(set(ids)) == len(ids)
    for code in CODES:
        assert re.fullmatch(r"FQ\d{3}", code.id)
        assert code.meaning
        assert code.example
        assert code.fix


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("ContentType", "content-type"),
        ("Content_Type", "content-type"),
        ("content-typ", "content-type"),
        ("Cache_Control", "cache-control"),
        ("Access-Control-Allow-Orgin", "access-control-allow-origin"),
        ("Content-Type", None),
        ("X-Request-Id", None),
        ("X-Content-Type", None),
        ("Location", None),
    ],
)
def test_header_near_misses(name: str, meant: str | None) -> None:
    """Names one slip away from a standard header are caught; standard and custom ones are not."""
    assert near_miss_of(name) == meant


def test_views_skip_nested_functions_and_classes() -> None:
    """A view's returns stop at nested functions, lambdas and classes."""
    source = (
        "@app.route('/')\n"
        "def v():\n"
        "    def inner():\n"
        "        return 1\n"
        "    class C:\n"
        "        def m(self):\n"
        "            return 2\n"
        "    f = lambda: 3\n"
        "    return 'ok'\n"
    )
    (view,) = views(ast.parse(source))
    assert [r.node.lineno for r in view.returns] == [9]  # type: ignore[attr-defined]


def test_view_registered_twice_is_one_view() -> None:
    """Two route decorators, or a decorator and add_url_rule, still make one view."""
    source = (
        "@app.route('/')\n"
        "@app.route('/index')\n"
        "def index():\n"
        "    return 'ok'\n"
        "app.add_url_rule('/home', view_func=index)\n"
    )
    assert [v.name for v in views(ast.parse(source))] == ["index"]


def test_method_probed_follows_the_route() -> None:
    """A route that does not answer GET is probed with POST; the rest with GET."""
    source = (
        "@app.route('/a', methods=['POST'])\n"
        "def a():\n"
        "    return 'a'\n"
        "@app.put('/b')\n"
        "def b():\n"
        "    return 'b'\n"
        "@app.route('/c', methods=['GET', 'POST'])\n"
        "def c():\n"
        "    return 'c'\n"
    )
    assert [v.method for v in views(ast.parse(source))] == ["POST", "POST", "GET"]


def test_read_source_reports_undecodable_bytes(tmp_path: Path) -> None:
    """A byte that is not UTF-8 is reported with its line and column."""
    path = tmp_path / "a.py"
    path.write_bytes(b"x = 1\ny = '\xff'\n")
    assert read_source(path) == Unreadable("FQ901", 2, 6, "byte 0xff is not valid utf-8")


def test_read_source_honours_a_coding_cookie(tmp_path: Path) -> None:
    """A coding cookie is honoured as Python honours it."""
    path = tmp_path / "a.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\ny = '\xe9'\n")
    assert read_source(path) == "# -*- coding: latin-1 -*-\ny = '\u00e9'\n"


def test_read_source_reports_an_unreadable_file(tmp_path: Path) -> None:
    """A broken symlink is an FQ905 finding, not a crash."""
    link = tmp_path / "gone.py"
    link.symlink_to(tmp_path / "missing.py")
    found = read_source(link)
    assert isinstance(found, Unreadable)
    assert found.code == "FQ905"


def test_read_source_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """A FIFO named like a module is reported, never opened (reading it would block)."""
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    assert read_source(fifo) == Unreadable("FQ906", 1, 1, "not a regular file (a FIFO); not opened")


def test_read_source_refuses_a_huge_file(tmp_path: Path) -> None:
    """A file over the size limit is reported, not read."""
    path = tmp_path / "big.py"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    found = read_source(path)
    assert isinstance(found, Unreadable)
    assert found.code == "FQ907"
    assert found.reason == "1,048,577 bytes, over the 1,048,576-byte cap; not read"


def test_python_files_skip_virtualenvs_and_hidden_dirs(tmp_path: Path) -> None:
    """Directories are walked in sorted order, skipping venvs, caches and hidden folders."""
    for name in ("b.py", "a.py", "venv/x.py", ".git/y.py", "pkg/c.py", "pkg/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    found = [p.relative_to(tmp_path).as_posix() for p in python_files([tmp_path])]
    assert found == ["a.py", "b.py", "pkg/c.py"]
    twice = python_files([tmp_path / "b.py", tmp_path, tmp_path / "pkg" / ".." / "a.py"])
    assert [p.relative_to(tmp_path).as_posix() for p in twice] == ["b.py", "a.py", "pkg/c.py"]


def test_escape_writes_control_characters_as_escapes() -> None:
    """Control and bidi-format characters become visible escapes; other text is kept."""
    assert escape("caf\u00e9 \x1b[2J \u202e \x07") == "caf\u00e9 \\x1b[2J \\u202e \\x07"


def test_fragment_is_one_short_line() -> None:
    """Quoted source collapses whitespace and is cut at the limit."""
    assert fragment("f(a,\n    b)") == "f(a, b)"
    assert fragment("x" * 100, limit=10) == "xxxxxxx..."


def test_summary_names_ambient_divergences_once() -> None:
    """An entry at work on every response of this leg is named once, in the summary."""
    scan = Scan(files=1, views=1, ambient=("vary-cookie-always",))
    scan.verdicts["same"] = 1
    line = summary_line(scan, [Finding("a.py", 1, 1, "FQ001", "same")], 0.5)
    assert "1 same, 0 differ, 0 cannot tell; 1 finding shown (1 FQ001)." in line
    assert "every response also differs by vary-cookie-always" in line


def test_finding_dict_names_its_code() -> None:
    """A finding's JSON form carries the code's name beside the code."""
    finding = Finding("a.py", 1, 1, "FQ300", "await it", {"view": "v"})
    assert finding.to_dict()["name"] == "await-in-quart"
    assert finding.to_dict()["view"] == "v"


def _flow(source: str) -> list[ast.stmt] | None:
    function = ast.parse(source).body[0]
    returned = [n for n in ast.walk(function) if isinstance(n, ast.Return)][-1]
    return made_then_changed(function, returned)


def test_made_then_changed_is_read_as_the_model_form() -> None:
    """`resp = jsonify(...)`, changes, `return resp` reads as Mutated, holes typed by attribute."""
    source = (
        "def v():\n"
        "    resp = jsonify(data)\n"
        "    audit()\n"
        "    resp.status_code = code\n"
        "    resp.headers['X-A'] = value\n"
        "    return resp\n"
    )
    flow = _flow(source)
    assert flow is not None
    assert [s.lineno for s in flow] == [2, 4, 5, 6]
    tree = read_made_then_changed(source, flow)
    assert isinstance(tree, m.Mutated)
    assert [h.kind for h in holes_in(tree)] == [
        HoleKind.JSON,
        HoleKind.STATUS,
        HoleKind.HEADER_VALUE,
    ]


@pytest.mark.parametrize(
    "body",
    [
        "    if a:\n        resp = f()\n    return resp\n",
        "    resp = jsonify()\n    resp.set_cookie('a', 'b')\n    return resp\n",
        "    resp = jsonify()\n    resp = wrap(resp)\n    return resp\n",
        "    return resp\n",
    ],
    ids=["assigned-in-a-branch", "method-call", "reassigned-from-itself", "never-assigned"],
)
def test_uncertain_flows_are_not_followed(body: str) -> None:
    """A variable assigned in a branch, changed by a method, or not assigned is not followed."""
    assert _flow("def v():\n" + body) is None


def test_a_variable_assigned_once_is_its_value() -> None:
    """`page = render_template(...)` then `return page` reads as the assigned value."""
    source = "def v():\n    page = render_template('a.html')\n    return page\n"
    flow = _flow(source)
    assert flow is not None
    tree = read_made_then_changed(source, flow)
    assert [h.kind for h in holes_in(tree)] == [HoleKind.TEMPLATE]
