"""What a client record is: the library it calls, the npm build the harness loads for it, how
the library judges a response (its prediction), and the verdicts every library can give."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from typing import Protocol

from shared.clients.seen import Seen

PREFIX = "/_parity"
JS_PREFIX = f"{PREFIX}/js/"
LICENCE_PREFIX = f"{PREFIX}/licences/"


class ClientVerdict(Protocol):
    """What a client does with one response, as the harness reports it and in words."""

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports, equal to an observation when they agree."""
        ...

    def summary(self) -> str:
        """One line a person reads."""
        ...


@dataclass(frozen=True)
class Asset:
    """One client library's browser build, as pinned in package.json."""

    id: str
    folder: str
    """Its folder under node_modules (the npm alias for the two jQuery versions)."""
    package: str
    version: str
    build: str
    licence_file: str
    licence: str
    """The SPDX identifier package.json declares."""

    @property
    def url(self) -> str:
        """Where the apps serve the build."""
        return f"{JS_PREFIX}{self.id}.js"

    @property
    def licence_url(self) -> str:
        """Where the apps serve the licence text."""
        return f"{LICENCE_PREFIX}{self.id}.txt"


@dataclass(frozen=True)
class Library:
    """A client library (or the browser's own `fetch`): how it judges a response, and what it
    reports when the browser refuses the reply. `name` names its runner in harness.js."""

    name: str
    judge: Callable[[Client, Seen], ClientVerdict]
    network_error: Callable[[], dict[str, Any]]
    """What the harness reports for it when the browser refuses the reply."""
    reads_cut_bodies: bool = False
    """It sees the head of a reply whose body was cut short (only reading the body fails),
    where XMLHttpRequest reports a network error."""


@dataclass(frozen=True)
class Client:
    """One client as the harness runs it: a stable id, the library, the build it loads, and
    the settings it passes the library."""

    id: str
    title: str
    library: Library
    asset: Asset | None = None
    """The npm build the harness loads; None for what the browser has (`fetch`)."""
    options: tuple[tuple[str, str], ...] = ()
    """Settings the harness passes the library, e.g. jQuery's `dataType`."""
    methods: frozenset[str] | None = None
    """The request methods it can send; None for any."""

    @property
    def version(self) -> str:
        """The pinned version of its build, or `browser`."""
        return self.asset.version if self.asset is not None else "browser"

    def option(self, name: str) -> str | None:
        """The setting `name` passes the library, or None."""
        return dict(self.options).get(name)

    def sends(self, method: str) -> bool:
        """Whether this client can make a request with `method`."""
        return self.methods is None or method.upper() in self.methods


@dataclass(frozen=True)
class FollowsRedirect:
    """The browser follows the redirect before the client sees it: the client reports the
    target's answer, which this response does not tell."""

    status: int
    location: str

    def to_dict(self) -> dict[str, Any]:
        """Only what is known: the client's response comes from another URL."""
        return {"redirected": True}

    def summary(self) -> str:
        """One line a person reads."""
        return f"follows the {self.status} to {self.location!r} silently; sees that answer"


@dataclass(frozen=True)
class NetworkError:
    """The browser refuses the reply before any client sees it: each client reports the
    network failure it reports for an unreachable server."""

    library: Library
    cause: str
    """Why the browser refused it, as a person reads it."""

    def to_dict(self) -> dict[str, Any]:
        """What the harness reports for this library on a network error."""
        return self.library.network_error()

    def summary(self) -> str:
        """One line a person reads."""
        return f"network error: {self.cause}"


class Unpredicted(enum.Enum):
    """Why a client has no verdict."""

    NOT_SENT = "not sent"
    """The client does not make this request (htmx's attributes have no HEAD)."""
    NOT_MODELLED = "not predicted"
    """The response asks for something this module does not model (htmx's HX-Redirect...)."""


@dataclass(frozen=True)
class NoVerdict:
    """No prediction for this client, and why."""

    reason: Unpredicted
    why: str

    def to_dict(self) -> dict[str, Any]:
        """No observation to compare: only the reason."""
        return {"predicted": False, "reason": self.reason.value}

    def summary(self) -> str:
        """One line a person reads."""
        return f"{self.reason.value}: {self.why}"
