"""The report shows the clients' verdicts and the findings per scenario, so the seed's typo row
is marked and the corrected one is not."""

from __future__ import annotations

from typing import Any

import pytest

from parity import report
from parity.engine import Engine
from shared.scenarios import SCENARIOS_BY_ID

pytestmark = [pytest.mark.flask, pytest.mark.quart]

LEG = {
    "id": "leg-1",
    "python": "3",
    "flask": "3",
    "quart": "0",
    "werkzeug": "3",
    "examples": 0,
    "seconds": 0.0,
    "generated": "now",
}


def _page(engine: Engine, *ids: str) -> tuple[dict[str, Any], str]:
    scenarios = [SCENARIOS_BY_ID[i] for i in ids]
    rows = [
        report.scenario_row(s, engine.compare_scenario(s), n) for n, s in enumerate(scenarios, 1)
    ]
    document = report.merge([{"leg": LEG, "scenarios": rows, "divergences": [], "unexplained": {}}])
    return document, report.render_html(document)


def test_typo_row_is_marked_and_the_fixed_row_is_not(engine: Engine) -> None:
    """The typo scenario's row carries its findings; the corrected header's row has none."""
    document, page = _page(engine, "json-dumps-contenttype-typo", "json-dumps-content-type")
    typo, fixed = document["scenarios"]
    typo_findings = [f["id"] for f in typo["results"]["leg-1"]["clients"]["flask"]["findings"]]
    assert typo_findings == ["near-miss-header", "json-not-labelled-json"]
    assert fixed["results"]["leg-1"]["clients"]["flask"]["findings"] == []
    assert '<tr id="scenario-json-dumps-contenttype-typo" class="has-findings">' in page
    assert '<tr id="scenario-json-dumps-content-type">' in page
    assert "finding: near-miss-header" in page


def test_each_scenario_lists_every_client_summary(engine: Engine) -> None:
    """The client table of a scenario has one row per client, with both frameworks' lines."""
    document, page = _page(engine, "jsonify-error-401")
    clients = document["scenarios"][0]["results"]["leg-1"]["clients"]
    for prediction in clients["flask"]["predictions"]:
        assert f"<code>{prediction['client']}</code>" in page
    assert "rejected (ERR_BAD_REQUEST)" in page
