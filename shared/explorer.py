"""The explorer page's rules, free of any framework: which two origins may call each other,
the CORS headers they get, the page's Content-Security-Policy, and the verdict on two replies
the page saw (their differences, the registry entries that explain them, the findings).

`parity serve` (through `parity.servers.running`) puts both servers' origins in
ORIGINS_VARIABLE; an origin not named there gets no CORS grant at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from shared.divergences import DIVERGENCES
from shared.divergences import explaining
from shared.findings import findings
from shared.outcome import VOLATILE_HEADERS
from shared.outcome import Difference
from shared.outcome import Outcome
from shared.outcome import diff
from shared.probe import Probe
from shared.render import MAX_BODY_BYTES
from shared.render import REFUSAL_STATUS
from shared.render import RenderRefusal
from shared.render import read_value
from shared.wire_divergences import WIRE_DIVERGENCES
from shared.wire_divergences import WireDivergence

EXPLORER_PATH = "/_parity/explorer"
"""The explorer page; both apps serve the same page."""
CONFIG_PATH = "/_parity/explorer/origins"
"""JSON naming the Flask and the Quart server's origins, so the page can call both."""
CHECK_PATH = "/_parity/explorer/check"
"""`?expression=`: 200 when the parser reads it, else /render's own 400 refusal document."""
EXPLAIN_PATH = "/_parity/explorer/explain"
"""POST two replies as the page saw them; JSON with differences, entries and findings."""
ORIGINS_CONFIG_KEY = "PARITY_ORIGINS"
"""The app config key holding `read_origins`' result."""
ORIGINS_VARIABLE = "PARITY_ORIGINS"
"""`flask=<origin> quart=<origin>`: the two servers started together, and the only origins
that get CORS grants."""
CORS_PATHS = ("/render",)
"""The paths a page on the other server may call (it asks its own server for the verdict)."""
SET_ASIDE = frozenset(
    {"access-control-allow-origin", "access-control-expose-headers", "connection", "keep-alive"}
    | {"transfer-encoding"}
)
"""Headers the verdict does not compare: the CORS grant and the servers' own framing (Date
and Server are set aside by `Outcome.from_raw`)."""
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


def cors_headers(
    origins: Mapping[str, str], origin: str | None, path: str
) -> list[tuple[str, str]]:
    """The headers a reply to `origin` on `path` gets: a grant for exactly that origin when it
    is one of the two servers' and the path is one the explorer calls; nothing otherwise."""
    if origin is None or origin not in origins.values() or path not in CORS_PATHS:
        return []
    # No Vary: Origin. The grant is added only to the two loopback servers' own pages, with
    # no shared cache between them, and Vary would change the reply the page compares.
    return [("Access-Control-Allow-Origin", origin), ("Access-Control-Expose-Headers", "*")]


def preflight_headers(
    origins: Mapping[str, str], origin: str | None, path: str, requested: str | None
) -> list[tuple[str, str]] | None:
    """The answer to a CORS preflight (OPTIONS with Access-Control-Request-Method) from one of
    the two origins, else None: the request goes on to the view as any OPTIONS does."""
    granted = cors_headers(origins, origin, path)
    if requested is None or not granted:
        return None
    return [
        *granted[:1],
        ("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, PATCH"),
        ("Access-Control-Allow-Headers", "*"),
        ("Access-Control-Max-Age", "60"),
    ]


def page_csp(origins: Mapping[str, str]) -> str:
    """The explorer page's Content-Security-Policy: the harness's, plus fetch and XHR to the
    two servers' origins and nothing else."""
    peers = " ".join(sorted(set(origins.values())))
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'none'; "
        f"connect-src 'self' {peers}".rstrip()
        + "; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def config_document(origins: Mapping[str, str], scenarios: Sequence[Any]) -> bytes:
    """What CONFIG_PATH answers: both origins (nulls when not started as a pair) and the
    catalogue's GET scenarios as seeds (id, title, return source)."""
    seeds = [
        {"id": s.id, "title": s.title, "source": s.source} for s in scenarios if s.method == "GET"
    ]
    document: dict[str, Any] = {name: origins.get(name) for name in _FRAMEWORKS}
    document["scenarios"] = seeds
    document["set_aside"] = sorted(SET_ASIDE | VOLATILE_HEADERS)
    return json.dumps(document).encode() + b"\n"


