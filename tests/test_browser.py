"""Chromium runs every client against both real servers, and each does what `shared.clients`
predicted from the app-boundary outcome and the status line the server wrote.

A disagreement fails; the prediction is fixed (from the library's source), never the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Dialog

from parity.clients import served_reason
from parity.engine import Engine
from parity.engine import scenario_request
from parity.servers import HOST
from parity.servers import RunningServer
from parity.wire.reader import fetch
from shared.clients.assets import HARNESS_CSP
from shared.clients.assets import HARNESS_PATH
from shared.clients.assets import HOSTILE_BODY
from shared.clients.assets import HOSTILE_PATH
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import CLIENTS_BY_ID
from shared.clients.predictions import agrees
from shared.clients.predictions import verdict_for
from shared.clients.record import Client
from shared.clients.seen import Seen
from shared.frameworks import Framework
from shared.outcome import Outcome
from shared.scenarios import SCENARIOS
from shared.scenarios import SCENARIOS_BY_ID
from shared.scenarios import Scenario
from tests.browser import launched
from tests.browser import observe
from tests.browser import open_harness
from tests.browser import run_clients

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

FRAMEWORKS = list(Framework)
CASES = [
    pytest.param(scenario, framework, client, id=f"{scenario.id}-{framework.value}-{client.id}")
    for scenario in SCENARIOS
    for framework in FRAMEWORKS
    for client in CLIENTS
    if client.sends(scenario.method)
]
PAIRS = [
    pytest.param(scenario, framework, id=f"{scenario.id}-{framework.value}")
    for scenario in SCENARIOS
    for framework in FRAMEWORKS
]


@pytest.fixture(name="servers", scope="module")
def _servers(
    default_servers: dict[Framework, RunningServer],
) -> dict[Framework, RunningServer]:
    """Both apps under the servers people deploy (Gunicorn, Hypercorn), shared with the wire
    suite for the session."""
    return default_servers


@pytest.fixture(name="outcomes", scope="module")
def _outcomes(engine: Engine) -> dict[tuple[str, Framework], Outcome]:
    """Each scenario's app-boundary outcome per framework, measured before Playwright starts
    (its sync API keeps an event loop running, and the engine runs Quart on its own)."""
    found = {}
    for scenario in SCENARIOS:
        request = scenario_request(scenario)
        found[scenario.id, Framework.FLASK] = engine.run_flask(request)
        found[scenario.id, Framework.QUART] = engine.run_quart(request)
    return found


@pytest.fixture(name="chromium", scope="module")
def _chromium(
    servers: dict[Framework, RunningServer], outcomes: dict[tuple[str, Framework], Outcome]
) -> Iterator[Browser]:
    """Debian's Chromium under Playwright, once the harness can load its libraries."""
    with launched(servers[Framework.FLASK].url) as browser:
        yield browser


@pytest.fixture(name="observations", scope="module")
def _observations(
    chromium: Browser, servers: dict[Framework, RunningServer]
) -> dict[tuple[str, Framework], dict[str, Any]]:
    """What every client did per (scenario, framework), run once on first use."""

    class Lazy(dict[tuple[str, Framework], dict[str, Any]]):
        def __missing__(self, key: tuple[str, Framework]) -> dict[str, Any]:
            scenario, framework = SCENARIOS_BY_ID[key[0]], key[1]
            headers = dict(scenario.request_headers)
            self[key] = observe(
                chromium, servers[framework].url, scenario.url, scenario.method, headers
            )
            return self[key]

    return Lazy()


@pytest.fixture(name="wire_reasons", scope="module")
def _wire_reasons(
    servers: dict[Framework, RunningServer],
) -> dict[tuple[str, Framework], str]:
    """The reason phrase each server wrote for each scenario, read from the wire."""
    return {
        (scenario.id, framework): fetch(
            HOST, servers[framework].port, scenario_request(scenario)
        ).reason.decode("latin-1")
        for scenario in SCENARIOS
        for framework in FRAMEWORKS
    }


