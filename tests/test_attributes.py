"""Response attributes set after creation and streams over request state: each app really
applies them, so that the differential property compares something."""

from __future__ import annotations

import pytest
from hypothesis import given

from parity import strategies
from parity.engine import Engine
from parity.versions import holds
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.parse import parse
from shared.probe import Probe

pytestmark = [pytest.mark.flask, pytest.mark.quart]


@pytest.mark.parametrize(
    ("statement", "header", "expected"),
    [
        pytest.param("r.cache_control.max_age = 60", "cache-control", "max-age=60", id="max-age"),
        pytest.param("r.cache_control.no_store = True", "cache-control", "no-store", id="flag"),
        pytest.param(
            "r.expires = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)",
            "expires",
            "Fri, 02 Jan 2026 03:04:05 GMT",
            id="expires",
        ),
        pytest.param(
            "r.last_modified = datetime(2026, 1, 2)",
            "last-modified",
            "Fri, 02 Jan 2026 00:00:00 GMT",
            id="naive-last-modified",
        ),
        pytest.param(
            "r.set_cookie('sid', 'a', max_age=60, httponly=True, samesite='Lax')",
            "set-cookie",
            "sid=a; Expires=(Max-Age from now); Max-Age=60; HttpOnly; Path=/; SameSite=Lax",
            id="set-cookie",
        ),
        pytest.param(
            "r.delete_cookie('sid', path='/app')",
            "set-cookie",
            "sid=; Expires=(Max-Age from now); Max-Age=0; Path=/app",
            id="delete-cookie",
        ),
        pytest.param("r.vary.add('Accept')", "vary", "Accept", id="vary-add"),
        pytest.param("r.content_language = ['en', 'de']", "content-language", "en, de", id="lang"),
    ],
)
def test_both_apps_apply_the_attribute(
    engine: Engine, statement: str, header: str, expected: str
) -> None:
    """Each kind of change reaches both apps' responses as the header Werkzeug writes."""
    value = parse(f"r = jsonify()\n{statement}\nreturn r")
    comparison = engine.compare_value(value)
    for outcome in (comparison.flask, comparison.quart):
        # Items, not whole values: Quart 0.23 adds Cookie to Vary (vary-cookie-always).
        items = {
            item.strip() for value in outcome.header_values(header) for item in value.split(",")
        }
        assert {item.strip() for item in expected.split(",")} <= items


@given(moment=strategies.moments)
def test_a_date_the_view_sets_is_the_same_in_both(engine: Engine, moment: m.Moment) -> None:
    """`resp.date = ...` reaches the app boundary as written, the same in both apps (a
    moment a date cannot hold is a 500 in both, with no Date)."""
    comparison = engine.compare_value(m.Mutated(m.Jsonify(), (m.SetDate("date", moment),)))
    assert (comparison.flask.header("date") is None) == (comparison.flask.status == 500)
    assert comparison.flask.header("date") == comparison.quart.header("date")


@pytest.mark.parametrize(
    ("keeps_context", "body", "error"),
    [
        pytest.param(True, b"GET /probe Ada", None, id="kept"),
        pytest.param(False, b"", "RuntimeError", id="lost"),
    ],
)
def test_generator_reads_the_request_it_was_returned_to(
    engine: Engine, keeps_context: bool, body: bytes, error: str | None
) -> None:
    """A generator over request state, written in each framework's own spelling (`def` for
    Flask, `async def` for Quart), reads the probe's request in both apps when it keeps the
    context, and fails in both when it does not (Quart 0.23 wraps the error:
    error-in-exception-group)."""
    parts = (
        m.RequestRead("method"),
        " ",
        m.RequestRead("path"),
        " ",
        m.RequestRead("header", "X-Name"),
    )
    headers = (("X-Name", "Ada"),)
    flask, _ = engine.answer(Probe(m.RequestStream(parts, keeps_context), headers=headers))
    _, quart = engine.answer(Probe(m.RequestStream(parts, keeps_context, True), headers=headers))
    grouped = error is not None and holds(DIVERGENCES_BY_ID["error-in-exception-group"])
    assert (flask.body, flask.error) == (body, error)
    assert (quart.body, quart.error) == (
        body,
        "ExceptionGroup" if grouped else error,
    )
