"""Start both apps under their real development servers on loopback, and stop them.

`flask --app flask_app run` serves Flask with Werkzeug's server; `quart --app quart_app run`
serves Quart with Hypercorn. Each is found next to the running interpreter, bound to
127.0.0.1 on a port, waited for, and always terminated by the context that started it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from shared.frameworks import Framework

HOST = "127.0.0.1"
START_TIMEOUT = 30.0
"""Seconds a server may take to accept connections before it counts as failed."""
STOP_TIMEOUT = 5.0


class ServerError(RuntimeError):
    """A server could not be found, did not start, or died."""


@dataclass(frozen=True)
class RunningServer:
    """A server process that accepts connections at `url`."""

    framework: Framework
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes] | None
    """Where the server's output goes when quiet (a pipe could fill and block it)."""

    def log_tail(self, size: int = 800) -> str:
        """The end of what the server wrote, for error messages."""
        if self.log is None:
            return ""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-size:]

    @property
    def url(self) -> str:
        """The base URL."""
        return f"http://{HOST}:{self.port}"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def command_for(framework: Framework, port: int) -> list[str]:
    """The command line that serves one app, as the README gives it."""
    executable = find_executable(framework.value)
    command = [executable, "--app", f"{framework.value}_app", "run", "--host", HOST]
    command += ["--port", str(port)]
    if framework is Framework.FLASK:
        command += ["--no-reload", "--no-debugger"]
    else:
        command += ["--no-reload"]
    return command


def find_executable(name: str) -> str:
    """The console script `name` installed beside this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise ServerError(
            f"the '{name}' command is not installed beside {sys.executable} nor on PATH; "
            f"install the project (pip install .) in this environment"
        )
    return found


@contextmanager
def running(
    frameworks: tuple[Framework, ...] = (Framework.FLASK, Framework.QUART),
    ports: dict[Framework, int] | None = None,
    quiet: bool = True,
) -> Iterator[dict[Framework, RunningServer]]:
    """Start a server per framework, yield them once all accept connections, stop them all."""
    started: dict[Framework, RunningServer] = {}
    try:
        for framework in frameworks:
            port = (ports or {}).get(framework) or free_port()
            log = tempfile.TemporaryFile() if quiet else None
            process = subprocess.Popen(command_for(framework, port), stdout=log, stderr=log)
            started[framework] = RunningServer(framework, port, process, log)
        for server in started.values():
            _wait_until_listening(server)
        yield started
    finally:
        for server in started.values():
            _stop(server.process)
            if server.log is not None:
                server.log.close()


def _wait_until_listening(server: RunningServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(
                f"the {server.framework.title} server exited with code "
                f"{server.process.returncode} before listening on port {server.port}: "
                f"{server.log_tail()}"
            )
        try:
            with socket.create_connection((HOST, server.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerError(
        f"the {server.framework.title} server did not listen on {server.url} "
        f"within {START_TIMEOUT} s"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)
