"""What the browser's AJAX clients do with a response, predicted as data.

For one response as the browser receives it (`Seen`: method, status, the reason phrase the
server wrote, headers, body) each client in `CLIENTS` gets a verdict: `fetch()`, jQuery's
`$.ajax` 3.7 and 4.0 (with its own guess from Content-Type, and with `dataType: "json"`),
axios 1.x and htmx 2.0. Each client is one record in its library's module (`fetch`, `jquery`,
`axios`, `htmx`), whose rules come from the pinned library's source; the README names the
files. Framework-free and I/O-free: the browser tests check each verdict against Chromium.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from shared.clients import axios
from shared.clients import fetch
from shared.clients import htmx
from shared.clients import jquery
from shared.clients.js_value import JsValue
from shared.clients.record import Client
from shared.clients.record import ClientVerdict
from shared.clients.record import FollowsRedirect
from shared.clients.record import NetworkError
from shared.clients.record import NoVerdict
from shared.clients.record import Unpredicted
from shared.clients.seen import Seen

CLIENTS: tuple[Client, ...] = (*fetch.CLIENTS, *jquery.CLIENTS, *axios.CLIENTS, *htmx.CLIENTS)
"""Every client, in the order reports list them."""
CLIENTS_BY_ID: Mapping[str, Client] = MappingProxyType({c.id: c for c in CLIENTS})


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
    if seen.cut_short is not None and not client.library.reads_cut_bodies:
        return NetworkError(client.library, f"the body was cut short ({seen.cut_short})")
    return client.library.judge(client, seen)


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
