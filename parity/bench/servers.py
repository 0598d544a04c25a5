"""The project's apps on real servers, each beside a minimal app and a bare callable.

Every selected server target runs three apps at once: the project's (`project`), the minimal
app of `parity.bench.minimal` (`minimal`) and the bare WSGI/ASGI callable (`bare`), all
pinned to one core. `wrk`, pinned to another, loads each app's route for each scenario in turn,
round after round, so that the ratios of one round come from neighbouring seconds of the same
machine. Before any load, each app's reply on the wire must equal the project's (less Date
and Server), so a 404 is never measured as a fast answer.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from typing import Any

from parity.bench.harness import Spread
from parity.bench.minimal import BENCH_SCENARIOS
from parity.bench.minimal import PATHS
from parity.request import ProbeRequest
from parity.servers import RunningServer
from parity.servers import running
from parity.servers.targets import TARGETS
from parity.servers.targets import AppRef
from parity.servers.targets import ServerTarget
from parity.servers.targets import key_of
from parity.servers.targets import target_named
from parity.wire.reader import fetch
from shared.frameworks import Framework

APPS = ("project", "minimal", "bare")
RATIO_GOAL = 0.95
"""The project's route against the minimal app's, per server."""
CONNECTIONS = 64
EXIT_NO_WRK = 4
"""`parity bench` exits with this when the server part needs `wrk` and it is not installed."""
DEPLOYED = (("flask/gunicorn", "quart/uvicorn"), ("flask/gunicorn", "quart/hypercorn"))
"""Pairs people deploy, for Quart over Flask (Granian is compared with itself as well)."""
_REFERENCES: dict[Framework, dict[str, AppRef]] = {
    Framework.FLASK: {
        "minimal": AppRef("parity.bench.minimal", "create_flask"),
        "bare": AppRef("parity.bench.minimal", "bare_wsgi", factory=False),
    },
    Framework.QUART: {
        "minimal": AppRef("parity.bench.minimal", "create_quart"),
        "bare": AppRef("parity.bench.minimal", "bare_asgi", factory=False),
    },
}
_FLASK_RUN_BARE = AppRef("parity.bench.minimal", "bare_wsgi_in_flask")
_SET_ASIDE = {b"date", b"server"}


class WrkMissing(Exception):
    """`wrk` is not installed; the message says what to install."""


@dataclass(frozen=True)
class Load:
    """What one `wrk` run reports."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    """Socket errors (connect, read, write, timeout) wrk counted."""


@dataclass(frozen=True)
class Cell:
    """One app on one server for one scenario: every round's load."""

    server: str
    scenario: str
    app: str
    loads: tuple[Load, ...]

    @property
    def rps(self) -> Spread:
        """Requests a second over the rounds."""
        return Spread.of([load.requests_per_second for load in self.loads])

    @property
    def p50_ms(self) -> Spread:
        """The median latency over the rounds."""
        return Spread.of([load.p50_ms for load in self.loads])

    @property
    def p99_ms(self) -> Spread:
        """The 99th percentile latency over the rounds."""
        return Spread.of([load.p99_ms for load in self.loads])


