"""The client rules of `shared.clients`, one row per fact taken from a library's source.

Each row names the response and the client; the browser tests check the same rules against
Chromium for every catalogue scenario.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shared.clients.assets import ASSETS
from shared.clients.assets import client_table
from shared.clients.axios import AXIOS
from shared.clients.htmx import HTMX
from shared.clients.jquery import JQUERY_3
from shared.clients.jquery import JQUERY_4
from shared.clients.jquery import jquery_guess
from shared.clients.js_value import JsKind
from shared.clients.js_value import JsValue
from shared.clients.js_value import decode_xhr_text
from shared.clients.js_value import json_parse
from shared.clients.predictions import CLIENTS
from shared.clients.predictions import CLIENTS_BY_ID
from shared.clients.predictions import agrees
from shared.clients.predictions import observed
from shared.clients.predictions import predict
from shared.clients.predictions import verdict_for
from shared.clients.record import FollowsRedirect
from shared.clients.record import NetworkError
from shared.clients.record import NoVerdict
from shared.clients.record import Unpredicted
from shared.clients.seen import Seen
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.http.wire_reply import WireReply
from shared.outcome import Outcome

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/json"
HTML = "text/html; charset=utf-8"
OBJECT = {"kind": "object", "json": '{"success": true}'}
UNDEFINED = {"kind": "undefined", "json": None}


def seen(
    status: int = 200,
    content_type: str | None = HTML,
    body: bytes = b"",
    *,
    reason: str = "OK",
    method: str = "GET",
    headers: tuple[tuple[str, str], ...] = (),
) -> Seen:
    """A response as the browser receives it, with only what a row needs spelled out."""
    pairs = (("content-type", content_type),) if content_type is not None else ()
    return Seen(method, status, reason, (*pairs, *headers), body)


TYPO = seen(200, HTML, b'{"success": true}')
FIXED = seen(200, JSON, b'{"success": true}')

# (id, response, client id, the verdict fields that row is about)
ROWS: list[tuple[str, Seen, str, dict[str, Any]]] = [
    # fetch(): ok is 2xx; json() parses whatever the Content-Type, rejects an empty body.
    ("fetch-typo-json-resolves", TYPO, "fetch", {"ok": True, "jsonResolves": True, "json": OBJECT}),
    ("fetch-299-ok", seen(299, reason=""), "fetch", {"ok": True, "statusText": ""}),
    ("fetch-300-not-ok", seen(300, reason="MULTIPLE CHOICES"), "fetch", {"ok": False}),
    (
        "fetch-empty-body-rejects",
        seen(200, JSON),
        "fetch",
        {"jsonResolves": False, "json": UNDEFINED},
    ),
    (
        "fetch-head-has-no-body",
        seen(200, JSON, b"{}", method="HEAD"),
        "fetch",
        {"jsonResolves": False},
    ),
    (
        "fetch-bom-dropped",
        seen(200, JSON, b'\xef\xbb\xbf{"success": true}'),
        "fetch",
        {"json": OBJECT},
    ),
    (
        "fetch-content-type-values-joined",
        seen(200, JSON, headers=(("content-type", "text/plain"),)),
        "fetch",
        {"contentType": "application/json, text/plain"},
    ),
    # jQuery: the guess follows Content-Type with case-sensitive patterns.
    (
        "jquery3-typo-string",
        TYPO,
        "jquery3-guess",
        {"callback": "success", "data": {"kind": "string", "json": '"{\\"success\\": true}"'}},
    ),
    (
        "jquery4-typo-string",
        TYPO,
        "jquery4-guess",
        {"callback": "success", "data": {"kind": "string", "json": '"{\\"success\\": true}"'}},
    ),
    (
        "jquery3-fixed-object",
        FIXED,
        "jquery3-guess",
        {"textStatus": "success", "data": OBJECT, "responseJSON": OBJECT},
    ),
    ("jquery4-fixed-object", FIXED, "jquery4-guess", {"textStatus": "success", "data": OBJECT}),
    (
        "jquery-json-mode-on-typo-object",
        TYPO,
        "jquery3-json",
        {"callback": "success", "data": OBJECT},
    ),
    (
        "jquery-upper-case-json-is-text",
        seen(200, "Application/JSON", b'{"success": true}'),
        "jquery4-guess",
        {"data": {"kind": "string", "json": '"{\\"success\\": true}"'}},
    ),
    (
        "jquery-problem-json-is-json",
        seen(200, "application/problem+json", b'{"success": true}'),
        "jquery3-guess",
        {"data": OBJECT},
    ),
    (
        "jquery-json-mode-html-parsererror",
        seen(200, HTML, b"<p>hi</p>"),
        "jquery4-json",
        {"callback": "error", "textStatus": "parsererror", "errorThrown": "SyntaxError"},
    ),
    (
        "jquery-json-mode-empty-200-parsererror",
        seen(200, JSON),
        "jquery3-json",
        {"callback": "error", "textStatus": "parsererror", "statusText": "OK"},
    ),
    (
        "jquery-parsererror-without-reason",
        seen(200, JSON, b"{", reason=""),
        "jquery3-guess",
        {"textStatus": "parsererror", "statusText": "parsererror"},
    ),
    (
        "jquery-204-nocontent-even-for-json",
        seen(204, JSON, reason="NO CONTENT"),
        "jquery4-json",
        {"callback": "success", "textStatus": "nocontent", "data": UNDEFINED},
    ),
    (
        "jquery-304-notmodified",
        seen(304, None, reason="NOT MODIFIED"),
        "jquery3-guess",
        {"callback": "success", "textStatus": "notmodified", "data": UNDEFINED},
    ),
    (
        "jquery-head-nocontent",
        seen(200, JSON, b"{}", method="HEAD"),
        "jquery3-json",
        {"callback": "success", "textStatus": "nocontent"},
    ),
    (
        "jquery-401-error-with-reason",
        seen(401, JSON, b'{"error": "no"}', reason="UNAUTHORIZED"),
        "jquery3-guess",
        {
            "callback": "error",
            "textStatus": "error",
            "errorThrown": "UNAUTHORIZED",
            "statusText": "UNAUTHORIZED",
            "responseJSON": {"kind": "object", "json": '{"error": "no"}'},
        },
    ),
    (
        "jquery-401-error-without-reason",
        seen(401, JSON, b'{"error": "no"}', reason=""),
        "jquery4-guess",
        {"errorThrown": "", "statusText": "error"},
    ),
    (
        "jquery-xml-document",
        seen(200, "text/xml", b"<a><b/></a>"),
        "jquery4-guess",
        {"callback": "success", "data": {"kind": "document", "json": None}},
    ),
    (
        "jquery-bad-xml-parsererror",
        seen(200, "application/xml", b"<a>"),
        "jquery3-guess",
        {"textStatus": "parsererror", "errorThrown": "Error"},
    ),
    (
        "jquery-empty-xml-null",
        seen(200, "text/xml"),
        "jquery3-guess",
        {"callback": "success", "data": {"kind": "null", "json": "null"}},
    ),
    # axios: validateStatus is 2xx; data is JSON.parse(text) whenever that succeeds.
    ("axios-typo-object", TYPO, "axios", {"settled": "resolved", "data": OBJECT}),
    ("axios-fixed-object", FIXED, "axios", {"settled": "resolved", "data": OBJECT}),
    (
        "axios-text-stays-string",
        seen(200, HTML, b"ok"),
        "axios",
        {"data": {"kind": "string", "json": '"ok"'}},
    ),
    (
        "axios-number-text-parsed",
        seen(200, HTML, b"123"),
        "axios",
        {"data": {"kind": "number", "json": "123"}},
    ),
    (
        "axios-empty-is-empty-string",
        seen(204, None),
        "axios",
        {"data": {"kind": "string", "json": '""'}},
    ),
    (
        "axios-404-bad-request",
        seen(404, HTML, b"x"),
        "axios",
        {"settled": "rejected", "code": "ERR_BAD_REQUEST"},
    ),
    ("axios-500-bad-response", seen(500, HTML, b"x"), "axios", {"code": "ERR_BAD_RESPONSE"}),
    (
        "axios-304-rejected",
        seen(304, None),
        "axios",
        {"settled": "rejected", "code": "ERR_BAD_RESPONSE"},
    ),
    # htmx 2: 204 keeps the target, 2xx/3xx swap, 4xx/5xx fire responseError.
    (
        "htmx-200-swaps",
        TYPO,
        "htmx",
        {"swapped": True, "events": ["htmx:beforeSwap", "htmx:afterSwap"]},
    ),
    ("htmx-204-keeps", seen(204, None), "htmx", {"swapped": False, "events": ["htmx:beforeSwap"]}),
    ("htmx-304-swaps", seen(304, None), "htmx", {"swapped": True}),
    (
        "htmx-404-error",
        seen(404),
        "htmx",
        {"swapped": False, "events": ["htmx:beforeSwap", "htmx:responseError"]},
    ),
    ("htmx-503-error", seen(503), "htmx", {"events": ["htmx:beforeSwap", "htmx:responseError"]}),
]


@pytest.mark.parametrize(
    ("response", "client_id", "expected"), [pytest.param(*row[1:], id=row[0]) for row in ROWS]
)
def test_client_rule(response: Seen, client_id: str, expected: dict[str, Any]) -> None:
    """The verdict carries the fields the row states."""
    verdict = verdict_for(CLIENTS_BY_ID[client_id], response).to_dict()
    assert {key: verdict.get(key) for key in expected} == expected


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_with_location_is_followed_by_every_client(status: int) -> None:
    """XHR and fetch follow a redirect status that has a Location before any client code runs."""
    response = seen(status, headers=(("location", "/"),), reason="FOUND")
    for prediction in predict(response):
        assert prediction.verdict == FollowsRedirect(status, "/")


@pytest.mark.parametrize(
    "response",
    [
        pytest.param(seen(302, reason="FOUND"), id="302-without-location"),
        pytest.param(seen(300, headers=(("location", "/"),)), id="300-is-not-a-redirect-status"),
    ],
)
def test_unfollowed_3xx_reaches_the_client(response: Seen) -> None:
    """A 3xx the browser does not follow is handed over: fetch is not ok, axios rejects."""
    assert verdict_for(CLIENTS_BY_ID["fetch"], response).to_dict()["ok"] is False
    assert verdict_for(CLIENTS_BY_ID["axios"], response).to_dict()["settled"] == "rejected"


def test_htmx_sends_no_head() -> None:
    """htmx issues only its five verbs, so a HEAD scenario has no htmx verdict."""
    verdict = verdict_for(CLIENTS_BY_ID["htmx"], seen(method="HEAD"))
    assert isinstance(verdict, NoVerdict)
    assert verdict.reason is Unpredicted.NOT_SENT


def test_htmx_control_header_is_not_predicted() -> None:
    """An HX-Redirect makes htmx navigate; the module says so instead of guessing."""
    verdict = verdict_for(CLIENTS_BY_ID["htmx"], seen(headers=(("hx-redirect", "/"),)))
    assert isinstance(verdict, NoVerdict)
    assert verdict.reason is Unpredicted.NOT_MODELLED


@pytest.mark.parametrize(
    ("content_type", "version", "guess"),
    [
        pytest.param("text/javascript", JQUERY_3, "script", id="3.7-guesses-script"),
        pytest.param("text/javascript", JQUERY_4, "text", id="4.0-never-guesses-script"),
        pytest.param("application/xhtml+xml", JQUERY_4, "xml", id="xml-before-html"),
        pytest.param("text/html; charset=utf-8", JQUERY_4, "html", id="html"),
        pytest.param("application/jsonp", JQUERY_4, "text", id="jsonp-is-not-json"),
        pytest.param(None, JQUERY_3, "text", id="no-content-type"),
    ],
)
def test_jquery_guess(content_type: str | None, version: str, guess: str) -> None:
    """jQuery's contents table, in its order, with its word boundaries."""
    assert jquery_guess(content_type, version) == guess


