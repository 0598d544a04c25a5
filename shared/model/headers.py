"""Headers as a view writes them: a dict, a list or tuple of pairs, or `Headers([...])`."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeAlias

from shared.model.values import literal

# --- headers -------------------------------------------------------------------------------


class HeadersForm(enum.Enum):
    """The container a person puts headers in."""

    DICT = "dict"
    LIST = "list"
    TUPLE = "tuple"
    HEADERS = "Headers"


HeaderScalar: TypeAlias = str | int | float | bool | bytes | None
HeaderItemValue: TypeAlias = HeaderScalar | tuple[str, ...]
"""A header value; a tuple stands for a list literal such as `['a', 'b']`."""

PlainHeaders: TypeAlias = (
    dict[str, HeaderScalar | list[str]]
    | list[tuple[str, HeaderScalar | list[str]]]
    | tuple[tuple[str, HeaderScalar | list[str]], ...]
)


def _header_value_python(value: HeaderItemValue) -> HeaderScalar | list[str]:
    return list(value) if isinstance(value, tuple) else value


def _header_value_source(value: HeaderItemValue) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(repr(part) for part in value) + "]"
    return literal(value)


@dataclass(frozen=True)
class HeadersValue:
    """Headers in one of the forms views use: dict, list or tuple of pairs, or `Headers([...])`."""

    form: HeadersForm
    items: tuple[tuple[str, HeaderItemValue], ...] = ()

    def __post_init__(self) -> None:
        if self.form is HeadersForm.DICT:
            names = [name for name, _ in self.items]
            if len(set(names)) != len(names):
                raise ValueError(f"duplicate keys in dict literal: {names!r}")

    def to_source(self) -> str:
        """The container literal, or the `Headers(...)` call."""
        if self.form is HeadersForm.DICT:
            inner = ", ".join(f"{n!r}: {_header_value_source(v)}" for n, v in self.items)
            return "{" + inner + "}"
        pairs = [f"({n!r}, {_header_value_source(v)})" for n, v in self.items]
        if self.form is HeadersForm.TUPLE:
            if len(pairs) == 1:
                return f"({pairs[0]},)"
            return "(" + ", ".join(pairs) + ")"
        listed = "[" + ", ".join(pairs) + "]"
        return f"Headers({listed})" if self.form is HeadersForm.HEADERS else listed

    def to_python(self) -> PlainHeaders:
        """The dict, list or tuple a view passes on; for `Headers(...)`, the list it wraps."""
        if self.form is HeadersForm.DICT:
            return {name: _header_value_python(value) for name, value in self.items}
        pairs = [(name, _header_value_python(value)) for name, value in self.items]
        return tuple(pairs) if self.form is HeadersForm.TUPLE else pairs
