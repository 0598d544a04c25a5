"""The explorer page's rules, free of any framework: the two servers' origins, the policies
of the explorer page and of the frame each server serves it, and the verdict on two replies
the page saw (their differences, the registry entries that explain them, the findings).

`parity serve` (through `parity.servers.running`) puts both servers' origins in
ORIGINS_VARIABLE. No origin gets a CORS grant: the explorer frames a page of each server
(FRAME_PATH), which calls its own server's `/render` and reports back by `postMessage`, each
side checking the other's exact origin.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from shared.clients.advice import findings
from shared.clients.predictions import CLIENTS
from shared.divergences.layers import Layer
from shared.judgement import Versions
from shared.judgement import judge
from shared.model.anatomy import headers_items
from shared.outcome import VOLATILE_HEADERS
from shared.outcome import Outcome
from shared.probe import Probe
from shared.routes.guard import LAB_HEADER_NAMES
from shared.routes.guard import LAB_HEADERS
from shared.routes.guard import without_lab_value
from shared.routes.render import MAX_BODY_BYTES
from shared.routes.render import REFUSAL_STATUS
from shared.routes.render import RENDER_METHODS
from shared.routes.render import RenderRefusal
from shared.routes.render import read_value
from shared.scenarios import EXPLORER_PAGE

EXPLORER_PATH = EXPLORER_PAGE
"""The explorer page; both apps serve the same page."""
FRAME_PATH = "/_parity/explorer/frame"
"""`?parent=<origin>`: the page the explorer frames on each server; it runs the clients on its
own server's `/render` when the parent (and only it) asks by `postMessage`."""
CONFIG_PATH = "/_parity/explorer/origins"
"""JSON naming the Flask and the Quart server's origins, so the page can frame both."""
CHECK_PATH = "/_parity/explorer/check"
"""`?expression=`: 200 when the parser reads it, else /render's own 400 refusal document."""
EXPLAIN_PATH = "/_parity/explorer/explain"
"""POST two replies as the page saw them; JSON with differences, entries and findings."""
ORIGINS_CONFIG_KEY = "PARITY_ORIGINS"
"""The app config key holding `read_origins`' result."""
ORIGINS_VARIABLE = "PARITY_ORIGINS"
"""`flask=<origin> quart=<origin>`: the two servers started together, the only pages that may
frame FRAME_PATH and the only parents a frame answers."""
SET_ASIDE = frozenset({"connection", "keep-alive", "transfer-encoding"} | LAB_HEADER_NAMES)
"""Headers the verdict does not compare: the servers' own framing and the lab's guard's
(Date and Server are set aside by `Outcome.from_raw`)."""
MAX_EXPLAIN_BYTES = 3 * MAX_BODY_BYTES
"""Two replies and an expression; a body over this is refused unread past the limit."""
_FRAMEWORKS = ("flask", "quart")


def read_origins(text: str | None) -> dict[str, str]:
    """{"flask": origin, "quart": origin} from ORIGINS_VARIABLE's value; {} when unset or bad."""
    found: dict[str, str] = {}
    for part in (text or "").split():
        name, _, origin = part.partition("=")
        if name in _FRAMEWORKS and origin.startswith("http://") and origin.count("/") == 2:
            found[name] = origin
    return found if set(found) == set(_FRAMEWORKS) else {}


def origins_text(origins: Mapping[str, str]) -> str:
    """ORIGINS_VARIABLE's value for the two servers' origins."""
    return " ".join(f"{name}={origins[name]}" for name in _FRAMEWORKS)


_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'none'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)


def page_csp(origins: Mapping[str, str]) -> str:
    """The explorer page's Content-Security-Policy: its own scripts, fetch to its own server,
    frames of the two servers' FRAME_PATH only, and never framed itself."""
    peers = " ".join(sorted(set(origins.values()))) or "'none'"
    return f"{_POLICY}; frame-src {peers}; frame-ancestors 'none'"


def frame_parent(origins: Mapping[str, str], parent: str | None) -> str | None:
    """The origin a frame may be framed by and answer: `parent` when it is one of the two
    servers' (the explorer is served by both), else None."""
    return parent if parent is not None and parent in origins.values() else None


def frame_csp(parent: str | None) -> str:
    """The frame page's Content-Security-Policy: the explorer's, no frames of its own, and
    framed only by `parent` (by nothing when None)."""
    ancestors = parent or "'none'"
    return f"{_POLICY}; frame-src 'none'; frame-ancestors {ancestors}"


