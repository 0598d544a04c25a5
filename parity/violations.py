"""The one error both drivers record when an app breaks its server protocol."""

from __future__ import annotations


class ProtocolViolation(Exception):
    """The app handed its server something PEP 3333 (WSGI) or the ASGI HTTP spec forbids."""


def status_problem(code: int) -> str | None:
    """Why a status code cannot go on an HTTP/1.1 status line, or None when it can."""
    if not 100 <= code <= 999:
        return f"status {code} is not a three-digit code"
    return None


def _control(text: str) -> str | None:
    """The first control character in `text` (HTAB allowed), or None."""
    for char in text:
        if (char < " " and char != "\t") or char == "\x7f":
            return char
    return None


def text_problem(what: str, text: str) -> str | None:
    """Why a header name or value, or a reason phrase, cannot go on the wire as it is: a
    control character (CR and LF would start a new header line) or a character latin-1
    cannot encode; None when it can."""
    char = _control(text)
    if char is not None:
        return f"{what} {text!r} holds the control character {char!r}"
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return f"{what} {text!r} is not latin-1"
    return None


def header_problem(name: str, value: str) -> str | None:
    """Why a header (both as the text of its wire bytes) breaks the protocol, or None."""
    if not name:
        return f"a header has an empty name (value {value!r})"
    return text_problem("header name", name) or text_problem(f"header {name} value", value)