def test_seen_drops_the_body_of_head_and_bodyless_statuses() -> None:
    """The page never reads a body for HEAD or a 204, whatever the app handed its server."""
    outcome = Outcome(204, (("content-type", JSON),), b"{}")
    assert Seen.from_outcome(outcome, "", "GET").readable == b""
    outcome = Outcome(200, (("content-type", JSON),), b"{}")
    assert Seen.from_outcome(outcome, "", "head").readable == b""
    assert Seen.from_outcome(outcome, "", "GET").readable == b"{}"


def test_no_response_is_refused() -> None:
    """An outcome without a status has no Seen: the browser gets a network error instead."""
    with pytest.raises(ValueError, match="network error"):
        Seen.from_outcome(Outcome(None), "", "GET")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1", JsValue(JsKind.NUMBER, "1"), id="int-is-a-double"),
        pytest.param("1.0", JsValue(JsKind.NUMBER, "1"), id="float"),
        pytest.param(
            "9007199254740993", JsValue(JsKind.NUMBER, "9007199254740992"), id="rounded-past-2**53"
        ),
        pytest.param('{"id": 7}', JsValue(JsKind.OBJECT, '{"id": 7}'), id="integer-in-object"),
        pytest.param("1e400", JsValue(JsKind.NUMBER, "Infinity"), id="overflow-is-infinity"),
        pytest.param(
            '{"b": 1, "a": [true, null]}',
            JsValue.of({"a": [True, None], "b": 1.0}),
            id="keys-sorted",
        ),
    ],
)
def test_json_parse_gives_javascript_values(text: str, expected: JsValue) -> None:
    """JSON.parse's doubles: `1` and `1.0` are one value, big integers round."""
    parsed, value = json_parse(text)
    assert parsed
    assert JsValue.of(value) == expected


