"""Turn a model value into the object an async Quart view returns, using Quart's helpers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from collections.abc import Iterator
from typing import Any

from quart import Response
from quart import abort
from quart import after_this_request
from quart import current_app
from quart import g
from quart import jsonify
from quart import make_response
from quart import redirect
from quart import render_template
from quart import render_template_string
from quart import request
from quart import session
from quart import stream_template
from quart import stream_template_string
from quart import stream_with_context
from werkzeug import exceptions
from werkzeug import wrappers
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from quart_app.files import build_file
from quart_app.files import file_object
from quart_app.files import make_conditional
from shared import model as m
from shared.building.errors import ErrorClasses
from shared.building.errors import error_text
from shared.building.errors import handler_answers
from shared.building.errors import named_classes
from shared.building.errors import raised_error
from shared.building.plain_values import PLAIN_BODIES
from shared.building.plain_values import plain_value
from shared.building.plain_values import python_value
from shared.building.plain_values import sync_stream
from shared.building.plain_values import template_context
from shared.building.response_changes import apply_change
from shared.building.response_changes import response_hook
from shared.building.response_changes import stream_part


async def build(value: m.ReturnValue) -> Any:
    """What a Quart view would return for `value` (raises where the source raises)."""
    if isinstance(value, m.ReturnTuple):
        return tuple([await build_item(item) for item in value.items])
    if isinstance(value, m.Mutated):
        resp = await build(value.base)
        for change in value.changes:
            if isinstance(change, m.MakeConditional):
                await make_conditional(resp, change)
            elif isinstance(change, m.AddEtag):
                await resp.add_etag(overwrite=change.overwrite, weak=change.weak)
            else:
                apply_change(resp, change)
        return resp
    if isinstance(value, m.RequestStream):
        return request_stream(value)
    if isinstance(value, m.Configured):
        # A probe takes the settings lines as its own and returns the value (shared.probe).
        raise TypeError("app.json settings are applied by the probe, not by the view")
    if isinstance(value, m.AfterThisRequest):
        after_this_request(response_hook(value.changes, value.asynchronous))
        return await build(value.view)
    if isinstance(value, m.ErrorHandled):
        # The app-level handler `handle_error` reads it while the abort is handled.
        g.parity_error_handled = value
        classes = named_classes(value, lambda name: getattr(exceptions, name))
        g.parity_error_classes = classes
        if isinstance(value.view, m.Raise):
            raise raised_error(classes, value.view)
        return await build(value.view)
    return await build_body(value)


def request_stream(value: m.RequestStream) -> Any:
    """`return generate()`, for a generator function over request state as the source wrote
    it: `async def` (Quart's spelling) or `def` (Flask's), decorated or not."""
    parts = list(value.parts)
    for key, text in value.session:
        session[key] = text

    async def generate(*given: str | bytes) -> AsyncIterator[str | bytes]:
        for part in parts:
            yield given[0] if isinstance(part, m.Argument) else stream_part(request, session, part)

    def generate_sync(*given: str | bytes) -> Iterator[str | bytes]:
        for part in parts:
            yield given[0] if isinstance(part, m.Argument) else stream_part(request, session, part)

    function: Any = generate if value.asynchronous else generate_sync
    made: Any = stream_with_context(function) if value.keeps_context else function
    called = made() if value.argument is None else made(value.argument)
    return Response(called) if value.in_response else called


async def handle_error(error: Exception) -> Any:
    """The app-level error handler: the value of the handler the view's source registers
    (`m.ErrorHandled`) where it answers this error, else what the framework does with no
    handler: an HTTP error as its page, any other raised again (its 500 path)."""
    value = g.get("parity_error_handled")
    classes: ErrorClasses | None = g.get("parity_error_classes")
    if isinstance(value, m.ErrorHandled) and classes and handler_answers(value, classes, error):
        if isinstance(value.handler, m.ErrorText):
            text, jsonified = error_text(value.handler, error)
            return jsonify(text) if jsonified else text
        return await build(value.handler)
    if isinstance(error, HTTPException):
        return error
    raise error


async def build_item(item: m.TupleItem | m.ReturnTuple) -> Any:
    """A tuple item: a body, a status, or headers."""
    if isinstance(item, m.Status | m.StatusMember):
        return item.to_python()
    if isinstance(item, m.HeadersValue):
        return build_headers(item)
    return await build(item)


def build_headers(value: m.HeadersValue) -> Any:
    """The dict, list or tuple as written, or a werkzeug `Headers`."""
    plain = value.to_python()
    return Headers(plain) if value.form is m.HeadersForm.HEADERS else plain


async def build_body(body: m.Body | m.ChunkList) -> Any:
    """A body, streamed body, helper call or exception."""
    if isinstance(body, PLAIN_BODIES):
        return plain_value(body)
    if isinstance(body, m.Jsonify):
        args = [python_value(arg) for arg in body.args]
        respond = current_app.json.response if body.provider else jsonify
        return respond(*args, **{key: python_value(v) for key, v in body.kwargs})
    if isinstance(body, m.RenderTemplateString):
        render = stream_template_string if body.streamed else render_template_string
        return await render(body.source, **template_context(body.context))
    if isinstance(body, m.RenderTemplate):
        named = stream_template if body.streamed else render_template
        return await named(list(body.listed) or body.name, **template_context(body.context))
    if isinstance(body, m.Chunks):
        return await stream(body)
    if isinstance(body, m.WithContext):
        # Quart's stream_with_context only decorates a generator function; called on a
        # generator, as a Flask view does, it hands back a function.
        inner = body.stream if isinstance(body.stream, str) else await stream(body.stream)
        return stream_with_context(inner)  # type: ignore[arg-type]
    if isinstance(body, m.ResponseCall):
        return await build_response(body)
    if isinstance(body, m.MakeResponse):
        return await make_response(*[await build_item(arg) for arg in body.args])
    if isinstance(body, m.Redirect):
        return redirect(body.location) if body.code is None else redirect(body.location, body.code)
    if isinstance(body, m.Abort):
        code = body.code if isinstance(body.code, int) else body.code.to_python()
        if body.description is None:
            abort(code)
        abort(code, body.description)
    if isinstance(body, m.AbortWith):
        response = body.response
        if isinstance(response, m.Redirect):
            abort(await build_body(response))
        abort(await build_response(response))
    if isinstance(body, m.WerkzeugResponse):
        return await werkzeug_response(body)
    if isinstance(body, m.RequestBody):
        return await request_body(body)
    if isinstance(body, m.RequestFields | m.UploadedFile | m.RequestText):
        return await request_data(body)
    if isinstance(body, m.SendFile | m.SendFromDirectory):
        return await build_file(body)
    exception_class = getattr(exceptions, body.name)
    return exception_class() if body.description is None else exception_class(body.description)


async def request_body(body: m.RequestBody) -> Any:
    """The request's body as the view reads it, in `jsonify(...)` where the source puts it."""
    if body.read == "get_json":
        value = await request.get_json()
    elif body.read == "json":
        value = await request.json
    elif body.read == "get_data":
        value = await request.get_data()
    else:
        value = await request.get_data(as_text=True)
    return jsonify(value) if body.jsonified else value


