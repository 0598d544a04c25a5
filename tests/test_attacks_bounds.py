"""The template bomb and its friends: refused before anything runs by the engine, `/render`,
`parity compare` and `parity scan`; and on real servers the dearest value the bounds still
accept is answered well inside 2 s while other requests are answered too."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from parity.engine import Engine
from parity.request import ProbeRequest
from parity.scan.scanner import scan_paths
from parity.servers import RunningServer
from parity.servers import ServerPool
from parity.wire.reader import fetch
from shared.bounds.limits import MAX_CHUNKS
from shared.bounds.limits import TooMuchWork
from shared.bounds.limits import work_problem
from shared.frameworks import Framework
from shared.http.wire_reply import WireReply
from shared.parse import parse
from shared.probe import PROBE_CONFIG_KEY
from shared.probe import Probe
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import RENDER_PATH
from tests.conftest import WIRE_SERVERS
from tests.params import FRAMEWORKS
from tests.test_bounds import BOMB
from tests.test_bounds import REFUSED

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ROOT = Path(__file__).resolve().parent.parent
ANSWER_SECONDS = 2.0
"""The most a `/render` request may take on a real server, refused or answered (the worst value
accepted takes about 0.2 s on this project's machines)."""
HANG_SECONDS = 120.0
"""Only so a regression fails instead of hanging the suite."""


# -- in process -----------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "named"), REFUSED)
def test_engine_refuses_before_either_app_runs(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, source: str, named: str
) -> None:
    """The engine raises TooMuchWork and neither app is run (a run fails the test at once
    rather than rendering the bomb) nor handed the value."""
    value = parse(source)

    def ran(request: ProbeRequest) -> None:
        raise AssertionError(f"an app was run for {request.path}")

    monkeypatch.setattr(engine, "run_flask", ran)
    monkeypatch.setattr(engine, "run_quart", ran)
    with pytest.raises(TooMuchWork, match=named):
        engine.compare_probe(Probe(value))
    assert engine.flask.config.get(PROBE_CONFIG_KEY) != value
    assert engine.quart.config.get(PROBE_CONFIG_KEY) != value


def _render_request(source: str) -> ProbeRequest:
    """A `/render` request for `source`, its JSON body being the one form every size fits."""
    body = json.dumps({"expression": source}).encode()
    return ProbeRequest("POST", RENDER_PATH, (("Content-Type", "application/json"),), body)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_render_refuses_the_bomb_in_process(engine: Engine, framework: Framework) -> None:
    """Each app's `/render` answers the bomb with 400 `too-much-work` JSON naming the bound."""
    outcome = engine.run(framework, _render_request(BOMB))
    assert outcome.status == 400, outcome.describe()
    assert outcome.header("content-type") == "application/json"
    document = json.loads(outcome.body)
    assert document["error"] == "too-much-work"
    assert "loop iterations" in document["detail"]


# -- parity compare and parity scan ---------------------------------------------------------


@pytest.mark.parametrize("wire", [False, True], ids=["compare", "compare-wire"])
def test_compare_refuses_the_bomb_with_one_line_and_exit_2(wire: bool) -> None:
    """`parity compare` (and `--wire`, before starting any server) exits 2 with one line."""
    command = [sys.executable, "-m", "parity", "compare", BOMB, *(["--wire"] if wire else [])]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=HANG_SECONDS, cwd=ROOT, check=False
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("parity: too much work: the template may take ")
    assert done.stderr.count("\n") == 1


def _scan_one(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    """(code, message) of each finding for one view returning `body`."""
    view = tmp_path / "views.py"
    view.write_text(
        "from flask import Flask, render_template_string\n"
        "app = Flask(__name__)\n"
        "@app.route('/')\n"
        "def index():\n"
        "    status = 200\n"
        f"    return {body}\n",
        encoding="utf-8",
    )
    scan = scan_paths([view], str, examples=5)
    return [(finding.code, finding.message) for finding in scan.findings]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("iter([" + "'a', " * (MAX_CHUNKS + 1) + "])", id="literal"),
        pytest.param("iter([" + "'a', " * (MAX_CHUNKS + 1) + "]), status", id="with-a-hole"),
    ],
)
def test_scan_reports_too_much_work_as_fq800(tmp_path: Path, body: str) -> None:
    """A return over the bounds is reported as FQ800 naming the bound, and not run."""
    findings = _scan_one(tmp_path, body)
    assert [code for code, _ in findings] == ["FQ800"]
    assert "chunks, over" in findings[0][1]


