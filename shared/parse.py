"""Read the source of a view's return back into the model, without ever evaluating it.

The grammar is the one `shared.model` renders: literals, the known helpers (`jsonify`,
`json.dumps`, `Response`, `make_response`, `redirect`, `abort`, `Headers`, `HTTPStatus.X`,
the `werkzeug.exceptions` classes, `bytearray`, `iter`), the three stream shapes, the WSGI
lambda, and `resp = ...; resp.attr = ...; return resp`. Anything else is refused with a
`ParseError` that quotes the part it could not accept.
"""

from __future__ import annotations

import ast
import textwrap
from http import HTTPStatus
from typing import NoReturn
from typing import cast

from shared.model import HTTP_EXCEPTION_NAMES
from shared.model import Abort
from shared.model import AbortWith
from shared.model import Body
from shared.model import ByteArray
from shared.model import Bytes
from shared.model import Change
from shared.model import Chunks
from shared.model import ChunksKind
from shared.model import HeaderItemValue
from shared.model import HeadersForm
from shared.model import HeadersValue
from shared.model import HttpError
from shared.model import JsonArray
from shared.model import JsonBody
from shared.model import JsonDumps
from shared.model import Jsonify
from shared.model import JsonObject
from shared.model import JsonValue
from shared.model import MakeResponse
from shared.model import Mutated
from shared.model import NoneBody
from shared.model import Redirect
from shared.model import ResponseAttribute
from shared.model import ResponseCall
from shared.model import ResponseContent
from shared.model import ReturnTuple
from shared.model import ReturnValue
from shared.model import Scalar
from shared.model import SetAttribute
from shared.model import SetHeader
from shared.model import Status
from shared.model import StatusMember
from shared.model import StatusValue
from shared.model import Text
from shared.model import TupleItem
from shared.model import WsgiApp

MAX_SOURCE_LENGTH = 20_000
"""Longer input is refused before it reaches `ast`, so a paste can never make parsing slow."""

MAX_NESTING = 100
"""Deepest syntax tree accepted (each bracket, call or operator is a level)."""

MAX_INT_DIGITS = 4_300
"""Python's default limit for turning an int into decimal text: a literal that cannot be
written back (or put in a header) is refused rather than crashing later."""

FRAGMENT_WIDTH = 80
"""The most characters of the source an error quotes."""

_HELPERS = ("jsonify", "make_response", "redirect", "abort", "Response")
_QUALIFIED: dict[str, str] = {
    **{f"{module}.{name}": name for module in ("flask", "quart") for name in _HELPERS},
    **{f"werkzeug.exceptions.{name}": name for name in HTTP_EXCEPTION_NAMES},
    "werkzeug.datastructures.Headers": "Headers",
}
"""The qualified spellings of the helpers the model knows, and the name each stands for.
Anything else with a dot (`http.jsonify`, `werkzeug.utils.redirect`) is refused by name."""
_ATTRIBUTES: tuple[ResponseAttribute, ...] = ("status_code", "status", "mimetype", "content_type")
_HEADERS_CONTAINERS = (ast.Dict, ast.List, ast.Tuple)
_INT_LIMIT = 10**MAX_INT_DIGITS


class ParseError(ValueError):
    """The source is outside the grammar; `fragment` is the offending text, at most
    FRAGMENT_WIDTH characters of it."""

    def __init__(self, problem: str, fragment: str) -> None:
        fragment = clip(fragment)
        super().__init__(f"{problem}: {fragment}")
        self.problem = problem
        self.fragment = fragment


def clip(text: str, width: int = FRAGMENT_WIDTH) -> str:
    """The text, or its start and end around an ellipsis when it is longer than `width`."""
    if len(text) <= width:
        return text
    half = (width - 3) // 2
    return f"{text[:half]}...{text[-half:]}"


