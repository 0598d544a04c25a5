"""`parity scan`: the fixtures' expected findings, the output formats, selection and exit codes."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.cli import main
from parity.engine import Engine
from parity.scan.codes import CODES_BY_ID
from parity.scan.command import run
from parity.scan.explore import Explorer
from parity.scan.explore import ScanVerdict
from parity.scan.files import python_files
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.scanner import Scan
from parity.scan.scanner import scan_paths
from parity.servers import MissingServer
from shared import model as m
from shared.probe import Probe

pytestmark = [pytest.mark.flask, pytest.mark.quart]

FIXTURES = Path(__file__).parent / "scan_fixtures"
FIXTURE_FILES = [p.relative_to(FIXTURES).as_posix() for p in python_files([FIXTURES])]
EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>.*)$")
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>FQ\d{3}) (?P<message>.+)$")


def _expected(relative: str) -> Counter[tuple[int, str]]:
    """The `# expect:` comments of a fixture, as (line, code) counts; latin-1 reads any bytes."""
    wanted: Counter[tuple[int, str]] = Counter()
    text = (FIXTURES / relative).read_bytes().decode("latin-1")
    for number, line in enumerate(text.splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            for token in match["codes"].split(","):
                wanted[(number, token.split()[0])] += 1
    return wanted


def _hints(relative: str) -> dict[tuple[int, str], str]:
    """The text each expectation wants in its message, where the comment gives one."""
    hints = {}
    text = (FIXTURES / relative).read_bytes().decode("latin-1")
    for number, line in enumerate(text.splitlines(), 1):
        match = EXPECT.search(line)
        for token in match["codes"].split(",") if match else []:
            code, _, hint = token.strip().partition(" ")
            if hint:
                hints[(number, code)] = hint
    return hints


@pytest.fixture(name="fixture_scan", scope="module")
def _fixture_scan() -> Scan:
    """One scan of every fixture file, paths shown relative to the fixtures folder."""
    files = list(python_files([FIXTURES]))
    return scan_paths(files, lambda p: p.relative_to(FIXTURES).as_posix())


@pytest.mark.parametrize("relative", FIXTURE_FILES)
def test_fixture_findings_match_comments(fixture_scan: Scan, relative: str) -> None:
    """Each fixture gets exactly the findings its `# expect:` comments name, line by line."""
    found = [f for f in fixture_scan.findings if f.path == relative]
    got = Counter((f.line, f.code) for f in found)
    assert got == _expected(relative), "\n".join(f"{f.line}: {f.code} {f.message}" for f in found)
    for (line, code), hint in _hints(relative).items():
        messages = [f.message for f in found if (f.line, f.code) == (line, code)]
        assert any(hint in message for message in messages), (line, code, hint, messages)


def test_every_fixture_file_is_scanned_and_has_expectations(fixture_scan: Scan) -> None:
    """The scan goes on past the broken files, and no fixture is without an expectation."""
    assert fixture_scan.files == len(FIXTURE_FILES)
    without = [r for r in FIXTURE_FILES if not _expected(r) and r != "not_views.py"]
    assert not without
    assert not [f for f in fixture_scan.findings if f.path == "not_views.py"]


def test_differs_names_entries_fields_and_a_minimal_example(fixture_scan: Scan) -> None:
    """A differing return names its registry entries and, for the shrunk value, the field
    that differs with Flask's and Quart's value; the example, as source, is in its details."""
    differs = [f for f in fixture_scan.findings if f.code == "FQ100"]
    assert differs
    for finding in differs:
        assert finding.details["divergences"], finding
        assert str(finding.details["example"]).splitlines()[-1].startswith("return "), finding
        first = finding.details["differences"][0]
        assert first["field"].split(":")[-1] in finding.message, finding
        assert all(name in finding.message for name in ("Flask", "Quart")), finding


def test_shapes_are_explored_once(engine: Engine) -> None:
    """Two returns that differ only in what their holes stand for share one exploration."""
    explorer = Explorer(engine, examples=5)
    first = m.Jsonify((Hole(HoleKind.JSON, "data", 1, 0),))  # type: ignore[arg-type]
    second = m.Jsonify((Hole(HoleKind.JSON, "user.to_dict()", 9, 4),))  # type: ignore[arg-type]
    assert explorer.explore(first, "GET") is explorer.explore(second, "GET")
    assert explorer.shapes == 1
    assert explorer.explore(first, "GET").verdict is ScanVerdict.SAME
    assert explorer.explore(first, "GET").tried == 5


def test_a_failing_exploration_is_a_finding(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error while exploring one shape becomes a cannot-tell verdict that names it."""
    explorer = Explorer(engine, examples=3)

    def broken(probe: Probe) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer.engine, "compare_probe", broken)
    exploration = explorer.explore(m.Text("ok"), "GET")
    assert exploration.verdict is ScanVerdict.CANNOT_TELL
    assert exploration.outside == "exploring it failed (RuntimeError: boom)"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(build_parser().parse_args(["scan", *args]), out, err)
    return code, out.getvalue(), err.getvalue()


