"""Loopback ports: a free one, and whether a given one can still be bound."""

from __future__ import annotations

import socket

HOST = "127.0.0.1"


class PortTaken(Exception):
    """Something already holds the port; the message names it."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(f"port {port} on {host} is already in use")
        self.host = host
        self.port = port


def free_port(host: str = HOST) -> int:
    """A port on `host` that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def ensure_free(host: str, port: int) -> None:
    """Raise PortTaken when a server could not bind `port` on `host`.

    Binds as the servers do (with SO_REUSEADDR, so a closed connection lingering in
    TIME_WAIT does not count), and also tries to connect, which catches a listener bound to a
    wider address."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise PortTaken(host, port) from None
    try:
        with socket.create_connection((host, port), timeout=0.5):
            raise PortTaken(host, port)
    except OSError:
        return