@dataclass(frozen=True)
class ServerFigures:
    """Every cell of one run, with the ratios worked out round by round."""

    cells: tuple[Cell, ...]
    seconds: int
    rounds: int
    connections: int
    pinned: bool

    def cell(self, server: str, scenario: str, app: str) -> Cell:
        """The cell for a server key, scenario and app."""
        return next(
            c for c in self.cells if (c.server, c.scenario, c.app) == (server, scenario, app)
        )

    @property
    def servers(self) -> tuple[str, ...]:
        """The server keys measured, in order."""
        return tuple(dict.fromkeys(c.server for c in self.cells))

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The scenarios measured, in order."""
        return tuple(dict.fromkeys(c.scenario for c in self.cells))

    def ratio(self, server: str, scenario: str, app: str, over: str) -> Spread:
        """`app` over `over` in requests a second, one ratio per round."""
        top = self.cell(server, scenario, app).loads
        bottom = self.cell(server, scenario, over).loads
        return Spread.of(
            [
                a.requests_per_second / b.requests_per_second
                for a, b in zip(top, bottom, strict=True)
            ]
        )

    def server_ratio(self, server: str, app: str = "project", over: str = "minimal") -> float:
        """The median over scenarios of each scenario's median ratio: the server's figure."""
        return statistics.median(
            self.ratio(server, scenario, app, over).median for scenario in self.scenarios
        )

    def quart_over_flask(self) -> list[tuple[str, str, str, Spread]]:
        """Quart's project app over Flask's, per scenario, for the deployed pairs measured."""
        pairs = [*DEPLOYED, ("flask/granian", "quart/granian")]
        rows = []
        for flask_key, quart_key in pairs:
            if flask_key in self.servers and quart_key in self.servers:
                for scenario in self.scenarios:
                    top = self.cell(quart_key, scenario, "project").loads
                    bottom = self.cell(flask_key, scenario, "project").loads
                    ratios = [
                        a.requests_per_second / b.requests_per_second
                        for a, b in zip(top, bottom, strict=True)
                    ]
                    rows.append((flask_key, quart_key, scenario, Spread.of(ratios)))
        return rows

    def goals(self) -> dict[str, bool]:
        """Each server's goal and whether this run met it."""
        return {
            f"{server}: project >= {RATIO_GOAL:g} of the minimal app": self.server_ratio(server)
            >= RATIO_GOAL
            for server in self.servers
        }


def chosen_scenarios(spec: str) -> tuple[str, ...]:
    """The scenarios `--scenarios` names: `all`, or a comma-separated list of benched
    scenarios; KeyError names one that is not benched."""
    if spec == "all":
        return BENCH_SCENARIOS
    names = tuple(dict.fromkeys(part.strip() for part in spec.split(",") if part.strip()))
    for name in names or ("",):
        if name not in BENCH_SCENARIOS:
            raise KeyError(f"unknown bench scenario {name!r}; known: {', '.join(BENCH_SCENARIOS)}")
    return names


def selected(spec: str) -> tuple[str, ...]:
    """The server keys `--servers` names: `all`, `none`, or a comma-separated list of keys
    (`flask/gunicorn,quart/uvicorn`); KeyError names an unknown one."""
    if spec == "none":
        return ()
    if spec == "all":
        return tuple(key_of(t) for t in TARGETS)
    keys = tuple(part.strip() for part in spec.split(",") if part.strip())
    for key in keys:
        try:
            target_named(key)
        except (KeyError, ValueError):
            raise KeyError(
                f"unknown server {key!r}; known: all, none, or keys such as "
                f"{', '.join(key_of(t) for t in TARGETS)}"
            ) from None
    return keys


def reference(chosen: ServerTarget, app: str) -> ServerTarget:
    """The target serving `app` (project, minimal or bare) on the same server and settings."""
    if app == "project":
        return chosen
    if app == "bare" and chosen.framework is Framework.FLASK and chosen.id == "werkzeug":
        return chosen.serving(_FLASK_RUN_BARE)
    return chosen.serving(_REFERENCES[chosen.framework][app])


def find_wrk() -> str:
    """The `wrk` command; WrkMissing when it is not installed."""
    found = shutil.which("wrk")
    if found is None:
        raise WrkMissing(
            "the 'wrk' command is not installed (Debian: apt-get install -y wrk); "
            "`nox -s bench` installs it, or pass --servers none"
        )
    return found


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str) -> Load:
    """The rate, p50, p99 and error count from wrk's `--latency` report; ValueError if absent."""
    percentiles = {int(n): float(v) * _UNITS[unit] for n, v, unit in _PERCENTILE.findall(output)}
    rate = _RATE.search(output)
    total = _TOTAL.search(output)
    if rate is None or total is None or set(percentiles) != {50, 99}:
        raise ValueError(f"wrk printed no rate or latency distribution: {output[-300:]!r}")
    errors = _ERRORS.search(output)
    return Load(
        float(rate.group(1)),
        percentiles[50],
        percentiles[99],
        int(total.group(1)),
        sum(int(n) for n in errors.groups()) if errors else 0,
    )


