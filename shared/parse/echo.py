"""Reading the request's body returned by the view: `request.get_json()`, `request.json`,
`request.get_data()`, `request.get_data(as_text=True)`, alone or in `jsonify(...)`, with or
without Quart's `await`."""

from __future__ import annotations

import ast

from shared.model import JSON_READS
from shared.model import RequestBody
from shared.model import RequestBodyRead
from shared.parse.leaves import LeafReader

REQUEST_BODY_CALLS = ("request.get_json", "request.get_data")
"""The dotted names of the request's body reads that are calls."""


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
