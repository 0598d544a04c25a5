"""The server part of `parity bench`: the references answer exactly as the project's apps do,
wrk's report is read right, servers are chosen and pinned as asked, and a tiny run under real
servers and wrk writes its figures and charts."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import flask_app
import quart_app
from parity.asgi import call_asgi
from parity.bench import minimal
from parity.bench import servers
from parity.bench.layout import CHARTS
from parity.cli import main
from parity.engine import Engine
from parity.request import ProbeRequest
from parity.servers.process import pinned
from parity.servers.targets import PROJECT_APPS
from parity.servers.targets import TARGETS
from parity.servers.targets import target_named
from parity.wsgi import call_wsgi
from shared.frameworks import Framework
from tests.browser import unavailable

pytestmark = [pytest.mark.flask, pytest.mark.quart]

WSGI_REFERENCES: dict[str, Callable[[], Any]] = {
    "minimal": lambda: minimal.create_flask().wsgi_app,
    "bare": lambda: minimal.bare_wsgi,
    "bare-in-flask": lambda: minimal.bare_wsgi_in_flask(),
}
ASGI_REFERENCES: dict[str, Callable[[], Any]] = {
    "minimal": minimal.create_quart,
    "bare": lambda: minimal.bare_asgi,
}
WRK_REPORT = """Running 1s test @ http://127.0.0.1:8000/scenarios/plain-string
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.20ms    3.10ms  40.00ms   90.00%
    Req/Sec     3.20k   100.00     3.30k    80.00%
  Latency Distribution
     50%  {p50}
     75%   21.00ms
     90%   22.00ms
     99%  {p99}
  3200 requests in 1.00s, 500.00KB read
{errors}Requests/sec:   3195.42
Transfer/sec:    499.21KB
"""


@pytest.mark.parametrize("reference", sorted(WSGI_REFERENCES))
@pytest.mark.parametrize("scenario", minimal.BENCH_SCENARIOS)
def test_wsgi_reference_hands_its_server_what_flask_app_does(
    engine: Engine, scenario: str, reference: str
) -> None:
    """The minimal Flask app and the bare WSGI callable hand the server the project's status,
    headers (in order) and body for the scenario's path."""
    request = ProbeRequest("GET", minimal.PATHS[scenario])
    got = call_wsgi(WSGI_REFERENCES[reference](), request)
    assert got == engine.run_flask(request)


@pytest.mark.parametrize("reference", sorted(ASGI_REFERENCES))
@pytest.mark.parametrize("scenario", minimal.BENCH_SCENARIOS)
async def test_asgi_reference_hands_its_server_what_quart_app_does(
    scenario: str, reference: str
) -> None:
    """The minimal Quart app and the bare ASGI callable hand the server the project's status,
    headers (in order) and body for the scenario's path."""
    request = ProbeRequest("GET", minimal.PATHS[scenario])
    got = await call_asgi(ASGI_REFERENCES[reference](), request)
    project: Any = quart_app.create_app()
    assert got == await call_asgi(project, request)


def test_references_answer_an_unknown_path_with_404() -> None:
    """A path the bench does not load is a 404 from the bare callable, never a benched answer."""
    outcome = call_wsgi(minimal.bare_wsgi, ProbeRequest("GET", "/nowhere"))
    assert outcome.status == 404


@pytest.mark.parametrize(
    ("p50", "p99", "want_p50", "want_p99"),
    [
        pytest.param("20.50ms", "1.20s", 20.5, 1200.0, id="ms-and-s"),
        pytest.param("850.00us", "3.00ms", 0.85, 3.0, id="us-and-ms"),
    ],
)
def test_parse_wrk_reads_rate_and_percentiles(
    p50: str, p99: str, want_p50: float, want_p99: float
) -> None:
    """The rate, total, p50 and p99 come from wrk's --latency report, in milliseconds."""
    load = servers.parse_wrk(WRK_REPORT.format(p50=p50, p99=p99, errors=""))
    assert load.requests_per_second == pytest.approx(3195.42)
    assert load.requests == 3200
    assert load.p50_ms == pytest.approx(want_p50)
    assert load.p99_ms == pytest.approx(want_p99)
    assert load.errors == 0


def test_parse_wrk_counts_socket_errors() -> None:
    """Every kind of socket error wrk reports is counted."""
    errors = "  Socket errors: connect 1, read 2, write 3, timeout 4\n"
    load = servers.parse_wrk(WRK_REPORT.format(p50="1ms", p99="2ms", errors=errors))
    assert load.errors == 10


def test_parse_wrk_refuses_a_report_without_latency() -> None:
    """A report without the latency distribution is an error, not a zero."""
    with pytest.raises(ValueError, match="no rate or latency"):
        servers.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_load_goes_to_loopback_only() -> None:
    """wrk is never pointed anywhere but 127.0.0.1."""
    with pytest.raises(ValueError, match="loopback only"):
        servers.load("wrk", "http://example.com/", 1, 1, None)


