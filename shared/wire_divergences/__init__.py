"""What real servers put on the wire for returns where they, not the frameworks, decide.

Each entry names the return values it is about (a predicate and examples), and records per
server what the reply looks like (`Sends`), so the wire suite can check every fact strictly: a
server that changes its habit turns the suite red. `layer` says where a difference shows: only
on the wire (a server's doing), or at the app boundary and on the wire alike.

Servers are named `<framework>/<server id>`; each is one record (`servers.SERVERS`) whose
habits the entries read.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from shared.wire_divergences import entries_bodies
from shared.wire_divergences import entries_headers
from shared.wire_divergences import entries_status
from shared.wire_divergences.record import WIRE_FIELDS
from shared.wire_divergences.record import WireDivergence
from shared.wire_divergences.sends import Sends
from shared.wire_divergences.servers import SERVER_KEYS
from shared.wire_divergences.servers import SERVERS
from shared.wire_divergences.servers import SERVERS_BY_KEY
from shared.wire_divergences.servers import Server

__all__ = [
    "SERVERS",
    "SERVERS_BY_KEY",
    "SERVER_KEYS",
    "WIRE_DIVERGENCES",
    "WIRE_DIVERGENCES_BY_ID",
    "WIRE_FIELDS",
    "Sends",
    "Server",
    "WireDivergence",
]

# The order is the registry's: tests and the report list entries in it.
WIRE_DIVERGENCES: tuple[WireDivergence, ...] = (
    *entries_status.STATUS_LINE,
    *entries_bodies.HEAD_FRAMING,
    *entries_headers.HEADER_TEXT,
    *entries_bodies.BODY_BYTES,
    *entries_status.STATUS_CODES,
    *entries_bodies.FAILING_STREAMS,
    *entries_status.UNSAFE_REASONS,
    *entries_headers.UNSAFE_HEADERS,
)
"""Every recorded wire divergence."""

WIRE_DIVERGENCES_BY_ID: Mapping[str, WireDivergence] = MappingProxyType(
    {d.id: d for d in WIRE_DIVERGENCES}
)
