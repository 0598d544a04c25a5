"""Read a real view's return expression into the model, with typed holes where values are unknown.

`parse` accepts literals only. A view in a real codebase returns `jsonify(data), 201` or
`redirect(url_for("main.index"))`: a name, an attribute, a subscript or a call the grammar does
not model. `read_return` keeps the shape around such a part exactly and puts a `Hole` where the
part stands; the hole's kind comes from its position (a JSON payload inside `jsonify`, a URL
inside `redirect`, a status after the body, ...). A hole stands where a leaf value would be, so
the tree is the model's own frozen dataclasses; `substitute` fills it. Nothing is evaluated.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields
from dataclasses import is_dataclass
from dataclasses import replace
from typing import Any
from typing import cast

from parity.scan.stand_ins import Refused
from parity.scan.stand_ins import stand_ins
from shared import model as m
from shared.parse import ParseError
from shared.parse import Reader
from shared.parse.segments import source_segment


class HoleKind(enum.Enum):
    """What a hole stands for, read from where it stands."""

    JSON = "JSON value"
    JSON_OBJECT = "JSON object"
    JSON_ARRAY = "JSON array"
    TEXT = "text"
    TEMPLATE = "rendered template"
    BYTES = "bytes"
    CHUNKS = "stream"
    ITERATOR = "iterator"
    URL = "URL"
    ROUTE_URL = "url_for URL"
    REQUEST_URL = "request URL"
    STATUS = "status"
    REDIRECT_CODE = "redirect code"
    ERROR_CODE = "error code"
    HEADERS = "headers mapping"
    HEADER_NAME = "header name"
    HEADER_VALUE = "header value"
    MIMETYPE = "mimetype"
    FILE = "file response"
    RESPONSE = "value only known at run time"

    @property
    def opaque(self) -> bool:
        """Whether the model has no values for the kind: a file response is run only through
        the stand-ins its hole carries (`Hole.stand_ins`), a run-time value never."""
        return self in (HoleKind.FILE, HoleKind.RESPONSE)


@dataclass(frozen=True, repr=False)
class Hole:
    """A part of a return the model does not know; equal to any hole of the same kind."""

    kind: HoleKind
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)
    """1-based line and 0-based UTF-8 byte offset, as `ast` gives them."""
    stand_ins: tuple[m.FileResponse, ...] = ()
    """For a file response: the user's call with a shipped file in place of theirs, one per
    file to try (`parity.scan.stand_ins`); empty when the call cannot be run so."""
    note: str = field(default="", compare=False)
    """For a file response: how the stand-ins were chosen, or why there are none."""

    def to_source(self) -> str:
        """The source the hole stands for (as a body it renders itself)."""
        return self.source or f"<{self.kind.value}>"

    def __repr__(self) -> str:
        # Model values render leaves with repr(), so the rendered tree shows the real source.
        return self.to_source()

    __str__ = __repr__


TEMPLATE_HELPERS = frozenset({"render_template", "render_template_string"})
FILE_HELPERS = frozenset({"send_file", "send_from_directory"})
TEXT_CALLS = frozenset(
    {"str", "repr", "format", "join", "escape", "Markup", "strip", "lower", "upper", "replace"}
)
REQUEST_URLS = frozenset(
    {
        "request.url",
        "request.base_url",
        "request.path",
        "request.full_path",
        "request.script_root",
        "request.url_root",
        "request.host_url",
        "request.root_url",
    }
)
"""Request attributes that are the URL the request came to: Werkzeug gives them as IRIs, so
they hold non-ASCII text when the requested path does (`/caf%C3%A9` is `/café` there)."""
TEXT_ATTRIBUTES = frozenset({"request.method"}) | REQUEST_URLS
"""Request attributes that are always a str."""
ASCII_URL_SUFFIX = frozenset("#?&=/-_.~+!$'()*,;:@%") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)
"""What a literal may hold to be added to a url_for() path and keep it an ASCII URL."""
MODELLED_HELPERS = frozenset(
    {
        "jsonify",
        "json.dumps",
        "bytearray",
        "iter",
        "Response",
        "make_response",
        "redirect",
        "abort",
        "werkzeug.wrappers.Response",
        "app.json.response",
        "current_app.json.response",
        *m.HTTP_EXCEPTION_NAMES,
    }
)
KNOWN_CALLS = (
    MODELLED_HELPERS
    | TEMPLATE_HELPERS
    | FILE_HELPERS
    | TEXT_CALLS
    | {"url_for", "stream_template", "stream_template_string", "stream_with_context"}
)
"""Calls the reader gives a meaning to: a scan never follows a function of these names."""
_STR_KINDS = frozenset({HoleKind.JSON, HoleKind.TEXT, HoleKind.URL, HoleKind.HEADER_VALUE})
_LITERALS = (
    ast.Constant,
    ast.Dict,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.UnaryOp,
    ast.Lambda,
    ast.GeneratorExp,
)


def _computed(node: ast.expr) -> bool:
    """Whether a node is computed at run time (a name, a call, an f-string...), not a literal."""
    if isinstance(node, ast.Name):
        return node.id not in {"True", "False", "None"}
    if isinstance(node, ast.UnaryOp):
        return _computed(node.operand)
    return not isinstance(node, _LITERALS)


def _computed_key(node: ast.expr) -> bool:
    """Whether a subscript in `node` takes a computed key (`request.json[key]`): the model's
    request items hold literal keys, so the whole read is then a hole, never a part of it."""
    return any(isinstance(n, ast.Subscript) and _computed(n.slice) for n in ast.walk(node))


def dotted_name(node: ast.expr) -> str | None:
    """`a.b.c` for a chain of names, with the module prefixes a view may write (`flask.`, ...)."""
    return _HoleReader("").dotted(node)


def read_return(text: str, node: ast.expr | None) -> m.ReturnValue:
    """The model tree of one returned expression taken from `text` (`None` is a bare return)."""
    if node is None:
        return m.NoneBody()
    try:
        return _HoleReader(text).return_value(node)
    except (RecursionError, MemoryError) as error:
        raise ParseError("cannot read this expression", type(error).__name__) from None


def read_made_then_changed(text: str, statements: list[ast.stmt]) -> m.ReturnValue:
    """`name = <response>`, changes, `return name`: the value, or the make-then-change form."""
    reader = _HoleReader(text)
    try:
        if len(statements) == 2:
            value = cast(ast.Assign, statements[0]).value
            return reader.return_value(value)
        return reader.mutated(statements)
    except (RecursionError, MemoryError) as error:
        raise ParseError("cannot read this expression", type(error).__name__) from None


def after_hooks(view: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The `@after_this_request` functions a view defines at the top of its body."""
    reader = _HoleReader("")
    body = getattr(view, "body", None)  # a lambda view's body is an expression
    return [
        statement
        for statement in (body if isinstance(body, list) else [])
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        and reader.is_after_hook(statement)
    ]