@pytest.mark.parametrize("text", ["NaN", "Infinity", "", " ", "{'a': 1}", "[1,]"])
def test_json_parse_refuses_what_javascript_refuses(text: str) -> None:
    """NaN, Infinity, empty text, single quotes and trailing commas are not JSON."""
    assert json_parse(text) == (False, None)


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        pytest.param(b"\xe9", "text/plain; charset=latin1", "\u00e9", id="latin1-label"),
        pytest.param(
            b"\x80", "text/plain; charset=iso-8859-1", "\u20ac", id="latin1-is-windows-1252"
        ),
        pytest.param(b"\x81", "text/plain; charset=iso-8859-1", "\x81", id="unassigned-byte"),
        pytest.param(b"\xff\xfea\x00", "text/plain; charset=utf-8", "a", id="bom-wins"),
        pytest.param(b"\xe9", None, "\ufffd", id="utf-8-default"),
    ],
)
def test_xhr_text_decoding(body: bytes, content_type: str | None, text: str) -> None:
    """responseText: a byte order mark, then the charset (read as the Encoding Standard
    reads its label), then UTF-8."""
    assert decode_xhr_text(body, content_type) == text


def test_observed_turns_page_values_into_js_values() -> None:
    """A page's `{kind, value}` pairs become the same records predictions hold."""
    raw = {
        "data": {"kind": "number", "value": 1},
        "events": ["a"],
        "doc": {"kind": "document", "value": None},
    }
    assert observed(raw) == {
        "data": JsValue.of(1.0).to_dict(),
        "events": ["a"],
        "doc": {"kind": "document", "json": None},
    }