def _seen_outcome(reply: Any) -> Outcome:
    """An Outcome from one reply as the page's fetch saw it, CORS grants set aside."""
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
    kept = [(name, value) for name, value in headers if name.lower() not in SET_ASIDE]
    # fetch hands the reason phrase as statusText, "" when the server wrote none; kept as
    # written, since here it is what reached the page, not a framework's default.
    return Outcome.from_raw(status, kept, body.encode("utf-8", "surrogatepass"), reason=reason)


def _wire_accounts_for(entry: WireDivergence, probe: Probe, difference: Difference) -> bool:
    """Whether a server-side entry covers the probe and the field: a reason phrase by an entry
    that records what servers write there, anything else by the entry's own fields."""
    if not entry.covers(probe):
        return False
    if difference.field == "reason":
        return any(sends.reason is not None for sends in entry.sends.values())
    kind = difference.field.partition(":")[0]
    return ("headers" if kind == "header" else kind) in entry.fields


def explain(body: bytes) -> dict[str, Any]:
    """The verdict on `{"expression", "flask": reply, "quart": reply}` as the page saw them
    (GET): each difference with the entry that explains it, and each side's findings."""
    if len(body) > MAX_EXPLAIN_BYTES:
        raise RenderRefusal("body-too-large", f"the request body is over {MAX_EXPLAIN_BYTES}")
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise RenderRefusal("bad-json", f"the body is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise RenderRefusal("bad-json", "the body must be a JSON object")
    value = read_value([], json.dumps({"expression": document.get("expression")}).encode())
    flask, quart = (_seen_outcome(document.get(name)) for name in _FRAMEWORKS)
    probe = Probe(value, "GET")
    differences = diff(flask, quart)
    entries = explaining(probe, flask, quart, differences, DIVERGENCES)
    explained = [
        [e.id for e in entries if e.accounts_for(d)]
        + [w.id for w in WIRE_DIVERGENCES if _wire_accounts_for(w, probe, d)]
        for d in differences
    ]
    named = {entry_id for ids in explained for entry_id in ids}
    wire = [w for w in WIRE_DIVERGENCES if w.id in named]
    return {
        "differences": [
            {"field": d.field, "sentence": d.sentence, "explained_by": ids}
            for d, ids in zip(differences, explained, strict=True)
        ],
        "entries": [
            {
                "id": e.id,
                "layer": "app boundary",
                "title": e.title,
                "flask": e.flask,
                "quart": e.quart,
                "cause": e.cause,
            }
            for e in entries
        ]
        + [
            {
                "id": w.id,
                "layer": "wire",
                "title": w.title,
                "flask": "",
                "quart": "",
                "cause": w.cause,
            }
            for w in wire
        ],
        "findings": {
            "flask": [f.to_dict() for f in findings(flask, "GET")],
            "quart": [f.to_dict() for f in findings(quart, "GET")],
        },
    }


def check_answer(query: Sequence[str]) -> tuple[int, bytes]:
    """CHECK_PATH's status and JSON body: what /render's parser makes of the expression."""
    try:
        read_value(query, b"")
    except RenderRefusal as refusal:
        return REFUSAL_STATUS, refusal.document()
    return 200, b'{"ok": true}\n'


def explain_answer(body: bytes) -> tuple[int, bytes]:
    """EXPLAIN_PATH's status and JSON body: 200 with the verdict, or 400 with the refusal."""
    try:
        return 200, json.dumps(explain(body)).encode() + b"\n"
    except RenderRefusal as refusal:
        return REFUSAL_STATUS, refusal.document()
