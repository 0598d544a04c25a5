"""Sanity tests of the upstream-state record that every registry entry carries."""

from __future__ import annotations

import pytest

from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import Upstream
from shared.divergences.upstream import UpstreamState
from shared.divergences.upstream import reported
from shared.divergences.upstream import security_channel

ISSUE = "https://github.com/pallets/quart/issues/1"

BROKEN = [
    pytest.param(Upstream(UpstreamState.OPEN), "link", id="open-without-link"),
    pytest.param(Upstream(UpstreamState.NOT_REPORTED, ISSUE), "link", id="unreported-with-link"),
    pytest.param(reported(ISSUE, UpstreamState.BY_DESIGN), "word", id="by-design-without-word"),
    pytest.param(reported(ISSUE, UpstreamState.WONT_FIX), "word", id="wont-fix-without-word"),
    pytest.param(reported("http://example.com/1"), "GitHub", id="not-github"),
    pytest.param(
        Upstream(UpstreamState.NOT_REPORTED, related=("ftp://x",)), "GitHub", id="bad-related"
    ),
]


@pytest.mark.parametrize(("record", "named"), BROKEN)
def test_problems_name_what_is_missing(record: Upstream, named: str) -> None:
    """A record that lacks its link or the maintainers' word, or links off GitHub, says so."""
    assert any(named in problem for problem in record.problems())


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(NOT_REPORTED, id="not-reported"),
        pytest.param(reported(ISSUE), id="open"),
        pytest.param(reported(ISSUE, UpstreamState.BY_DESIGN, "ints only"), id="by-design"),
        pytest.param(security_channel("Werkzeug"), id="security-channel"),
    ],
)
def test_whole_records_have_no_problems(record: Upstream) -> None:
    """The four shapes the registries use are whole, and print as one line."""
    assert record.problems() == []
    assert "\n" not in record.text()
    assert record.to_dict()["state"] == record.state.value