def test_agrees_compares_every_field_and_only_redirected_for_redirects() -> None:
    """A verdict agrees only with an identical observation; a redirect only needs to have
    been followed."""
    verdict = verdict_for(CLIENTS_BY_ID["fetch"], FIXED)
    assert agrees(verdict, verdict.to_dict())
    assert not agrees(verdict, verdict.to_dict() | {"statusText": "changed"})
    assert agrees(FollowsRedirect(302, "/"), {"redirected": True, "status": 200})
    assert not agrees(FollowsRedirect(302, "/"), {"redirected": False})


def test_client_table_ids_are_unique_and_slugs() -> None:
    """Client ids are stable slugs: test ids, harness keys and JSON keys."""
    ids = [client.id for client in CLIENTS]
    assert len(ids) == len(set(ids))
    assert all(client_id.replace("-", "").isalnum() and client_id.islower() for client_id in ids)


def test_package_json_pins_the_versions_the_rules_are_for() -> None:
    """The client records' builds are the versions package.json and its lock file install
    (the two jQuery versions under npm aliases)."""
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    pinned = {
        a.folder: a.version if a.folder == a.package else f"npm:{a.package}@{a.version}"
        for a in ASSETS
    }
    assert manifest["dependencies"] == pinned
    installed = {name: lock[f"node_modules/{name}"]["version"] for name in manifest["dependencies"]}
    assert installed == {a.folder: a.version for a in ASSETS}
    assert (JQUERY_3, JQUERY_4, AXIOS, HTMX) == tuple(a.version for a in ASSETS)