def config_document(origins: Mapping[str, str], scenarios: Sequence[Any]) -> bytes:
    """What CONFIG_PATH answers: both origins (nulls when not started as a pair), the
    catalogue's GET scenarios as seeds (id, title, return source), the headers not compared,
    the lab's own header pairs, and the client ids that send each method."""
    seeds = [
        {"id": s.id, "title": s.title, "source": s.source} for s in scenarios if s.method == "GET"
    ]
    document: dict[str, Any] = {name: origins.get(name) for name in _FRAMEWORKS}
    document["scenarios"] = seeds
    document["set_aside"] = sorted(SET_ASIDE | VOLATILE_HEADERS)
    document["lab_headers"] = [[name.lower(), value] for name, value in LAB_HEADERS]
    document["clients"] = {
        method: [client.id for client in CLIENTS if client.sends(method)]
        for method in RENDER_METHODS
    }
    return json.dumps(document).encode() + b"\n"


def _seen_outcome(reply: Any) -> Outcome:
    """An Outcome from one reply as the page's fetch saw it, the servers' framing and the lab's
    headers set aside (a header of the same name the view set itself is kept)."""
    if not isinstance(reply, dict):
        raise RenderRefusal("bad-json", "each reply must be a JSON object")
    status, reason, headers, body = (reply.get(k) for k in ("status", "reason", "headers", "body"))
    if not isinstance(status, int) or not isinstance(reason, str) or not isinstance(body, str):
        raise RenderRefusal("bad-json", "a reply needs an integer status, text reason and body")
    if not isinstance(headers, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        for pair in headers
    ):
        raise RenderRefusal("bad-json", "a reply's headers must be [name, value] text pairs")
    kept = []
    for name, value in headers:
        if name.lower() in LAB_HEADER_NAMES:
            own = without_lab_value(name, value)
            if own is not None:
                kept.append((name, own))
        elif name.lower() not in SET_ASIDE:
            kept.append((name, value))
    # fetch hands the reason phrase as statusText, "" when the server wrote none; kept as
    # written, since here it is what reached the page, not a framework's default.
    return Outcome.from_raw(status, kept, body.encode("utf-8", "surrogatepass"), reason=reason)


def explain(body: bytes, versions: Versions) -> dict[str, Any]:
    """The verdict on `{"expression", "method", "flask": reply, "quart": reply}` as the page
    saw them (the method they were sent with, GET when absent), judged by the entries that
    hold for `versions` (the app's, which reads them): each difference with the entries that
    explain it, those entries, and each side's findings."""
    if len(body) > MAX_EXPLAIN_BYTES:
        raise RenderRefusal("body-too-large", f"the request body is over {MAX_EXPLAIN_BYTES}")
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise RenderRefusal("bad-json", f"the body is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise RenderRefusal("bad-json", "the body must be a JSON object")
    value = read_value([], json.dumps({"expression": document.get("expression")}).encode())
    method = document.get("method", "GET")
    if method not in RENDER_METHODS:
        raise RenderRefusal("bad-json", f"the method must be one of {', '.join(RENDER_METHODS)}")
    flask, quart = (_seen_outcome(document.get(name)) for name in _FRAMEWORKS)
    judgement = judge(Probe(value, method), flask, quart, versions=versions, layer=Layer.WIRE)
    written = [name for name, _ in headers_items(value)]  # fetch lower-cases what it saw
    return {
        "context": judgement.context.to_dict(),
        "differences": [
            {"field": d.field, "sentence": d.sentence, "explained_by": list(d.explained_by)}
            for d in judgement.differences
        ],
        "entries": [
            {
                "id": note.id,
                "layer": note.registry,
                "title": note.title,
                "flask": dict(note.said).get("Flask", ""),
                "quart": dict(note.said).get("Quart", ""),
                "cause": note.cause,
                "ambient": note.ambient,
            }
            for note in judgement.notes
        ],
        "findings": {
            "flask": [f.to_dict() for f in findings(flask, method, written)],
            "quart": [f.to_dict() for f in findings(quart, method, written)],
        },
    }


def check_answer(query: Sequence[str]) -> tuple[int, bytes]:
    """CHECK_PATH's status and JSON body: what /render's parser makes of the expression."""
    try:
        read_value(query, b"")
    except RenderRefusal as refusal:
        return REFUSAL_STATUS, refusal.document()
    return 200, b'{"ok": true}\n'


def explain_answer(body: bytes, versions: Versions) -> tuple[int, bytes]:
    """EXPLAIN_PATH's status and JSON body: 200 with the verdict, or 400 with the refusal."""
    try:
        return 200, json.dumps(explain(body, versions)).encode() + b"\n"
    except RenderRefusal as refusal:
        return REFUSAL_STATUS, refusal.document()
