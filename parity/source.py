"""Read an expression from standard input without ever holding more than the parser accepts."""

from __future__ import annotations

from typing import BinaryIO

from shared.parse import MAX_SOURCE_LENGTH

MAX_SOURCE_BYTES = 4 * MAX_SOURCE_LENGTH
"""UTF-8 spends at most four bytes a character: more bytes than this cannot be accepted."""


class InputError(ValueError):
    """Standard input cannot be an expression: too long, or not UTF-8 text."""


def read_source(stream: BinaryIO) -> str:
    """At most MAX_SOURCE_BYTES + 1 bytes of `stream`, decoded as UTF-8; refuses more, and
    anything that is not UTF-8, naming the problem, without reading the rest."""
    data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(
            f"standard input is longer than the {MAX_SOURCE_LENGTH} characters accepted"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"standard input is not UTF-8 text (byte {data[error.start]:#04x} at offset "
            f"{error.start})"
        ) from None
    return text.removeprefix("\ufeff")


def source_of(expression: str, stdin: BinaryIO) -> str:
    """The expression as given, or standard input read as `read_source` does for `-`."""
    return read_source(stdin) if expression == "-" else expression
