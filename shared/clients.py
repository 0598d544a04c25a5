"""What the browser's AJAX clients do with a response, predicted as data.

For one response as the browser receives it (`Seen`: method, status, the reason phrase the
server wrote, headers, body) each client in `CLIENTS` gets a verdict: `fetch()`, jQuery's
`$.ajax` 3.7 and 4.0 (with its own guess from Content-Type, and with `dataType: "json"`),
axios 1.x and htmx 2.0. Every rule comes from the pinned library's source; the README names
the files. Framework-free and I/O-free: the browser tests check each verdict against Chromium.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from shared.clients_js import JsKind
from shared.clients_js import JsValue
from shared.clients_js import decode_utf8
from shared.clients_js import decode_xhr_text
from shared.clients_js import json_parse
from shared.clients_js import xml_parses
from shared.http.wire_reply import WireReply
from shared.outcome import Outcome

NULL_BODY_STATUSES = frozenset({101, 103, 204, 205, 304})
"""Statuses whose response the Fetch standard gives no body, whatever the server sent."""
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
"""Statuses `fetch()` and XMLHttpRequest follow on their own when a Location comes with them."""

JQUERY_3 = "3.7.1"
JQUERY_4 = "4.0.0"
AXIOS = "1.21.1"
HTMX = "2.0.11"
"""The versions package.json pins; the tests hold the two in step."""


class Library(enum.Enum):
    """A client library (or the browser's own `fetch`)."""

    FETCH = "fetch"
    JQUERY = "jquery"
    AXIOS = "axios"
    HTMX = "htmx"


class JQueryMode(enum.Enum):
    """How a `$.ajax` call says what data it wants."""

    GUESS = "guess"
    """No `dataType`: jQuery picks a converter from the Content-Type."""
    JSON = "json"
    """`dataType: "json"`: the text always goes through `JSON.parse`."""


@dataclass(frozen=True)
class Client:
    """One client as the harness runs it: a stable id, the library, its version, and how."""

    id: str
    library: Library
    version: str
    title: str
    mode: JQueryMode | None = None
    methods: frozenset[str] | None = None
    """The request methods it can send; None for any."""

    def sends(self, method: str) -> bool:
        """Whether this client can make a request with `method`."""
        return self.methods is None or method.upper() in self.methods


HTMX_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
"""htmx 2's VERBS: the only methods its hx-* attributes issue."""

CLIENTS: tuple[Client, ...] = (
    Client("fetch", Library.FETCH, "browser", "fetch()"),
    Client("jquery3-guess", Library.JQUERY, JQUERY_3, "jQuery 3.7 $.ajax", JQueryMode.GUESS),
    Client("jquery3-json", Library.JQUERY, JQUERY_3, "jQuery 3.7 dataType json", JQueryMode.JSON),
    Client("jquery4-guess", Library.JQUERY, JQUERY_4, "jQuery 4.0 $.ajax", JQueryMode.GUESS),
    Client("jquery4-json", Library.JQUERY, JQUERY_4, "jQuery 4.0 dataType json", JQueryMode.JSON),
    Client("axios", Library.AXIOS, AXIOS, "axios"),
    Client("htmx", Library.HTMX, HTMX, "htmx hx-get/htmx.ajax", methods=HTMX_METHODS),
)
CLIENTS_BY_ID: Mapping[str, Client] = MappingProxyType({c.id: c for c in CLIENTS})


@dataclass(frozen=True)
class Seen:
    """A response as the browser receives it, before any client library looks at it.

    `reason` is the reason phrase exactly as the server wrote it ("" when it wrote none, as
    Hypercorn does). Header names are lower-cased. `body` is what the app sent; `readable`
    is what a page can read of it.
    """

    method: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    cut_short: str | None = None
    """The error Chromium reports when the connection closed before the end of the body the
    head announced (`ERR_CONTENT_LENGTH_MISMATCH`, `ERR_INCOMPLETE_CHUNKED_ENCODING`); None
    for a whole reply. `fetch()` resolves with the head, then reading the body rejects; the
    XMLHttpRequest clients see a network error."""

    @classmethod
    def from_outcome(cls, outcome: Outcome, reason: str, method: str) -> Seen:
        """What reaches the browser for an app's outcome, given the phrase its server wrote.

        The caller checks that a response started (`outcome.status` is not None).
        """
        if outcome.status is None:
            raise ValueError("no response started, so the browser sees a network error")
        return cls(method.upper(), outcome.status, reason, outcome.headers, outcome.body)

    @classmethod
    def from_reply(cls, reply: WireReply, method: str) -> Seen:
        """What reaches the browser for a reply read off the wire, a body cut short included.

        The caller checks that a head arrived (`reply.status` is not None)."""
        seen = cls.from_outcome(reply.to_outcome(), reply.reason.decode("latin-1"), method)
        return replace(seen, cut_short=reply.browser_error)

    @property
    def readable(self) -> bytes:
        """The body a page can read: none for HEAD and for the statuses that have none."""
        if self.method == "HEAD" or self.status in NULL_BODY_STATUSES:
            return b""
        return self.body

    def header(self, name: str) -> str | None:
        """A header as `getResponseHeader` and `Headers.get` give it: every value joined by
        ", ", or None when absent."""
        wanted = name.lower()
        values = [value.strip(" \t") for key, value in self.headers if key == wanted]
        return ", ".join(values) if values else None

    @property
    def refused_header(self) -> str | None:
        """The first of REFUSED_WHEN_REPEATED sent with differing values, or None."""
        for name in REFUSED_WHEN_REPEATED:
            values = {value for key, value in self.headers if key == name}
            if len(values) > 1:
                return name.title()
        return None

    @property
    def redirect_location(self) -> str | None:
        """The Location the browser follows before any client sees this response, or None.
        An empty Location is no redirect: Chromium's HttpResponseHeaders::IsRedirect requires
        a non-empty value, so the clients see the 3xx itself (found by the /render sample)."""
        if self.status not in REDIRECT_STATUSES:
            return None
        location = self.header("location")
        return location if location and location.strip() else None

    @property
    def xhr_text(self) -> str:
        """`XMLHttpRequest.responseText`."""
        return decode_xhr_text(self.readable, self.header("content-type"))


@dataclass(frozen=True)
class FetchVerdict:
    """`const r = await fetch(url)`: `r.ok`, `r.status`, `r.statusText`,
    `r.headers.get("content-type")`, and whether `await r.json()` resolves, to what."""

    ok: bool
    status: int
    status_text: str
    content_type: str | None
    json_resolves: bool
    json: JsValue

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for fetch."""
        return {
            "redirected": False,
            "ok": self.ok,
            "status": self.status,
            "statusText": self.status_text,
            "contentType": self.content_type,
            "jsonResolves": self.json_resolves,
            "json": self.json.to_dict(),
        }

    def summary(self) -> str:
        """One line a person reads."""
        parsed = f"json() -> {self.json.describe()}" if self.json_resolves else "json() rejects"
        ok = "ok" if self.ok else "not ok"
        return f"{ok}, status {self.status} {self.status_text!r}, {parsed}"


@dataclass(frozen=True)
class JQueryVerdict:
    """`$.ajax(...)`: which callback fires, its `textStatus`, the data (success) or
    `errorThrown` (error), and the jqXHR's `status`, `statusText` and `responseJSON`."""

    callback: str
    text_status: str
    data: JsValue
    error_thrown: str | None
    status: int
    status_text: str
    response_json: JsValue

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for a jQuery call."""
        return {
            "redirected": False,
            "callback": self.callback,
            "textStatus": self.text_status,
            "data": self.data.to_dict(),
            "errorThrown": self.error_thrown,
            "status": self.status,
            "statusText": self.status_text,
            "responseJSON": self.response_json.to_dict(),
        }

    def summary(self) -> str:
        """One line a person reads."""
        if self.callback == "success":
            return f"success({self.text_status!r}), data is {self.data.describe()}"
        extra = f", responseJSON {self.response_json.describe()}"
        if self.response_json.kind is JsKind.UNDEFINED:
            extra = ""
        return f"error({self.text_status!r}, errorThrown {self.error_thrown!r}){extra}"


@dataclass(frozen=True)
class AxiosVerdict:
    """`axios.request(...)`: resolved or rejected (default `validateStatus`: 2xx), the error
    code when rejected, and `response.data` (parsed from JSON-looking text whatever the
    Content-Type)."""

    settled: str
    code: str | None
    status: int
    status_text: str
    data: JsValue

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for axios."""
        return {
            "redirected": False,
            "settled": self.settled,
            "code": self.code,
            "status": self.status,
            "statusText": self.status_text,
            "data": self.data.to_dict(),
        }

    def summary(self) -> str:
        """One line a person reads."""
        how = self.settled if self.code is None else f"{self.settled} ({self.code})"
        return f"{how}, response.data is {self.data.describe()}"


HTMX_EVENTS = ("htmx:beforeSwap", "htmx:afterSwap", "htmx:responseError", "htmx:sendError")
"""The htmx events the harness records, in the order htmx fires them."""


@dataclass(frozen=True)
class HtmxVerdict:
    """`htmx.ajax(method, url, {target})`, as `hx-get` runs it: whether the body is swapped
    into the target, and which of `HTMX_EVENTS` fire."""

    swapped: bool
    events: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for htmx."""
        return {"redirected": False, "swapped": self.swapped, "events": list(self.events)}

    def summary(self) -> str:
        """One line a person reads."""
        swapped = "swaps the body into the target" if self.swapped else "does not swap"
        return f"{swapped}; fires {', '.join(self.events)}"


@dataclass(frozen=True)
class FollowsRedirect:
    """The browser follows the redirect before the client sees it: the client reports the
    target's answer, which this response does not tell."""

    status: int
    location: str

    def to_dict(self) -> dict[str, Any]:
        """Only what is known: the client's response comes from another URL."""
        return {"redirected": True}

    def summary(self) -> str:
        """One line a person reads."""
        return f"follows the {self.status} to {self.location!r} silently; sees that answer"


REFUSED_WHEN_REPEATED = ("location", "content-disposition")
"""Headers whose differing copies make Chromium refuse the whole reply as a network error
(net/http/http_stream_parser.cc, `HeadersContainMultipleCopiesOfField`:
ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION and ..._CONTENT_DISPOSITION); equal copies pass."""


@dataclass(frozen=True)
class NetworkError:
    """The browser refuses the reply before any client sees it: each client reports the
    network failure it reports for an unreachable server."""

    library: Library
    cause: str
    """Why the browser refused it, as a person reads it."""

    def to_dict(self) -> dict[str, Any]:
        """What the harness reports for this library on a network error."""
        undefined = JsValue.undefined().to_dict()
        if self.library is Library.FETCH:
            return {"threw": "TypeError: Failed to fetch"}
        if self.library is Library.JQUERY:
            # jqXHR status 0; statusText falls back to textStatus; errorThrown is "".
            return {
                "redirected": False,
                "callback": "error",
                "textStatus": "error",
                "data": undefined,
                "errorThrown": "",
                "status": 0,
                "statusText": "error",
                "responseJSON": undefined,
            }
        if self.library is Library.AXIOS:
            return {
                "redirected": False,
                "settled": "rejected",
                "code": "ERR_NETWORK",
                "status": 0,
                "statusText": "",
                "data": undefined,
            }
        return {"redirected": False, "swapped": False, "events": ["htmx:sendError"]}

    def summary(self) -> str:
        """One line a person reads."""
        return f"network error: {self.cause}"


class Unpredicted(enum.Enum):
    """Why a client has no verdict."""

    NOT_SENT = "not sent"
    """The client does not make this request (htmx's attributes have no HEAD)."""
    NOT_MODELLED = "not predicted"
    """The response asks for something this module does not model (htmx's HX-Redirect...)."""


@dataclass(frozen=True)
class NoVerdict:
    """No prediction for this client, and why."""

    reason: Unpredicted
    why: str

    def to_dict(self) -> dict[str, Any]:
        """No observation to compare: only the reason."""
        return {"predicted": False, "reason": self.reason.value}

    def summary(self) -> str:
        """One line a person reads."""
        return f"{self.reason.value}: {self.why}"


ClientVerdict = (
    FetchVerdict
    | JQueryVerdict
    | AxiosVerdict
    | HtmxVerdict
    | FollowsRedirect
    | NetworkError
    | NoVerdict
)


@dataclass(frozen=True)
class Prediction:
    """One client's verdict for one response."""

    client: Client
    verdict: ClientVerdict

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: client id, one-line summary, and the verdict's fields."""
        return {
            "client": self.client.id,
            "summary": self.verdict.summary(),
            "verdict": self.verdict.to_dict(),
        }


def predict(seen: Seen) -> tuple[Prediction, ...]:
    """Every client's verdict for one response, in `CLIENTS` order."""
    return tuple(Prediction(client, verdict_for(client, seen)) for client in CLIENTS)


def verdict_for(client: Client, seen: Seen) -> ClientVerdict:
    """One client's verdict for one response."""
    if not client.sends(seen.method):
        methods = ", ".join(sorted(client.methods or ()))
        return NoVerdict(Unpredicted.NOT_SENT, f"{client.title} sends only {methods}")
    refused = seen.refused_header
    if refused is not None:
        return NetworkError(
            client.library, f"the browser refuses a reply with two different {refused}s"
        )
    location = seen.redirect_location
    if location is not None:
        return FollowsRedirect(seen.status, location)
    if seen.cut_short is not None and client.library is not Library.FETCH:
        return NetworkError(client.library, f"the body was cut short ({seen.cut_short})")
    if client.library is Library.FETCH:
        return fetch_verdict(seen)
    if client.library is Library.JQUERY:
        assert client.mode is not None
        return jquery_verdict(seen, client.version, client.mode)
    if client.library is Library.AXIOS:
        return axios_verdict(seen)
    return htmx_verdict(seen)


def fetch_verdict(seen: Seen) -> FetchVerdict:
    """`fetch()`: ok is 200-299; `json()` decodes UTF-8 and parses, whatever the Content-Type
    or status, and rejects on an empty body (HEAD, 204, 304 read as empty)."""
    # A body cut short: the promise resolved with the head, reading the body rejects.
    parsed, value = (False, None) if seen.cut_short else json_parse(decode_utf8(seen.readable))
    return FetchVerdict(
        ok=200 <= seen.status <= 299,
        status=seen.status,
        status_text=seen.reason,
        content_type=seen.header("content-type"),
        json_resolves=parsed,
        json=JsValue.of(value) if parsed else JsValue.undefined(),
    )


# jQuery's `contents` table, tried in this order against the raw Content-Type value (the
# regular expressions are case-sensitive). 3.x also has `script` (src/ajax/script.js); 4.0
# dropped it so that a script only runs when `dataType: "script"` asks for it (gh-2432).
_JQUERY_CONTENTS = (
    ("xml", re.compile(r"\bxml\b", re.ASCII)),
    ("html", re.compile(r"\bhtml", re.ASCII)),
    ("json", re.compile(r"\bjson\b", re.ASCII)),
)
_JQUERY_3_SCRIPT = ("script", re.compile(r"\b(?:java|ecma)script\b", re.ASCII))


def jquery_guess(content_type: str | None, version: str) -> str:
    """The dataType jQuery infers from a Content-Type: xml, html, json, script (3.x), or text
    when nothing matches."""
    contents: tuple[tuple[str, re.Pattern[str]], ...] = _JQUERY_CONTENTS
    if version.startswith("3."):
        contents = (*contents, _JQUERY_3_SCRIPT)
    if content_type:
        for data_type, pattern in contents:
            if pattern.search(content_type):
                return data_type
    return "text"


def _jquery_convert(data_type: str, text: str) -> tuple[bool, JsValue, str | None]:
    """ajaxConvert from text to `data_type`: (converted, data, name of what was thrown)."""
    if data_type == "json":
        parsed, value = json_parse(text)
        return (
            (True, JsValue.of(value), None)
            if parsed
            else (False, JsValue.undefined(), "SyntaxError")
        )
    if data_type == "xml":
        if not text:
            # jQuery.parseXML returns null for an empty string instead of parsing it.
            return True, JsValue(JsKind.NULL, "null"), None
        if xml_parses(text):
            return True, JsValue(JsKind.DOCUMENT), None
        return False, JsValue.undefined(), "Error"
    # text, html, and 3.x's script (its converter evaluates the text, then returns it).
    return True, JsValue.of(text), None


def jquery_verdict(seen: Seen, version: str, mode: JQueryMode) -> JQueryVerdict:
    """`$.ajax` (src/ajax.js `done`): 2xx and 304 are success; 204 and HEAD are "nocontent"
    and 304 "notmodified" without data; otherwise the converted data, or "parsererror" when
    conversion throws. Any other status is "error" with the server's reason as errorThrown.
    jqXHR.statusText is the server's reason, or the textStatus when the reason is empty."""
    data_type = (
        "json" if mode is JQueryMode.JSON else jquery_guess(seen.header("content-type"), version)
    )
    converted, data, thrown = _jquery_convert(data_type, seen.xhr_text)
    # The conversion runs whatever the status, so responseJSON is set on errors too.
    response_json = data if data_type == "json" and converted else JsValue.undefined()
    status = seen.status
    if 200 <= status < 300 or status == 304:
        if status == 204 or seen.method == "HEAD":
            callback, text_status, data, thrown = "success", "nocontent", JsValue.undefined(), None
        elif status == 304:
            callback, text_status, data, thrown = (
                "success",
                "notmodified",
                JsValue.undefined(),
                None,
            )
        elif converted:
            callback, text_status = "success", "success"
        else:
            callback, text_status = "error", "parsererror"
    else:
        callback, text_status, data, thrown = "error", "error", JsValue.undefined(), seen.reason
    return JQueryVerdict(
        callback=callback,
        text_status=text_status,
        data=data if callback == "success" else JsValue.undefined(),
        error_thrown=thrown,
        status=status,
        status_text=seen.reason or text_status,
        response_json=response_json,
    )


def axios_verdict(seen: Seen) -> AxiosVerdict:
    """axios in a browser (xhr adapter, lib/defaults/index.js, lib/core/settle.js): resolves
    for 2xx, else rejects with ERR_BAD_REQUEST (4xx) or ERR_BAD_RESPONSE; `data` is
    `JSON.parse(responseText)` when that succeeds (forcedJSONParsing), else the text."""
    text = seen.xhr_text
    parsed, value = json_parse(text) if text else (False, None)
    data = JsValue.of(value) if parsed else JsValue.of(text)
    resolved = 200 <= seen.status < 300
    code = None
    if not resolved:
        code = "ERR_BAD_REQUEST" if 400 <= seen.status < 500 else "ERR_BAD_RESPONSE"
    return AxiosVerdict(
        settled="resolved" if resolved else "rejected",
        code=code,
        status=seen.status,
        status_text=seen.reason,
        data=data,
    )


_HTMX_CONTROL_HEADERS = ("hx-location", "hx-redirect", "hx-refresh", "hx-retarget", "hx-reswap")


def htmx_verdict(seen: Seen) -> HtmxVerdict | NoVerdict:
    """htmx 2 (handleAjaxResponse with the default responseHandling): 204 does not swap,
    2xx and 3xx swap, 4xx and 5xx do not swap and fire htmx:responseError."""
    controls = [name for name in _HTMX_CONTROL_HEADERS if seen.header(name) is not None]
    if controls:
        return NoVerdict(Unpredicted.NOT_MODELLED, f"htmx obeys the {controls[0]} header")
    code = str(seen.status)
    swap, error = False, False
    if code == "204":
        swap = False
    elif re.search("[23]..", code):
        swap = True
    elif re.search("[45]..", code):
        error = True
    events = ["htmx:beforeSwap"]
    if swap:
        events.append("htmx:afterSwap")
    if error:
        events.append("htmx:responseError")
    return HtmxVerdict(swapped=swap, events=tuple(events))


def observed(raw: Any) -> Any:
    """A harness report made comparable with `to_dict()`: every `{kind, value}` a page sent
    for a JavaScript value becomes `JsValue.to_dict()`; everything else is kept."""
    if isinstance(raw, dict):
        if set(raw) == {"kind", "value"}:
            return JsValue.from_page(raw["kind"], raw["value"]).to_dict()
        return {key: observed(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [observed(item) for item in raw]
    return raw


def agrees(verdict: ClientVerdict, observation: Mapping[str, Any]) -> bool:
    """Whether what a client did in the browser is what the verdict says: every field equal,
    or, for a followed redirect, only that the response came from another URL."""
    if isinstance(verdict, FollowsRedirect):
        return observation.get("redirected") is True
    return dict(observation) == verdict.to_dict()
