"""The browser's own `fetch()`: its one client record, and how it judges a response."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.clients.js_value import JsValue
from shared.clients.js_value import decode_utf8
from shared.clients.js_value import json_parse
from shared.clients.record import Client
from shared.clients.record import Library
from shared.clients.seen import Seen


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


def _network_error() -> dict[str, Any]:
    return {"threw": "TypeError: Failed to fetch"}


FETCH = Library("fetch", lambda client, seen: fetch_verdict(seen), _network_error, True)

CLIENTS = (Client("fetch", "fetch()", FETCH),)
