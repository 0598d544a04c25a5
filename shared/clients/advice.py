"""Findings a person should read about one response: what an AJAX client will trip over, in
plain words, with the fix. Framework-free and I/O-free; worked out from the app's outcome."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shared.clients.js_value import decode_utf8
from shared.clients.js_value import json_parse
from shared.clients.seen import NULL_BODY_STATUSES
from shared.clients.seen import REDIRECT_STATUSES
from shared.outcome import Outcome

STANDARD_HEADERS = frozenset(
    {
        "accept-ranges",
        "access-control-allow-credentials",
        "access-control-allow-headers",
        "access-control-allow-methods",
        "access-control-allow-origin",
        "access-control-expose-headers",
        "access-control-max-age",
        "age",
        "allow",
        "cache-control",
        "clear-site-data",
        "connection",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-range",
        "content-security-policy",
        "content-type",
        "cross-origin-embedder-policy",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "date",
        "etag",
        "expires",
        "last-modified",
        "link",
        "location",
        "permissions-policy",
        "referrer-policy",
        "refresh",
        "retry-after",
        "server",
        "server-timing",
        "set-cookie",
        "strict-transport-security",
        "trailer",
        "transfer-encoding",
        "vary",
        "via",
        "www-authenticate",
        "x-content-type-options",
        "x-frame-options",
        # htmx 2's response headers
        "hx-location",
        "hx-push-url",
        "hx-redirect",
        "hx-refresh",
        "hx-replace-url",
        "hx-reselect",
        "hx-reswap",
        "hx-retarget",
        "hx-trigger",
        "hx-trigger-after-settle",
        "hx-trigger-after-swap",
    }
)
"""Response header names, lower-cased, that a near miss is measured against."""

ERROR_KEYS = ("error", "errors", "err", "error_message", "errormessage")
"""Keys whose truthy value in a JSON object marks it as an error payload."""


@dataclass(frozen=True)
class ClientFinding:
    """One thing wrong for an AJAX caller: a stable id, what happens, and the fix."""

    id: str
    title: str
    detail: str
    fix: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {"id": self.id, "title": self.title, "detail": self.detail, "fix": self.fix}


def findings(
    outcome: Outcome, method: str, written: Iterable[str] = ()
) -> tuple[ClientFinding, ...]:
    """Every finding for an app's outcome to a request with `method`, in a fixed order; a
    header is quoted as `written` (the names in the user's source) spells it, else as sent."""
    if outcome.status is None:
        return ()
    spellings = (*written, *outcome.spelled)
    found = [near_miss_header(_as_written(name, spellings)) for name, _ in outcome.headers]
    found += [
        _json_as_html(outcome, method),
        _error_payload(outcome, method),
        _redirect(outcome),
        _bodyless_with_body(outcome),
    ]
    unique = {finding.id + finding.title: finding for finding in found if finding is not None}
    return tuple(unique.values())


def _as_written(name: str, spellings: Iterable[str]) -> str:
    """The first of `spellings` that is `name` but for case, else `name` itself."""
    return next((spelled for spelled in spellings if spelled.lower() == name.lower()), name)


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            )
        previous = current
    return previous[-1]


def near_miss_of(name: str) -> str | None:
    """The standard header `name` nearly spells (`ContentType`, `Content_Type`,
    `content-typ`), or None for a standard name or one that is not close to any."""
    lowered = name.lower()
    if lowered in STANDARD_HEADERS:
        return None
    squashed = _squash(lowered)
    for standard in sorted(STANDARD_HEADERS):
        if squashed == _squash(standard):
            return standard
    # A custom `X-` header is its own name, not a slip of the standard one it extends.
    custom = lowered.startswith("x-")
    for standard in sorted(STANDARD_HEADERS):
        if standard.startswith("x-") != custom:
            continue
        allowed = 1 if len(standard) <= 6 else 2
        # The length gap is a lower bound of the distance: long names cost nothing.
        if abs(len(lowered) - len(standard)) <= allowed and _distance(lowered, standard) <= allowed:
            return standard
    return None


