"""axios 1.x in a browser (its XMLHttpRequest adapter): the build, the client record, and how
axios judges a response."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.clients.js_value import JsValue
from shared.clients.js_value import json_parse
from shared.clients.record import Asset
from shared.clients.record import Client
from shared.clients.record import Library
from shared.clients.seen import Seen

AXIOS = "1.21.1"
"""The version package.json pins."""


@dataclass(frozen=True)
class AxiosVerdict:
    """`axios.request(...)`: resolved or rejected (default `validateStatus`: 2xx), the error
    code when rejected, and `response.data` (parsed from JSON-looking text whatever the
    Content-Type)."""

    settled: str
    code: str | None
    status: int
    status_text: str
    data: JsValue

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for axios."""
        return {
            "redirected": False,
            "settled": self.settled,
            "code": self.code,
            "status": self.status,
            "statusText": self.status_text,
            "data": self.data.to_dict(),
        }

    def summary(self) -> str:
        """One line a person reads."""
        how = self.settled if self.code is None else f"{self.settled} ({self.code})"
        return f"{how}, response.data is {self.data.describe()}"


def axios_verdict(seen: Seen) -> AxiosVerdict:
    """axios in a browser (xhr adapter, lib/defaults/index.js, lib/core/settle.js): resolves
    for 2xx, else rejects with ERR_BAD_REQUEST (4xx) or ERR_BAD_RESPONSE; `data` is
    `JSON.parse(responseText)` when that succeeds (forcedJSONParsing), else the text."""
    text = seen.xhr_text
    parsed, value = json_parse(text) if text else (False, None)
    data = JsValue.of(value) if parsed else JsValue.of(text)
    resolved = 200 <= seen.status < 300
    code = None
    if not resolved:
        code = "ERR_BAD_REQUEST" if 400 <= seen.status < 500 else "ERR_BAD_RESPONSE"
    return AxiosVerdict(
        settled="resolved" if resolved else "rejected",
        code=code,
        status=seen.status,
        status_text=seen.reason,
        data=data,
    )


def _network_error() -> dict[str, Any]:
    return {
        "redirected": False,
        "settled": "rejected",
        "code": "ERR_NETWORK",
        "status": 0,
        "statusText": "",
        "data": JsValue.undefined().to_dict(),
    }


AXIOS_LIBRARY = Library("axios", lambda client, seen: axios_verdict(seen), _network_error)

CLIENTS = (
    Client(
        "axios",
        "axios",
        AXIOS_LIBRARY,
        Asset("axios-1.21.1", "axios", "axios", AXIOS, "dist/axios.js", "LICENSE", "MIT"),
    ),
)
