"""The apps under their real servers: `flask run` (Werkzeug) and `quart run` (Hypercorn)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from parity.request import ProbeRequest
from parity.servers import HOST
from parity.servers import RunningServer
from parity.servers import ServerError
from parity.servers import find_executable
from parity.servers import free_port
from parity.servers import running
from parity.wire import fetch
from shared.frameworks import Framework
from shared.scenarios import SCENARIOS
from shared.scenarios import Scenario

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]

WIRE_SCENARIOS = [s for s in SCENARIOS if s.method == "GET" and not s.differs_on]


@pytest.fixture(name="servers", scope="module")
def _servers() -> Iterator[dict[Framework, RunningServer]]:
    """Both servers on free loopback ports for this module, stopped when it ends."""
    with running() as started:
        yield started


@pytest.mark.parametrize("framework", list(Framework), ids=[f.value for f in Framework])
@pytest.mark.parametrize("scenario", WIRE_SCENARIOS, ids=[s.id for s in WIRE_SCENARIOS])
def test_server_serves_scenario(
    servers: dict[Framework, RunningServer], scenario: Scenario, framework: Framework
) -> None:
    """Each server answers the scenario on the wire as the user expects."""
    request = ProbeRequest(scenario.method, scenario.url, scenario.request_headers)
    outcome = fetch(HOST, servers[framework].port, request)
    assert not scenario.expected.mismatches(outcome), scenario.expected.mismatches(outcome)


@pytest.mark.parametrize("framework", list(Framework), ids=[f.value for f in Framework])
def test_head_has_no_body_on_the_wire(
    servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """Whatever the app hands over for HEAD, the server sends no body (see head-body)."""
    outcome = fetch(
        HOST, servers[framework].port, ProbeRequest("HEAD", "/scenarios/jsonify-kwargs")
    )
    assert outcome.status == 200
    assert outcome.body == b""


@pytest.mark.parametrize("framework", list(Framework), ids=[f.value for f in Framework])
def test_malformed_request_is_refused_and_server_lives(
    servers: dict[Framework, RunningServer], framework: Framework
) -> None:
    """A garbage request line gets a 4xx or a closed connection, never a hang, and the server
    keeps serving."""
    with socket.create_connection((HOST, servers[framework].port), timeout=5) as raw:
        raw.sendall(b"NOT AN HTTP REQUEST\x00\r\n\r\n")
        answer = raw.recv(4096)
    # Werkzeug reads the line as HTTP/0.9 and sends its 400 page without a status line.
    assert answer == b"" or b"400" in answer.split(b"\n", 1)[0] or b"Error code: 400" in answer
    assert fetch(HOST, servers[framework].port, ProbeRequest("GET", "/")).status == 200


def test_missing_server_command_is_named() -> None:
    """A server command that is not installed gives an error that names it."""
    with pytest.raises(ServerError, match="'no-such-server' command is not installed"):
        find_executable("no-such-server")


def _listening(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def test_serve_stops_both_servers_on_term() -> None:
    """`parity serve` sent TERM (as nox or a supervisor does) stops both servers it started."""
    ports = [free_port(), free_port()]
    command = [sys.executable, "-m", "parity", "serve", "--flask-port", str(ports[0])]
    serve = subprocess.Popen([*command, "--quart-port", str(ports[1]), "--seconds", "60"])
    try:
        deadline = time.monotonic() + 30
        while not all(_listening(p) for p in ports):
            assert serve.poll() is None, "parity serve exited before both servers listened"
            assert time.monotonic() < deadline, "the servers did not listen within 30 s"
            time.sleep(0.2)
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=15) == 0
        assert not any(_listening(p) for p in ports)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait(timeout=5)
