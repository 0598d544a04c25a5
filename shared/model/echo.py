"""The request's own body, as a view reads it and returns it: `request.get_json()`,
`request.json`, `request.get_data()`, `request.get_data(as_text=True)`, each alone or (the
JSON reads) in `jsonify(...)`. Quart awaits each read (`shared.model.awaits`)."""

from __future__ import annotations

from dataclasses import dataclass
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
