"""Start a server process, wait until it proves it is ours, and always stop it.

Each server runs in its own process group (so its workers go with it) with a scrubbed
environment, a fresh health nonce, and the lab's guard settings: a token for `/render` (fresh
unless given), its port and its bound host (`shared.routes.guard`). On Linux it also gets a
parent-death signal, so that a server never outlives the process that started it, however
that process ends.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import ExitStack
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import IO
from typing import TypeVar

from parity.request import ProbeRequest
from parity.servers.ports import HOST
from parity.servers.ports import ensure_free
from parity.servers.ports import free_port
from parity.servers.targets import DEBUG_VARIABLES
from parity.servers.targets import ServerTarget
from parity.servers.targets import target_named
from parity.wire.reader import fetch
from shared.routes.explorer import ORIGINS_VARIABLE
from shared.routes.explorer import origins_text
from shared.routes.guard import GUARD_VARIABLES
from shared.routes.guard import HOST_VARIABLE
from shared.routes.guard import PORT_VARIABLE
from shared.routes.guard import TOKEN_VARIABLE
from shared.routes.guard import bearer
from shared.routes.health import HEALTH_PATH
from shared.routes.health import NONCE_VARIABLE

START_TIMEOUT = 30.0
"""Seconds a server may take to answer its health route before it counts as failed."""
STOP_TIMEOUT = 5.0
"""Seconds a server gets to exit after TERM before it is killed."""
_PR_SET_PDEATHSIG = 1
Key = TypeVar("Key")


class ServerError(RuntimeError):
    """A server could not be started, did not prove itself, or died."""


class MissingServer(ServerError):
    """A server's command is not installed; the message names it."""


@dataclass(frozen=True)
class RunningServer:
    """A server process that answered its health route at `url`."""

    target: ServerTarget
    host: str
    port: int
    process: subprocess.Popen[bytes]
    nonce: str
    """What the server's health route must answer."""
    log: IO[bytes] | None
    """Where the server's output goes when quiet (a pipe could fill and block it)."""
    token: str = ""
    """What `/render` asks for in `Authorization: Bearer <token>`."""

    def authorized(self, request: ProbeRequest) -> ProbeRequest:
        """The request with this server's `/render` token added."""
        return replace(request, headers=(*request.headers, bearer(self.token)))

    def log_tail(self, size: int = 800) -> str:
        """The end of what the server wrote, for error messages."""
        if self.log is None:
            return ""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-size:]

    @property
    def url(self) -> str:
        """The base URL."""
        return f"http://{self.host}:{self.port}"

    @property
    def name(self) -> str:
        """The framework and the server, e.g. `Flask on gunicorn`."""
        return f"{self.target.framework.title} on {self.target.id}"


def find_executable(name: str) -> str:
    """The console script `name` installed beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise MissingServer(
            f"the '{name}' command is not installed beside {sys.executable} nor on PATH; "
            f"install the project (pip install .) in this environment"
        )
    return found


def child_environment(
    target: ServerTarget, nonce: str, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """This process's environment without debug switches, the server's own settings, a stray
    explorer origin list or guard setting, plus the nonce and `extra`."""
    dropped = (*DEBUG_VARIABLES, *target.environment_prefixes, ORIGINS_VARIABLE, *GUARD_VARIABLES)
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env[NONCE_VARIABLE] = nonce
    env.update(extra or {})
    return env


def new_token() -> str:
    """A fresh secret for `/render`."""
    return secrets.token_urlsafe(32)


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: ask Linux to TERM it when its parent dies.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def pinned(command: list[str], cpus: str | None) -> list[str]:
    """The command run on the CPUs `cpus` names (`taskset -c`), or as it is when `cpus` is None
    or `taskset` is missing; the server's workers and threads inherit the pinning."""
    taskset = shutil.which("taskset") if cpus is not None else None
    return command if taskset is None or cpus is None else [taskset, "-c", cpus, *command]


def start(
    target: ServerTarget,
    host: str = HOST,
    port: int | None = None,
    *,
    quiet: bool = True,
    environment: Mapping[str, str] | None = None,
    cpus: str | None = None,
    token: str | None = None,
) -> RunningServer:
    """Start `target` on `host`:`port` (a free port when None), with `environment` added to
    its scrubbed environment, on the CPUs `cpus` names when given, with `token` (a fresh one
    when None) for `/render`; not yet waited for."""
    executable = find_executable(target.executable)
    port = port or free_port(host)
    log = tempfile.TemporaryFile() if quiet else None
    nonce = secrets.token_hex(16)
    token = token or new_token()
    guard = {TOKEN_VARIABLE: token, PORT_VARIABLE: str(port), HOST_VARIABLE: host}
    process = subprocess.Popen(
        pinned(target.command(executable, host, port), cpus),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        env=child_environment(target, nonce, {**(environment or {}), **guard}),
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
    )
    return RunningServer(target, host, port, process, nonce, log, token)


