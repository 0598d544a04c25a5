"""What HTTP/1.1 allows in a header line: token names, and text free of control characters."""

from __future__ import annotations

_TOKEN_EXTRA = frozenset("!#$%&'*+-.^_`|~")


def has_control(text: str) -> bool:
    """Whether text has a control character other than tab."""
    return any((c < " " and c != "\t") or c == "\x7f" for c in text)


def is_token(name: str) -> bool:
    """Whether a header name is an RFC 9110 token (ASCII letters, digits, a few marks)."""
    return bool(name) and all((c.isascii() and c.isalnum()) or c in _TOKEN_EXTRA for c in name)