def parse(source: str) -> ReturnValue:
    """Read a return expression, a `return` statement, or a make-then-change view body."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ParseError(
            f"source is {len(source)} characters, over the {MAX_SOURCE_LENGTH} accepted",
            source[:60] + "...",
        )
    text = textwrap.dedent(source).strip()
    if not text:
        raise ParseError("nothing to read", repr(source))
    try:
        module = ast.parse(text, mode="exec")
    except SyntaxError as error:
        where = _window(text, error.lineno, error.offset)
        raise ParseError(f"not valid Python ({error.msg})", where) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ParseError(f"cannot read this source ({error})", text[:60]) from None
    if not module.body:
        raise ParseError("nothing to read: the source holds only comments", text)
    if _depth(module) > MAX_NESTING:
        raise ParseError(f"nested more than {MAX_NESTING} levels deep", text)
    return _Reader(text).module(module)


def _window(text: str, lineno: int | None, offset: int | None, side: int = 30) -> str:
    """The line a syntax error is on, cut to `side` characters each side of the column."""
    lines = text.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return text[: 2 * side]
    line = lines[lineno - 1]
    column = max((offset or 1) - 1, 0)
    start, end = max(column - side, 0), column + side
    shown = line[start:end]
    return ("..." if start else "") + shown + ("..." if end < len(line) else "")


def _depth(tree: ast.AST) -> int:
    """How deep the syntax tree goes, counted without recursion."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MAX_NESTING:
            stack.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    return deepest


