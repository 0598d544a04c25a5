"""Leaf literals and the JSON payloads views pass to `jsonify` or return as they are."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeAlias

from shared.model.typed import TYPED_VALUES
from shared.model.typed import TypedValue

# --- literals ------------------------------------------------------------------------------


def literal(value: object) -> str:
    """The Python literal for a leaf value; infinities are written `1e999` and `-1e999`, the
    literals that evaluate to them, so that every source renders back to what was read."""
    if isinstance(value, float) and math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    return repr(value)


# --- JSON payloads -------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonArray:
    """A JSON array written as a Python list literal."""

    items: tuple[JsonValue, ...] = ()

    def to_source(self) -> str:
        """The list literal."""
        return "[" + ", ".join(json_source(item) for item in self.items) + "]"

    def to_python(self) -> list[object]:
        """The plain Python list this literal evaluates to."""
        return [json_python(item) for item in self.items]


JsonKey: TypeAlias = str | int | float | bool | None
"""The dict keys `json.dumps` accepts (it writes the non-string ones as strings)."""


@dataclass(frozen=True)
class JsonObject:
    """A JSON object written as a Python dict literal (keys unique as Python compares them, so
    `1`, `1.0` and `True` are one key; order kept)."""

    items: tuple[tuple[JsonKey, JsonValue], ...] = ()

    def __post_init__(self) -> None:
        keys = [key for key, _ in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate keys in dict literal: {keys!r}")

    def to_source(self) -> str:
        """The dict literal."""
        return "{" + ", ".join(f"{literal(key)}: {json_source(v)}" for key, v in self.items) + "}"

    def to_python(self) -> dict[JsonKey, object]:
        """The plain Python dict this literal evaluates to."""
        return {key: json_python(value) for key, value in self.items}


JsonValue: TypeAlias = None | bool | int | float | str | JsonArray | JsonObject | TypedValue
"""What `jsonify` and a returned dict or list may hold: JSON's own values, and the typed
values the frameworks' JSON providers serialise (`shared.model.typed`)."""


def json_source(value: JsonValue) -> str:
    """Python source for one JSON value."""
    if isinstance(value, JsonArray | JsonObject) or isinstance(value, TYPED_VALUES):
        return value.to_source()
    return literal(value)


def is_plain_json(value: JsonValue) -> bool:
    """Whether a value holds no typed value anywhere, so that `json.dumps` takes it."""
    if isinstance(value, TYPED_VALUES):
        return False
    if isinstance(value, JsonArray):
        return all(is_plain_json(item) for item in value.items)
    if isinstance(value, JsonObject):
        return all(is_plain_json(item) for _, item in value.items)
    return True


def json_python(value: JsonValue) -> object:
    """The plain Python value (dict, list, scalar) a plain JSON value stands for; the typed
    values are built by the apps (`shared.building.plain_values.python_value`), never here."""
    if isinstance(value, TYPED_VALUES):
        raise TypeError(f"{value.to_source()} is not plain JSON")
    if isinstance(value, JsonArray | JsonObject):
        return value.to_python()
    return value
