"""The example probes entries give: return sources parsed, with a method or headers."""

from __future__ import annotations

from shared.parse import parse
from shared.probe import Probe


def example_with_headers(source: str, *headers: tuple[str, str]) -> Probe:
    """A GET of one return source, sent with the given request headers."""
    return Probe(parse(source), "GET", headers)


def examples(*sources: str, method: str = "GET") -> tuple[Probe, ...]:
    """One probe per return source, all with the same method."""
    return tuple(Probe(parse(source), method) for source in sources)
