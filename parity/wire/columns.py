"""The report's wire columns: what each real server sends for each scenario, beside what its
app handed it at the boundary.

Every server target of both frameworks is started on a free loopback port (or the ones a
`--wire` option names), each scenario's request is sent over a raw socket and read with `h11`,
and each reply is compared with its own app's answer (`parity.wire.diff`): a cell is the
reply, the ways it differs, and the wire entries that explain them.
"""

from __future__ import annotations

from typing import Any

from parity.engine import Comparison
from parity.engine import scenario_request
from parity.servers import HOST
from parity.servers import RunningServer
from parity.servers import running
from parity.servers.targets import TARGETS
from parity.servers.targets import key_of
from parity.servers.targets import selected_keys
from parity.servers.targets import target_named
from parity.wire.diff import wire_differences
from parity.wire.reader import fetch
from shared.frameworks import Framework
from shared.judgement import judge_wire
from shared.parse import parse
from shared.probe import Probe
from shared.scenarios import Scenario

CHOICES = ("all", "default", "none")


def server_keys(spec: str) -> tuple[str, ...]:
    """The `<framework>/<server>` keys a `--wire` option names (`none` names none)."""
    return () if spec == "none" else selected_keys(spec)


def measure(
    keys: tuple[str, ...], scenarios: tuple[Scenario, ...], comparisons: dict[str, Comparison]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per scenario id, per server key, the wire cell; every server is stopped at the end."""
    if not keys:
        return {}
    targets = {key: target_named(key) for key in keys}
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    with running(targets) as servers:
        for scenario in scenarios:
            comparison = comparisons[scenario.id]
            cells[scenario.id] = {
                key: _cell(server, scenario, comparison) for key, server in servers.items()
            }
    return cells


def _cell(server: RunningServer, scenario: Scenario, comparison: Comparison) -> dict[str, Any]:
    reply = fetch(HOST, server.port, scenario_request(scenario))
    framework = server.target.framework
    boundary = comparison.flask if framework is Framework.FLASK else comparison.quart
    found = wire_differences(boundary, reply, scenario.method, server.target)
    key = key_of(server.target)
    judgement = judge_wire(Probe(parse(scenario.source), scenario.method), key, found)
    return {
        **reply.to_dict(),
        "server": server.target.title,
        "differences": [d.sentence for d in judgement.differences],
        "explained_by": list(judgement.entry_ids),
        "unexplained": [d.sentence for d in judgement.unexplained],
    }


def servers_table() -> list[dict[str, str]]:
    """Every server the report can show, in column order, with its title."""
    return [{"key": key_of(t), "title": t.title} for t in TARGETS]
