"""Reading the request's body returned by the view: `request.get_json()`, `request.json`,
`request.get_data()`, `request.get_data(as_text=True)`, alone or in `jsonify(...)`;
`jsonify(**request.args)` and `jsonify(**request.form)`; `request.files['file'].read()`;
`str(...)` of the parsed JSON and f-strings over items in it; with or without Quart's
`await`."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import JSON_READS
from shared.model import Body
from shared.model import JsonIndex
from shared.model import JsonItem
from shared.model import RequestBody
from shared.model import RequestBodyRead
from shared.model import RequestFields
from shared.model import RequestFieldsName
from shared.model import RequestText
from shared.model import UploadedFile
from shared.parse.leaves import LeafReader

REQUEST_BODY_CALLS = ("request.get_json", "request.get_data")
"""The dotted names of the request's body reads that are calls."""

_FIELDS: dict[str, RequestFieldsName] = {"request.args": "args", "request.form": "form"}


def _unawaited(node: ast.expr) -> ast.expr:
    return node.value if isinstance(node, ast.Await) else node


class EchoReader(LeafReader):
    """Reads a request body read; `await` before it is Quart's spelling of the same read."""

    def is_request_read(self, node: ast.expr) -> bool:
        """Whether `node` is a request body read, awaited or not."""
        inner = node.value if isinstance(node, ast.Await) else node
        return self.dotted(inner) == "request.json" or self.callee(inner) in REQUEST_BODY_CALLS

    def request_body(self, node: ast.expr, jsonified: bool = False) -> RequestBody:
        read = self.request_read(node.value if isinstance(node, ast.Await) else node)
        if jsonified and read not in JSON_READS:
            self.fail("jsonify(...) takes request.get_json() or request.json here", node)
        return RequestBody(read, jsonified)

    def request_read(self, node: ast.expr) -> RequestBodyRead:
        if self.dotted(node) == "request.json":
            return "json"
        if not isinstance(node, ast.Call):
            self.fail("expected request.get_json(), request.json or request.get_data()", node)
        args = self.positional(node)
        options = self.keywords(node)
        if self.callee(node) == "request.get_json":
            if args or options:
                self.fail("request.get_json() takes no arguments here", node)
            return "get_json"
        if args or len(options) > 1 or any(name != "as_text" for name, _ in options):
            self.fail("request.get_data() takes only as_text=True here", node)
        if not options:
            return "get_data"
        if self.constant(options[0][1], (bool,)) is not True:
            self.fail("write request.get_data() for bytes, as_text=True for text", node)
        return "get_text"

    # -- the query string, the form, uploaded files and text made from the JSON -----------

    def is_request_data(self, node: ast.expr) -> bool:
        """Whether `node` is an uploaded file's read, or text made from the request's JSON
        (`str(...)` of it, an f-string whose every field is an item in it)."""
        if self.is_file_read(node):
            return True
        if self.callee(node) == "str" and isinstance(node, ast.Call):
            return len(node.args) == 1 and not node.keywords and self.is_json_item(node.args[0])
        return isinstance(node, ast.JoinedStr) and all(
            isinstance(part, ast.Constant) or self.is_json_item(part.value)
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )

    def request_data(self, node: ast.expr) -> UploadedFile | RequestText:
        """An uploaded file's read, or text made from the request's JSON."""
        if self.is_file_read(node):
            return self.uploaded_file(node)
        return self.request_text(node)

    def is_file_read(self, node: ast.expr) -> bool:
        """`request.files[...].read()`, the files awaited or not."""
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "read"
            and isinstance(node.func.value, ast.Subscript)
            and self.dotted(_unawaited(node.func.value.value)) == "request.files"
        )

    def uploaded_file(self, node: ast.expr) -> UploadedFile:
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Subscript)
        ):
            self.fail("expected request.files['name'].read()", node)
        if node.args or node.keywords:
            self.fail("an uploaded file's read() takes no arguments here", node)
        field = self.constant(node.func.value.slice, (str,))
        return UploadedFile(str(field))

    def is_json_item(self, node: ast.expr) -> bool:
        """Whether `node` is a request body read, subscripted or not (awaited anywhere, so
        that a misplaced `await` is refused by name)."""
        node = _unawaited(node)
        while isinstance(node, ast.Subscript):
            node = node.value
        return self.is_request_read(node)

    def json_item(self, node: ast.expr) -> JsonItem:
        """The parsed request JSON or an item in it; Quart awaits the read itself."""
        if isinstance(node, ast.Await) and isinstance(node.value, ast.Subscript):
            self.fail("await the read itself: (await request.json)[...]", node)
        keys: list[JsonIndex] = []
        read_node = node
        while isinstance(read_node, ast.Subscript):
            keys.append(self.json_index(read_node.slice))
            read_node = read_node.value
        read = self.request_read(_unawaited(read_node))
        if read not in JSON_READS:
            self.fail("only request.get_json() or request.json is formatted here", read_node)
        return self.built(node, lambda: JsonItem(read, tuple(reversed(keys))))

    def json_index(self, node: ast.expr) -> JsonIndex:
        """An object's key (a str) or an array's index (an int from 0)."""
        key = self.constant(node, (str, int))
        if isinstance(key, bool):
            self.fail("expected a str or int literal", node)
        return cast(JsonIndex, key)

    def request_text(self, node: ast.expr, keyword: str | None = None) -> RequestText:
        """`str(<JSON item>)` or an f-string over JSON items, as one run of parts."""
        parts: list[str | JsonItem] = []
        if isinstance(node, ast.Call):
            parts.append(self.json_item(node.args[0]))
        elif isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    previous = parts[-1] if parts else None
                    if isinstance(previous, str):
                        parts[-1] = previous + value.value
                    else:
                        parts.append(value.value)
                elif isinstance(value, ast.FormattedValue):
                    if value.conversion != -1 or value.format_spec is not None:
                        self.fail("an f-string field here has no conversion or format", value)
                    parts.append(self.json_item(value.value))
        else:
            self.fail("expected str(request.json) or an f-string over request.json", node)
        kept = tuple(part for part in parts if part != "")
        return self.built(node, lambda: RequestText(kept, keyword))

    def jsonified_request(self, node: ast.Call) -> Body | None:
        """`jsonify(**request.args)`, `jsonify(**request.form)` (Quart awaits the form), or
        `jsonify(name=<text made from the JSON>)`; None for any other jsonify call."""
        if node.args or len(node.keywords) != 1:
            return None
        keyword = node.keywords[0]
        inner = _unawaited(keyword.value)
        fields = _FIELDS.get(self.dotted(inner) or "")
        if keyword.arg is None and fields is not None:
            if fields == "args" and isinstance(keyword.value, ast.Await):
                self.fail("request.args is not awaited, in Quart either", keyword.value)
            return RequestFields(fields)
        if keyword.arg is not None and self.is_request_data(keyword.value):
            if self.is_file_read(keyword.value):
                self.fail("jsonify(...) takes no file's bytes", keyword.value)
            return self.request_text(keyword.value, keyword.arg)
        return None
