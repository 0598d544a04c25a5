"""The normalized result of one request: what a framework handed its server, comparable across
WSGI and ASGI, and a diff of two such results that reads as a person would say it."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from email.utils import parsedate_to_datetime
from typing import Any

VOLATILE_HEADERS = frozenset({"date", "server"})
"""Headers that change with the clock or the server, kept apart and never compared (a
Set-Cookie is kept, with its clock-made `Expires` and session signature replaced: see
`steady_cookie` and `steady_session`). At the app
boundary, where no server has added one yet, Date is compared (see `steady_date`)."""

CLOCK_DATE = "(the time of the request)"
"""What a Date the framework took from the clock is compared as."""
CLOCK_WINDOW_SECONDS = 600
"""How near the time of comparison a Date must be to count as taken from the clock; the
grammar's literal dates (`resp.date = datetime(...)`) are written by hand."""


CLOCK_EXPIRES = "Expires=(Max-Age from now)"
"""What a Set-Cookie `Expires` beside a `Max-Age` is compared as."""


def steady_cookie(value: str) -> str:
    """A Set-Cookie value with the clock taken out: beside `Max-Age`, Werkzeug's dump_cookie
    writes `Expires` as the time of the request plus the age, which two runs (or an app and
    a server) a second apart write differently, so that attribute is compared as a marker."""
    attributes = value.split("; ")
    if not any(part.lower().startswith("max-age=") for part in attributes[1:]):
        return value
    return "; ".join(
        CLOCK_EXPIRES if index and part.lower().startswith("expires=") else part
        for index, part in enumerate(attributes)
    )


CLOCK_SIGNATURE = "(signed at the time of the request)"
"""What the timestamp and signature of a signed session cookie are compared as."""


def steady_session(value: str, now: float) -> str:
    """A session Set-Cookie with the clock taken out: Flask and Quart sign the session with
    itsdangerous, `payload.timestamp.signature`, the timestamp the second it was signed, so
    two answers a second apart differ in both; the payload is compared as written."""
    cookie, _, attributes = value.partition("; ")
    name, _, signed = cookie.partition("=")
    parts = signed.rsplit(".", 2)
    if name != "session" or len(parts) != 3 or not parts[0].strip("."):
        return value
    try:
        stamp = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
    except ValueError:
        return value
    if not 0 < len(stamp) <= 8 or abs(int.from_bytes(stamp, "big") - now) > CLOCK_WINDOW_SECONDS:
        return value
    steady = f"{name}={parts[0]}.{CLOCK_SIGNATURE}"
    return f"{steady}; {attributes}" if attributes else steady


def steady_date(value: str, now: float) -> str:
    """A Date value with the clock taken out: Werkzeug's make_conditional writes the time of
    the request, which two runs a second apart write differently, so such a value is
    compared as a marker; a date set by hand is compared as written."""
    try:
        moment = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return value
    return CLOCK_DATE if abs(moment - now) <= CLOCK_WINDOW_SECONDS else value


CLOCK_HEADER_EXPIRES = "(max-age from the time of the request)"
"""What an Expires header that a helper computed as now plus Cache-Control's max-age is
compared as (Quart's send_file writes one)."""
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*(\d+)", re.IGNORECASE)


def steady_expires(headers: list[tuple[str, str]], now: float) -> list[tuple[str, str]]:
    """The headers with a clock-made Expires (the time of the request plus the max-age the
    Cache-Control beside it gives) as a marker, so two answers a second apart compare."""
    ages = [
        int(found.group(1))
        for name, value in headers
        if name == "cache-control" and (found := _MAX_AGE.search(value))
    ]
    if not ages:
        return headers
    steady = []
    for name, value in headers:
        if name == "expires" and steady_date(value, now + ages[0]) == CLOCK_DATE:
            value = CLOCK_HEADER_EXPIRES
        steady.append((name, value))
    return steady


