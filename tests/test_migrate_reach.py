"""`parity scan` reports, with `parity migrate`'s codes, every place beyond the return that
needs an `await` or an `async def`: one table and one call graph serve both commands."""

from __future__ import annotations

from pathlib import Path

from parity.migrate.reach import REACH
from parity.migrate.reach import reach_notes
from parity.scan.codes import CODES_BY_ID
from parity.scan.output import sarif
from parity.scan.scanner import scan_paths

APP = """\
from flask import Flask, flash, render_template, request

app = Flask(__name__)


def payload():
    return request.get_json()


def name():
    return payload()["name"]


@app.post("/")
def view():
    flash(name())
    return render_template("a.html")
"""


def test_reach_notes_follow_the_call_graph() -> None:
    """Helpers that await become async, their calls are awaited; views are not listed."""
    notes = {(n.line, n.code) for n in reach_notes({"app.py": APP})}
    assert notes == {
        (6, "FQM102"),
        (7, "FQM101"),
        (10, "FQM102"),
        (11, "FQM102"),
        (16, "FQM101"),
        (16, "FQM102"),
        (17, "FQM101"),
    }


def test_reach_notes_leave_test_modules_out() -> None:
    """Test modules are `parity migrate`'s to port, not the scan's to report."""
    assert reach_notes({"tests/test_app.py": "def test_a(client):\n    client.get('/')\n"}) == []


def test_scan_reports_reach_beside_fq300(tmp_path: Path) -> None:
    """The scan adds the reach findings, and none where its FQ300 says the same."""
    path = tmp_path / "app.py"
    path.write_text(APP)
    scan = scan_paths([path], str, examples=2)
    found = {(f.line, f.code) for f in scan.findings}
    assert (17, "FQ300") in found
    assert (17, "FQM101") not in found
    assert {(7, "FQM101"), (10, "FQM102"), (16, "FQM101")} <= found


def test_reach_codes_are_scan_codes() -> None:
    """Each reach code is a scan code and a SARIF rule, with an example."""
    rules = {rule["id"] for rule in sarif([], "0")["runs"][0]["tool"]["driver"]["rules"]}
    for code in REACH:
        assert CODES_BY_ID[code].example == REACH[code]
        assert code in rules
