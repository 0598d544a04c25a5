"""The findings of `shared.clients.advice`: which responses get which finding, and which do not."""

from __future__ import annotations

import pytest

from shared.clients.advice import STANDARD_HEADERS
from shared.clients.advice import findings
from shared.clients.advice import near_miss_of
from shared.outcome import Outcome
from shared.scenarios import SCENARIOS

HTML = "text/html; charset=utf-8"
JSON = "application/json"


def outcome(
    status: int = 200, content_type: str | None = HTML, body: bytes = b"", *extra: tuple[str, str]
) -> Outcome:
    """An app-boundary outcome with lower-cased header names, as the drivers record them."""
    pairs = (("content-type", content_type),) if content_type is not None else ()
    return Outcome(status, (*pairs, *extra), body)


@pytest.mark.parametrize(
    ("name", "standard"),
    [
        pytest.param("ContentType", "content-type", id="no-hyphen"),
        pytest.param("Content_Type", "content-type", id="underscore"),
        pytest.param("content-typ", "content-type", id="one-letter-short"),
        pytest.param("Content Type", "content-type", id="space"),
        pytest.param("Locaton", "location", id="typo"),
        pytest.param("Set_Cookie", "set-cookie", id="set-cookie"),
        pytest.param("Access-Control-Allow-Orgin", "access-control-allow-origin", id="cors"),
        pytest.param("HX_Redirect", "hx-redirect", id="htmx-header"),
        pytest.param("Content-Type", None, id="standard-itself"),
        pytest.param("X-Request-Id", None, id="custom-header"),
        pytest.param("X-After-Request", None, id="custom-header-2"),
        pytest.param("X-User", None, id="short-custom"),
        pytest.param("Via", None, id="short-standard"),
        pytest.param("9" * 5000, None, id="very-long-name"),
    ],
)
def test_near_miss_of(name: str, standard: str | None) -> None:
    """A near miss names the standard header it misspells; a standard or custom name is none."""
    assert near_miss_of(name) == standard


def test_no_standard_header_is_a_near_miss_of_another() -> None:
    """Every standard name is left alone, however close it is to another standard name."""
    assert [name for name in STANDARD_HEADERS if near_miss_of(name) is not None] == []


@pytest.mark.parametrize(
    ("response", "method", "ids"),
    [
        pytest.param(
            outcome(200, HTML, b'{"success": true}', ("contenttype", JSON)),
            "GET",
            ["near-miss-header", "json-not-labelled-json"],
            id="seed-typo",
        ),
        pytest.param(outcome(200, JSON, b'{"success": true}'), "GET", [], id="seed-fixed"),
        pytest.param(
            outcome(200, "text/plain", b"[1, 2]"),
            "GET",
            ["json-not-labelled-json"],
            id="array-as-text",
        ),
        pytest.param(
            outcome(200, None, b"{}"), "GET", ["json-not-labelled-json"], id="no-content-type"
        ),
        pytest.param(outcome(200, HTML, b"123"), "GET", [], id="scalar-json-is-not-flagged"),
        pytest.param(outcome(200, HTML, b'{"a": 1}'), "HEAD", [], id="head-body-unread"),
        pytest.param(
            outcome(200, JSON, b'{"error": "no"}'), "GET", ["error-payload-2xx"], id="error-key"
        ),
        pytest.param(
            outcome(201, JSON, b'{"success": false}'),
            "GET",
            ["error-payload-2xx"],
            id="success-false",
        ),
        pytest.param(outcome(200, JSON, b'{"error": null}'), "GET", [], id="empty-error-key"),
        pytest.param(outcome(401, JSON, b'{"error": "no"}'), "GET", [], id="error-with-4xx"),
        pytest.param(
            outcome(302, HTML, b"", ("location", "/")), "GET", ["redirect-to-xhr"], id="redirect"
        ),
        pytest.param(outcome(302, HTML, b""), "GET", [], id="302-without-location"),
        pytest.param(outcome(204, None, b"x"), "GET", ["body-on-bodyless-status"], id="204-body"),
        pytest.param(outcome(304, None, b"x"), "GET", ["body-on-bodyless-status"], id="304-body"),
        pytest.param(outcome(204, None, b""), "GET", [], id="204-empty"),
    ],
)
def test_findings(response: Outcome, method: str, ids: list[str]) -> None:
    """Each response gets exactly the findings listed, in order."""
    assert [finding.id for finding in findings(response, method)] == ids


def test_no_finding_without_a_response() -> None:
    """An outcome where no response started has nothing for a client to trip over."""
    assert findings(Outcome(None, error="TypeError"), "GET") == ()


def test_every_finding_says_what_happens_and_the_fix() -> None:
    """Each finding of a catalogue-like response has a title, a detail and a fix sentence."""
    found = findings(outcome(200, HTML, b'{"error": "x"}', ("content_type", JSON)), "GET")
    assert found
    for finding in found:
        assert finding.title
        assert finding.detail.endswith(".")
        assert finding.fix.endswith(".")


def test_catalogue_typo_is_the_only_scenario_with_a_near_miss_header() -> None:
    """Of the scenarios' views, only the seed's ContentType typo sends a near-miss header name."""
    near = [s.id for s in SCENARIOS if any(near_miss_of(name) for name, _ in s.expected.headers)]
    assert near == ["json-dumps-contenttype-typo"]


def test_a_near_miss_quotes_the_name_as_written() -> None:
    """The finding quotes the header as the user's source spells it, else as it was sent,
    never the lower-cased name the outcome compares."""
    sent = Outcome.from_raw(200, [("Content-Type", HTML), ("ContentType", JSON)], b"")
    lowered = Outcome.from_raw(200, [("content-type", HTML), ("contenttype", JSON)], b"")
    assert sent.headers == lowered.headers
    assert sent.spelled == ("Content-Type", "ContentType")
    for response, written in ((sent, ()), (lowered, ("ContentType",))):
        (finding,) = findings(response, "GET", written)
        assert finding.title == "header 'ContentType' is not Content-Type"
        assert "'contenttype'" not in finding.detail
    (finding,) = findings(lowered, "GET")
    assert finding.title == "header 'contenttype' is not Content-Type"