def test_text_output_lines_and_summary() -> None:
    """Each line reads `path:line:col: CODE message`; the last is the summary; exit 1 on a
    differing return."""
    code, out, err = _run(str(FIXTURES / "app" / "decorators.py"))
    lines = out.splitlines()
    assert code == 1
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1].startswith("Scanned 1 file, ")
    assert "2 differ" in lines[-1]
    assert err == ""


def test_exit_zero_when_nothing_differs(tmp_path: Path) -> None:
    """A codebase whose returns all agree exits 0 and prints only the closing line, which
    counts the same answer; --show-same lists it."""
    (tmp_path / "views.py").write_text("@app.route('/')\ndef index():\n    return jsonify(x)\n")
    code, out, _ = _run(str(tmp_path))
    assert code == 0
    (line,) = out.splitlines()
    assert ": 1 same, 0 differ, 0 cannot tell; 0 findings shown; " in line
    assert "; --show-same lists the 1 same answer (FQ001)." in line
    code, out, _ = _run("--show-same", str(tmp_path))
    assert code == 0
    assert ":3:5: FQ001 same answer from Flask and Quart" in out
    assert "; 1 finding shown (1 FQ001)." in out.splitlines()[-1]


def test_missing_path_is_a_usage_error() -> None:
    """A missing path exits 2 with a one-line message naming it, and prints nothing else."""
    code, out, err = _run("/no/such/dir")
    assert code == 2
    assert out == ""
    assert err == "parity scan: no such file or directory: /no/such/dir (exit 2)\n"


def test_unknown_select_code_is_a_usage_error() -> None:
    """--select with a code that does not exist exits 2."""
    code, _, err = _run("--select", "XX9", str(FIXTURES))
    assert code == 2
    assert "XX9" in err
    assert err.count("\n") == 1


def test_cli_scan_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    """`parity scan` is wired into the main command; a file it cannot read exits 2."""
    assert main(["scan", "--select", "FQ9", str(FIXTURES)]) == 2
    out = capsys.readouterr().out
    assert "broken_syntax.py:5:12: FQ900 not valid Python" in out
    assert "FQ901" in out


def test_select_and_ignore() -> None:
    """--select keeps the codes with those prefixes, --ignore drops them, and the exit status
    only counts the findings kept."""
    code, out, _ = _run("--select", "FQ3,FQ4", "--ignore", "FQ401", str(FIXTURES))
    codes = {LINE.match(line)["code"] for line in out.splitlines()[:-1]}  # type: ignore[index]
    assert codes == {"FQ300", "FQ400"}
    assert code == 0


