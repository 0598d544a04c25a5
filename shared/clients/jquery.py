"""jQuery's `$.ajax`, 3.7 and 4.0, guessing the data type or told `dataType: "json"`: the
builds, the client records, and how `$.ajax` judges a response."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from shared.clients.js_value import JsKind
from shared.clients.js_value import JsValue
from shared.clients.js_value import json_parse
from shared.clients.js_value import xml_parses
from shared.clients.record import Asset
from shared.clients.record import Client
from shared.clients.record import Library
from shared.clients.seen import Seen

JQUERY_3 = "3.7.1"
JQUERY_4 = "4.0.0"
"""The versions package.json pins (as the npm aliases jquery3 and jquery4)."""


@dataclass(frozen=True)
class JQueryVerdict:
    """`$.ajax(...)`: which callback fires, its `textStatus`, the data (success) or
    `errorThrown` (error), and the jqXHR's `status`, `statusText` and `responseJSON`."""

    callback: str
    text_status: str
    data: JsValue
    error_thrown: str | None
    status: int
    status_text: str
    response_json: JsValue

    def to_dict(self) -> dict[str, Any]:
        """The fields the harness reports for a jQuery call."""
        return {
            "redirected": False,
            "callback": self.callback,
            "textStatus": self.text_status,
            "data": self.data.to_dict(),
            "errorThrown": self.error_thrown,
            "status": self.status,
            "statusText": self.status_text,
            "responseJSON": self.response_json.to_dict(),
        }

    def summary(self) -> str:
        """One line a person reads."""
        if self.callback == "success":
            return f"success({self.text_status!r}), data is {self.data.describe()}"
        extra = f", responseJSON {self.response_json.describe()}"
        if self.response_json.kind is JsKind.UNDEFINED:
            extra = ""
        return f"error({self.text_status!r}, errorThrown {self.error_thrown!r}){extra}"


# jQuery's `contents` table, tried in this order against the raw Content-Type value (the
# regular expressions are case-sensitive). 3.x also has `script` (src/ajax/script.js); 4.0
# dropped it so that a script only runs when `dataType: "script"` asks for it (gh-2432).
_JQUERY_CONTENTS = (
    ("xml", re.compile(r"\bxml\b", re.ASCII)),
    ("html", re.compile(r"\bhtml", re.ASCII)),
    ("json", re.compile(r"\bjson\b", re.ASCII)),
)
_JQUERY_3_SCRIPT = ("script", re.compile(r"\b(?:java|ecma)script\b", re.ASCII))


def jquery_guess(content_type: str | None, version: str) -> str:
    """The dataType jQuery infers from a Content-Type: xml, html, json, script (3.x), or text
    when nothing matches."""
    contents: tuple[tuple[str, re.Pattern[str]], ...] = _JQUERY_CONTENTS
    if version.startswith("3."):
        contents = (*contents, _JQUERY_3_SCRIPT)
    if content_type:
        for data_type, pattern in contents:
            if pattern.search(content_type):
                return data_type
    return "text"


def _jquery_convert(data_type: str, text: str) -> tuple[bool, JsValue, str | None]:
    """ajaxConvert from text to `data_type`: (converted, data, name of what was thrown)."""
    if data_type == "json":
        parsed, value = json_parse(text)
        return (
            (True, JsValue.of(value), None)
            if parsed
            else (False, JsValue.undefined(), "SyntaxError")
        )
    if data_type == "xml":
        if not text:
            # jQuery.parseXML returns null for an empty string instead of parsing it.
            return True, JsValue(JsKind.NULL, "null"), None
        if xml_parses(text):
            return True, JsValue(JsKind.DOCUMENT), None
        return False, JsValue.undefined(), "Error"
    # text, html, and 3.x's script (its converter evaluates the text, then returns it).
    return True, JsValue.of(text), None


def jquery_verdict(seen: Seen, version: str, data_type: str | None = None) -> JQueryVerdict:
    """`$.ajax` with `dataType` (None: jQuery guesses from the Content-Type), after
    src/ajax.js `done`: 2xx and 304 are success; 204 and HEAD are "nocontent"
    and 304 "notmodified" without data; otherwise the converted data, or "parsererror" when
    conversion throws. Any other status is "error" with the server's reason as errorThrown.
    jqXHR.statusText is the server's reason, or the textStatus when the reason is empty."""
    data_type = data_type or jquery_guess(seen.header("content-type"), version)
    converted, data, thrown = _jquery_convert(data_type, seen.xhr_text)
    # The conversion runs whatever the status, so responseJSON is set on errors too.
    response_json = data if data_type == "json" and converted else JsValue.undefined()
    status = seen.status
    if 200 <= status < 300 or status == 304:
        if status == 204 or seen.method == "HEAD":
            callback, text_status, data, thrown = "success", "nocontent", JsValue.undefined(), None
        elif status == 304:
            callback, text_status, data, thrown = (
                "success",
                "notmodified",
                JsValue.undefined(),
                None,
            )
        elif converted:
            callback, text_status = "success", "success"
        else:
            callback, text_status = "error", "parsererror"
    else:
        callback, text_status, data, thrown = "error", "error", JsValue.undefined(), seen.reason
    return JQueryVerdict(
        callback=callback,
        text_status=text_status,
        data=data if callback == "success" else JsValue.undefined(),
        error_thrown=thrown,
        status=status,
        status_text=seen.reason or text_status,
        response_json=response_json,
    )


def _network_error() -> dict[str, Any]:
    # jqXHR status 0; statusText falls back to textStatus; errorThrown is "".
    undefined = JsValue.undefined().to_dict()
    return {
        "redirected": False,
        "callback": "error",
        "textStatus": "error",
        "data": undefined,
        "errorThrown": "",
        "status": 0,
        "statusText": "error",
        "responseJSON": undefined,
    }


JQUERY = Library(
    "jquery",
    lambda client, seen: jquery_verdict(seen, client.version, client.option("dataType")),
    _network_error,
)
_3 = Asset("jquery-3.7.1", "jquery3", "jquery", JQUERY_3, "dist/jquery.js", "LICENSE.txt", "MIT")
_4 = Asset("jquery-4.0.0", "jquery4", "jquery", JQUERY_4, "dist/jquery.js", "LICENSE.txt", "MIT")
_JSON = (("dataType", "json"),)

CLIENTS = (
    Client("jquery3-guess", "jQuery 3.7 $.ajax", JQUERY, _3),
    Client("jquery3-json", "jQuery 3.7 dataType json", JQUERY, _3, _JSON),
    Client("jquery4-guess", "jQuery 4.0 $.ajax", JQUERY, _4),
    Client("jquery4-json", "jQuery 4.0 dataType json", JQUERY, _4, _JSON),
)
