"""The apps under real servers: every target starts, proves itself, serves, and is stopped."""

from __future__ import annotations

import dataclasses
import http.server
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from parity import serve as serve_module
from parity.request import ProbeRequest
from parity.serve import EXIT_MISSING_SERVER
from parity.serve import EXIT_PORT_TAKEN
from parity.serve import ServeOptions
from parity.serve import serve
from parity.servers import HOST
from parity.servers import TARGETS
from parity.servers import MissingServer
from parity.servers import PortTaken
from parity.servers import RunningServer
from parity.servers import ServerError
from parity.servers import ServerTarget
from parity.servers import ensure_free
from parity.servers import find_executable
from parity.servers import free_port
from parity.servers import running
from parity.servers.process import child_environment
from parity.servers.process import wait_until_healthy
from parity.wire.reader import Result
from parity.wire.reader import fetch
from parity.wire.reader import fetch_raw
from shared.frameworks import Framework
from shared.routes.health import HEALTH_PATH
from shared.routes.health import NONCE_VARIABLE
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario
from tests.processes import alive
from tests.processes import descendants
from tests.processes import listening

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

WIRE_SCENARIOS = [s for s in SCENARIOS if s.method == "GET" and not s.differs_on]
FRAMEWORK_IDS = [f.value for f in Framework]


@pytest.mark.parametrize("framework", list(Framework), ids=FRAMEWORK_IDS)
@pytest.mark.parametrize("scenario", WIRE_SCENARIOS, ids=[s.id for s in WIRE_SCENARIOS])
def test_server_serves_scenario(
    default_servers: dict[Framework, RunningServer], scenario: Scenario, framework: Framework
) -> None:
    """Each default server answers the scenario on the wire as the user expects."""
    server = default_servers[framework]
    request = ProbeRequest(scenario.method, scenario.url, scenario.request_headers)
    outcome = fetch(server.host, server.port, request).to_outcome()
    assert not scenario.expected.mismatches(outcome), scenario.expected.mismatches(outcome)


