"""How to start every server `parity` can run an app under.

A server is one record in `shared.wire_divergences.servers` (its framework, name and habits on
the wire); this module adds the command that starts it, joined by the `<framework>/<id>` key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from shared.frameworks import Framework
from shared.wire_divergences.habits import Habits
from shared.wire_divergences.servers import SERVERS_BY_KEY
from shared.wire_divergences.servers import Server


@dataclass(frozen=True)
class AppRef:
    """Where a server finds the app: `module:name`, called with no arguments when a factory."""

    module: str
    name: str
    factory: bool = True

    @property
    def called(self) -> str:
        """The form Gunicorn, Hypercorn and `flask --app` read: `module:name()` for a factory."""
        return f"{self.module}:{self.name}{'()' if self.factory else ''}"

    @property
    def plain(self) -> str:
        """`module:name`, which Uvicorn and Granian read (with `--factory` for a factory)."""
        return f"{self.module}:{self.name}"

    @property
    def factory_flag(self) -> tuple[str, ...]:
        """`--factory` when the name is a factory, for Uvicorn and Granian."""
        return ("--factory",) if self.factory else ()


PROJECT_APPS = MappingProxyType(
    {
        Framework.FLASK: AppRef("flask_app", "create_app"),
        Framework.QUART: AppRef("quart_app", "create_app"),
    }
)
"""The project's own apps, which every target serves unless told otherwise."""

Builder = Callable[[str, str, int, AppRef], list[str]]
"""Builds a command line from the executable's path, the host, the port and the app."""


@dataclass(frozen=True)
class ServerTarget:
    """One way to serve one app: the server's record and the command that starts it."""

    server: Server
    executable: str
    """The console script, looked up beside the running interpreter, then on PATH."""
    build: Builder
    environment_prefixes: tuple[str, ...] = ()
    """Environment variables it reads its settings from; scrubbed from the child's environment."""
    app: AppRef | None = field(default=None, compare=False)
    """The app served; None is the project's app for the framework."""

    @property
    def id(self) -> str:
        """The server's id within its framework (`gunicorn`, `hypercorn`, ...)."""
        return self.server.id

    @property
    def framework(self) -> Framework:
        """The framework whose app it serves."""
        return self.server.framework

    @property
    def title(self) -> str:
        """The server's name as a person reads it."""
        return self.server.title

    @property
    def habits(self) -> Habits:
        """What it puts on the wire where the app's answer leaves it a choice."""
        return self.server.habits

    def command(self, executable: str, host: str, port: int) -> list[str]:
        """The command line that serves the app on `host`:`port`."""
        return self.build(executable, host, port, self.app or PROJECT_APPS[self.framework])

    def serving(self, app: AppRef) -> ServerTarget:
        """The same server and settings serving another app (the bench's minimal apps)."""
        return replace(self, app=app)


HEAD_LIMIT = 32 * 1024
"""Bytes of request line and headers the h11 servers (Hypercorn, Uvicorn) read, up from their
16 KiB: a `/render` source at its 4 KiB limit, percent-encoded byte by byte, is 12 KiB of
query, and a browser's own headers come with it."""
FIELD_LIMIT = 16 * 1024
"""Bytes of one header line Gunicorn reads (8190 by default), so a `Referer` carrying such a
query still fits."""
HYPERCORN_SETTINGS = Path(__file__).with_name("hypercorn_settings.py")
"""Hypercorn takes its head limit only from a configuration file."""


def _gunicorn(worker: tuple[str, ...]) -> Builder:
    def command(executable: str, host: str, port: int, app: AppRef) -> list[str]:
        # One worker keeps memory readings and process counts small; the app is a factory.
        return [
            executable,
            "--bind",
            f"{host}:{port}",
            "--workers",
            "1",
            *worker,
            # Gunicorn caps a request-line limit at 8190 bytes, short of a /render query at
            # the source limit; 0 is its only setting above that (no limit).
            "--limit-request-line",
            "0",
            "--limit-request-field_size",
            str(FIELD_LIMIT),
            "--graceful-timeout",
            "3",
            # Otherwise every Gunicorn shares one control socket in $HOME.
            "--no-control-socket",
            app.called,
        ]

    return command


def _werkzeug(executable: str, host: str, port: int, app: AppRef) -> list[str]:
    return [executable, "--app", app.called, "run", "--host", host, "--port", str(port)] + [
        "--no-reload",
        "--no-debugger",
    ]