def read_hooked(
    text: str, hook: ast.FunctionDef | ast.AsyncFunctionDef, returned: ast.expr | None
) -> m.AfterThisRequest:
    """A view's `@after_this_request` hook and one of its returns, as one value, with a hole
    for each part computed at run time."""
    reader = _HoleReader(text)
    statement = ast.Return(value=returned if returned is not None else ast.Constant(None))
    ast.copy_location(statement, returned if returned is not None else hook)
    try:
        return reader.after_this_request([hook, statement], reader.change, reader.return_value)
    except (RecursionError, MemoryError) as error:
        raise ParseError("cannot read this hook", type(error).__name__) from None


def read_stream(text: str, statements: list[ast.stmt]) -> m.RequestStream:
    """`[@stream_with_context] def generate(): yield ...` then `return generate()`, `def` or
    `async def`, with a hole for each yielded part computed at run time."""
    try:
        return _HoleReader(text).request_stream(statements)
    except (RecursionError, MemoryError) as error:
        raise ParseError("cannot read this generator", type(error).__name__) from None


class _HoleReader(Reader):
    """The safe reader, with each leaf it cannot read turned into a typed hole."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._text_kind = HoleKind.TEXT
        self._code_kind = HoleKind.ERROR_CODE
        self._made_file: m.FileResponse | None = None

    def dotted(self, node: ast.expr) -> str | None:
        """As the parser reads names, and `flask.render_template`, `quart.request.get_json` and
        the like as the bare names a scan gives meaning to: real code imports either way."""
        name = super().dotted(node)
        if name is not None:
            module, _, rest = name.partition(".")
            if module in ("flask", "quart") and (
                rest in KNOWN_CALLS or rest.startswith("request.")
            ):
                return rest
        return name

    def hole(self, kind: HoleKind, node: ast.AST) -> Hole:
        if kind in _STR_KINDS and isinstance(node, ast.expr) and self._route_url(node):
            kind = HoleKind.ROUTE_URL  # url_for() gives an already quoted path, wherever it is
        elif kind is HoleKind.URL and isinstance(node, ast.expr) and self._request_url(node):
            kind = HoleKind.REQUEST_URL
        source = source_segment(self.text, node) or ast.dump(node)
        return Hole(kind, source, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))

    def file_hole(self, node: ast.Call, helper: str) -> Hole:
        """A file response: with the stand-in calls to run, or opaque naming the part refused."""
        found = stand_ins(self.text, node, helper)
        hole = self.hole(HoleKind.FILE, node)
        if isinstance(found, Refused):
            return replace(hole, note=found.reason)
        return replace(hole, stand_ins=found.calls, note=found.note)

    def _route_url(self, node: ast.expr) -> bool:
        """`url_for(...)`, alone or with an ASCII literal added (`url_for('.post') + '#top'`)."""
        if self.callee(node) == "url_for":
            return True
        return (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and self._route_url(node.left)
            and isinstance(node.right, ast.Constant)
            and isinstance(node.right.value, str)
            and set(node.right.value) <= ASCII_URL_SUFFIX
        )

    def _request_url(self, node: ast.expr) -> bool:
        return isinstance(node, ast.Attribute) and self.dotted(node) in REQUEST_URLS

    @contextmanager
    def _at(self, text_kind: HoleKind, code_kind: HoleKind | None = None) -> Iterator[None]:
        saved = self._text_kind, self._code_kind
        self._text_kind = text_kind
        self._code_kind = code_kind or self._code_kind
        try:
            yield
        finally:
            self._text_kind, self._code_kind = saved

    # -- bodies -----------------------------------------------------------------------------

    def body(self, node: ast.expr) -> m.Body:
        if isinstance(node, ast.Await):
            node = node.value  # already-migrated Quart code awaits the helper
        if self.is_request_read(node):
            return self.request_body(node)
        if self.is_request_data(node):
            return self.request_data_or_hole(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if (
            isinstance(node, ast.JoinedStr)
            or self._text_operation(node)
            or (isinstance(node, ast.Attribute) and self.dotted(node) in TEXT_ATTRIBUTES)
        ):
            return m.Text(cast(str, self.hole(HoleKind.TEXT, node)))
        if isinstance(node, ast.GeneratorExp):
            try:
                return super().body(node)
            except ParseError:
                return cast(m.Chunks, self.hole(HoleKind.CHUNKS, node))
        if _computed(node):
            return cast(m.Body, self.hole(HoleKind.RESPONSE, node))
        return super().body(node)

    def jsonified_request(self, node: ast.Call) -> m.Body | None:
        """As the parser reads it; None (read on, with holes) where a key is computed or a
        part is not the request's."""
        if _computed_key(node):
            return None
        try:
            return super().jsonified_request(node)
        except ParseError:
            return None

    def request_data_or_hole(self, node: ast.expr) -> m.Body:
        """An uploaded file's read or text made from the request JSON, as the parser reads
        it; where a key is computed (`request.json[key]`), a bytes or a text hole."""
        try:
            if _computed_key(node):
                raise ParseError("a computed key", "")
            return self.request_data(node)
        except ParseError:
            if self.is_file_read(node):
                return m.Bytes(cast(bytes, self.hole(HoleKind.BYTES, node)))
            return m.Text(cast(str, self.hole(HoleKind.TEXT, node)))

    def _text_operation(self, node: ast.expr) -> bool:
        """`'a' + b`, `'%s' % x`: string arithmetic with a str literal on one side."""
        if not isinstance(node, ast.BinOp):
            return False
        sides = (node.left, node.right)
        return any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in sides) or any(
            isinstance(s, ast.JoinedStr) for s in sides
        )

    def call(self, node: ast.Call) -> m.Body:
        called = self.with_context_call(node)
        if called is not None:
            return called
        name = self.callee(node) or ""
        last = node.func.attr if isinstance(node.func, ast.Attribute) else name
        if name in TEMPLATE_HELPERS:
            return m.Text(cast(str, self.hole(HoleKind.TEMPLATE, node)))
        if name in FILE_HELPERS:
            return self._made_file or cast(m.Body, self.file_hole(node, name))
        if name == "jsonify" and (request_data := self.jsonified_request(node)) is not None:
            return request_data
        if name == "jsonify" and not node.args and [k.arg for k in node.keywords] == [None]:
            return m.Jsonify(
                (cast(m.JsonValue, self.hole(HoleKind.JSON_OBJECT, node.keywords[0])),)
            )
        if last == "response_class":  # app.response_class(...) is Response(...)
            with self._at(HoleKind.TEXT, HoleKind.ERROR_CODE):
                return self.response_call(node)
        if name == "url_for":
            return m.Text(cast(str, self.hole(HoleKind.ROUTE_URL, node)))
        if last == "encode":
            return m.Bytes(cast(bytes, self.hole(HoleKind.BYTES, node)))
        if name == "iter" and len(node.args) == 1 and _computed(node.args[0]):
            return cast(m.Chunks, self.hole(HoleKind.ITERATOR, node))
        if name in MODELLED_HELPERS:
            with self._at(HoleKind.TEXT, HoleKind.ERROR_CODE):
                return super().call(node)
        if last in TEXT_CALLS:
            return m.Text(cast(str, self.hole(HoleKind.TEXT, node)))
        return cast(m.Body, self.hole(HoleKind.RESPONSE, node))

    def with_context_call(self, node: ast.Call) -> m.WithContext | None:
        """`stream_with_context(generate())`: Flask's call form, around a stream computed at
        run time (a hole) or written out (as the model reads it)."""
        if self.callee(node) != "stream_with_context" or len(node.args) != 1 or node.keywords:
            return None
        argument = node.args[0]
        literal_iter = (
            isinstance(argument, ast.Call)
            and self.callee(argument) == "iter"
            and len(argument.args) == 1
            and not _computed(argument.args[0])
        )
        literal_text = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
        if isinstance(argument, ast.GeneratorExp) or literal_iter or literal_text:
            try:
                return self.with_context(node)
            except ParseError:
                return m.WithContext(cast(m.Chunks, self.hole(HoleKind.CHUNKS, argument)))
        if not _computed(argument):
            return None
        iterator = isinstance(argument, ast.Call) and self.callee(argument) == "iter"
        kind = HoleKind.ITERATOR if iterator else HoleKind.CHUNKS
        return m.WithContext(cast(m.Chunks, self.hole(kind, argument)))

    def response_content(self, node: ast.expr) -> m.ResponseContent:
        if isinstance(node, ast.Call) and (called := self.with_context_call(node)) is not None:
            return called
        if isinstance(node, ast.Call) and (self.callee(node) or "") not in MODELLED_HELPERS:
            if (self.callee(node) or "").rsplit(".", 1)[-1] not in TEXT_CALLS | TEMPLATE_HELPERS:
                # Response(generate()) streams what a generator function yields.
                return cast(m.Chunks, self.hole(HoleKind.CHUNKS, node))
        return super().response_content(node)

    def mutated(self, body: list[ast.stmt]) -> m.Mutated:
        """As the parser reads it; `resp = send_file(...)` then changes, with the file's hole
        as the made response (its changes read over the first stand-in)."""
        first = body[0]
        made = first.value if isinstance(first, ast.Assign) else None
        made = made.value if isinstance(made, ast.Await) else made
        helper = self.callee(made) if isinstance(made, ast.Call) else None
        if not (isinstance(made, ast.Call) and helper in FILE_HELPERS):
            return super().mutated(body)
        hole = self.file_hole(made, helper or "")
        if not hole.stand_ins:
            return m.Mutated(cast(m.Maker, hole), ())
        self._made_file = hole.stand_ins[0]
        try:
            read = super().mutated(body)
        finally:
            self._made_file = None
        return replace(read, base=cast(m.Maker, hole))

    def response_call(self, node: ast.Call) -> m.ResponseCall:
        with self._at(HoleKind.MIMETYPE):
            return super().response_call(node)

    def redirect(self, node: ast.Call) -> m.Redirect:
        with self._at(HoleKind.URL, HoleKind.REDIRECT_CODE):
            return super().redirect(node)

    def abort(self, node: ast.Call) -> m.Abort | m.AbortWith:
        with self._at(HoleKind.TEXT, HoleKind.ERROR_CODE):
            return super().abort(node)

    def change(self, stmt: ast.stmt, name: str) -> m.Change:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and stmt.targets else None
        attribute = target.attr if isinstance(target, ast.Attribute) else None
        kind = {
            "status_code": HoleKind.STATUS,
            "status": HoleKind.STATUS,
            "mimetype": HoleKind.MIMETYPE,
            "content_type": HoleKind.MIMETYPE,
        }.get(attribute or "", HoleKind.HEADER_VALUE)
        with self._at(kind):
            return super().change(stmt, name)

    # -- status and headers -----------------------------------------------------------------

    def status_or_headers(self, node: ast.expr) -> m.StatusValue | m.HeadersValue:
        if not _computed(node) or self.callee(node) == "Headers":
            return super().status_or_headers(node)
        fragment = source_segment(self.text, node) or ""
        if "header" in fragment.lower():
            return cast(m.HeadersValue, self.hole(HoleKind.HEADERS, node))
        return self.status(node)

    def status(self, node: ast.expr) -> m.StatusValue:
        name = self.dotted(node) if isinstance(node, ast.Attribute) else None
        if _computed(node) and not (name or "").startswith("HTTPStatus."):
            return m.Status(cast(int, self.hole(HoleKind.STATUS, node)))
        return super().status(node)

    def headers(self, node: ast.expr) -> m.HeadersValue:
        if isinstance(node, ast.Dict) and not all(
            isinstance(key, ast.Constant) and isinstance(key.value, str) for key in node.keys
        ):
            return cast(m.HeadersValue, self.hole(HoleKind.HEADERS, node))
        if _computed(node) and self.callee(node) != "Headers":
            return cast(m.HeadersValue, self.hole(HoleKind.HEADERS, node))
        with self._at(HoleKind.HEADER_NAME):
            return super().headers(node)

    def header_value(self, node: ast.expr) -> m.HeaderItemValue:
        if _computed(node):
            return cast(str, self.hole(HoleKind.HEADER_VALUE, node))
        with self._at(HoleKind.HEADER_VALUE):
            return super().header_value(node)

    # -- literals ---------------------------------------------------------------------------

    def json(self, node: ast.expr) -> m.JsonValue:
        if isinstance(node, ast.Dict) and not all(
            isinstance(key, ast.Constant) and isinstance(key.value, str) for key in node.keys
        ):
            return cast(m.JsonValue, self.hole(HoleKind.JSON_OBJECT, node))
        if isinstance(node, ast.DictComp):
            return cast(m.JsonValue, self.hole(HoleKind.JSON_OBJECT, node))
        if isinstance(node, ast.ListComp):
            return cast(m.JsonValue, self.hole(HoleKind.JSON_ARRAY, node))
        if _computed(node):
            return cast(m.JsonValue, self.hole(HoleKind.JSON, node))
        return super().json(node)

    def constant(self, node: ast.expr, kinds: tuple[type, ...]) -> object:
        if not _computed(node):
            return super().constant(node, kinds)
        if kinds == (bytes,):
            return self.hole(HoleKind.BYTES, node)
        return self.hole(self._text_kind, node)

    def integer(self, node: ast.expr) -> int:
        if _computed(node):
            return cast(int, self.hole(self._code_kind, node))
        return super().integer(node)