class _Reader:
    """One parse: keeps the text so that every error can quote its node."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, problem: str, node: ast.AST) -> NoReturn:
        fragment = ast.get_source_segment(self.text, node) or ast.dump(node)
        raise ParseError(problem, fragment)

    # -- statements -----------------------------------------------------------------------

    def module(self, module: ast.Module) -> ReturnValue:
        body = module.body
        if len(body) == 1 and isinstance(body[0], ast.Expr | ast.Return):
            value = body[0].value
            if value is None:
                self.fail("a bare `return` gives None; write `return None`", body[0])
            return self.return_value(value)
        if len(body) >= 2:
            return self.mutated(body)
        self.fail("expected an expression, a `return`, or `resp = ...` then `return resp`", body[0])

    def mutated(self, body: list[ast.stmt]) -> Mutated:
        first, *changes, last = body
        if not (
            isinstance(first, ast.Assign)
            and len(first.targets) == 1
            and isinstance(first.targets[0], ast.Name)
        ):
            self.fail("a view body must start with `resp = <response>`", first)
        name = first.targets[0].id
        base = self.body(first.value)
        if not isinstance(base, Jsonify | ResponseCall | MakeResponse | Redirect):
            self.fail(
                "only jsonify, Response, make_response or redirect can be changed afterwards",
                first.value,
            )
        if not (
            isinstance(last, ast.Return)
            and isinstance(last.value, ast.Name)
            and last.value.id == name
        ):
            self.fail(f"a view body must end with `return {name}`", last)
        return Mutated(base, tuple(self.change(stmt, name) for stmt in changes))

    def change(self, stmt: ast.stmt, name: str) -> Change:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            self.fail(f"expected `{name}.<attribute> = <value>`", stmt)
        target = stmt.targets[0]
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == name
        ):
            if target.attr not in _ATTRIBUTES:
                self.fail(f"only {', '.join(_ATTRIBUTES)} can be set", target)
            if isinstance(stmt.value, ast.UnaryOp):
                value: object = self.integer(stmt.value)
            else:
                value = self.constant(stmt.value, (int, str))
            if isinstance(value, bool):
                self.fail("expected an int or a str", stmt.value)
            return SetAttribute(target.attr, cast(int | str, value))
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Attribute)
            and target.value.attr == "headers"
            and isinstance(target.value.value, ast.Name)
            and target.value.value.id == name
        ):
            header = self.constant(target.slice, (str,))
            return SetHeader(cast(str, header), cast(str, self.constant(stmt.value, (str,))))
        self.fail(f"expected `{name}.<attribute> = ...` or `{name}.headers[...] = ...`", stmt)

    # -- return values --------------------------------------------------------------------

    def return_value(self, node: ast.expr) -> ReturnValue:
        if isinstance(node, ast.Tuple):
            if not node.elts:
                self.fail("an empty tuple is not a return value", node)
            first, *rest = node.elts
            items: list[TupleItem] = [self.body(first)]
            items += [self.status_or_headers(element) for element in rest]
            return ReturnTuple(tuple(items))
        return self.body(node)

    def status_or_headers(self, node: ast.expr) -> StatusValue | HeadersValue:
        """A tuple item after the body: headers when it is shaped like headers, else a status."""
        if isinstance(node, _HEADERS_CONTAINERS) or self.callee(node) == "Headers":
            return self.headers(node)
        return self.status(node)

    def tuple_item(self, node: ast.expr, position: int) -> TupleItem:
        return self.body(node) if position == 0 else self.status_or_headers(node)

    def body(self, node: ast.expr) -> Body:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, str):
                return Text(value)
            if isinstance(value, bytes):
                return Bytes(value)
            if value is None:
                return NoneBody()
            if isinstance(value, bool | int | float):
                return Scalar(value)
            self.fail("unsupported literal", node)
        if isinstance(node, ast.UnaryOp):
            return Scalar(self.number(node))
        if isinstance(node, ast.Dict | ast.List):
            return JsonBody(cast(JsonObject | JsonArray, self.json(node)))
        if isinstance(node, ast.GeneratorExp):
            return self.stream(node)
        if isinstance(node, ast.Lambda):
            return self.wsgi_app(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Name):
            self.fail(f"`{node.id}` is a variable; write its value as a literal", node)
        self.fail("not a literal or a call to a known helper", node)

    def call(self, node: ast.Call) -> Body:
        name = self.callee(node)
        if name == "jsonify":
            args = tuple(self.json(arg) for arg in self.positional(node))
            kwargs = tuple((key, self.json(value)) for key, value in self.keywords(node))
            return Jsonify(args, kwargs)
        if name == "json.dumps":
            (payload,) = self.exact_args(node, 1)
            return JsonDumps(self.json(payload))
        if name == "bytearray":
            (data,) = self.exact_args(node, 1)
            return ByteArray(cast(bytes, self.constant(data, (bytes,))))
        if name == "iter":
            (listed,) = self.exact_args(node, 1)
            return Chunks(ChunksKind.ITERATOR, self.chunk_list(listed))
        if name == "Response":
            return self.response_call(node)
        if name == "make_response":
            items = self.positional(node)
            if not self.keywords(node) and len(items) == 1 and isinstance(items[0], ast.Tuple):
                return MakeResponse((self.return_value(items[0]),))  # type: ignore[arg-type]
            self.no_keywords(node)
            return MakeResponse(tuple(self.tuple_item(arg, i) for i, arg in enumerate(items)))
        if name == "redirect":
            return self.redirect(node)
        if name == "abort":
            return self.abort(node)
        if name in HTTP_EXCEPTION_NAMES:
            self.no_keywords(node)
            given = self.positional(node)
            if len(given) > 1:
                self.fail(f"{name}() takes at most a description", node)
            description = cast(str, self.constant(given[0], (str,))) if given else None
            return HttpError(name, description)
        self.fail(f"`{name}` is not a known helper" if name else "not a known helper", node.func)

    def response_call(self, node: ast.Call) -> ResponseCall:
        args = self.positional(node)
        if len(args) > 1:
            self.fail("pass Response() its body alone and the rest by keyword", node)
        body = self.response_content(args[0]) if args else NoneBody()
        options: dict[str, ast.expr] = dict(self.keywords(node))
        unknown = set(options) - {"response", "status", "headers", "mimetype", "content_type"}
        if unknown:
            self.fail(f"Response() takes no {', '.join(sorted(unknown))}", node)
        if "response" in options:
            if args:
                self.fail("the body is given twice", node)
            body = self.response_content(options["response"])
        status = options.get("status")
        headers = options.get("headers")
        mimetype = options.get("mimetype")
        content_type = options.get("content_type")
        return ResponseCall(
            body=body,
            status=None if status is None else self.status(status),
            headers=None if headers is None else self.headers(headers),
            mimetype=None if mimetype is None else cast(str, self.constant(mimetype, (str,))),
            content_type=(
                None if content_type is None else cast(str, self.constant(content_type, (str,)))
            ),
        )

    def response_content(self, node: ast.expr) -> ResponseContent:
        body = self.body(node)
        if not isinstance(body, Text | Bytes | ByteArray | JsonDumps | Chunks | NoneBody):
            self.fail("Response() takes a str, bytes, a stream or json.dumps(...) here", node)
        return body

    def redirect(self, node: ast.Call) -> Redirect:
        args = self.positional(node)
        options = dict(self.keywords(node))
        if set(options) - {"location", "code"} or not 1 <= len(args) + len(options) <= 2:
            self.fail("expected redirect(location) or redirect(location, code)", node)
        location_node = args[0] if args else options.get("location")
        code_node = args[1] if len(args) > 1 else options.get("code")
        if location_node is None:
            self.fail("redirect() needs a location", node)
        location = cast(str, self.constant(location_node, (str,)))
        code = None if code_node is None else self.integer(code_node)
        return Redirect(location, code)

    def abort(self, node: ast.Call) -> Abort | AbortWith:
        self.no_keywords(node)
        args = self.positional(node)
        if not 1 <= len(args) <= 2:
            self.fail(
                "expected abort(code), abort(code, description) or abort(Response(...))", node
            )
        if self.callee(args[0]) == "Response":
            if len(args) != 1:
                self.fail("abort(Response(...)) takes nothing else", node)
            return AbortWith(self.response_call(cast(ast.Call, args[0])))
        code = self.integer(args[0])
        description = cast(str, self.constant(args[1], (str,))) if len(args) == 2 else None
        return Abort(code, description)

    def stream(self, node: ast.GeneratorExp) -> Chunks:
        if len(node.generators) != 1:
            self.fail("expected one `for` clause", node)
        clause = node.generators[0]
        if clause.ifs or clause.is_async or not isinstance(clause.target, ast.Name):
            self.fail("expected `(chunk for chunk in [...])`", node)
        variable = clause.target.id
        chunks = self.chunk_list(clause.iter)
        element = node.elt
        if isinstance(element, ast.Name) and element.id == variable:
            return Chunks(ChunksKind.GENERATOR, chunks)
        if (
            isinstance(element, ast.Await)
            and self.callee(element.value) == "asyncio.sleep"
            and isinstance(element.value, ast.Call)
            and len(element.value.args) == 2
            and not element.value.keywords
            and self.constant(element.value.args[0], (int,)) == 0
            and isinstance(element.value.args[1], ast.Name)
            and element.value.args[1].id == variable
        ):
            return Chunks(ChunksKind.ASYNC_GENERATOR, chunks)
        self.fail(f"expected `{variable}` or `await asyncio.sleep(0, {variable})`", element)

    def wsgi_app(self, node: ast.Lambda) -> WsgiApp:
        shape = "lambda environ, start_response: (start_response(status, headers), [...])[1]"
        signature = node.args
        if (
            signature.posonlyargs
            or signature.vararg
            or signature.kwonlyargs
            or signature.kwarg
            or signature.defaults
            or len(signature.args) != 2
        ):
            self.fail("a WSGI callable takes exactly `environ, start_response`, no defaults", node)
        params = [arg.arg for arg in signature.args]
        body = node.body
        if (
            len(params) != 2
            or not isinstance(body, ast.Subscript)
            or not isinstance(body.value, ast.Tuple)
            or len(body.value.elts) != 2
            or self.constant(body.slice, (int,)) != 1
        ):
            self.fail(f"a WSGI callable must read `{shape}`", node)
        start, chunks = body.value.elts
        if not (
            isinstance(start, ast.Call)
            and isinstance(start.func, ast.Name)
            and start.func.id == params[1]
            and len(start.args) == 2
            and not start.keywords
        ):
            self.fail(f"a WSGI callable must read `{shape}`", start)
        status = cast(str, self.constant(start.args[0], (str,)))
        if not isinstance(start.args[1], ast.List):
            self.fail("start_response takes a list of (name, value) pairs", start.args[1])
        pairs = tuple(
            (cast(str, name), cast(str, value))
            for name, value in (self.pair(element, (str,)) for element in start.args[1].elts)
        )
        if not isinstance(chunks, ast.List):
            self.fail("a WSGI callable returns a list of bytes", chunks)
        parts = tuple(cast(bytes, self.constant(chunk, (bytes,))) for chunk in chunks.elts)
        return WsgiApp(status, pairs, parts)

    # -- status and headers ---------------------------------------------------------------

    def status(self, node: ast.expr) -> StatusValue:
        if isinstance(node, ast.Attribute):
            name = self.dotted(node)
            if name is not None and name.startswith("HTTPStatus."):
                member = name.removeprefix("HTTPStatus.")
                if member not in HTTPStatus.__members__:
                    self.fail("HTTPStatus has no such member", node)
                return StatusMember(member)
        if isinstance(node, ast.UnaryOp):
            return Status(self.number(node))
        value = self.constant(node, (int, str, bytes, float, type(None)))
        if isinstance(value, bool):
            self.fail("a bool is not a status", node)
        return Status(cast(int | str | bytes | float | None, value))

    def headers(self, node: ast.expr) -> HeadersValue:
        if isinstance(node, ast.Dict):
            items = []
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.fail("`**` unpacking is not a literal", value)
                items.append((cast(str, self.constant(key, (str,))), self.header_value(value)))
            names = [name for name, _ in items]
            if len(set(names)) != len(names):
                self.fail("a dict literal names the same key twice", node)
            return HeadersValue(HeadersForm.DICT, tuple(items))
        if isinstance(node, ast.List | ast.Tuple):
            form = HeadersForm.LIST if isinstance(node, ast.List) else HeadersForm.TUPLE
            return HeadersValue(form, self.header_pairs(node.elts))
        if isinstance(node, ast.Call) and self.callee(node) == "Headers":
            self.no_keywords(node)
            args = self.positional(node)
            if not args:
                return HeadersValue(HeadersForm.HEADERS)
            if len(args) != 1 or not isinstance(args[0], ast.List):
                self.fail("expected Headers([(name, value), ...])", node)
            return HeadersValue(HeadersForm.HEADERS, self.header_pairs(args[0].elts))
        self.fail("headers must be a dict, a list or tuple of pairs, or Headers([...])", node)

    def header_pairs(self, elements: list[ast.expr]) -> tuple[tuple[str, HeaderItemValue], ...]:
        pairs = []
        for element in elements:
            if not (isinstance(element, ast.Tuple) and len(element.elts) == 2):
                self.fail("expected a (name, value) pair", element)
            name_node, value_node = element.elts
            pairs.append(
                (cast(str, self.constant(name_node, (str,))), self.header_value(value_node))
            )
        return tuple(pairs)

    def header_value(self, node: ast.expr) -> HeaderItemValue:
        if isinstance(node, ast.List):
            return tuple(cast(str, self.constant(part, (str,))) for part in node.elts)
        if isinstance(node, ast.UnaryOp):
            return self.number(node)
        return cast(
            HeaderItemValue, self.constant(node, (str, int, float, bool, bytes, type(None)))
        )

    def pair(self, node: ast.expr, kinds: tuple[type, ...]) -> tuple[object, object]:
        if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
            self.fail("expected a (name, value) pair", node)
        return self.constant(node.elts[0], kinds), self.constant(node.elts[1], kinds)

    # -- literals -------------------------------------------------------------------------

    def json(self, node: ast.expr) -> JsonValue:
        if isinstance(node, ast.Dict):
            items = []
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.fail("`**` unpacking is not a literal", value)
                items.append((cast(str, self.constant(key, (str,))), self.json(value)))
            if len({key for key, _ in items}) != len(items):
                self.fail("a dict literal names the same key twice", node)
            return JsonObject(tuple(items))
        if isinstance(node, ast.List):
            return JsonArray(tuple(self.json(item) for item in node.elts))
        if isinstance(node, ast.UnaryOp):
            return self.number(node)
        return cast(JsonValue, self.constant(node, (str, int, float, bool, type(None))))

    def chunk_list(self, node: ast.expr) -> tuple[str | bytes, ...]:
        if not isinstance(node, ast.List):
            self.fail("expected a list of str or bytes chunks", node)
        return tuple(cast(str | bytes, self.constant(item, (str, bytes))) for item in node.elts)

    def constant(self, node: ast.expr, kinds: tuple[type, ...]) -> object:
        if isinstance(node, ast.Constant) and isinstance(node.value, kinds):
            if isinstance(node.value, float) and node.value != node.value:
                self.fail("NaN is not accepted", node)
            if isinstance(node.value, int):
                self.bounded(node.value, node)
            return node.value
        if isinstance(node, ast.Name) and node.id not in {"True", "False", "None"}:
            self.fail(f"`{node.id}` is a variable; write its value as a literal", node)
        wanted = " or ".join(kind.__name__ for kind in kinds)
        self.fail(f"expected a {wanted} literal", node)

    def number(self, node: ast.expr) -> int | float:
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)
        ):
            return -self.bounded(cast(int | float, node.operand.value), node)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return self.bounded(cast(int | float, node.value), node)
        self.fail("expected a number literal", node)

    def bounded(self, value: int | float, node: ast.expr) -> int | float:
        if isinstance(value, int) and not -_INT_LIMIT < value < _INT_LIMIT:
            self.fail(
                f"an integer of more than {MAX_INT_DIGITS} digits, which Python will not "
                "write as text",
                node,
            )
        return value

    def integer(self, node: ast.expr) -> int:
        value = self.number(node)
        if not isinstance(value, int):
            self.fail("expected an int literal", node)
        return value

    # -- calls ----------------------------------------------------------------------------

    def dotted(self, node: ast.expr) -> str | None:
        """The name a dotted reference stands for: a bare name as written, a known qualified
        spelling (`flask.jsonify`, `http.HTTPStatus.OK`) as its bare form, anything else in
        full so that it is refused by name."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        name = ".".join([node.id, *reversed(parts)])
        if name.startswith("http.HTTPStatus."):
            return name.removeprefix("http.")
        return _QUALIFIED.get(name, name)

    def callee(self, node: ast.expr) -> str | None:
        return self.dotted(node.func) if isinstance(node, ast.Call) else None

    def positional(self, node: ast.Call) -> list[ast.expr]:
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.fail("`*` unpacking is not a literal", arg)
        return list(node.args)

    def keywords(self, node: ast.Call) -> list[tuple[str, ast.expr]]:
        pairs = []
        for keyword in node.keywords:
            if keyword.arg is None:
                self.fail("`**` unpacking is not a literal", keyword.value)
            pairs.append((keyword.arg, keyword.value))
        return pairs

    def no_keywords(self, node: ast.Call) -> None:
        if node.keywords:
            self.fail("this helper takes no keyword arguments here", node)

    def exact_args(self, node: ast.Call, count: int) -> list[ast.expr]:
        self.no_keywords(node)
        args = self.positional(node)
        if len(args) != count:
            self.fail(f"expected exactly {count} argument(s)", node)
        return args