@pytest.mark.parametrize(("scenario", "framework", "client"), CASES)
def test_client_does_what_shared_predicts(
    outcomes: dict[tuple[str, Framework], Outcome],
    observations: dict[tuple[str, Framework], dict[str, Any]],
    wire_reasons: dict[tuple[str, Framework], str],
    scenario: Scenario,
    framework: Framework,
    client: Client,
) -> None:
    """In Chromium, against the real server, the client does what its verdict says."""
    outcome = outcomes[scenario.id, framework]
    seen = Seen.from_outcome(outcome, wire_reasons[scenario.id, framework], scenario.method)
    verdict = verdict_for(client, seen)
    observation = observations[scenario.id, framework][client.id]
    assert agrees(verdict, observation), (
        f"{scenario.id} on {framework.title}, {client.id}:\n"
        f"  predicted {verdict.to_dict()}\n  observed  {observation}"
    )


@pytest.mark.parametrize(("scenario", "framework"), PAIRS)
def test_server_writes_the_reason_compare_assumes(
    outcomes: dict[tuple[str, Framework], Outcome],
    wire_reasons: dict[tuple[str, Framework], str],
    scenario: Scenario,
    framework: Framework,
) -> None:
    """The phrase `parity compare` predicts with is the one the server really writes."""
    outcome = outcomes[scenario.id, framework]
    assert served_reason(framework, outcome) == wire_reasons[scenario.id, framework]


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[f.value for f in FRAMEWORKS])
@pytest.mark.parametrize("client_id", ["jquery3-guess", "jquery4-guess"])
def test_jquery_guess_gives_a_string_for_the_typo_and_an_object_when_corrected(
    observations: dict[tuple[str, Framework], dict[str, Any]],
    framework: Framework,
    client_id: str,
) -> None:
    """The seed answer's mistake, seen in the browser: ContentType leaves text/html, so the
    success callback gets a string; the corrected header gives an object."""
    typo = observations["json-dumps-contenttype-typo", framework][client_id]
    fixed = observations["json-dumps-content-type", framework][client_id]
    assert (typo["callback"], typo["data"]["kind"]) == ("success", "string")
    assert (fixed["callback"], fixed["data"]["kind"]) == ("success", "object")


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[f.value for f in FRAMEWORKS])
def test_axios_parses_the_typo_and_the_corrected_form_alike(
    observations: dict[tuple[str, Framework], dict[str, Any]], framework: Framework
) -> None:
    """axios parses JSON-looking text whatever the Content-Type: an object both times."""
    for scenario_id in ("json-dumps-contenttype-typo", "json-dumps-content-type"):
        data = observations[scenario_id, framework]["axios"]["data"]
        assert data == {"kind": "object", "json": '{"success": true}'}


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[f.value for f in FRAMEWORKS])
def test_hostile_body_is_shown_as_text_and_never_runs(
    chromium: Browser, servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """An `<img onerror>` body is displayed as text; where htmx swaps it in, the page's policy
    keeps it inert: no dialog opens."""
    page = open_harness(chromium, servers[framework].url)
    dialogs: list[str] = []

    def opened(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", opened)
    try:
        response = page.goto(servers[framework].url + HARNESS_PATH)
        assert response is not None
        assert response.headers["content-security-policy"] == HARNESS_CSP
        page.evaluate("() => window.parity.ready")
        results = run_clients(page, HOSTILE_PATH, "GET", {}, [c.id for c in CLIENTS])
        page.wait_for_timeout(300)
        assert page.locator("#body").text_content() == HOSTILE_BODY
        assert page.locator("#body img, #output img").count() == 0
        assert results["htmx"]["swapped"] is True
        assert page.locator("#htmx-target img").count() == 1
        assert dialogs == []
    finally:
        page.context.close()


def test_every_client_in_the_table_runs_in_the_harness(
    chromium: Browser, servers: dict[Framework, RunningServer]
) -> None:
    """The harness knows exactly the clients of `shared.clients.CLIENTS`."""
    page = open_harness(chromium, servers[Framework.FLASK].url)
    try:
        assert sorted(page.evaluate("() => window.parity.clients")) == sorted(CLIENTS_BY_ID)
    finally:
        page.context.close()
