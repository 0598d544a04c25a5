"""What a wire registry entry is."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace

from packaging.specifiers import SpecifierSet

from shared.divergences.layers import Layer
from shared.divergences.upstream import Upstream
from shared.http.wire_reply import Result
from shared.probe import Probe
from shared.wire_divergences.sends import Sends


@dataclass(frozen=True)
class OnQuart:
    """A server whose reply to an entry's examples ends otherwise on some Quart releases: the
    head and bytes the entry records, then `result` instead of the recorded ending."""

    server: str
    quart: str
    """The Quart releases, as a version specifier (`>=0.23`)."""
    result: Result
    why: str


@dataclass(frozen=True)
class WireDivergence:
    """A known way real servers answer one kind of return differently."""

    id: str
    title: str
    layer: Layer
    covers: Callable[[Probe], bool]
    examples: tuple[Probe, ...]
    sends: Mapping[str, Sends]
    """Per server (`flask/gunicorn`, `quart/hypercorn`, ...), what its reply looks like."""
    cause: str
    upstream: Upstream
    """Where it stands with the servers' or frameworks' maintainers."""
    fields: tuple[str, ...] = ()
    """What the entry accounts for when a reply differs from the app's answer: `status`,
    `headers`, `body`, `reply` (cut short or refused), `app-error` (a non-500 after an app
    error). Empty for an entry about something that comparison does not look at."""
    injected: tuple[bytes, ...] = ()
    """Header names a view did not set that a server may put on the wire (a security fault)."""
    boundary: str | None = None
    """The app-boundary entry (`shared.divergences`) this continues on the wire, if any."""
    on_quart: tuple[OnQuart, ...] = ()
    """Servers whose reply ends otherwise on some Quart releases."""

    def sends_on(self, server: str, quart: str) -> Sends:
        """What `server` sends for this entry's examples under Quart `quart`."""
        for other in self.on_quart:
            if other.server == server and quart in SpecifierSet(other.quart):
                return replace(self.sends[server], result=other.result)
        return self.sends[server]

    def lets_through(self) -> tuple[str, ...]:
        """The servers that put an injected header on the wire."""
        return tuple(
            server
            for server, sends in self.sends.items()
            if any(name.lower() in self.injected for name, _ in sends.has)
            or (
                sends.raw_has is not None and any(n in sends.raw_has.lower() for n in self.injected)
            )
        )


WIRE_FIELDS = ("status", "headers", "body", "reply", "app-error")
