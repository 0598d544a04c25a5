"""The lab's guard, free of any framework: which Host a served app answers, the token `/render`
asks for, and the headers the lab adds to `/render` answers outside the frameworks.

The code that starts a server puts a fresh token, the port and the bound host in the child's
environment (TOKEN_VARIABLE, PORT_VARIABLE, HOST_VARIABLE); each factory wraps its app in a
middleware (`flask_app.guard`, `quart_app.guard`) that applies `Guard.refusal` to every
request before the framework sees it. A server started without a token refuses `/render`; one
started without its port answers loopback names only and refuses `/render` too.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from shared.routes.render import RENDER_PATH

TOKEN_VARIABLE = "PARITY_TOKEN"
"""The per-start secret `/render` asks for as `Authorization: Bearer <token>`."""
PORT_VARIABLE = "PARITY_PORT"
"""The port the server listens on: the only port a Host header may name."""
HOST_VARIABLE = "PARITY_HOST"
"""The address the server was bound to, allowed as a Host name beside the loopback names."""
GUARD_VARIABLES = (TOKEN_VARIABLE, PORT_VARIABLE, HOST_VARIABLE)
"""Never inherited by a started server: the starter sets each of them itself."""
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""Host names a served app answers whatever else it was told."""
LAB_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
)
"""Added after the view's own headers on every `/render` answer, by the middleware: markup
from `/render` opened in a browser runs in an opaque origin with no script, loads nothing and
cannot be framed. Not the frameworks' doing, so never compared."""
LAB_HEADER_NAMES = frozenset(name.lower() for name, _ in LAB_HEADERS)
UNAUTHORIZED = 401
MISDIRECTED = 421
_BEARER = "Bearer "
Name = TypeVar("Name", str, bytes)


@dataclass(frozen=True)
class Refusal:
    """A request the guard answers itself: status, reason phrase, JSON body and headers."""

    status: int
    reason: str
    error: str
    detail: str
    headers: tuple[tuple[str, str], ...] = ()

    def body(self) -> bytes:
        """The JSON document, shaped as /render's own refusals are."""
        return json.dumps({"error": self.error, "detail": self.detail}).encode() + b"\n"

    def header_list(self) -> list[tuple[str, str]]:
        """Every header of the answer, Content-Length and the lab's own included."""
        return [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(self.body()))),
            ("Cache-Control", "no-store"),
            *self.headers,
            *LAB_HEADERS,
        ]


@dataclass(frozen=True)
class Guard:
    """What one served app was told: its token, port and bound host (None when not told)."""

    token: str | None
    port: int | None
    host: str | None = None

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> Guard:
        """The guard for the values the starter put in the environment; a bad port is none."""
        port_text = environment.get(PORT_VARIABLE, "")
        port = int(port_text) if port_text.isdigit() and 0 < int(port_text) < 65536 else None
        token = environment.get(TOKEN_VARIABLE) or None
        return cls(token, port, environment.get(HOST_VARIABLE) or None)

    def allowed_hosts(self) -> frozenset[str]:
        """Every Host value this server answers (lower case), empty when its port is unknown."""
        if self.port is None:
            return frozenset()
        names = set(LOOPBACK_NAMES)
        if self.host:
            names.add(f"[{self.host}]" if ":" in self.host else self.host.lower())
        return frozenset(f"{name}:{self.port}" for name in names)

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's Host names this server; with no known port, a loopback name."""
        if host is None:
            return False
        wanted = host.lower()
        if self.port is not None:
            return wanted in self.allowed_hosts()
        name = wanted.rsplit(":", 1)[0] if not wanted.endswith("]") else wanted
        return name in LOOPBACK_NAMES and (name == wanted or wanted[len(name) + 1 :].isdigit())

    def refusal(self, host: str | None, path: str, authorization: str | None) -> Refusal | None:
        """The answer to a request the guard refuses, or None to let it through."""
        if not self.host_allowed(host):
            return Refusal(
                MISDIRECTED,
                "Misdirected Request",
                "foreign-host",
                "this lab server answers only its own loopback address and port in Host "
                f"({', '.join(sorted(self.allowed_hosts())) or 'loopback names only'}); "
                "a request for another name (DNS rebinding) is refused",
            )
        if not guarded_path(path):
            return None
        if self.token is None or self.port is None:
            return Refusal(
                UNAUTHORIZED,
                "Unauthorized",
                "no-token-configured",
                f"this server was started without {TOKEN_VARIABLE} and {PORT_VARIABLE}, so "
                f"/render is closed: start it with `parity serve`, or set {TOKEN_VARIABLE} to "
                f"a secret and {PORT_VARIABLE} to its port and send "
                "`Authorization: Bearer <token>`",
                (("WWW-Authenticate", 'Bearer realm="parity"'),),
            )
        if not token_matches(authorization, self.token):
            return Refusal(
                UNAUTHORIZED,
                "Unauthorized",
                "bad-token",
                "/render needs `Authorization: Bearer <token>` with the token this server was "
                "started with (`parity serve` prints the explorer URL carrying it)",
                (("WWW-Authenticate", 'Bearer realm="parity"'),),
            )
        return None


def guarded_path(path: str) -> bool:
    """Whether a request path reaches `/render` (slashes doubled or trailing included)."""
    collapsed = "/" + "/".join(part for part in path.split("/") if part)
    return collapsed == RENDER_PATH


def token_matches(authorization: str | None, token: str) -> bool:
    """Whether an Authorization value is `Bearer <token>`, compared in constant time."""
    if authorization is None or not authorization.startswith(_BEARER):
        return False
    given = authorization[len(_BEARER) :].strip().encode("latin-1", "replace")
    return hmac.compare_digest(given, token.encode("latin-1", "replace"))


def bearer(token: str) -> tuple[str, str]:
    """The header a client sends to `/render`."""
    return ("Authorization", f"{_BEARER}{token}")


def without_lab_headers(headers: Sequence[tuple[Name, Name]]) -> list[tuple[Name, Name]]:
    """The headers less one copy of each pair the lab added (the last), so a header of the
    same name the view set itself is kept and compared."""
    kept = list(headers)
    for name, value in LAB_HEADERS:
        for index in range(len(kept) - 1, -1, -1):
            seen_name, seen_value = kept[index]
            as_text = (
                (seen_name.decode("latin-1"), seen_value.decode("latin-1"))
                if isinstance(seen_name, bytes) and isinstance(seen_value, bytes)
                else (str(seen_name), str(seen_value))
            )
            if as_text[0].lower() == name.lower() and as_text[1] == value:
                del kept[index]
                break
    return kept


def without_lab_value(name: str, value: str) -> str | None:
    """A header value as a browser shows it (same-name headers joined by ", ") less the lab's
    part; None when nothing of the view's own is left."""
    for lab_name, lab_value in LAB_HEADERS:
        if name.lower() != lab_name.lower():
            continue
        if value == lab_value:
            return None
        if value.endswith(", " + lab_value):
            return value[: -len(", " + lab_value)]
    return value
