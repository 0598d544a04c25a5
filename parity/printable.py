"""Text from outside made safe to print on a terminal: every character that is not printable
(control characters, escape sequences, bidirectional overrides, lone surrogates) is shown as
its Python escape, so data can never move the cursor, recolour or reorder what a person reads."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` with each non-printable character written as `\\xNN`, `\\uNNNN` or `\\UNNNNNNNN`."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
