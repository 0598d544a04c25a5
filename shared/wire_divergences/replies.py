"""How wire entries turn a server's habits into the reply they record for it (`Sends`)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from shared.frameworks import Framework
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.wire_divergences.habits import Failure
from shared.wire_divergences.habits import Handling
from shared.wire_divergences.habits import Phrase
from shared.wire_divergences.record import OnQuart
from shared.wire_divergences.sends import DIES
from shared.wire_divergences.sends import EMPTY
from shared.wire_divergences.sends import Sends
from shared.wire_divergences.servers import SERVERS
from shared.wire_divergences.servers import Server

EMPTY_500 = Sends(status=500, body=b"", has=((b"content-length", b"0"),))
WAITS_FROM_QUART = ">=0.23"
"""Quart 0.23 runs a request's handler and its reader of server messages in one TaskGroup,
so the app call returns only once the server says `http.disconnect`; 0.22 returned as soon
as the handler had answered."""


def kept_open() -> tuple[OnQuart, ...]:
    """The servers that, from Quart 0.23, leave a reply they could not finish hanging: each
    waits for the app call to return before it closes, and the app call waits for them."""
    return tuple(
        OnQuart(
            server.key,
            WAITS_FROM_QUART,
            Result.TIMEOUT,
            "the server waits for the app call to return and sends no http.disconnect; "
            "Quart 0.23's app call waits for one: the connection stays open until the "
            "client gives up",
        )
        for server in SERVERS
        if server.habits.waits_for_the_app
    )


def per_server(reply: Callable[[Server], Sends]) -> Mapping[str, Sends]:
    """What each server sends, by key, as `reply` works it out from the server's record."""
    return MappingProxyType({server.key: reply(server) for server in SERVERS})


def under(framework: Framework, server: Server) -> bool:
    """Whether the server serves `framework`'s app."""
    return server.framework is framework


def handled(
    server: Server,
    handling: Handling | None,
    *,
    writes: Sends | None = None,
    drops: Sends | None = None,
) -> Sends:
    """The reply for what the server does (`handling`): the entry gives the replies that
    depend on it (`writes`, `drops`); the server's record gives its error reply."""
    found = (
        {
            Handling.WRITES: writes,
            Handling.DROPS: drops,
            Handling.REFUSES: server.habits.error_reply,
            Handling.EMPTY_500: EMPTY_500,
            Handling.CLOSES: EMPTY,
            Handling.DIES: DIES,
        }.get(handling)
        if handling is not None
        else None
    )
    if found is None:
        raise ValueError(f"{server.key}: its record does not say what reply {handling} is here")
    return found


def phrase(server: Server, apps: bytes, table: bytes | None = None) -> bytes:
    """The reason phrase the server writes: `apps` when it writes the app's, `table` when it
    looks the code up (None for a code its table lacks), or none."""
    if server.habits.phrase is Phrase.THE_APPS:
        return apps
    if server.habits.phrase is Phrase.ITS_TABLE:
        return server.habits.unknown_phrase if table is None else table
    return b""


def bad_header(server: Server, written: bytes, dropped: tuple[bytes, ...]) -> Sends:
    """The reply to a header HTTP forbids: `written` raw where the server writes it, the
    answer without the `dropped` headers where it leaves them out."""
    return handled(
        server,
        server.habits.forbidden_text,
        writes=Sends(result=Result.REJECTED, raw_has=written),
        drops=Sends(status=200, body=b"ok", lacks=dropped),
    )


def body_failed(server: Server, failure: Failure, written: bytes) -> Sends:
    """The reply to a 200 whose body fails after its chunks `written` (b"" for none)."""
    cut = Sends(result=Result.REJECTED, status=200, framing=Framing.CHUNKED, body=written)
    if failure is Failure.ERROR_REPLY:
        return handled(server, Handling.REFUSES)
    if failure is Failure.CLOSES:
        return EMPTY
    if failure is Failure.ENDS:
        return replace(cut, result=Result.COMPLETE)
    if server.habits.loses_unflushed_bytes:
        shorter = tuple(replace(cut, body=written[:size]) for size in range(len(written)))
        return replace(cut, or_else=(*shorter, EMPTY))
    return cut