def _title_case(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


def near_miss_header(name: str) -> ClientFinding | None:
    """A header whose name is a near miss of a standard one; browsers treat it as unknown."""
    standard = near_miss_of(name)
    if standard is None:
        return None
    proper = _title_case(standard)
    detail = (
        f"The response sends a header named {name!r}. Browsers and client libraries only act "
        f"on {proper}, so this header is ignored"
    )
    if standard == "content-type":
        detail += " and the response keeps the Content-Type it already had (text/html for a str)"
    return ClientFinding(
        "near-miss-header",
        f"header {name!r} is not {proper}",
        detail + ".",
        f"Spell it {proper!r}; for the media type, return jsonify(...) or a dict, or pass "
        f"mimetype= to Response."
        if standard == "content-type"
        else f"Spell it {proper!r}.",
    )


def _media_type(outcome: Outcome) -> str:
    return (outcome.content_type or "").split(";")[0].strip().lower()


def _is_json_media(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


def _parsed_body(outcome: Outcome, method: str) -> tuple[bool, Any]:
    if method.upper() == "HEAD" or outcome.status in NULL_BODY_STATUSES:
        return False, None
    return json_parse(decode_utf8(outcome.body))


def _json_as_html(outcome: Outcome, method: str) -> ClientFinding | None:
    parsed, value = _parsed_body(outcome, method)
    media = _media_type(outcome)
    if not parsed or not isinstance(value, dict | list) or _is_json_media(media):
        return None
    served = media or "no Content-Type"
    return ClientFinding(
        "json-not-labelled-json",
        f"JSON text served as {served}",
        f"The body is JSON, but the response says {served}. jQuery's default guess hands the "
        f"success callback a string, not an object; fetch's response.json() and axios parse it "
        f"anyway, so the same endpoint behaves differently per client.",
        "Return jsonify(...) or a dict (both frameworks then send application/json), or set "
        "the 'Content-Type: application/json' header.",
    )


def _error_payload(outcome: Outcome, method: str) -> ClientFinding | None:
    if outcome.status is None or not 200 <= outcome.status < 300:
        return None
    parsed, value = _parsed_body(outcome, method)
    if not parsed or not isinstance(value, dict):
        return None
    keys = [key for key in ERROR_KEYS if value.get(key)]
    failed = value.get("success") is False or value.get("ok") is False
    if not keys and not failed and value.get("status") not in ("error", "fail", "failed"):
        return None
    named = f"{keys[0]!r}" if keys else "a failure flag"
    return ClientFinding(
        "error-payload-2xx",
        f"a {outcome.status} whose JSON body reports an error",
        f"The body carries {named}, but the status is {outcome.status}: jQuery calls success, "
        f"axios resolves and fetch's response.ok is true, so error handlers never run.",
        "Return the error with a 4xx or 5xx status, e.g. `return jsonify(error=...), 400`.",
    )


def _redirect(outcome: Outcome) -> ClientFinding | None:
    location = outcome.header("location")
    if outcome.status not in REDIRECT_STATUSES or location is None:
        return None
    return ClientFinding(
        "redirect-to-xhr",
        f"a {outcome.status} redirect, which AJAX calls follow silently",
        f"fetch() and XMLHttpRequest (jQuery, axios, htmx) follow the redirect to {location!r} "
        f"before your code runs: the callback sees that page's answer (often a 200 HTML page, "
        f"so success fires), never the {outcome.status}.",
        "For requests made by scripts, answer with a status the script can act on, e.g. "
        "`jsonify(error=...), 401`, as the seed's admin_required does on /api/ routes.",
    )


def _bodyless_with_body(outcome: Outcome) -> ClientFinding | None:
    if outcome.status not in (204, 304) or not outcome.body:
        return None
    return ClientFinding(
        "body-on-bodyless-status",
        f"a {outcome.status} with a {len(outcome.body)}-byte body",
        f"HTTP allows no body on a {outcome.status}: browsers never show it to a client, and a "
        f"server may send it anyway and break the connection's framing.",
        f"Return an empty body with {outcome.status}, or use 200 when there is content.",
    )
