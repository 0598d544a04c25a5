"""The route a started server answers to prove it is the one `parity` started.

The code that starts a server puts a fresh random nonce in the child's environment; the app
answers it at `HEALTH_PATH`. A server that answers something else (or nothing) on the port is
not ours, however readily it accepts connections.
"""

from __future__ import annotations

HEALTH_PATH = "/_parity/health"
NONCE_VARIABLE = "PARITY_HEALTH_NONCE"
"""The environment variable that carries the nonce into the server process."""
NONCE_CONFIG_KEY = "PARITY_HEALTH_NONCE"
"""The app config key the factory copies the nonce into."""


def health_body(nonce: str | None, framework: str) -> tuple[int, bytes]:
    """The status and plain-text body of the health route: the nonce, or 404 without one."""
    if not nonce:
        return 404, b"no health nonce was given to this server\n"
    return 200, f"{framework} {nonce}\n".encode("ascii", "replace")
