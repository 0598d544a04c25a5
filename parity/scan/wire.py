"""`parity scan --wire`: send the value a return was judged on through `/render` on two real
servers, and say where a server does not pass its app's answer on.

The app-boundary exploration already says whether the frameworks answer alike. What is left is
what each server does with its app's answer (`parity.wire.diff`): a difference there is a
wire divergence, explained when a wire registry entry covers the value, records that server
and accounts for the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from parity.engine import Engine
from parity.request import ProbeRequest
from parity.servers import HOST
from parity.servers import RunningServer
from parity.servers.targets import key_of
from parity.wire.diff import WireDifference
from parity.wire.diff import wire_differences
from parity.wire.reader import fetch
from shared import model as m
from shared.frameworks import Framework
from shared.judgement import judge_wire
from shared.probe import Probe
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import render_target

MAX_TARGET_BYTES = 4000
"""The longest request target sent: Gunicorn refuses request lines over 4,094 bytes."""


@dataclass(frozen=True)
class ServerCheck:
    """What one server did with its app's answer to one value."""

    server: str
    """`<framework>/<server id>`."""
    title: str
    differences: tuple[WireDifference, ...]
    explained_by: tuple[str, ...]
    unexplained: tuple[WireDifference, ...]


@dataclass(frozen=True)
class WireCheck:
    """Both servers' checks for one value, or why it was not sent."""

    source: str
    checks: tuple[ServerCheck, ...] = ()
    not_sent: str | None = None

    @property
    def differs(self) -> bool:
        """Whether a server did not pass its app's answer on."""
        return any(check.differences for check in self.checks)

    @property
    def unexplained(self) -> bool:
        """Whether a difference on the wire is explained by no wire entry."""
        return any(check.unexplained for check in self.checks)


class WireChecker:
    """Sends values through `/render` on running servers and compares each reply with its own
    app's answer at the boundary; each (value, method) is sent once."""

    def __init__(self, engine: Engine, servers: dict[Framework, RunningServer]) -> None:
        self.engine = engine
        self.servers = servers
        self._seen: dict[tuple[m.ReturnValue, str], WireCheck] = {}

    def check(self, value: m.ReturnValue, method: str) -> WireCheck:
        """The wire check of one value for one request method."""
        key = (value, method)
        if key not in self._seen:
            self._seen[key] = self._check(value, method)
        return self._seen[key]

    def _check(self, value: m.ReturnValue, method: str) -> WireCheck:
        source = m.return_statement(value)
        target = render_target(source)
        if len(source.encode()) > MAX_SOURCE_BYTES or len(target) > MAX_TARGET_BYTES:
            return WireCheck(source, not_sent="the value is too long to send to /render")
        comparison = self.engine.compare_value(value, method)
        boundary = {Framework.FLASK: comparison.flask, Framework.QUART: comparison.quart}
        probe = Probe(value, method)
        checks = []
        for framework, server in self.servers.items():
            reply = fetch(HOST, server.port, server.authorized(ProbeRequest(method, target)))
            found = wire_differences(boundary[framework], reply, method, server.target)
            name = key_of(server.target)
            judgement = judge_wire(probe, name, found)
            judged = zip(found, judgement.differences, strict=True)
            unexplained = tuple(d for d, verdict in judged if not verdict.explained)
            checks.append(
                ServerCheck(
                    name, server.target.title, tuple(found), judgement.entry_ids, unexplained
                )
            )
        return WireCheck(source, tuple(checks))


def wire_message(check: WireCheck) -> str:
    """The one-line message of a wire finding."""
    parts = []
    for server in check.checks:
        if not server.differences:
            continue
        said = "; ".join(d.sentence for d in server.differences)
        known = f" (wire entries: {', '.join(server.explained_by)})" if server.explained_by else ""
        parts.append(f"{server.title} does not pass its app's answer on: {said}{known}")
    return f"on the wire, {' | '.join(parts)}; value sent: {check.source}"
