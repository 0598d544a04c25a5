"""What `parity scan` prints on a 16-view app: findings that need attention, then one closing
line that holds the inventory; JSON and SARIF keep every finding."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.scan.codes import SAME_ANSWER
from parity.scan.command import run

pytestmark = [pytest.mark.flask, pytest.mark.quart]

SHOP = Path(__file__).parent / "scan_fixtures" / "sample" / "shop.py"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>FQ\w+) (?P<message>.+)$")
COUNTED = re.compile(r"(\d+) (FQ\w+)")


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(build_parser().parse_args(["scan", "--examples", "5", *args]), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(name="inventory", scope="module")
def _inventory() -> list[dict[str, object]]:
    """Every finding on the shop, from the JSON document."""
    _, out, _ = _run("--format", "json", str(SHOP))
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return findings


def test_text_prints_no_same_answer_and_every_other_finding(
    inventory: list[dict[str, object]],
) -> None:
    """The text output leaves the same answers out and keeps every other finding, in order."""
    code, out, err = _run(str(SHOP))
    *lines, closing = out.splitlines()
    printed = [LINE.match(line) for line in lines]
    assert all(printed), lines
    wanted = [(f["line"], f["code"]) for f in inventory if f["code"] != SAME_ANSWER]
    assert [(int(m["line"]), m["code"]) for m in printed if m] == wanted
    assert any(f["code"] == SAME_ANSWER for f in inventory)
    assert len(lines) < len(inventory)
    assert (code, err) == (1, "")
    assert closing.startswith("Scanned 1 file, 16 views, ")


def test_closing_line_counts_every_code(inventory: list[dict[str, object]]) -> None:
    """The closing line counts the shown findings per code and names how many same answers
    --show-same would list; the counts add up to the JSON inventory."""
    _, out, _ = _run(str(SHOP))
    closing = out.splitlines()[-1]
    shown, _, left_out = closing.partition("findings shown")[2].partition("; --show-same")
    counted = Counter({code: int(n) for n, code in COUNTED.findall(shown)})
    everything = Counter(str(f["code"]) for f in inventory)
    same = everything.pop(SAME_ANSWER)
    assert counted == everything
    assert left_out.startswith(f" lists the {same} same answers ({SAME_ANSWER}).")


def test_show_same_prints_the_whole_inventory(inventory: list[dict[str, object]]) -> None:
    """--show-same prints one line per finding, same answers included, as JSON lists them."""
    _, out, _ = _run("--show-same", str(SHOP))
    *lines, closing = out.splitlines()
    assert len(lines) == len(inventory)
    assert f" {SAME_ANSWER} same answer from Flask and Quart" in out
    assert "--show-same" not in closing


def test_sarif_keeps_the_same_answers(
    inventory: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SARIF lists a result per finding, same answers included, and its closing line on
    stderr says nothing was left out."""
    # The driver's version is not what this checks, and a tree run uninstalled has none.
    monkeypatch.setattr("parity.scan.command.version", lambda _: "0")
    _, out, err = _run("--format", "sarif", str(SHOP))
    results = json.loads(out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [f["code"] for f in inventory]
    assert "--show-same" not in err


def test_a_finding_quotes_the_header_as_written() -> None:
    """An FQ400 quotes the header name in the user's own spelling."""
    _, out, _ = _run("--select", "FQ400", str(SHOP))
    assert "header 'ContentType' is not 'Content-Type'" in out
    assert "header 'content_type' is not 'Content-Type'" in out
    assert "'contenttype'" not in out
