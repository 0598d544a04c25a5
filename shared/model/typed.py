"""Values the frameworks' JSON providers serialise beyond plain JSON, written as a person does.

Flask's `DefaultJSONProvider` (which Quart uses as it is) turns a `datetime` or `date` into
an HTTP date, a `UUID` or `Decimal` into its `str()`, and a dataclass instance into the dict
`dataclasses.asdict` makes. These records hold only the literal arguments of each call; the
apps build the real objects (`shared.building.plain_values.python_value`). The one
dataclass the model knows is `Point(x=..., y=...)`, defined as
`@dataclass class Point: x: object; y: object`.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import TypeAlias

if TYPE_CHECKING:
    from shared.model.values import JsonValue

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
        from shared.model.values import json_source  # values imports this module

        return f"Point(x={json_source(self.x)}, y={json_source(self.y)})"


TypedValue: TypeAlias = DateTimeValue | DateValue | UuidValue | DecimalValue | PointValue
TYPED_VALUES = (DateTimeValue, DateValue, UuidValue, DecimalValue, PointValue)
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
}
"""Each spelling the parser reads for a typed value, bare or qualified, and what it stands for."""
