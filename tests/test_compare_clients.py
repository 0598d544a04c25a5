"""`parity compare` carries the client verdicts and findings, in text and in --json."""

from __future__ import annotations

import json

import pytest

from parity.cli import main
from parity.clients import served_reason
from shared.clients.predictions import CLIENTS
from shared.frameworks import Framework
from shared.outcome import Outcome

pytestmark = [pytest.mark.flask, pytest.mark.quart]

TYPO = "json.dumps({'success': True}), 200, {'ContentType': 'application/json'}"
FIXED = "json.dumps({'success': True}), 200, {'Content-Type': 'application/json'}"


def test_typo_text_names_the_string_and_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed's typo: the client lines say jQuery's guess hands over a string while axios
    parses; the findings name the header and the fix."""
    assert main(["compare", TYPO]) == 0
    out = capsys.readouterr().out
    assert "jQuery 3.7 $.ajax" in out
    assert "data is string" in out
    assert "axios                      resolved, response.data is object" in out
    assert "near-miss-header: header 'ContentType' is not Content-Type" in out
    assert "'contenttype'" not in out  # the user's spelling, though Quart lower-cases it
    assert "json-not-labelled-json" in out
    assert "Fix: Spell it 'Content-Type'" in out


def test_fixed_form_has_objects_and_no_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """The corrected header: jQuery's guess gives an object, and nothing is found."""
    assert main(["compare", FIXED]) == 0
    out = capsys.readouterr().out
    assert "data is string" not in out
    assert "Findings: none." in out


def test_json_has_predictions_and_findings_per_framework(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--json carries `clients`: per framework the server assumed, one prediction per client in
    table order, and the findings."""
    assert main(["compare", "--json", TYPO]) == 0
    document = json.loads(capsys.readouterr().out)
    for framework in ("flask", "quart"):
        view = document["clients"][framework]
        assert [p["client"] for p in view["predictions"]] == [c.id for c in CLIENTS]
        guess = view["predictions"][1]["verdict"]
        assert guess["data"]["kind"] == "string"
        assert [f["id"] for f in view["findings"]] == ["near-miss-header", "json-not-labelled-json"]
        assert view["findings"][0]["title"] == "header 'ContentType' is not Content-Type"
    assert document["clients"]["flask"]["predictions"][0]["verdict"]["statusText"] == "OK"
    assert document["clients"]["quart"]["predictions"][0]["verdict"]["statusText"] == ""


def test_redirect_is_reported_as_followed(capsys: pytest.CaptureFixture[str]) -> None:
    """A redirect: every client follows it silently, and the finding says what to do instead."""
    assert main(["compare", "redirect('/login')"]) == 0
    out = capsys.readouterr().out
    assert "follows the 302 to '/login' silently" in out
    assert "redirect-to-xhr" in out


def test_escaped_error_has_no_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    """Where an error escaped to the server, that side gets no verdicts, and says why."""
    main(["compare", "--json", "'ok', 200, {'X': '\u20ac'}"])
    document = json.loads(capsys.readouterr().out)
    flask, quart = document["clients"]["flask"], document["clients"]["quart"]
    assert flask["predictions"] == []
    assert flask["unpredicted"].startswith("ProtocolViolation escaped to the server")
    assert quart["unpredicted"] is None


@pytest.mark.parametrize(
    ("framework", "outcome", "reason"),
    [
        pytest.param(Framework.FLASK, Outcome(401), "UNAUTHORIZED", id="flask-default"),
        pytest.param(Framework.FLASK, Outcome(299, reason="Custom"), "Custom", id="flask-own"),
        pytest.param(Framework.FLASK, Outcome(299), "UNKNOWN", id="flask-unknown-code"),
        pytest.param(Framework.QUART, Outcome(401), "", id="quart-hypercorn-none"),
    ],
)
def test_served_reason(framework: Framework, outcome: Outcome, reason: str) -> None:
    """Werkzeug's server writes Flask's phrase (its table, upper-cased); Hypercorn writes none."""
    assert served_reason(framework, outcome) == reason
