"""What a browser makes of response bytes before a client library sees them: the text an
XMLHttpRequest or `fetch()` decodes, what `JSON.parse` returns, and that value as the data a
page hands back (`JsValue`), so a prediction and an observation compare as equal records."""

from __future__ import annotations

import codecs
import enum
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.parsers import expat

_UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8"})
# The Encoding Standard reads all of these labels as windows-1252, not as ISO-8859-1.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
)


class JsKind(enum.Enum):
    """The kind of a JavaScript value, finer than `typeof` (null, arrays and documents)."""

    UNDEFINED = "undefined"
    NULL = "null"
    BOOLEAN = "boolean"
    NUMBER = "number"
    STRING = "string"
    ARRAY = "array"
    OBJECT = "object"
    DOCUMENT = "document"

    @property
    def typeof(self) -> str:
        """What JavaScript's `typeof` says for a value of this kind."""
        if self in (JsKind.NULL, JsKind.ARRAY, JsKind.DOCUMENT):
            return "object"
        return str(self.value)


@dataclass(frozen=True)
class JsValue:
    """A JavaScript value as data: its kind and, for JSON-able values, canonical JSON text.

    Numbers are JavaScript doubles, so `1`, `1.0` and `1e0` are the same value, and integers
    past 2**53 are rounded as `JSON.parse` rounds them.
    """

    kind: JsKind
    json: str | None = None

    @classmethod
    def undefined(cls) -> JsValue:
        """`undefined`."""
        return cls(JsKind.UNDEFINED)

    @classmethod
    def of(cls, value: Any) -> JsValue:
        """The value a parsed JSON text (or a page's plain data) stands for."""
        return cls(_kind(value), _canonical(value))

    @classmethod
    def from_page(cls, kind: str, value: Any) -> JsValue:
        """A value a page reported as `{kind, value}` (documents and undefined carry no value)."""
        js_kind = JsKind(kind)
        if js_kind in (JsKind.UNDEFINED, JsKind.DOCUMENT):
            return cls(js_kind)
        return cls(js_kind, _canonical(value))

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: kind and canonical JSON text."""
        return {"kind": self.kind.value, "json": self.json}

    def describe(self, limit: int = 60) -> str:
        """A short text a person reads: `object {"success": true}`, `string "ok"`, `undefined`."""
        if self.json is None:
            return self.kind.value
        shown = self.json if len(self.json) <= limit else self.json[: limit - 3] + "..."
        return f"{self.kind.value} {shown}"


def _kind(value: Any) -> JsKind:
    if value is None:
        return JsKind.NULL
    if isinstance(value, bool):
        return JsKind.BOOLEAN
    if isinstance(value, int | float):
        return JsKind.NUMBER
    if isinstance(value, str):
        return JsKind.STRING
    if isinstance(value, list):
        return JsKind.ARRAY
    if isinstance(value, dict):
        return JsKind.OBJECT
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _as_double(number: int | float) -> float:
    try:
        return float(number)
    except OverflowError:
        return math.copysign(math.inf, number)


def js_number_text(number: float) -> str:
    """What JavaScript prints for a double (`String(x)`, ECMAScript's Number::toString): `7`
    for 7.0, `1e+21`, `1.5e-7`, `0.000001`, `0` for -0, `Infinity`, `NaN`."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    # Python's repr is the shortest text that reads back as the same double, the digits
    # Number::toString asks for; only the layout around them differs.
    shortest = Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(str(digit) for digit in shortest.digits)
    assert isinstance(shortest.exponent, int)
    size, point = len(digits), len(digits) + shortest.exponent
    if size <= point <= 21:
        return sign + digits + "0" * (point - size)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * -point + digits
    exponent = f"e{'+' if point > 0 else '-'}{abs(point - 1)}"
    return sign + digits[0] + ("." + digits[1:] if size > 1 else "") + exponent


class _Raw:
    """Text written as is by `_canonical`, told apart from the strings it writes as JSON."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _canonical(value: Any) -> str:
    """Canonical JSON text: keys sorted, numbers as JavaScript prints them. Written without
    recursion, since `JSON.parse` nests as deep as the Python parser allows."""
    parts: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            parts.append(item.text)
        elif item is None or isinstance(item, bool | str):
            parts.append(json.dumps(item, ensure_ascii=False))
        elif isinstance(item, int | float):
            parts.append(js_number_text(_as_double(item)))
        elif isinstance(item, list):
            stack.append(_Raw("]"))
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_Raw(", "))
            stack.append(_Raw("["))
        else:
            entries = sorted({str(key): entry for key, entry in item.items()}.items())
            stack.append(_Raw("}"))
            for index in range(len(entries) - 1, -1, -1):
                key, entry = entries[index]
                stack.append(entry)
                stack.append(_Raw(json.dumps(key, ensure_ascii=False) + ": "))
                if index:
                    stack.append(_Raw(", "))
            stack.append(_Raw("{"))
    return "".join(parts)


def _reject_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def json_parse(text: str) -> tuple[bool, Any]:
    """What `JSON.parse(text)` does: (True, value) or (False, None) where it throws.

    Numbers become doubles, as in JavaScript; `NaN` and `Infinity` are refused.
    """
    try:
        value = json.loads(
            text, parse_int=float, parse_float=float, parse_constant=_reject_constant
        )
    except (ValueError, RecursionError):
        return False, None
    return True, value


def xml_parses(text: str) -> bool:
    """Whether `DOMParser` reads `text` as a well-formed XML document (no `parsererror`)."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(text, True)
    except expat.ExpatError:
        return False
    return True


def charset(content_type: str | None) -> str | None:
    """The `charset` parameter of a Content-Type value, lower-cased, or None."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower() or None
    return None


def decode_utf8(body: bytes) -> str:
    """The Encoding Standard's UTF-8 decode, as `fetch()`'s `text()` and `json()` use it: a
    leading byte order mark is dropped and bad bytes become U+FFFD."""
    return body.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")


def decode_xhr_text(body: bytes, content_type: str | None) -> str:
    """`XMLHttpRequest.responseText`: a byte order mark wins, then the Content-Type's
    charset, then UTF-8."""
    if body.startswith(codecs.BOM_UTF8):
        return decode_utf8(body)
    if body.startswith(codecs.BOM_UTF16_LE):
        return body[2:].decode("utf-16-le", errors="replace")
    if body.startswith(codecs.BOM_UTF16_BE):
        return body[2:].decode("utf-16-be", errors="replace")
    label = charset(content_type)
    if label is None or label in _UTF8_LABELS:
        return decode_utf8(body)
    if label in _WINDOWS_1252_LABELS:
        return "".join(_windows_1252(byte) for byte in body)
    try:
        return body.decode(codecs.lookup(label).name, errors="replace")
    except LookupError:
        return decode_utf8(body)


def _windows_1252(byte: int) -> str:
    # The five bytes windows-1252 leaves unassigned map to the C1 control of the same number.
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)
