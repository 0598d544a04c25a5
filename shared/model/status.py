"""A status as a view writes it: a literal or an `HTTPStatus` member."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import TypeAlias

from shared.model.values import literal

# --- status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A status as written in a tuple or a `status=` argument: int, str, bytes, float or None."""

    value: int | str | bytes | float | None

    def to_source(self) -> str:
        """The literal."""
        return literal(self.value)

    def to_python(self) -> int | str | bytes | float | None:
        """The value a view passes on."""
        return self.value


@dataclass(frozen=True)
class StatusMember:
    """A member of `http.HTTPStatus`, written `HTTPStatus.NAME`."""

    name: str

    def to_source(self) -> str:
        """The attribute access."""
        return f"HTTPStatus.{self.name}"

    def to_python(self) -> HTTPStatus:
        """The enum member."""
        return HTTPStatus[self.name]


StatusValue: TypeAlias = Status | StatusMember