@dataclass(frozen=True)
class Outcome:
    """Status, reason, headers and body as handed to the server, or the error that escaped.

    Header names are lower-cased; order and repeats are kept. Values are the text whose
    latin-1 encoding is the bytes on the wire, so a WSGI `str` and an ASGI `bytes` value
    compare directly. `reason` is None when the status line carries the default phrase for
    the code (ASGI never carries one). `error` names an exception that escaped the framework
    (its type), with `error_detail` saying what it said; a response may have started first.
    `exception` is what the framework caught and answered with an error page instead
    (`TypeError: ...`), as its own exception signal reported it; it is shown, never compared,
    because the two frameworks word the same refusal differently.
    """

    status: int | None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    reason: str | None = None
    error: str | None = None
    error_detail: str = ""
    set_aside: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    exception: str | None = field(default=None, compare=False)
    spelled: tuple[str, ...] = field(default=(), compare=False)
    """The header names as handed over, before lower-casing, for messages that quote
    them (Werkzeug keeps the view's spelling; Quart's ASGI side and browsers lower-case)."""

    @classmethod
    def from_raw(
        cls,
        status: int | None,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        *,
        reason: str | None = None,
        error: BaseException | None = None,
        compare_date: bool = False,
    ) -> Outcome:
        """Normalize names, set volatile headers aside, and name the escaped error if any.

        `compare_date` keeps Date (with a clock-made value as a marker) for an answer read at
        the app boundary, where only the framework can have set it."""
        kept: list[tuple[str, str]] = []
        aside: list[tuple[str, str]] = []
        spelled: list[str] = []
        now = time.time()
        for name, value in headers:
            pair = (name.lower(), value)
            spelled.append(name)
            if compare_date and pair[0] == "date":
                kept.append((pair[0], steady_date(value, now)))
                continue
            if pair[0] in VOLATILE_HEADERS:
                aside.append(pair)
                continue
            steady = steady_cookie(steady_session(value, now)) if pair[0] == "set-cookie" else value
            if steady != value:
                aside.append(pair)
                pair = (pair[0], steady)
            kept.append(pair)
        return cls(
            status=status,
            headers=tuple(steady_expires(kept, now)),
            body=body,
            reason=reason,
            error=None if error is None else type(error).__name__,
            error_detail="" if error is None else str(error),
            set_aside=tuple(aside),
            spelled=tuple(spelled),
        )

    def header(self, name: str) -> str | None:
        """The first value of a header, or None."""
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> tuple[str, ...]:
        """Every value of a header, in order."""
        wanted = name.lower()
        return tuple(value for key, value in self.headers if key == wanted)

    @property
    def content_type(self) -> str | None:
        """The Content-Type header."""
        return self.header("content-type")

    @property
    def json(self) -> Any:
        """The body parsed as JSON when the Content-Type says JSON and it parses, else None."""
        media = (self.content_type or "").split(";")[0].strip().lower()
        if not (media == "application/json" or media.endswith("+json")):
            return None
        try:
            return json.loads(self.body, parse_constant=_not_json)
        except (ValueError, RecursionError):
            return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: text body where it is UTF-8, base64 with a flag where not."""
        try:
            body, encoded = self.body.decode("utf-8"), False
        except UnicodeDecodeError:
            body, encoded = base64.b64encode(self.body).decode("ascii"), True
        return {
            "status": self.status,
            "reason": self.reason,
            "headers": [list(pair) for pair in self.headers],
            "body": body,
            "body_base64": encoded,
            "json": self.json,
            "error": self.error,
            "error_detail": self.error_detail,
            "exception": self.exception,
        }

    def describe(self) -> str:
        """A few lines a person reads: status line, headers, body, error."""
        lines = []
        if self.status is None:
            lines.append("(no response started)")
        else:
            lines.append(f"{self.status} {_printable(self.reason or '')}".rstrip())
        lines += [f"{_printable(name)}: {_printable(value)}" for name, value in self.headers]
        lines.append("")
        lines.append(_show_body(self.body))
        if self.error is not None:
            lines.append(f"!! {self.error} escaped to the server: {self.error_detail}")
        return "\n".join(lines)


def _not_json(constant: str) -> Any:
    """Refuse `NaN` and `Infinity`: Python's json module reads them, JSON and browsers do not."""
    raise ValueError(f"{constant} is not JSON")


