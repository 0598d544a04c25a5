"""The edges of `status-set-after-304`: the forms it covers beyond its strategy show it, and
the near misses it leaves out get the same body and length from both apps."""

from __future__ import annotations

import pytest

from parity.engine import Engine
from shared.divergences import DIVERGENCES_BY_ID
from shared.parse import parse
from shared.probe import Probe

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ENTRY = DIVERGENCES_BY_ID["status-set-after-304"]
MATCHES = ("If-None-Match", "*")
LATER = ("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
ETAG_THEN = "resp = Response('ok')\nresp.headers['ETag'] = '\"v1\"'\n"

COVERED = [
    pytest.param(
        "app.json.sort_keys = False\nresp = send_from_directory('static_files', 'hello.txt')\n"
        "resp.status_code = 200\nreturn resp",
        "GET",
        (MATCHES,),
        id="app-settings-first",
    ),
    pytest.param(
        "resp = send_from_directory('static_files', 'hello.txt')\nresp.status = '200 OK'\n"
        "return resp",
        "GET",
        (MATCHES,),
        id="str-status-attribute",
    ),
    pytest.param(
        "@after_this_request\ndef hook(resp):\n    resp.status_code = 200\n    return resp\n"
        "return send_from_directory('static_files', 'hello.txt')",
        "GET",
        (MATCHES,),
        id="hook",
    ),
    pytest.param(
        "make_response(send_from_directory('static_files', 'pixel.png'), 404)",
        "HEAD",
        (LATER,),
        id="head-keeps-only-the-length",
    ),
    pytest.param(
        "send_file(io.BytesIO(b'ok'), mimetype='text/plain', conditional=True, last_modified=0), "
        "200",
        "GET",
        (LATER,),
        id="buffer-with-a-date",
    ),
    pytest.param(
        ETAG_THEN + "resp.make_conditional(request)\nresp.status_code = 503\nreturn resp",
        "GET",
        (MATCHES,),
        id="error-status-after",
    ),
]

AGREEING = [
    pytest.param(
        ETAG_THEN + "resp.status_code = 200\nresp.make_conditional(request)\nreturn resp",
        "GET",
        (MATCHES,),
        id="status-before-make-conditional",
    ),
    pytest.param(
        "send_from_directory('static_files', 'hello.txt'), 204", "GET", (MATCHES,), id="to-204"
    ),
    pytest.param(
        "send_from_directory('static_files', 'hello.txt'), 304", "GET", (MATCHES,), id="to-304"
    ),
    pytest.param(
        "send_file('static_files/hello.txt'), 200",
        "GET",
        (MATCHES,),
        id="send-file-not-conditional-in-quart",
    ),
    pytest.param(
        "send_from_directory('static_files', 'hello.txt', conditional=False), 200",
        "GET",
        (MATCHES,),
        id="conditional-false",
    ),
    pytest.param(
        ETAG_THEN + "resp.make_conditional(request)\nresp.status_code = 200\nreturn resp",
        "POST",
        (MATCHES,),
        id="post",
    ),
    pytest.param(
        "send_from_directory('static_files', 'hello.txt'), 200",
        "GET",
        (("If-Match", '"other"'),),
        id="412-not-304",
    ),
    pytest.param(
        "send_from_directory('static_files', 'hello.txt'), 200",
        "GET",
        (("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"),),
        id="modified-since",
    ),
]
UNREADABLE = {"modified-since"}
"""Near misses the predicate covers: it cannot read a file's modification time from the source,
so any If-Modified-Since may be a 304; the symptom tells them apart."""


def _probe(source: str, method: str, headers: tuple[tuple[str, str], ...]) -> Probe:
    return Probe(parse(source), method, headers)


@pytest.mark.parametrize(("source", "method", "headers"), COVERED)
def test_covered_forms_show_it(
    engine: Engine, source: str, method: str, headers: tuple[tuple[str, str], ...]
) -> None:
    """Forms the strategy does not draw (app settings first, a str status, a hook, HEAD, a
    buffer with a date, an error status) are covered and show Quart's emptied body."""
    probe = _probe(source, method, headers)
    comparison = engine.compare_probe(probe)
    assert ENTRY.applies_to(probe)
    assert ENTRY.shows(comparison.flask, comparison.quart), comparison.differences


@pytest.mark.parametrize(("source", "method", "headers"), AGREEING)
def test_near_misses_agree_and_are_not_covered(
    engine: Engine,
    request: pytest.FixtureRequest,
    source: str,
    method: str,
    headers: tuple[tuple[str, str], ...],
) -> None:
    """Where no status with a body follows a 304 (set before it, a bodyless one, no 304 in
    Quart, a 412, a POST, a file modified since), both send the same body and length, the
    symptom does not show, and the predicate leaves out every case it can read."""
    probe = _probe(source, method, headers)
    comparison = engine.compare_probe(probe)
    fields = {d.field for d in comparison.differences}
    assert not fields & {"body", "header:content-length"}, comparison.differences
    assert not ENTRY.shows(comparison.flask, comparison.quart)
    if request.node.callspec.id not in UNREADABLE:
        assert not ENTRY.applies_to(probe)
