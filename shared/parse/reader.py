"""Reading statements, return values and helper calls into the model."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import AWAITED_IN_QUART
from shared.model import DATE_ATTRIBUTES
from shared.model import HEADER_SET_ATTRIBUTES
from shared.model import HTTP_EXCEPTION_NAMES
from shared.model import Abort
from shared.model import AbortWith
from shared.model import BareCallable
from shared.model import Body
from shared.model import ByteArray
from shared.model import Bytes
from shared.model import Change
from shared.model import ChunkList
from shared.model import Chunks
from shared.model import ChunksKind
from shared.model import Configured
from shared.model import HeadersValue
from shared.model import HttpError
from shared.model import JsonArray
from shared.model import JsonBody
from shared.model import JsonDumps
from shared.model import Jsonify
from shared.model import JsonObject
from shared.model import MakeResponse
from shared.model import Mutated
from shared.model import NoneBody
from shared.model import Redirect
from shared.model import RenderTemplate
from shared.model import RenderTemplateString
from shared.model import ResponseAttribute
from shared.model import ResponseCall
from shared.model import ResponseContent
from shared.model import ReturnTuple
from shared.model import ReturnValue
from shared.model import Scalar
from shared.model import SendFile
from shared.model import SendFromDirectory
from shared.model import SetAttribute
from shared.model import SetHeader
from shared.model import StatusMember
from shared.model import StatusValue
from shared.model import Text
from shared.model import TupleItem
from shared.model import WerkzeugResponse
from shared.model import WithContext
from shared.model import WsgiApp
from shared.parse.attrs import AttrsReader
from shared.parse.echo import EchoReader
from shared.parse.files import FILE_HELPERS
from shared.parse.files import FilesReader
from shared.parse.handlers import HandlersReader
from shared.parse.hooks import HooksReader
from shared.parse.streams import StreamsReader
from shared.parse.templates import TEMPLATE_HELPERS
from shared.parse.templates import TemplateReader
from shared.parse.typed import TypedReader
from shared.settings import SETTINGS
from shared.settings import SettingValue

_ATTRIBUTES: tuple[ResponseAttribute, ...] = ("status_code", "status", "mimetype", "content_type")
_SETTABLE = (*_ATTRIBUTES, *DATE_ATTRIBUTES, *HEADER_SET_ATTRIBUTES, "cache_control.<directive>")
_HEADERS_CONTAINERS = (ast.Dict, ast.List, ast.Tuple)
_SET_TYPES = (bool, str, type(None))
PROVIDER_RESPONSE_CALLS = ("app.json.response", "current_app.json.response")
"""The JSON provider's own response method, which `jsonify(...)` calls."""