def load(wrk: str, url: str, seconds: int, connections: int, cpus: str | None) -> Load:
    """One bounded `wrk` run against `url` (loopback only), pinned to `cpus` when given."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"load goes to loopback only, not {url}")
    command = [wrk, "--threads", "1", "--connections", str(connections)]
    command += ["--duration", f"{seconds}s", "--timeout", "2s", "--latency", url]
    taskset = shutil.which("taskset")
    if cpus is not None and taskset is not None:
        command = [taskset, "-c", cpus, *command]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk exited with {done.returncode}: {done.stderr.strip()[:300]}")
    return parse_wrk(done.stdout)


def _comparable(server: RunningServer, path: str) -> tuple[object, ...]:
    reply = fetch(server.host, server.port, ProbeRequest("GET", path))
    headers = tuple((n.lower(), v) for n, v in reply.headers if n.lower() not in _SET_ASIDE)
    return (reply.result, reply.status, reply.framing, headers, reply.body)


def check_same_answers(servers: dict[str, RunningServer]) -> None:
    """Raise AssertionError unless every app answers every benched path as the project does."""
    for scenario, path in PATHS.items():
        expected = _comparable(servers["project"], path)
        for app in APPS[1:]:
            got = _comparable(servers[app], path)
            if got != expected:
                raise AssertionError(
                    f"{servers[app].name} ({app}) answers {scenario} differently from the "
                    f"project's app: {got!r} != {expected!r}"
                )


def cores() -> tuple[str | None, str | None]:
    """The servers' and wrk's CPUs: two different cores when there are two and taskset."""
    usable = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(usable) >= 2 and shutil.which("taskset"):
        return str(usable[0]), str(usable[1])
    return None, None


def measure(
    keys: tuple[str, ...],
    *,
    seconds: int = 1,
    rounds: int = 3,
    connections: int = CONNECTIONS,
    scenarios: tuple[str, ...] = BENCH_SCENARIOS,
    say: Any = print,
) -> ServerFigures:
    """Load every app on every server in `keys` for each of `scenarios`, `rounds` times."""
    wrk = find_wrk()
    targets = {(key, app): reference(target_named(key), app) for key in keys for app in APPS}
    loads: dict[tuple[str, str, str], list[Load]] = {}
    server_cpus, wrk_cpus = cores()
    with running(targets, cpus=server_cpus) as live:
        for key in keys:
            check_same_answers({app: live[(key, app)] for app in APPS})
            for app in APPS:  # warm each app (imports, caches, JIT-free first requests)
                load(wrk, live[(key, app)].url + PATHS[scenarios[0]], 1, connections, wrk_cpus)
        for round_number in range(1, rounds + 1):
            say(f"bench: servers, round {round_number}/{rounds}")
            for key in keys:
                for scenario in scenarios:
                    # Every other round runs the apps in reverse, so that none is always the
                    # one measured just after a quiet or busy spell.
                    for app in APPS if round_number % 2 else APPS[::-1]:
                        url = live[(key, app)].url + PATHS[scenario]
                        result = load(wrk, url, seconds, connections, wrk_cpus)
                        loads.setdefault((key, scenario, app), []).append(result)
        pinned = server_cpus is not None
    cells = tuple(
        Cell(key, scenario, app, tuple(found)) for (key, scenario, app), found in loads.items()
    )
    return ServerFigures(cells, seconds, rounds, connections, pinned)


def lines(figures: ServerFigures) -> list[str]:
    """The servers' table a person reads: medians, and the ratios with min and max."""
    pinned = "server and wrk pinned to separate cores" if figures.pinned else "not pinned"
    out = [
        f"servers: {figures.rounds} rounds of {figures.seconds} s per app, "
        f"{figures.connections} connections, {pinned}; requests/s (median), p50/p99 ms, "
        "and project / minimal, project / bare (median, min-max of the rounds):"
    ]
    header = f"{'server':<22} {'scenario':<27} {'project':>8} {'minimal':>8} {'bare':>8} "
    out.append(header + f"{'p50':>6} {'p99':>6}  {'/minimal':<17} {'/bare':<17}")
    for server in figures.servers:
        for scenario in figures.scenarios:
            rps = [figures.cell(server, scenario, app).rps.median for app in APPS]
            project = figures.cell(server, scenario, "project")
            to_min = figures.ratio(server, scenario, "project", "minimal")
            to_bare = figures.ratio(server, scenario, "project", "bare")
            out.append(
                f"{server:<22} {scenario:<27} {rps[0]:8.0f} {rps[1]:8.0f} {rps[2]:8.0f} "
                f"{project.p50_ms.median:6.1f} {project.p99_ms.median:6.1f}  "
                f"{_spread(to_min):<17} {_spread(to_bare):<17}"
            )
    out.append("Quart over Flask (the project's apps), per scenario:")
    for flask_key, quart_key, scenario, spread in figures.quart_over_flask():
        out.append(f"  {quart_key} / {flask_key:<18} {scenario:<27} {_spread(spread)}")
    for server in figures.servers:
        out.append(
            f"{server:<22} project / minimal {figures.server_ratio(server):.2f}, "
            f"project / bare {figures.server_ratio(server, over='bare'):.2f}, "
            f"minimal / bare {figures.server_ratio(server, 'minimal', 'bare'):.2f}"
        )
    errors = sum(load.errors for cell in figures.cells for load in cell.loads)
    if errors:
        out.append(f"wrk counted {errors} socket errors in all (see bench.json per cell)")
    for goal, met in figures.goals().items():
        out.append(f"goal {goal}: {'met' if met else 'MISSED'}")
    return out