def holes_in(tree: object) -> list[Hole]:
    """Every hole in a tree, in a fixed walk order (dataclass fields, then tuple items)."""
    found: list[Hole] = []

    def keep(hole: Hole) -> Hole:
        found.append(hole)
        return hole

    _walk(tree, keep)
    return found


def substitute(tree: m.ReturnValue, values: Sequence[object]) -> m.ReturnValue:
    """The tree with each hole, in `holes_in` order, replaced by the value at its index."""
    supply = iter(values)
    return cast(m.ReturnValue, _walk(tree, lambda hole: next(supply)))


def hole_values(tree: object, filled: object) -> list[tuple[Hole, object]]:
    """Each hole of a tree with the value that stands in its place in a filled copy of it."""
    found: list[tuple[Hole, object]] = []
    pending = [(tree, filled)]
    while pending:
        node, value = pending.pop()
        if isinstance(node, Hole):
            found.append((node, value))
        elif isinstance(node, tuple) and isinstance(value, tuple) and len(node) == len(value):
            pending.extend(reversed(list(zip(node, value, strict=True))))
        elif is_dataclass(node) and not isinstance(node, type) and type(node) is type(value):
            pending.extend(
                reversed([(getattr(node, f.name), getattr(value, f.name)) for f in fields(node)])
            )
    return found


def _walk(node: object, replace: Callable[[Hole], Any]) -> object:
    if isinstance(node, Hole):
        return replace(node)
    if isinstance(node, tuple):
        return tuple(_walk(item, replace) for item in node)
    if is_dataclass(node) and not isinstance(node, type):
        changed = {f.name: _walk(getattr(node, f.name), replace) for f in fields(node)}
        return type(node)(**changed)
    return node