def wait_until_healthy(server: RunningServer, timeout: float = START_TIMEOUT) -> None:
    """Return once the server answers its health route with its own nonce; else ServerError."""
    expected = f"{server.target.framework.value} {server.nonce}\n".encode()
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(
                f"{server.name} exited with code {server.process.returncode} before answering "
                f"on port {server.port}: {server.log_tail()}"
            )
        reply = fetch(server.host, server.port, ProbeRequest("GET", HEALTH_PATH), timeout=2.0)
        if reply.complete and reply.status == 200 and reply.body == expected:
            return
        last = f"{reply.result.value} {reply.status}" if reply.status else reply.result.value
        time.sleep(0.1)
    raise ServerError(
        f"{server.name} did not answer its health route at {server.url}{HEALTH_PATH} within "
        f"{timeout} s (last: {last})"
    )


def stop(server: RunningServer) -> None:
    """TERM the server's process group, then KILL it if it has not exited in STOP_TIMEOUT."""
    process = server.process
    try:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)
        # Workers that ignored TERM and outlived their master are in the same group.
        _signal_group(process, signal.SIGKILL)
    finally:
        if server.log is not None:
            server.log.close()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


@contextmanager
def running(
    targets: Mapping[Key, ServerTarget],
    ports: Mapping[Key, int | None] | None = None,
    *,
    host: str = HOST,
    quiet: bool = True,
    cpus: str | None = None,
    token: str | None = None,
) -> Iterator[dict[Key, RunningServer]]:
    """Start each named target (on the CPUs `cpus` names, when given), all with one `/render`
    token (`token`, else a fresh one), yield them once all are healthy, and stop them all.

    Given ports are checked before anything starts: a taken one raises PortTaken."""
    ports = ports or {}
    for key in targets:
        given = ports.get(key)
        if given:
            ensure_free(host, given)
    for chosen in targets.values():
        find_executable(chosen.executable)
    chosen_ports = {key: ports.get(key) or free_port(host) for key in targets}
    environment = _pair_environment(targets, chosen_ports, host)
    token = token or new_token()
    started: dict[Key, RunningServer] = {}
    with ExitStack() as stack:
        for key, chosen in targets.items():
            server = start(
                chosen,
                host,
                chosen_ports[key],
                quiet=quiet,
                environment=environment,
                cpus=cpus,
                token=token,
            )
            stack.callback(stop, server)
            started[key] = server
        for server in started.values():
            wait_until_healthy(server)
        yield started


def _pair_environment(
    targets: Mapping[Key, ServerTarget], ports: Mapping[Key, int], host: str
) -> dict[str, str]:
    """ORIGINS_VARIABLE for a Flask and a Quart server started together, so the explorer on
    either can frame the other's page (and the frame knows its parent); nothing for any other
    set of servers."""
    origins = {
        chosen.framework.value: f"http://{host}:{ports[key]}" for key, chosen in targets.items()
    }
    if len(targets) != 2 or set(origins) != {"flask", "quart"}:
        return {}
    return {ORIGINS_VARIABLE: origins_text(origins)}


class ServerPool:
    """Servers started on first use and restarted when one has died; `close()` stops them all.

    For suites that record which returns kill a server: the next test still gets a live one."""

    def __init__(self, targets: Mapping[str, ServerTarget]) -> None:
        self.targets = dict(targets)
        self.live: dict[str, RunningServer] = {}
        self.restarts: dict[str, int] = dict.fromkeys(targets, 0)

    def get(self, key: str) -> RunningServer:
        """A healthy server for `key` (`<framework>/<server>`), started or restarted as needed."""
        server = self.live.get(key)
        if server is not None and server.process.poll() is None:
            return server
        if server is not None:
            stop(server)
            self.restarts[key] += 1
        if key not in self.targets:
            self.targets[key] = target_named(key)
            self.restarts[key] = 0
        server = start(self.targets[key])
        try:
            wait_until_healthy(server)
        except BaseException:
            stop(server)
            raise
        self.live[key] = server
        return server

    def settle(self, key: str, timeout: float = 2.0) -> None:
        """Give a server whose reply broke off time to exit if it is dying, so that the next
        `get` sees it dead and restarts it rather than handing out a corpse."""
        server = self.live.get(key)
        if server is None:
            return
        health = fetch(server.host, server.port, ProbeRequest("GET", HEALTH_PATH), timeout=timeout)
        if health.complete and health.status == 200:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout)

    def close(self) -> None:
        """Stop every server this pool started."""
        while self.live:
            stop(self.live.popitem()[1])