def _spread(value: Spread) -> str:
    return f"{value.median:.2f} ({value.low:.2f}-{value.high:.2f})"


def as_dict(figures: ServerFigures) -> dict[str, Any]:
    """The server figures as JSON."""

    def cell_dict(cell: Cell) -> dict[str, Any]:
        return {
            "server": cell.server,
            "scenario": cell.scenario,
            "app": cell.app,
            "requests_per_second": cell.rps.to_dict(),
            "p50_ms": cell.p50_ms.to_dict(),
            "p99_ms": cell.p99_ms.to_dict(),
            "requests": sum(load.requests for load in cell.loads),
            "socket_errors": sum(load.errors for load in cell.loads),
        }

    return {
        "seconds": figures.seconds,
        "rounds": figures.rounds,
        "connections": figures.connections,
        "pinned": figures.pinned,
        "scenarios": list(figures.scenarios),
        "goal": RATIO_GOAL,
        "cells": [cell_dict(cell) for cell in figures.cells],
        "ratios": [
            {
                "server": server,
                "scenario": scenario,
                "project_over_minimal": figures.ratio(
                    server, scenario, "project", "minimal"
                ).to_dict(),
                "project_over_bare": figures.ratio(server, scenario, "project", "bare").to_dict(),
                "minimal_over_bare": figures.ratio(server, scenario, "minimal", "bare").to_dict(),
            }
            for server in figures.servers
            for scenario in figures.scenarios
        ],
        "per_server": {
            server: {
                "project_over_minimal": round(figures.server_ratio(server), 3),
                "project_over_bare": round(figures.server_ratio(server, over="bare"), 3),
                "minimal_over_bare": round(figures.server_ratio(server, "minimal", "bare"), 3),
            }
            for server in figures.servers
        },
        "quart_over_flask": [
            {"flask": f, "quart": q, "scenario": s, "ratio": spread.to_dict()}
            for f, q, s, spread in figures.quart_over_flask()
        ],
        "goals": figures.goals(),
    }
