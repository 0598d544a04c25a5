"""Leaf literals and the JSON payloads views pass to `jsonify` or return as they are.

JSON payloads may hold the values the frameworks' JSON providers serialise beyond plain JSON:
Flask's `DefaultJSONProvider` (which Quart uses as it is) turns a `datetime` or `date` into
an HTTP date, a `UUID` or `Decimal` into its `str()`, and a dataclass instance into the dict
`dataclasses.asdict` makes. Those records hold only the literal arguments of each call; the
apps build the real objects (`shared.building.plain_values.python_value`). The one dataclass
the model knows is `Point(x=..., y=...)`, defined as `@dataclass class Point: x: object; y: object`.
One module for both, since a JSON value may be a typed value and a `Point` holds JSON values.
"""

from __future__ import annotations

import datetime
import decimal
import math
import uuid
from dataclasses import dataclass
from typing import TypeAlias

# --- typed values --------------------------------------------------------------------------

DATETIME_FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")
"""The positional arguments `datetime(...)` takes here, in order (no `tzinfo`)."""
POINT_FIELDS = ("x", "y")
"""The fields of the one dataclass the model knows, `Point`."""


@dataclass(frozen=True)
class DateTimeValue:
    """`datetime(year, month, day[, hour[, minute[, second[, microsecond]]]])`, naive."""

    parts: tuple[int, ...]

    def __post_init__(self) -> None:
        if not 3 <= len(self.parts) <= len(DATETIME_FIELDS):
            raise ValueError("datetime() takes from 3 to 7 int arguments here")
        try:
            datetime.datetime(*self.fields())
        except (ValueError, OverflowError) as error:
            raise ValueError(f"no such datetime: {error}") from None

    def fields(self) -> tuple[int, int, int, int, int, int, int]:
        """All seven fields, the ones not written as zero."""
        year, month, day, hour, minute, second, micro = (*self.parts, 0, 0, 0, 0)[:7]
        return year, month, day, hour, minute, second, micro

    def to_source(self) -> str:
        """The constructor call."""
        return f"datetime({', '.join(str(part) for part in self.parts)})"


@dataclass(frozen=True)
class DateValue:
    """`date(year, month, day)`."""

    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        try:
            datetime.date(self.year, self.month, self.day)
        except (ValueError, OverflowError) as error:
            raise ValueError(f"no such date: {error}") from None

    def to_source(self) -> str:
        """The constructor call."""
        return f"date({self.year}, {self.month}, {self.day})"


@dataclass(frozen=True)
class UuidValue:
    """`UUID('...')` with the text as written (any form `uuid.UUID` reads)."""

    text: str

    def __post_init__(self) -> None:
        uuid.UUID(self.text)

    def to_source(self) -> str:
        """The constructor call."""
        return f"UUID({self.text!r})"


@dataclass(frozen=True)
class DecimalValue:
    """`Decimal('...')` with the text as written (any form `decimal.Decimal` reads)."""

    text: str

    def __post_init__(self) -> None:
        try:
            decimal.Decimal(self.text)
        except decimal.InvalidOperation:
            raise ValueError(f"not a Decimal literal: {self.text!r}") from None

    def to_source(self) -> str:
        """The constructor call."""
        return f"Decimal({self.text!r})"


@dataclass(frozen=True)
class PointValue:
    """`Point(x=..., y=...)`: an instance of the one dataclass the model knows."""

    x: JsonValue
    y: JsonValue

    def to_source(self) -> str:
        """The constructor call, by keyword."""
        return f"Point(x={json_source(self.x)}, y={json_source(self.y)})"


@dataclass(frozen=True)
class MarkupValue:
    """`Markup('...')`: text marked safe, which Jinja writes as it is where it escapes a str;
    a str subclass, so JSON writes it as the str."""

    text: str

    def to_source(self) -> str:
        """The constructor call."""
        return f"Markup({self.text!r})"


TypedValue: TypeAlias = (
    DateTimeValue | DateValue | UuidValue | DecimalValue | PointValue | MarkupValue
)
TYPED_VALUES = (DateTimeValue, DateValue, UuidValue, DecimalValue, PointValue, MarkupValue)
TYPED_NAMES: dict[str, str] = {
    "datetime": "datetime",
    "date": "date",
    "UUID": "UUID",
    "Decimal": "Decimal",
    "Point": "Point",
    "datetime.datetime": "datetime",
    "datetime.date": "date",
    "uuid.UUID": "UUID",
    "decimal.Decimal": "Decimal",
    "Markup": "Markup",
    "markupsafe.Markup": "Markup",
}
"""Each spelling the parser reads for a typed value, bare or qualified, and what it stands for."""


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
values the frameworks' JSON providers serialise (above)."""


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