def test_scan_never_renders_a_template_it_reads(tmp_path: Path) -> None:
    """The scan reads a template call as its rendered text (a hole), so the bomb in a view is
    compared as text and never rendered."""
    findings = _scan_one(tmp_path, BOMB)
    assert "FQ800" not in [code for code, _ in findings]
    assert any(code == "FQ001" for code, _ in findings), findings


# -- real servers ---------------------------------------------------------------------------


def _render(server: RunningServer, source: str) -> WireReply:
    """The one place the real-server tests send `/render` a request."""
    request = server.authorized(_render_request(source))
    return fetch(server.host, server.port, request, timeout=HANG_SECONDS)


def _largest_accepted(make: Callable[[int], str]) -> str:
    """The source `make(n)` for the largest n that the bounds accept and `/render` reads."""

    def accepted(n: int) -> bool:
        source = make(n)
        return len(source.encode()) <= MAX_SOURCE_BYTES and work_problem(parse(source)) is None

    low, high = 1, 2
    while accepted(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle)
    assert accepted(low)
    return make(low)


def _numbers(n: int) -> str:
    return str(list(range(n)))


WORST_ACCEPTED = [
    pytest.param(
        lambda n: (
            "render_template_string('{% for a in x %}{% for b in x %}{{ b }}{% endfor %}"
            f"{{% endfor %}}', x={_numbers(n)})"
        ),
        id="most-iterations",
    ),
    pytest.param(
        lambda n: (
            "render_template_string('{% for a in x %}{% for b in x %}{{ x|tojson }}"
            f"{{% endfor %}}{{% endfor %}}', x={_numbers(n)})"
        ),
        id="filters-in-loops",
    ),
    pytest.param(
        lambda n: (
            "render_template_string('{% for a in x %}{% for b in x %}"
            + "<" * 3000
            + f"{{% endfor %}}{{% endfor %}}', x={_numbers(n)})"
        ),
        id="most-characters",
    ),
    pytest.param(lambda n: "(c for c in [" + "'', " * n + "])", id="most-chunks"),
]


def _answered_meanwhile(server: RunningServer, source: str) -> tuple[WireReply, float, float]:
    """Send `source`, and 50 ms later a plain `/render` on another connection: both replies'
    times. The second is the proof that one render does not hold the server."""
    other: dict[str, float] = {}

    def plain() -> None:
        time.sleep(0.05)
        started = time.monotonic()
        reply = _render(server, "'ok'")
        other["seconds"] = time.monotonic() - started
        other["status"] = reply.status or 0

    thread = threading.Thread(target=plain)
    thread.start()
    started = time.monotonic()
    reply = _render(server, source)
    seconds = time.monotonic() - started
    thread.join(HANG_SECONDS)
    assert other.get("status") == 200, "the plain request was not answered"
    return reply, seconds, other["seconds"]


@pytest.mark.servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
@pytest.mark.parametrize("make", WORST_ACCEPTED)
def test_worst_accepted_value_is_answered_in_time(
    server_pool: ServerPool, key: str, make: Callable[[int], str]
) -> None:
    """The dearest value within the bounds is answered within 2 s, and a plain request sent
    meanwhile on another connection is answered within 2 s too."""
    server = server_pool.get(key)
    reply, seconds, other = _answered_meanwhile(server, _largest_accepted(make))
    assert reply.complete, reply.describe()
    assert reply.status == 200, reply.describe()
    assert seconds < ANSWER_SECONDS, f"{seconds:.2f}s"
    assert other < ANSWER_SECONDS, f"{other:.2f}s"


@pytest.mark.servers
@pytest.mark.parametrize("key", WIRE_SERVERS)
def test_bomb_is_refused_in_time_on_real_servers(server_pool: ServerPool, key: str) -> None:
    """The bomb gets 400 `too-much-work` at once, and the server answers others meanwhile."""
    server = server_pool.get(key)
    reply, seconds, other = _answered_meanwhile(server, BOMB)
    assert reply.status == 400, reply.describe()
    assert json.loads(reply.body)["error"] == "too-much-work"
    assert seconds < ANSWER_SECONDS
    assert other < ANSWER_SECONDS