def test_json_format() -> None:
    """--format json prints one document: findings with their details, and the summary."""
    code, out, _ = _run("--format", "json", str(FIXTURES / "app" / "returns.py"))
    document = json.loads(out)
    assert code == 1
    assert "FQ100" in {finding["code"] for finding in document["findings"]}
    assert set(document) == {"findings", "summary"}
    first = document["findings"][0]
    assert {"path", "line", "column", "code", "name", "message", "verdict", "tried"} <= set(first)
    assert document["summary"]["returns"] == sum(document["summary"]["verdicts"].values())


def test_sarif_format_has_the_2_1_0_shape() -> None:
    """--format sarif prints a SARIF 2.1.0 log: a driver with every code as a rule, and results
    whose rule ids, indexes, levels and locations are valid."""
    code, out, err = _run("--format", "sarif", str(FIXTURES))
    log = json.loads(out)
    assert code == 2  # the fixtures hold a file with a syntax error and one not UTF-8
    assert err.startswith("Scanned ")
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (sarif_run,) = log["runs"]
    assert isinstance(sarif_run["properties"]["ambientDivergences"], list)
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "parity scan"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CODES_BY_ID)
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"none", "note", "warning", "error"}
    assert sarif_run["results"]
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"none", "note", "warning", "error"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri.startswith("file:///") or not uri.startswith("/"), uri
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    """Raw control characters in a scanned file and in its name come out escaped."""
    source = "@app.route('/')\ndef v():\n    return x['\x1b[2J\x07']\n"
    (tmp_path / "evil\x1b[31m.py").write_text(source)
    for output in ("text", "json", "sarif"):
        _, out, err = _run("--format", output, str(tmp_path))
        raw = [c for c in out + err if unicodedata.category(c) == "Cc" and c != "\n"]
        assert not raw, output
    _, out, _ = _run(str(tmp_path))
    assert "\\x1b[2J\\x07" in out


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    """The progress line goes to stderr only when it is a terminal."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    (tmp_path / "a.py").write_text("x = 1\n")
    parsed = build_parser().parse_args(["scan", str(tmp_path)])
    err = Terminal()
    assert run(parsed, io.StringIO(), err) == 0
    assert "scan [" in err.getvalue()
    assert "] 1/1 files" in err.getvalue()
    _, _, quiet = _run(str(tmp_path))
    assert quiet == ""


WIRE_VIEWS = """\
@app.route("/length")
def length():
    return "ok", 200, {"Content-Length": "10"}


@app.route("/plain")
def plain():
    return jsonify(ok=True), 201
"""


@pytest.mark.servers
def test_wire_names_what_a_server_changes(tmp_path: Path) -> None:
    """With --wire, a return whose value a server does not pass on (Hypercorn cuts a reply
    with a too-long Content-Length short) gets an FQ102 naming the wire entry; a plain
    return gets none, and the scan exits 1."""
    (tmp_path / "views.py").write_text(WIRE_VIEWS)
    code, out, err = _run("--wire", "--select", "FQ1", str(tmp_path))
    assert code == 1, err
    wire = [line for line in out.splitlines() if " FQ102 " in line]
    assert len(wire) == 1, out
    assert wire[0].startswith(f"{tmp_path / 'views.py'}:3:5: FQ102 on the wire, Hypercorn")
    assert "content-length-too-long" in wire[0]
    assert ":3:5: FQ100 differs: content-length-in-tuple-headers" in out
    assert ":8:5: FQ10" not in out


def test_wire_with_a_missing_server_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server command that is not installed stops a --wire scan with one line naming it and
    exit 2, not a traceback."""

    def missing(name: str) -> str:
        raise MissingServer(f"the '{name}' command is not installed")

    monkeypatch.setattr("parity.servers.process.find_executable", missing)
    (tmp_path / "views.py").write_text(WIRE_VIEWS)
    code, _, err = _run("--wire", str(tmp_path))
    assert code == 2
    assert err == "parity scan: the 'gunicorn' command is not installed (exit 2)\n"
