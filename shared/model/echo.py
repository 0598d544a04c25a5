"""The request's own body, as a view reads it and returns it: `request.get_json()`,
`request.json`, `request.get_data()`, `request.get_data(as_text=True)`, each alone or (the
JSON reads) in `jsonify(...)`; the query string's or the form's fields in `jsonify(**...)`; an
uploaded file's bytes; text made from the JSON (`str(...)`, an f-string). Quart awaits each
read but the args (`shared.model.awaits`)."""

from __future__ import annotations

from dataclasses import dataclass
from keyword import iskeyword
from typing import Literal

RequestBodyRead = Literal["get_json", "json", "get_data", "get_text"]
REQUEST_BODY_READS: tuple[RequestBodyRead, ...] = ("get_json", "json", "get_data", "get_text")
JSON_READS: tuple[RequestBodyRead, ...] = ("get_json", "json")

_SOURCES: dict[RequestBodyRead, str] = {
    "get_json": "request.get_json()",
    "json": "request.json",
    "get_data": "request.get_data()",
    "get_text": "request.get_data(as_text=True)",
}


@dataclass(frozen=True)
class RequestBody:
    """The request body a view reads and returns: parsed JSON (a dict, a list, a str, a
    number or None, whatever was sent), bytes, or text; `jsonify(...)` around a JSON read."""

    read: RequestBodyRead = "get_json"
    jsonified: bool = False

    def __post_init__(self) -> None:
        if self.jsonified and self.read not in JSON_READS:
            raise ValueError("only the JSON reads are passed to jsonify(...) here")

    def to_source(self) -> str:
        """The expression, Flask's spelling (Quart awaits the read)."""
        read = _SOURCES[self.read]
        return f"jsonify({read})" if self.jsonified else read


RequestFieldsName = Literal["args", "form"]
REQUEST_FIELDS: tuple[RequestFieldsName, ...] = ("args", "form")


@dataclass(frozen=True)
class RequestFields:
    """`jsonify(**request.args)`, `jsonify(**request.form)`: the query string's or the form
    body's fields as jsonify's keyword arguments, each name with its first value. Quart awaits
    the form (`jsonify(**(await request.form))`), not the args."""

    fields: RequestFieldsName = "args"

    def to_source(self) -> str:
        """The expression, Flask's spelling."""
        return f"jsonify(**request.{self.fields})"


@dataclass(frozen=True)
class UploadedFile:
    """`request.files['file'].read()`: the bytes of the file uploaded under a field name
    (Quart: `(await request.files)['file'].read()`)."""

    field: str = "file"

    def to_source(self) -> str:
        """The expression, Flask's spelling."""
        return f"request.files[{self.field!r}].read()"


JsonIndex = str | int
"""An object's key or an array's index, subscripting the parsed request JSON."""


@dataclass(frozen=True)
class JsonItem:
    """The parsed request JSON, or an item in it: `request.json['name']`,
    `request.get_json()[0]` (Quart: `(await request.json)['name']`)."""

    read: RequestBodyRead = "json"
    keys: tuple[JsonIndex, ...] = ()

    def __post_init__(self) -> None:
        if self.read not in JSON_READS:
            raise ValueError("only the JSON reads are subscripted here")
        for key in self.keys:
            if isinstance(key, bool) or isinstance(key, int) and key < 0:
                raise ValueError("an index here is a whole number from 0")
            if isinstance(key, str) and not safe_key(key):
                raise ValueError("a key here is printable text without quotes or backslashes")

    def to_source(self) -> str:
        """The expression, Flask's spelling."""
        return _SOURCES[self.read] + "".join(f"[{key!r}]" for key in self.keys)


def safe_key(key: str) -> bool:
    """Whether a key can stand inside an f-string's braces on every Python the lab runs on
    (before 3.12 those hold no quote of the string's own kind and no backslash)."""
    return key.isprintable() and not any(c in key for c in "'\"\\{}")


@dataclass(frozen=True)
class RequestText:
    """Text made from the parsed request JSON: `str(request.get_json())`, or an f-string of
    literal text and JSON items (`f"Hello, {request.json['name']}!"`); in
    `jsonify(<keyword>=...)` when `keyword` is set."""

    parts: tuple[str | JsonItem, ...]
    keyword: str | None = None

    def __post_init__(self) -> None:
        if not any(isinstance(part, JsonItem) for part in self.parts):
            raise ValueError("request text formats at least one JSON item")
        pairs = zip(self.parts, self.parts[1:], strict=False)
        if "" in self.parts or any(isinstance(a, str) and isinstance(b, str) for a, b in pairs):
            raise ValueError("literal parts are joined and never empty")
        if self.keyword is not None and (
            not self.keyword.isidentifier() or iskeyword(self.keyword)
        ):
            raise ValueError("jsonify's keyword is an identifier")

    def to_source(self) -> str:
        """`str(item)` for one item alone, else an f-string; in jsonify(...) with a keyword."""
        alone = self.parts[0]
        if len(self.parts) == 1 and isinstance(alone, JsonItem):
            text = f"str({alone.to_source()})"
        else:
            text = 'f"' + "".join(_fstring_part(part) for part in self.parts) + '"'
        return text if self.keyword is None else f"jsonify({self.keyword}={text})"


def _fstring_part(part: str | JsonItem) -> str:
    """One part inside a double-quoted f-string: literal text escaped, braces doubled."""
    if isinstance(part, JsonItem):
        return "{" + part.to_source() + "}"
    written = repr(part)
    inner = written[1:-1]
    if written[0] == "'":
        inner = inner.replace('"', '\\"')
    return inner.replace("{", "{{").replace("}", "}}")
