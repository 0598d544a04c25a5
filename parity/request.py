"""The request a driver sends: method, path, headers and body, framework-neutral."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProbeRequest:
    """One HTTP/1.1 request to an app on `localhost`."""

    method: str = "GET"
    path: str = "/"
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    def __post_init__(self) -> None:
        if not self.method.isascii() or not self.method.isalpha():
            raise ValueError(f"not an HTTP method: {self.method!r}")
        if not self.path.startswith("/"):
            raise ValueError(f"a path starts with '/': {self.path!r}")
