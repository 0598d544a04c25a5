"""Each app, on its own, answers every scenario the way a user expects."""

from __future__ import annotations

from typing import Any

import pytest

from parity.engine import Engine
from parity.engine import scenario_request
from parity.request import ProbeRequest
from shared.divergences import DIVERGENCES_BY_ID
from shared.frameworks import Framework
from shared.outcome import Outcome
from shared.parse import parse
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario
from shared.scenarios import Seed
from tests.params import FRAMEWORKS


def _run(engine: Engine, framework: Framework, request: ProbeRequest) -> Outcome:
    if framework is Framework.FLASK:
        return engine.run_flask(request)
    return engine.run_quart(request)


def _cases() -> list[Any]:
    cases: list[Any] = []
    for scenario in SCENARIOS:
        for param in FRAMEWORKS:
            framework: Framework = param.values[0]  # type: ignore[assignment]
            marks = list(param.marks)
            entry_id = scenario.differs_on.get(framework)
            if entry_id is not None:
                reason = f"{entry_id}: {DIVERGENCES_BY_ID[entry_id].title}"
                marks.append(pytest.mark.xfail(reason=reason, raises=AssertionError, strict=True))
            cases.append(
                pytest.param(scenario, framework, id=f"{scenario.id}-{param.id}", marks=marks)
            )
    return cases


@pytest.mark.parametrize(("scenario", "framework"), _cases())
def test_scenario_gives_expected_outcome(
    engine: Engine, scenario: Scenario, framework: Framework
) -> None:
    """The scenario's request gets the status, type, body and headers a user expects."""
    outcome = _run(engine, framework, scenario_request(scenario))
    problems = scenario.expected.mismatches(outcome)
    assert not problems, f"{scenario.id} on {framework.title}: " + "; ".join(problems)


PROBE_EQUIVALENT = [s for s in SCENARIOS if not s.path and s.seed is not Seed.ROUTING]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("scenario", PROBE_EQUIVALENT, ids=[s.id for s in PROBE_EQUIVALENT])
def test_view_matches_its_source(engine: Engine, scenario: Scenario, framework: Framework) -> None:
    """The hand-written view answers exactly as the catalogue's source does through the probe."""
    app = engine.flask if framework is Framework.FLASK else engine.quart
    app.config["PARITY_PROBE_VALUE"] = parse(scenario.source)
    by_view = _run(engine, framework, scenario_request(scenario))
    by_source = _run(engine, framework, ProbeRequest("GET", "/probe"))
    assert by_view == by_source


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_fixture_drives_the_framework_it_claims(engine: Engine, framework: Framework) -> None:
    """The index page names its framework, so each driver is proven to reach its own app."""
    outcome = _run(engine, framework, ProbeRequest("GET", "/"))
    assert f"<h1>{framework.title} parity lab</h1>".encode() in outcome.body
    app = engine.flask if framework is Framework.FLASK else engine.quart
    assert type(app).__module__.split(".")[0] == framework.value


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_admin_redirect_flashes_a_message(engine: Engine, framework: Framework) -> None:
    """A visitor sent away from an admin page carries a flashed message in the session cookie."""
    outcome = _run(engine, framework, ProbeRequest("GET", "/admin"))
    assert outcome.status == 302
    assert any(v.startswith("session=") for v in outcome.header_values("set-cookie"))


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_probe_without_value_is_404(framework: Framework) -> None:
    """The probe route refuses to answer when no value is configured."""
    with Engine() as engine:
        outcome = _run(engine, framework, ProbeRequest("GET", "/probe"))
    assert outcome.status == 404
