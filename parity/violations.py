"""The one error both drivers record when an app breaks its server protocol."""

from __future__ import annotations


class ProtocolViolation(Exception):
    """The app handed its server something PEP 3333 (WSGI) or the ASGI HTTP spec forbids."""


def status_problem(code: int) -> str | None:
    """Why a status code cannot go on an HTTP/1.1 status line, or None when it can."""
    if not 100 <= code <= 999:
        return f"status {code} is not a three-digit code"
    return None