def test_harness_runs_every_client_in_the_table_it_is_served() -> None:
    """harness.js has a runner for each library a client record names, and the table the apps
    serve it lists every client, in order, with its build and settings."""
    script = (ROOT / "shared" / "harness" / "harness.js").read_text()
    for client in CLIENTS:
        assert f"    {client.library.name}: {{" in script
    table = json.loads(client_table())
    assert [row["id"] for row in table] == [client.id for client in CLIENTS]
    assert {row["asset"] for row in table} == {a.url for a in ASSETS} | {None}
    assert {"id": "jquery3-json", "library": "jquery", "asset": ASSETS[0].url} | {
        "options": {"dataType": "json"}
    } in table


@pytest.mark.parametrize("name", ["Location", "Content-Disposition"])
def test_differing_copies_of_a_header_chromium_checks_are_a_network_error(name: str) -> None:
    """Two different Location (or Content-Disposition) values: Chromium refuses the reply,
    so every client reports a network error; two equal copies pass."""
    refused = seen(headers=((name.lower(), "/a"), (name.lower(), "/b")))
    for client in CLIENTS:
        assert verdict_for(client, refused) == NetworkError(
            client.library, f"the browser refuses a reply with two different {name}s"
        )
    same = seen(headers=((name.lower(), "/a"), (name.lower(), "/a")))
    assert all(not isinstance(verdict_for(c, same), NetworkError) for c in CLIENTS)


def _reply(result: Result, framing: Framing, status: int | None = 200) -> WireReply:
    headers = ((b"Content-Length", b"10"), (b"Content-Type", b"text/plain"))
    return WireReply(result, status, b"", b"HTTP/1.1", headers, framing, b"ok", "cut")


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        pytest.param(
            _reply(Result.REJECTED, Framing.CONTENT_LENGTH),
            "ERR_CONTENT_LENGTH_MISMATCH",
            id="content-length",
        ),
        pytest.param(
            _reply(Result.REJECTED, Framing.CHUNKED),
            "ERR_INCOMPLETE_CHUNKED_ENCODING",
            id="chunked",
        ),
        pytest.param(_reply(Result.COMPLETE, Framing.CONTENT_LENGTH), None, id="whole"),
        pytest.param(_reply(Result.REJECTED, Framing.CLOSE), None, id="until-close"),
    ],
)
def test_a_body_cut_short_on_the_wire_is_a_network_error(
    reply: WireReply, error: str | None
) -> None:
    """A reply whose head arrived and whose body the server broke off: fetch() resolves and
    its json() rejects, every other client sees a network error; a whole reply is read."""
    seen = Seen.from_reply(reply, "GET")
    assert seen.cut_short == error
    for client in CLIENTS:
        verdict = verdict_for(client, seen)
        if client.id == "fetch":
            assert verdict.to_dict()["jsonResolves"] is False
            assert verdict.to_dict()["ok"] is True
        elif error is None:
            assert not isinstance(verdict, NetworkError)
        else:
            assert verdict == NetworkError(client.library, f"the body was cut short ({error})")
