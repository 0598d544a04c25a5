"""The `parity` command: compare's text, JSON and exit codes, and the report it writes."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import pytest

from parity import compare
from parity.cli import main
from parity.servers.targets import selected_keys
from parity.versions import holds
from shared.divergences import DIVERGENCES_BY_ID
from shared.judgement import judge

pytestmark = [pytest.mark.flask, pytest.mark.quart]


def test_compare_plain_value_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """A plain return prints both sides and exits 0: the same answer, or on Quart 0.23 only the
    Vary: Cookie that version adds everywhere."""
    assert main(["compare", "jsonify(success=True)"]) == 0
    out = capsys.readouterr().out
    assert "Flask (WSGI)" in out
    assert "Quart (ASGI)" in out
    if holds(DIVERGENCES_BY_ID["vary-cookie-always"]):
        assert "Known divergence vary-cookie-always" in out
        assert out.count("header ") == 1
    else:
        assert "Same answer from both frameworks." in out


def test_compare_explained_divergence_names_the_entry(capsys: pytest.CaptureFixture[str]) -> None:
    """A known divergence prints the registry entry that explains it and exits 0."""
    assert main(["compare", "iter(['a'])"]) == 0
    out = capsys.readouterr().out
    assert "Known divergence plain-iterator" in out
    assert "status: Flask 200, Quart 500" in out


def test_compare_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the documented keys, outcomes with status, reason, headers and body."""
    assert main(["compare", "--json", "'ok', 201.0"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) >= {"expression", "flask", "quart", "same", "divergence", "differences"}
    assert document["same"] is False
    assert document["divergence"] == "float-status"
    assert document["flask"]["status"] == 500
    assert document["quart"]["status"] == 201
    assert {"status", "reason", "headers", "body", "body_base64", "json", "error"} <= set(
        document["quart"]
    )
    assert document["quart"]["headers"][0] == ["content-type", "text/html; charset=utf-8"]


def test_compare_method_head(capsys: pytest.CaptureFixture[str]) -> None:
    """--method HEAD sends HEAD: Flask's body is dropped, and the registry says why."""
    assert main(["compare", "--json", "--method", "HEAD", "'ok'"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["method"] == "HEAD"
    assert document["flask"]["body"] == ""
    assert document["quart"]["body"] == "ok"
    assert document["divergence"] == "head-body"


def test_compare_unexplained_exits_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no registry to explain it, a divergence marks its lines and exits 1."""
    monkeypatch.setattr(compare, "judge", functools.partial(judge, registry=()))
    assert main(["compare", "iter(['a'])"]) == 1
    assert "No registered divergence explains" in capsys.readouterr().out


def test_compare_bad_expression_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    """An expression outside the grammar exits 2 with a message that quotes the offending part."""
    assert main(["compare", "jsonify(data), 201"]) == 2
    assert "`data` is a variable" in capsys.readouterr().err


def test_compare_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'-' reads a whole view body from standard input."""

    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(io.BytesIO(b"resp = jsonify(a=1)\nresp.status_code = 201\nreturn resp\n")),
    )
    assert main(["compare", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["quart"]["status"] == 201


@pytest.fixture(name="report_folder", scope="module")
def _report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report with wire columns, written once for the tests that read it: the exploration
    and the shrinking behind it take most of a minute, and every test here reads the same."""
    folder = tmp_path_factory.mktemp("report")
    assert main(["report", "--out", str(folder), "--examples", "30", "--wire", "default"]) == 0
    return folder


@pytest.mark.servers
def test_report_writes_json_and_html(report_folder: Path) -> None:
    """The report writes a leg file, a merged report.json with every row, and index.html."""
    document = json.loads((report_folder / "report.json").read_text())
    assert len(list((report_folder / "legs").glob("*.json"))) == 1
    assert {row["id"] for row in document["divergences"]} >= {"head-body", "wsgi-callable"}
    leg = document["legs"][0]["id"]
    row = next(r for r in document["divergences"] if r["id"] == "wsgi-callable")
    assert row["results"][leg]["minimal_example"]["source"].startswith("return lambda environ")
    assert document["unexplained"][leg] == []
    html = (report_folder / "index.html").read_text()
    assert 'id="divergence-wsgi-callable"' in html
    assert 'id="scenario-plain-string"' in html


@pytest.mark.servers
def test_report_wire_columns(report_folder: Path) -> None:
    """`--wire default` adds, per scenario, what Gunicorn and Hypercorn sent, read with h11 and
    compared with each app's own answer: every catalogue scenario is passed on unchanged."""
    document = json.loads((report_folder / "report.json").read_text())
    leg = document["legs"][0]["id"]
    for row in document["scenarios"]:
        cells = row["results"][leg]["wire"]
        assert set(cells) == set(selected_keys("default")), row["id"]
        for key, cell in cells.items():
            assert cell["result"] == "complete", (row["id"], key)
            assert cell["differences"] == [], (row["id"], key, cell["differences"])
    html = (report_folder / "index.html").read_text()
    assert 'id="wire"' in html
    assert f'id="wire-{leg}-plain-string"' in html