class Reader(
    TypedReader,
    TemplateReader,
    FilesReader,
    AttrsReader,
    StreamsReader,
    EchoReader,
    HandlersReader,
    HooksReader,
):
    """One parse of a return value, a `return` statement or a make-then-change view body."""

    # -- statements -----------------------------------------------------------------------

    def module(self, module: ast.Module) -> ReturnValue:
        body = module.body
        if self.is_app_setting(body[0]):
            return self.configured(body)
        if len(body) == 1 and isinstance(body[0], ast.Expr | ast.Return):
            value = body[0].value
            if value is None:
                self.fail("a bare `return` gives None; write `return None`", body[0])
            return self.return_value(value)
        if self.is_error_handler(body[0]) or self.defines_error_class(body):
            return self.error_handled(body, self.return_value, self.body)
        if self.is_after_hook(body[0]):
            return self.after_this_request(body, self.change, self.return_value)
        if any(isinstance(statement, ast.Raise) for statement in body):
            raised = next(s for s in body if isinstance(s, ast.Raise))
            self.fail("a `raise` is read under an error handler the view body registers", raised)
        if isinstance(body[0], ast.FunctionDef | ast.AsyncFunctionDef) or self.is_session_set(
            body[0]
        ):
            return self.request_stream(body)
        if len(body) >= 2:
            return self.mutated(body)
        self.fail("expected an expression, a `return`, or `resp = ...` then `return resp`", body[0])

    def is_app_setting(self, stmt: ast.stmt) -> bool:
        """Whether `stmt` assigns an attribute of the app's JSON provider (`app.json.x = ...`)."""
        return (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Attribute)
            and self.dotted(stmt.targets[0].value) == "app.json"
        )

    def configured(self, body: list[ast.stmt]) -> Configured:
        """`app.json.<attribute> = <literal>` lines, then the view's return or body."""
        settings: list[tuple[str, SettingValue]] = []
        while body and self.is_app_setting(body[0]):
            stmt = cast(ast.Assign, body.pop(0))
            target = cast(ast.Attribute, stmt.targets[0])
            known = [s.key for s in SETTINGS if s.on_json_provider]
            if f"json.{target.attr}" not in known:
                names = ", ".join(f"app.{key}" for key in known)
                self.fail(f"not a setting the model covers (known: {names})", target)
            if not (isinstance(stmt.value, ast.Constant) and type(stmt.value.value) in _SET_TYPES):
                self.fail("an app.json setting is set to True, False, None or a str", stmt.value)
            value = stmt.value.value
            settings.append((f"json.{target.attr}", cast(SettingValue, value)))
        if not body:
            self.fail("the app.json settings come before the view's return", stmt)
        rest = self.module(ast.Module(body=body, type_ignores=[]))
        if not isinstance(rest, Body | ReturnTuple | Mutated):
            self.fail("app.json settings come before a return, not a handler or generator", body[0])
        try:
            return Configured(tuple(settings), rest)
        except ValueError as error:
            self.fail(str(error), stmt)

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
        if not isinstance(
            base, Jsonify | ResponseCall | MakeResponse | Redirect | SendFile | SendFromDirectory
        ):
            self.fail(
                "only jsonify, Response, make_response, redirect or the file helpers can be "
                "changed afterwards",
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
        if isinstance(stmt, ast.Expr):
            # Quart awaits make_conditional and add_etag; the typed attributes are never awaited.
            call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "add_etag"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == name
            ):
                return self.add_etag(stmt.value, name)
            if (
                isinstance(stmt.value, ast.Await)
                or isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "make_conditional"
            ):
                return self.make_conditional(stmt.value, name)
        typed = self.attribute_change(stmt, name)
        if typed is not None:
            return typed
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            self.fail(f"expected `{name}.<attribute> = <value>`", stmt)
        target = stmt.targets[0]
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == name
        ):
            if target.attr not in _ATTRIBUTES:
                self.fail(f"only {', '.join(_SETTABLE)} can be set", target)
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
            signature = node.args
            takes = signature.posonlyargs or signature.args or signature.vararg
            takes = takes or signature.kwonlyargs or signature.kwarg
            if not takes and isinstance(node.body, ast.Constant) and node.body.value is None:
                return BareCallable("lambda: None")
            return self.wsgi_app(node)
        if isinstance(node, ast.Name) and node.id == "int":
            return BareCallable("int")
        if self.is_request_read(node):
            return self.request_body(node)
        if self.is_request_data(node):
            return self.request_data(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Await):
            return self.awaited(node)
        if isinstance(node, ast.Name):
            self.fail(f"`{node.id}` is a variable; write its value as a literal", node)
        self.fail("not a literal or a call to a known helper", node)

    def call(self, node: ast.Call) -> Body:
        name = self.callee(node)
        if name == "jsonify":
            given = self.positional(node)
            if len(given) == 1 and not node.keywords and self.is_request_read(given[0]):
                return self.request_body(given[0], jsonified=True)
            request_data = self.jsonified_request(node)
            if request_data is not None:
                return request_data
            args = tuple(self.json(arg) for arg in self.positional(node))
            kwargs = tuple((key, self.json(value)) for key, value in self.keywords(node))
            return Jsonify(args, kwargs)
        if name in PROVIDER_RESPONSE_CALLS:
            args = tuple(self.json(arg) for arg in self.positional(node))
            kwargs = tuple((key, self.json(value)) for key, value in self.keywords(node))
            return Jsonify(args, kwargs, provider=True)
        if name == "json.dumps":
            (payload,) = self.exact_args(node, 1)
            value = self.json(payload)
            return self.built(payload, lambda: JsonDumps(value))
        if name in TEMPLATE_HELPERS:
            return self.template_call(node)
        if name == "bytearray":
            (data,) = self.exact_args(node, 1)
            return ByteArray(cast(bytes, self.constant(data, (bytes,))))
        if name == "iter":
            (listed,) = self.exact_args(node, 1)
            return Chunks(ChunksKind.ITERATOR, self.chunk_list(listed))
        if name == "Response":
            return self.response_call(node)
        if name == "werkzeug.wrappers.Response":
            return self.werkzeug_response(node)
        if name == "stream_with_context":
            return self.with_context(node)
        if name == "make_response":
            items = self.positional(node)
            if not self.keywords(node) and len(items) == 1 and isinstance(items[0], ast.Tuple):
                return MakeResponse((self.return_value(items[0]),))  # type: ignore[arg-type]
            self.no_keywords(node)
            return MakeResponse(tuple(self.tuple_item(arg, i) for i, arg in enumerate(items)))
        if name == "redirect":
            return self.redirect(node)
        if name in FILE_HELPERS:
            return self.file_helper(node)
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

    def awaited(self, node: ast.Await) -> Body:
        """`await helper(...)`, as a Quart view writes the helpers that are coroutines there."""
        name = self.callee(node.value)
        if not isinstance(node.value, ast.Call) or name not in AWAITED_IN_QUART:
            awaited = ", ".join(sorted(AWAITED_IN_QUART))
            self.fail(f"only a call to {awaited} is awaited in a view's return", node)
        return self.call(node.value)

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

    def werkzeug_response(self, node: ast.Call) -> WerkzeugResponse:
        args = self.positional(node)
        options: dict[str, ast.expr] = dict(self.keywords(node))
        if len(args) > 1 or set(options) - {"status", "headers"}:
            self.fail(
                "werkzeug.wrappers.Response() takes its body, then status= and headers=", node
            )
        body = NoneBody() if not args else self.response_content(args[0])
        if not isinstance(body, Text | Bytes | ChunkList | NoneBody):
            self.fail("werkzeug.wrappers.Response() takes a str, bytes or list here", args[0])
        status = options.get("status")
        headers = options.get("headers")
        return WerkzeugResponse(
            body,
            None if status is None else self.status(status),
            None if headers is None else self.headers(headers),
        )

    def response_content(self, node: ast.expr) -> ResponseContent:
        if isinstance(node, ast.List):
            return ChunkList(self.chunk_list(node))
        if self.callee(node) in ("io.BytesIO", "open"):
            return self.file_object(cast(ast.Call, node))
        body = self.body(node)
        if not isinstance(
            body,
            Text
            | Bytes
            | ByteArray
            | JsonDumps
            | Chunks
            | WithContext
            | NoneBody
            | RenderTemplate
            | RenderTemplateString,
        ):
            self.fail(
                "Response() takes a str, bytes, a stream, a file, a template or json.dumps(...) "
                "here",
                node,
            )
        return body

    def with_context(self, node: ast.Call) -> WithContext:
        (argument,) = self.exact_args(node, 1)
        stream = self.body(argument)
        if isinstance(stream, Text):
            return WithContext(stream.value)
        if not isinstance(stream, Chunks):
            self.fail(
                "stream_with_context() takes a generator, an iterator or a str here", argument
            )
        return WithContext(stream)

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
                "expected abort(code), abort(code, description), abort(Response(...)) or "
                "abort(redirect(...))",
                node,
            )
        if self.callee(args[0]) in ("Response", "redirect"):
            if len(args) != 1:
                self.fail(f"abort({self.callee(args[0])}(...)) takes nothing else", node)
            if self.callee(args[0]) == "redirect":
                return AbortWith(self.redirect(cast(ast.Call, args[0])))
            return AbortWith(self.response_call(cast(ast.Call, args[0])))
        code = self.abort_code(args[0])
        description = cast(str, self.constant(args[1], (str,))) if len(args) == 2 else None
        return Abort(code, description)

    def abort_code(self, node: ast.expr) -> int | StatusMember:
        if isinstance(node, ast.Attribute):
            status = self.status(node)
            if isinstance(status, StatusMember):
                return status
        return self.integer(node)

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