@pytest.mark.parametrize(
    ("spec", "count"),
    [pytest.param("none", 0, id="none"), pytest.param("all", len(TARGETS), id="all")],
)
def test_selected_servers(spec: str, count: int) -> None:
    """`--servers none` measures no server, `all` every target."""
    assert len(servers.selected(spec)) == count


def test_selected_servers_refuses_an_unknown_key() -> None:
    """An unknown key is named in the error."""
    with pytest.raises(KeyError, match="flask/nginx"):
        servers.selected("flask/gunicorn,flask/nginx")


_APP_MODULES = ("parity.bench.minimal:", "flask_app:", "quart_app:")


def _split(command: list[str]) -> tuple[list[str], list[str]]:
    """A command line's settings, and its app reference (with `--factory`)."""
    app = [part for part in command if part == "--factory" or part.startswith(_APP_MODULES)]
    return [part for part in command if part not in app], app


@pytest.mark.parametrize("key", servers.selected("all"))
@pytest.mark.parametrize("app", servers.APPS)
def test_reference_serves_its_app_on_the_same_server(key: str, app: str) -> None:
    """Each reference runs the project's target with the same settings, only the app differs;
    `flask run` gets the bare callable in its Flask shell."""
    chosen = target_named(key)
    settings, served = _split(servers.reference(chosen, app).command("s", "127.0.0.1", 8000))
    project_settings, project = _split(chosen.command("s", "127.0.0.1", 8000))
    assert settings == project_settings
    assert (served == project) is (app == "project")
    if app != "project":
        assert served[-1].startswith("parity.bench.minimal:")
    if app == "bare" and key == "flask/werkzeug":
        assert served == ["parity.bench.minimal:bare_wsgi_in_flask()"]


def test_pinned_prefixes_taskset_only_when_asked() -> None:
    """A server is pinned with `taskset -c` when CPUs are given and taskset exists."""
    assert pinned(["gunicorn"], None) == ["gunicorn"]
    if shutil.which("taskset"):
        assert pinned(["gunicorn"], "0")[1:] == ["-c", "0", "gunicorn"]


def test_bench_without_wrk_says_so_and_exits_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With wrk missing, the server part is refused in one line with exit code 4, before
    anything is measured or written."""
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    code = main(["bench", "--servers", "quart/uvicorn", "--out", str(tmp_path)])
    assert code == servers.EXIT_NO_WRK
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'wrk' command is not installed" in err
    assert not (tmp_path / "bench.json").exists()


def test_bench_refuses_an_unknown_scenario_in_one_line_with_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A scenario that is not benched is refused in one line naming it, before anything is
    measured or written."""
    code = main(["bench", "--scenarios", "plain-string,nope\x1b", "--out", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown bench scenario 'nope" in err
    assert "\x1b" not in err
    assert not (tmp_path / "bench.json").exists()


def test_bench_scenarios_are_all_by_default_and_as_named() -> None:
    """`--scenarios all` is every benched scenario; a list keeps its order, once each."""
    assert servers.chosen_scenarios("all") == minimal.BENCH_SCENARIOS
    chosen = servers.chosen_scenarios("about-generator, plain-string,about-generator")
    assert chosen == ("about-generator", "plain-string")
    with pytest.raises(KeyError, match="unknown bench scenario ''"):
        servers.chosen_scenarios(",")


@pytest.mark.servers
def test_bench_servers_smoke_run_writes_figures_and_charts(tmp_path: Path) -> None:
    """A one-round `parity bench` on one server and two scenarios under wrk writes every
    cell, ratio and goal to bench.json and draws every chart. (Each cell is a second of
    load, so the smoke run loads two of the five scenarios.)"""
    if shutil.which("wrk") is None:
        unavailable(
            "wrk is not installed (apt-get install -y wrk); the server bench smoke test needs it"
        )
    code = main(
        [
            "bench",
            "--no-harness",
            "--migrate-lines",
            "0",
            "--servers",
            "quart/uvicorn",
            "--scenarios",
            "plain-string,about-generator",
            "--seconds",
            "1",
            "--rounds",
            "1",
            "--connections",
            "8",
            "--out",
            str(tmp_path),
        ]
    )
    assert code in (0, 1)
    document = json.loads((tmp_path / "bench.json").read_text())
    figures = document["servers"]
    assert figures["scenarios"] == ["plain-string", "about-generator"]
    assert len(figures["cells"]) == 2 * len(servers.APPS)
    assert len(figures["ratios"]) == 2
    assert all(cell["requests"] > 0 for cell in figures["cells"])
    assert set(figures["per_server"]) == {"quart/uvicorn"}
    assert list(figures["goals"]) == ["quart/uvicorn: project >= 0.95 of the minimal app"]
    for name, _ in CHARTS[:2]:
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_project_apps_are_the_default_for_every_target() -> None:
    """Without an app of its own, a target serves the project's app for its framework."""
    for framework, module in ((Framework.FLASK, flask_app), (Framework.QUART, quart_app)):
        assert PROJECT_APPS[framework].module == module.__name__
