"""Response attributes a view sets after the response was made: caching, dates, cookies,
`Vary` and `Content-Language`, with the datetimes written as the literals a person writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from typing import Literal
from typing import TypeAlias

from shared.model.values import literal

# --- datetimes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateTime:
    """`datetime(year, month, day, hour, minute, second)`, with `tzinfo=timezone.utc` when
    `utc`; a naive one is what a person writes who forgets the zone."""

    year: int
    month: int
    day: int
    hour: int = 0
    minute: int = 0
    second: int = 0
    utc: bool = True

    def __post_init__(self) -> None:
        self.to_python()  # a date that does not exist is refused here, not in a view

    def to_source(self) -> str:
        """The constructor call, every field given by position."""
        parts = [self.year, self.month, self.day, self.hour, self.minute, self.second]
        zone = ", tzinfo=timezone.utc" if self.utc else ""
        return f"datetime({', '.join(str(part) for part in parts)}{zone})"

    def to_python(self) -> datetime:
        """The datetime the call makes."""
        zone = UTC if self.utc else None
        parts = (self.year, self.month, self.day, self.hour, self.minute, self.second)
        return datetime(*parts, tzinfo=zone)


Moment: TypeAlias = DateTime | int
"""A point in time as the cookie and date helpers take it: a datetime, or seconds since the
epoch."""


def moment_source(value: Moment | None) -> str:
    """The literal or call for a moment."""
    return literal(value) if value is None or isinstance(value, int) else value.to_source()


def moment_python(value: Moment | None) -> datetime | int | None:
    """The value a view passes on."""
    return value.to_python() if isinstance(value, DateTime) else value


# --- Cache-Control -------------------------------------------------------------------------

CACHE_FLAGS: tuple[str, ...] = (
    "no_store",
    "no_cache",
    "public",
    "private",
    "must_revalidate",
    "proxy_revalidate",
    "no_transform",
    "immutable",
)
"""The `resp.cache_control` directives that take True (or False to drop them)."""
CACHE_SECONDS: tuple[str, ...] = ("max_age", "s_maxage", "stale_while_revalidate")
"""The directives that take a number of seconds (or None to drop them)."""


@dataclass(frozen=True)
class SetCacheControl:
    """`resp.cache_control.<directive> = <value>`."""

    directive: str
    value: bool | int | None

    def __post_init__(self) -> None:
        if self.directive not in CACHE_FLAGS + CACHE_SECONDS:
            raise ValueError(f"unknown cache-control directive: {self.directive!r}")

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.cache_control.{self.directive} = {literal(self.value)}"


# --- dates ---------------------------------------------------------------------------------

DateAttribute = Literal["expires", "last_modified", "date", "retry_after"]
DATE_ATTRIBUTES: tuple[DateAttribute, ...] = ("expires", "last_modified", "date", "retry_after")


@dataclass(frozen=True)
class SetDate:
    """`resp.expires = datetime(...)` (or `last_modified`, `date`, `retry_after`); an int is a
    timestamp (for `retry_after`, Werkzeug writes it as seconds), None removes the header."""

    attribute: DateAttribute
    value: Moment | None

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.{self.attribute} = {moment_source(self.value)}"


# --- cookies -------------------------------------------------------------------------------

CookieOption: TypeAlias = str | int | bool | DateTime | None
COOKIE_OPTIONS: tuple[str, ...] = (
    "max_age",
    "expires",
    "path",
    "domain",
    "secure",
    "httponly",
    "samesite",
)
DELETE_COOKIE_OPTIONS: tuple[str, ...] = ("path", "domain", "secure", "httponly", "samesite")


def _option_source(value: CookieOption) -> str:
    return value.to_source() if isinstance(value, DateTime) else literal(value)


def option_python(value: CookieOption) -> object:
    """The value a view passes for one option."""
    return value.to_python() if isinstance(value, DateTime) else value


def _known_options(options: tuple[tuple[str, CookieOption], ...], known: tuple[str, ...]) -> None:
    names = [name for name, _ in options]
    if len(set(names)) != len(names) or not set(names) <= set(known):
        raise ValueError(f"cookie options must be distinct, from {known}: {names!r}")


@dataclass(frozen=True)
class SetCookie:
    """`resp.set_cookie(name, value, max_age=..., expires=..., ...)`, options as written."""

    name: str
    value: str = ""
    options: tuple[tuple[str, CookieOption], ...] = ()

    def __post_init__(self) -> None:
        _known_options(self.options, COOKIE_OPTIONS)

    def to_source(self) -> str:
        """The call statement."""
        parts = [repr(self.name), repr(self.value)]
        parts += [f"{key}={_option_source(value)}" for key, value in self.options]
        return f"resp.set_cookie({', '.join(parts)})"


@dataclass(frozen=True)
class DeleteCookie:
    """`resp.delete_cookie(name, path=..., domain=...)`."""

    name: str
    options: tuple[tuple[str, CookieOption], ...] = ()

    def __post_init__(self) -> None:
        _known_options(self.options, DELETE_COOKIE_OPTIONS)

    def to_source(self) -> str:
        """The call statement."""
        parts = [repr(self.name)]
        parts += [f"{key}={_option_source(value)}" for key, value in self.options]
        return f"resp.delete_cookie({', '.join(parts)})"


# --- Vary and Content-Language -------------------------------------------------------------

HeaderSetAttribute = Literal["vary", "content_language"]
HEADER_SET_ATTRIBUTES: tuple[HeaderSetAttribute, ...] = ("vary", "content_language")


@dataclass(frozen=True)
class SetHeaderSet:
    """`resp.vary = 'Accept, Origin'` or `resp.content_language = ['en', 'de']`: the whole
    header, from a string or a list of its items."""

    attribute: HeaderSetAttribute
    value: str | tuple[str, ...]

    def to_source(self) -> str:
        """The assignment statement."""
        if isinstance(self.value, tuple):
            listed = "[" + ", ".join(repr(item) for item in self.value) + "]"
            return f"resp.{self.attribute} = {listed}"
        return f"resp.{self.attribute} = {self.value!r}"

    def to_python(self) -> str | list[str]:
        """The string or list the view assigns."""
        return list(self.value) if isinstance(self.value, tuple) else self.value


@dataclass(frozen=True)
class AddToHeaderSet:
    """`resp.vary.add('Accept')` or `resp.content_language.add('en')`."""

    attribute: HeaderSetAttribute
    item: str

    def to_source(self) -> str:
        """The call statement."""
        return f"resp.{self.attribute}.add({self.item!r})"


AttributeChange: TypeAlias = (
    SetCacheControl | SetDate | SetCookie | DeleteCookie | SetHeaderSet | AddToHeaderSet
)
"""A change through one of the response's typed attributes rather than its raw headers."""