@dataclass(frozen=True)
class Difference:
    """One place where two outcomes disagree, with a sentence that says how."""

    field: str
    left: object
    right: object
    sentence: str


def diff(
    left: Outcome, right: Outcome, names: tuple[str, str] = ("Flask", "Quart")
) -> list[Difference]:
    """Every disagreement between two outcomes, status first, then headers by name, then body."""
    a, b = names
    found: list[Difference] = []
    if left.status != right.status:
        found.append(
            Difference(
                "status",
                left.status,
                right.status,
                f"status: {a} {left.status}, {b} {right.status}",
            )
        )
    if left.reason != right.reason:
        found.append(
            Difference(
                "reason",
                left.reason,
                right.reason,
                f"reason phrase: {a} {_phrase(left.reason)}, {b} {_phrase(right.reason)}",
            )
        )
    found += _header_differences(left, right, names)
    if left.body != right.body:
        found.append(
            Difference(
                "body",
                left.body,
                right.body,
                f"body: {a} {_show_body(left.body)}, {b} {_show_body(right.body)}",
            )
        )
    if left.error != right.error:
        found.append(
            Difference(
                "error",
                left.error,
                right.error,
                f"escaped error: {a} {_escaped(left)}, {b} {_escaped(right)}",
            )
        )
    return found


def _header_differences(left: Outcome, right: Outcome, names: tuple[str, str]) -> list[Difference]:
    a, b = names
    order = list(
        dict.fromkeys([key for key, _ in left.headers] + [key for key, _ in right.headers])
    )
    found = []
    for name in order:
        mine, theirs = left.header_values(name), right.header_values(name)
        if mine == theirs or (name == "expires" and _same_moment(mine, theirs)):
            continue
        if not theirs:
            sentence = f"header {name}: only {a} sends it ({_values(mine)})"
        elif not mine:
            sentence = f"header {name}: only {b} sends it ({_values(theirs)})"
        else:
            sentence = f"header {name}: {a} {_values(mine)}, {b} {_values(theirs)}"
        found.append(Difference(f"header:{name}", mine, theirs, sentence))
    return found


CLOCK_SLACK_SECONDS = 2
"""How far apart two Expires dates may be and still be the same answer: each app computes
Expires from the clock as it runs (now + max-age), and the driver runs them one after the
other, so a second boundary between the two requests is the harness's, not a framework's."""


def _same_moment(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Whether two single HTTP dates lie within CLOCK_SLACK_SECONDS of each other."""
    if len(mine) != 1 or len(theirs) != 1:
        return False
    try:
        first, second = parsedate_to_datetime(mine[0]), parsedate_to_datetime(theirs[0])
        return abs((first - second).total_seconds()) <= CLOCK_SLACK_SECONDS
    except (TypeError, ValueError):
        return False


def _printable(text: str) -> str:
    """The text as is when a terminal shows it literally, else escaped as in a Python literal;
    a CR LF from a return value must not start a new line on the screen."""
    return text if text.isprintable() else repr(text)[1:-1]


def _values(values: tuple[str, ...]) -> str:
    return " and ".join(repr(value) for value in values)


def _phrase(reason: str | None) -> str:
    return "the default phrase" if reason is None else repr(reason)


def _escaped(outcome: Outcome) -> str:
    if outcome.error is None:
        return "none"
    return f"{outcome.error} ({outcome.error_detail})" if outcome.error_detail else outcome.error


def _show_body(body: bytes, limit: int = 120) -> str:
    shown = repr(body[:limit]) + ("..." if len(body) > limit else "")
    return f"{shown} ({len(body)} bytes)"
