"""`parity serve`: both apps on real servers until Ctrl-C, TERM, or the parent's death.

Both get one `/render` token: PARITY_TOKEN from this process's environment (for scripts), else
a fresh one. The explorer address printed carries it in its #fragment, which browsers never
send, so no server or log sees it.

Exit codes: 0 stopped on request, 1 a server failed to start or stopped on its own,
3 a port is already taken, 4 a server's command is not installed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TextIO

from parity.servers import HOST
from parity.servers import MissingServer
from parity.servers import PortTaken
from parity.servers import ServerError
from parity.servers import running
from parity.servers import target
from parity.servers.process import new_token
from shared.clients.assets import NODE_MODULES_VARIABLE
from shared.clients.assets import NOT_INSTALLED
from shared.clients.assets import bundled_files
from shared.clients.assets import client_roots
from shared.frameworks import Framework
from shared.routes.explorer import EXPLORER_PATH
from shared.routes.guard import TOKEN_VARIABLE

EXIT_STOPPED = 0
EXIT_SERVER_FAILED = 1
EXIT_PORT_TAKEN = 3
EXIT_MISSING_SERVER = 4
_PR_SET_PDEATHSIG = 1
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,200}")
"""A token that fits a header and a URL fragment as it is (what secrets.token_urlsafe makes)."""


@dataclass(frozen=True)
class ServeOptions:
    """What `parity serve` was asked for."""

    flask_server: str | None = None
    quart_server: str | None = None
    flask_port: int = 5000
    quart_port: int = 5001
    host: str = HOST
    seconds: float | None = None


class _Stop(Exception):
    """A signal asked `parity serve` to stop."""


_HANDLED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    # Only the first signal unwinds; later ones must not interrupt the servers' shutdown.
    for handled in _HANDLED:
        signal.signal(handled, signal.SIG_IGN)
    raise _Stop(signal.Signals(signum).name)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """TERM, INT and HUP unwind the serving loop, so the servers are always stopped."""
    previous = {signum: signal.signal(signum, _raise_stop) for signum in _HANDLED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _term_when_parent_dies() -> None:
    # Linux: the kernel sends TERM when the parent (nox, a shell, a supervisor) dies, which
    # the handler turns into a clean stop. Elsewhere the loop watches the parent's pid.
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def missing_client_files() -> list[str]:
    """The client files the servers will not find where they look (as they look: the same
    environment and working directory)."""
    roots = client_roots(os.environ.get(NODE_MODULES_VARIABLE), Path.cwd())
    return [name for name in bundled_files() if not any((r / name).is_file() for r in roots)]


def serve(options: ServeOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Serve both apps until asked to stop; return the exit code (stdout, stderr by default)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        targets = {
            "flask": target(Framework.FLASK, options.flask_server),
            "quart": target(Framework.QUART, options.quart_server),
        }
    except KeyError as error:
        print(f"parity: unknown server {error}", file=err)
        return EXIT_SERVER_FAILED
    if options.host not in _LOOPBACK:
        print(
            f"parity: warning: serving on {options.host}, not loopback; anyone who can reach "
            "it can make these apps return anything",
            file=err,
        )
    if missing_client_files():
        print(NOT_INSTALLED, file=err)
    ports: dict[str, int | None] = {"flask": options.flask_port, "quart": options.quart_port}
    parent = os.getppid()
    token = os.environ.get(TOKEN_VARIABLE) or new_token()
    if not _TOKEN_SHAPE.fullmatch(token):
        print(f"parity: {TOKEN_VARIABLE} must be 16 to 200 of A-Z a-z 0-9 _ -", file=err)
        return EXIT_SERVER_FAILED
    _term_when_parent_dies()
    try:
        with (
            _stop_on_signals(),
            running(targets, ports, host=options.host, quiet=False, token=token) as live,
        ):
            for server in live.values():
                print(f"{server.name}: {server.url}/  (/render, /scenarios/<id>)", file=out)
            print(f"Open the explorer: {live['flask'].url}{EXPLORER_PATH}#token={token}", file=out)
            print(
                f"/render asks for the header `Authorization: Bearer <token>` ({TOKEN_VARIABLE} "
                "sets the token; the address above carries it).",
                file=out,
            )
            print("Ctrl-C stops both.", file=out, flush=True)
            deadline = None if options.seconds is None else time.monotonic() + options.seconds
            while deadline is None or time.monotonic() < deadline:
                for server in live.values():
                    if server.process.poll() is not None:
                        print(f"parity: {server.name} stopped on its own", file=err)
                        return EXIT_SERVER_FAILED
                if os.getppid() != parent:
                    return EXIT_STOPPED
                time.sleep(0.2)
    except _Stop:
        return EXIT_STOPPED
    except PortTaken as error:
        print(f"parity: {error}", file=err)
        return EXIT_PORT_TAKEN
    except MissingServer as error:
        print(f"parity: {error}", file=err)
        return EXIT_MISSING_SERVER
    except ServerError as error:
        print(f"parity: {error}", file=err)
        return EXIT_SERVER_FAILED
    return EXIT_STOPPED