@pytest.mark.parametrize("framework", list(Framework), ids=FRAMEWORK_IDS)
def test_head_has_no_body_on_the_wire(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """Whatever the app hands over for HEAD, the server sends no body (see head-body)."""
    server = default_servers[framework]
    reply = fetch(server.host, server.port, ProbeRequest("HEAD", "/scenarios/jsonify-kwargs"))
    assert reply.complete, reply.describe()
    assert reply.status == 200
    assert reply.body == b""


@pytest.mark.parametrize("framework", list(Framework), ids=FRAMEWORK_IDS)
def test_malformed_request_is_refused_and_server_lives(
    default_servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """A garbage request line gets a 4xx or a closed connection, never a hang, and the server
    keeps serving."""
    server = default_servers[framework]
    reply = fetch_raw(server.host, server.port, b"NOT AN HTTP REQUEST\x00\r\n\r\n", timeout=5)
    refused = reply.complete and reply.status is not None and 400 <= reply.status < 500
    assert refused or reply.result in (Result.EMPTY, Result.RESET), reply.describe()
    assert fetch(server.host, server.port, ProbeRequest("GET", "/")).status == 200


@pytest.mark.parametrize("chosen", TARGETS, ids=[f"{t.framework.value}-{t.id}" for t in TARGETS])
def test_every_target_starts_proves_itself_and_stops(chosen: ServerTarget) -> None:
    """Each server starts on a free port, answers its nonce, serves a scenario, and leaves no
    process and no listener behind once stopped."""
    with running({chosen.id: chosen}) as started:
        server = started[chosen.id]
        group = descendants(server.process.pid) | {server.process.pid}
        reply = fetch(server.host, server.port, ProbeRequest("GET", "/scenarios/jsonify-kwargs"))
        assert reply.complete, reply.describe()
        assert reply.status == 200
        assert reply.body.strip() == b'{"success":true}'
    # KILL is delivered asynchronously: give the group a moment to be gone.
    _assert_all_gone(group, (server.port,))


def test_health_route_needs_the_nonce() -> None:
    """A server that accepts connections but does not answer our nonce is not taken for ours."""
    port = free_port()

    class Impostor(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server looks for
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"flask not-the-nonce\n")

        def log_message(self, format: str, *args: object) -> None:
            pass

    impostor = http.server.HTTPServer((HOST, port), Impostor)
    thread = threading.Thread(target=impostor.serve_forever, daemon=True)
    thread.start()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        pretender = RunningServer(TARGETS[0], HOST, port, sleeper, "the-real-nonce", None)
        with pytest.raises(ServerError, match="did not answer its health route"):
            wait_until_healthy(pretender, timeout=1.0)
    finally:
        sleeper.kill()
        sleeper.wait()
        impostor.shutdown()
        impostor.server_close()


def test_taken_port_is_named() -> None:
    """A port something listens on is refused with a message naming it."""
    with socket.socket() as holder:
        holder.bind((HOST, 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(PortTaken, match=f"port {port} on {HOST} is already in use"):
            ensure_free(HOST, port)


def test_serve_refuses_a_taken_port_before_starting_anything() -> None:
    """`parity serve` on a taken port exits 3 with one line naming it, and starts no server."""
    quart_port = free_port()
    with socket.socket() as holder:
        holder.bind((HOST, 0))
        holder.listen()
        port = holder.getsockname()[1]
        command = [sys.executable, "-m", "parity", "serve", "--flask-port", str(port)]
        result = subprocess.run(
            [*command, "--quart-port", str(quart_port), "--seconds", "5"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == EXIT_PORT_TAKEN
    assert result.stderr == f"parity: port {port} on {HOST} is already in use\n"
    assert not listening(quart_port)


def test_missing_server_command_is_named() -> None:
    """A server command that is not installed gives an error that names it."""
    with pytest.raises(MissingServer, match="'no-such-server' command is not installed"):
        find_executable("no-such-server")


def test_serve_names_a_missing_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parity serve` with a server whose command is missing exits 4 with one line naming it."""
    missing = dataclasses.replace(TARGETS[0], executable="no-such-server")
    monkeypatch.setattr(serve_module, "target", lambda framework, server: missing)
    code = serve(ServeOptions(flask_port=free_port(), quart_port=free_port(), seconds=1))
    lines = capsys.readouterr().err.splitlines()
    assert code == EXIT_MISSING_SERVER
    assert len(lines) == 1
    assert "'no-such-server' command is not installed" in lines[0]


def test_debug_switches_never_reach_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """FLASK_DEBUG, QUART_DEBUG and a server's own settings are scrubbed; the nonce is added."""
    for name in ("FLASK_DEBUG", "QUART_DEBUG", "FLASK_RUN_PORT", "GUNICORN_CMD_ARGS"):
        monkeypatch.setenv(name, "1")
    gunicorn = next(t for t in TARGETS if t.id == "gunicorn")
    env = child_environment(gunicorn, "n0nce")
    assert not {"FLASK_DEBUG", "QUART_DEBUG", "FLASK_RUN_PORT", "GUNICORN_CMD_ARGS"} & set(env)
    assert env[NONCE_VARIABLE] == "n0nce"


def test_non_loopback_host_warns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking for a host other than loopback prints a warning before serving."""

    def refuse(*args: object, **kwargs: object) -> Iterator[None]:
        raise PortTaken("0.0.0.0", 1)

    monkeypatch.setattr(serve_module, "running", refuse)
    serve(ServeOptions(host="0.0.0.0", seconds=0))
    assert "warning: serving on 0.0.0.0, not loopback" in capsys.readouterr().err


def _serve_command(ports: tuple[int, int]) -> list[str]:
    command = [sys.executable, "-m", "parity", "serve", "--flask-port", str(ports[0])]
    return [*command, "--quart-port", str(ports[1]), "--seconds", "120"]


def _wait_for_health(ports: tuple[int, int], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    for port in ports:
        while fetch(HOST, port, ProbeRequest("GET", HEALTH_PATH), timeout=2).status != 200:
            assert process.poll() is None, "the serving process exited before both servers"
            assert time.monotonic() < deadline, "the servers did not answer within 60 s"
            time.sleep(0.2)


def _assert_all_gone(pids: set[int], ports: tuple[int, ...]) -> None:
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in pids) or any(listening(port) for port in ports):
        left = sorted(pid for pid in pids if alive(pid))
        assert time.monotonic() < deadline, f"left running: pids {left}, ports {ports}"
        time.sleep(0.2)


def test_serve_stops_both_servers_on_term() -> None:
    """`parity serve` sent TERM stops both servers it started and exits 0."""
    ports = (free_port(), free_port())
    serving = subprocess.Popen(_serve_command(ports))
    try:
        _wait_for_health(ports, serving)
        tree = descendants(serving.pid)
        assert len(tree) >= 2
        serving.send_signal(signal.SIGTERM)
        assert serving.wait(timeout=20) == 0
        _assert_all_gone(tree, ports)
    finally:
        if serving.poll() is None:
            serving.kill()
            serving.wait(timeout=5)


# Stands in for nox, which dies on TERM without passing it on to the command it runs.
_DYING_PARENT = "import subprocess, sys; subprocess.Popen(sys.argv[1:]).wait()"


def test_servers_stop_when_the_wrapper_is_terminated() -> None:
    """TERM to the process that runs `parity serve` (nox, under `noxw -s serve`) leaves no
    `parity serve`, no server process and no listening port behind."""
    ports = (free_port(), free_port())
    wrapper = subprocess.Popen([sys.executable, "-c", _DYING_PARENT, *_serve_command(ports)])
    try:
        _wait_for_health(ports, wrapper)
        tree = descendants(wrapper.pid)
        assert len(tree) >= 3, "expected parity serve and two servers below the wrapper"
        wrapper.send_signal(signal.SIGTERM)
        assert wrapper.wait(timeout=10) == -signal.SIGTERM
        _assert_all_gone(tree, ports)
    finally:
        if wrapper.poll() is None:
            wrapper.kill()
            wrapper.wait(timeout=5)