async def request_data(body: m.RequestFields | m.UploadedFile | m.RequestText) -> Any:
    """The query string's or the form's fields in jsonify(**...), an uploaded file's bytes, or
    text made from the request's JSON, as the view reads each (awaiting all but the args)."""
    if isinstance(body, m.RequestFields):
        return jsonify(**(request.args if body.fields == "args" else await request.form))
    if isinstance(body, m.UploadedFile):
        return (await request.files)[body.field].read()
    parts = [part if isinstance(part, str) else str(await json_item(part)) for part in body.parts]
    text = "".join(parts)
    return text if body.keyword is None else jsonify(**{body.keyword: text})


async def json_item(item: m.JsonItem) -> Any:
    """The parsed request JSON, subscripted by each key in turn."""
    value = await request.get_json() if item.read == "get_json" else await request.json
    for key in item.keys:
        value = value[key]
    return value


async def werkzeug_response(call: m.WerkzeugResponse) -> wrappers.Response:
    """`werkzeug.wrappers.Response(...)`, Werkzeug's class, not the framework's."""
    options: dict[str, Any] = {}
    if call.status is not None:
        options["status"] = call.status.to_python()
    if call.headers is not None:
        options["headers"] = build_headers(call.headers)
    return wrappers.Response(await build_body(call.body), **options)


async def build_response(call: m.ResponseCall) -> Response:
    """`Response(...)` with only the arguments the source passes."""
    options: dict[str, Any] = {}
    if call.status is not None:
        options["status"] = call.status.to_python()
    if call.headers is not None:
        options["headers"] = build_headers(call.headers)
    if call.mimetype is not None:
        options["mimetype"] = call.mimetype
    if call.content_type is not None:
        options["content_type"] = call.content_type
    if isinstance(call.body, m.BytesBuffer | m.OpenFile):
        return Response(file_object(call.body), **options)
    return Response(await build_body(call.body), **options)


async def stream(body: m.Chunks) -> Iterator[str | bytes] | AsyncIterator[str | bytes]:
    """A generator, an iterator, or an async generator over the chunks."""
    if body.kind is m.ChunksKind.ASYNC_GENERATOR:
        return (await asyncio.sleep(0, chunk) for chunk in body.chunks)
    return sync_stream(body)