def _granian(interface: str) -> Builder:
    def command(executable: str, host: str, port: int, app: AppRef) -> list[str]:
        return [
            executable,
            "--interface",
            interface,
            "--host",
            host,
            "--port",
            str(port),
            "--http",
            "1",
            "--no-ws",
            "--workers",
            "1",
            *app.factory_flag,
            app.plain,
        ]

    return command


def _hypercorn(executable: str, host: str, port: int, app: AppRef) -> list[str]:
    return [
        executable,
        "--config",
        f"file:{HYPERCORN_SETTINGS}",
        "--bind",
        f"{host}:{port}",
        app.called,
    ]


def _uvicorn(executable: str, host: str, port: int, app: AppRef) -> list[str]:
    return [
        executable,
        "--host",
        host,
        "--port",
        str(port),
        "--h11-max-incomplete-event-size",
        str(HEAD_LIMIT),
        *app.factory_flag,
        app.plain,
    ]


_GUNICORN_ENV = ("GUNICORN_CMD_ARGS", "WEB_CONCURRENCY")

TARGETS: tuple[ServerTarget, ...] = (
    ServerTarget(SERVERS_BY_KEY["flask/gunicorn"], "gunicorn", _gunicorn(()), _GUNICORN_ENV),
    ServerTarget(
        SERVERS_BY_KEY["flask/gunicorn-gthread"],
        "gunicorn",
        # A silent connection holds a thread up to 5 s and a half-sent request line holds one
        # until its client leaves: 32 threads stay answering with 31 such clients.
        _gunicorn(("--worker-class", "gthread", "--threads", "32")),
        _GUNICORN_ENV,
    ),
    ServerTarget(SERVERS_BY_KEY["flask/werkzeug"], "flask", _werkzeug, ("FLASK_",)),
    ServerTarget(SERVERS_BY_KEY["flask/granian"], "granian", _granian("wsgi"), ("GRANIAN_",)),
    ServerTarget(SERVERS_BY_KEY["quart/hypercorn"], "hypercorn", _hypercorn),
    ServerTarget(
        SERVERS_BY_KEY["quart/uvicorn"], "uvicorn", _uvicorn, ("UVICORN_", "WEB_CONCURRENCY")
    ),
    ServerTarget(
        SERVERS_BY_KEY["quart/gunicorn"],
        "gunicorn",
        # Gunicorn 27's own ASGI worker (an asyncio event loop in each worker).
        _gunicorn(("--worker-class", "asgi")),
        _GUNICORN_ENV,
    ),
    ServerTarget(SERVERS_BY_KEY["quart/granian"], "granian", _granian("asgi"), ("GRANIAN_",)),
)
"""The command of every server record, in the records' order."""

BY_FRAMEWORK: MappingProxyType[Framework, MappingProxyType[str, ServerTarget]] = MappingProxyType(
    {
        framework: MappingProxyType({t.id: t for t in TARGETS if t.framework is framework})
        for framework in Framework
    }
)
"""The targets of each framework, by id."""

DEFAULTS = MappingProxyType({Framework.FLASK: "gunicorn-gthread", Framework.QUART: "hypercorn"})
"""What `parity serve` and the wire suite use when no server is named. Not Gunicorn's sync
worker: it serves one connection at a time, so one idle client stops it for 30 s."""

DEBUG_VARIABLES = ("FLASK_DEBUG", "QUART_DEBUG", "FLASK_ENV", "QUART_ENV", "FLASK_RUN_", "QUART_")
"""Never passed on: debug mode (tracebacks with frame locals) is not taken from the environment."""


def target(framework: Framework, server: str | None = None) -> ServerTarget:
    """The target named `server` for `framework` (its default when None); KeyError if unknown."""
    return BY_FRAMEWORK[framework][server or DEFAULTS[framework]]


def target_named(key: str) -> ServerTarget:
    """The target for a `<framework>/<server id>` key, e.g. `quart/hypercorn`."""
    framework, _, server = key.partition("/")
    return BY_FRAMEWORK[Framework(framework)][server]


def key_of(chosen: ServerTarget) -> str:
    """The `<framework>/<server id>` key of a target."""
    return chosen.server.key


def selected_keys(spec: str | None) -> tuple[str, ...]:
    """The server keys a spec names: `default` (or None) for the default pair, `all` for every
    target, or a comma-separated list of keys."""
    if spec is None or spec == "default":
        return tuple(f"{framework.value}/{server}" for framework, server in DEFAULTS.items())
    if spec == "all":
        return tuple(key_of(t) for t in TARGETS)
    keys = tuple(part.strip() for part in spec.split(",") if part.strip())
    for key in keys:
        target_named(key)
    return keys
