"""htmx 2.0 (`hx-get`, run as `htmx.ajax`): the build, the client record, and whether htmx
swaps a response in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from shared.clients.record import Asset
from shared.clients.record import Client
from shared.clients.record import Library
from shared.clients.record import NoVerdict
from shared.clients.record import Unpredicted
from shared.clients.seen import Seen

HTMX = "2.0.11"
"""The version package.json pins."""
HTMX_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
"""htmx 2's VERBS: the only methods its hx-* attributes issue."""


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


def _network_error() -> dict[str, Any]:
    return {"redirected": False, "swapped": False, "events": ["htmx:sendError"]}


HTMX_LIBRARY = Library("htmx", lambda client, seen: htmx_verdict(seen), _network_error)

CLIENTS = (
    Client(
        "htmx",
        "htmx hx-get/htmx.ajax",
        HTMX_LIBRARY,
        Asset("htmx-2.0.11", "htmx.org", "htmx.org", HTMX, "dist/htmx.js", "LICENSE", "0BSD"),
        methods=HTMX_METHODS,
    ),
)
