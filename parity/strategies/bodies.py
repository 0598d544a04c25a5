"""Bodies and return values: typed JSON, calls, files, attributes, streams and templates.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Literal
from typing import cast

from hypothesis import strategies as st

from parity.strategies.leaves import any_codes
from parity.strategies.leaves import byte_strings
from parity.strategies.leaves import common_codes
from parity.strategies.leaves import header_names
from parity.strategies.leaves import headers_values
from parity.strategies.leaves import json_keys
from parity.strategies.leaves import json_scalars
from parity.strategies.leaves import json_values
from parity.strategies.leaves import statuses
from parity.strategies.leaves import texts
from shared import model as m
from shared.settings import SETTINGS

# -- what the JSON providers serialise beyond plain JSON ------------------------------------

datetimes = st.builds(
    lambda moment, size: m.DateTimeValue(
        (
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
            moment.microsecond,
        )[:size]
    ),
    st.datetimes(),
    st.integers(3, len(m.DATETIME_FIELDS)),
)
dates = st.dates().map(lambda day: m.DateValue(day.year, day.month, day.day))
uuids = st.builds(
    lambda value, form: m.UuidValue(form(value)),
    st.uuids(),
    st.sampled_from([str, lambda u: u.hex, lambda u: f"{{{u}}}", lambda u: str(u).upper()]),
)
decimals = st.one_of(
    st.sampled_from(["1.10", "0", "-2.5"]),
    st.decimals(places=3, allow_nan=False, allow_infinity=False).map(str),
    st.decimals().map(str),
).map(m.DecimalValue)
markups = st.one_of(st.sampled_from(["<p>Hello World!", "a & b", ""]), texts).map(m.MarkupValue)
typed_leaves: st.SearchStrategy[m.JsonValue] = st.one_of(datetimes, dates, uuids, decimals, markups)
sortable_keys: tuple[st.SearchStrategy[m.JsonKey], ...] = (
    json_keys,
    st.one_of(st.integers(-5, 10**6), st.booleans(), st.floats(allow_nan=False)),
    st.none(),
)
"""Key families that `sort_keys=True` can order among themselves (each alone in a dict)."""


def _provider_containers(
    children: st.SearchStrategy[m.JsonValue],
) -> st.SearchStrategy[m.JsonValue]:
    arrays = st.lists(children, max_size=3).map(lambda items: m.JsonArray(tuple(items)))
    objects = st.one_of(
        *(
            st.dictionaries(keys, children, max_size=3).map(
                lambda d: m.JsonObject(tuple(d.items()))
            )
            for keys in sortable_keys
        )
    )
    points = st.builds(m.PointValue, children, children)
    return st.one_of(objects, arrays, points)


provider_values: st.SearchStrategy[m.JsonValue] = st.recursive(
    st.one_of(json_scalars, typed_leaves), _provider_containers, max_leaves=6
)
"""What `jsonify` or a returned dict or list may hold: JSON, typed values, dataclasses, and
non-string keys of one sortable kind per dict (so that the default `sort_keys` never fails)."""
json_objects = st.one_of(
    *(
        st.dictionaries(keys, provider_values, max_size=3).map(
            lambda d: m.JsonObject(tuple(d.items()))
        )
        for keys in sortable_keys
    )
)
json_arrays = st.lists(provider_values, max_size=3).map(lambda items: m.JsonArray(tuple(items)))

# -- bodies ---------------------------------------------------------------------------------

chunk_lists = st.lists(st.one_of(texts, byte_strings), max_size=3).map(tuple)
chunks = st.builds(m.Chunks, st.sampled_from(list(m.ChunksKind)), chunk_lists)
with_contexts = st.builds(m.WithContext, chunks | texts)
jsonify_calls = st.one_of(
    st.builds(
        lambda kw: m.Jsonify(kwargs=tuple(kw.items())),
        st.dictionaries(
            st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True), provider_values, max_size=3
        ),
    ),
    provider_values.map(lambda value: m.Jsonify((value,))),
    st.lists(provider_values, min_size=2, max_size=3).map(lambda values: m.Jsonify(tuple(values))),
    st.just(m.Jsonify()),
    provider_values.map(lambda value: m.Jsonify((value,), provider=True)),
)
shipped_names = st.sampled_from(m.SHIPPED_FILES)
file_objects: st.SearchStrategy[m.FileObject] = st.one_of(
    byte_strings.map(m.BytesBuffer), shipped_names.map(m.OpenFile)
)
mimetypes = st.sampled_from(["text/plain", "application/json", "text/html", "image/png"])
response_contents: st.SearchStrategy[m.ResponseContent] = st.one_of(
    texts.map(m.Text),
    byte_strings.map(m.Bytes),
    st.just(m.NoneBody()),
    json_values.map(m.JsonDumps),
    chunks,
    byte_strings.map(m.ByteArray),
    chunk_lists.map(m.ChunkList),
    with_contexts,
    file_objects,
)
response_calls = st.builds(
    m.ResponseCall,
    body=response_contents,
    status=st.none() | statuses,
    headers=st.none() | headers_values(),
    mimetype=st.none() | mimetypes,
    content_type=st.none() | st.sampled_from(["text/plain; charset=utf-8", "application/json"]),
)
werkzeug_responses = st.builds(
    m.WerkzeugResponse,
    st.one_of(
        texts.map(m.Text),
        byte_strings.map(m.Bytes),
        chunk_lists.map(m.ChunkList),
        st.just(m.NoneBody()),
    ),
    st.none() | statuses,
    st.none() | headers_values(),
)
"""`werkzeug.wrappers.Response(...)`, Werkzeug's own class."""
redirects = st.builds(
    m.Redirect,
    st.sampled_from(["/", "/next", "https://example.com/", "caf\u00e9"]) | texts,
    st.none() | st.sampled_from([301, 302, 303, 307, 308]) | any_codes,
)
aborts = st.one_of(
    st.builds(m.Abort, st.sampled_from([400, 401, 403, 404, 418, 500]), st.none() | texts),
    st.builds(m.Abort, any_codes, st.none() | texts),
    st.builds(m.AbortWith, response_calls),
    st.builds(m.AbortWith, redirects),
    st.builds(
        m.Abort,
        st.sampled_from(list(HTTPStatus)).map(lambda s: m.StatusMember(s.name)),
        st.none() | texts,
    ),
)
http_errors = st.builds(m.HttpError, st.sampled_from(m.HTTP_EXCEPTION_NAMES), st.none() | texts)
wsgi_apps = st.builds(
    m.WsgiApp,
    st.sampled_from(["200 OK", "201 Created", "404 Not Found"]),
    st.lists(
        st.tuples(st.sampled_from(["Content-Type", "X-A"]), st.sampled_from(["text/plain", "a"])),
        max_size=2,
    ).map(tuple),
    st.lists(byte_strings, max_size=2).map(tuple),
)

# -- files ----------------------------------------------------------------------------------

file_sources: st.SearchStrategy[m.FileSource] = st.one_of(
    shipped_names.map(m.FilePath), file_objects
)
download_names = st.sampled_from(["report.txt", "data.json", "a b.png", "caf\u00e9.txt"])
SEND_FILE_VALUES: dict[str, st.SearchStrategy[m.SendFileOption]] = {
    "mimetype": mimetypes,
    "as_attachment": st.booleans(),
    "conditional": st.booleans(),
    "last_modified": st.sampled_from([0, 1_700_000_000]),
    "download_name": download_names,
    "etag": st.booleans() | st.sampled_from(["v1", "abc"]),
    "max_age": st.sampled_from([0, 60]),
    "attachment_filename": download_names,
    "add_etags": st.booleans(),
    "cache_timeout": st.sampled_from([0, 60]),
}
"""A value for each option either framework's `send_file` takes."""
SHARED_OPTIONS = ("mimetype", "as_attachment", "conditional", "last_modified")


def send_file_options(
    names: tuple[str, ...] = tuple(SEND_FILE_VALUES),
) -> st.SearchStrategy[tuple[tuple[str, m.SendFileOption], ...]]:
    """A few of the named options, each with a value of its kind."""
    return st.lists(st.sampled_from(names), max_size=3, unique=True).flatmap(
        lambda chosen: st.tuples(*(st.tuples(st.just(n), SEND_FILE_VALUES[n]) for n in chosen))
    )


def send_files(
    sources: st.SearchStrategy[m.FileSource] = file_sources,
    names: tuple[str, ...] = tuple(SEND_FILE_VALUES),
) -> st.SearchStrategy[m.FileResponse]:
    """`send_file(...)` and `send_from_directory(...)` over the shipped files."""
    return st.one_of(
        st.builds(m.SendFile, sources, send_file_options(names)),
        st.builds(
            m.SendFromDirectory,
            shipped_names | st.sampled_from(["missing.txt"]),
            send_file_options(names),
        ),
    )


file_responses = send_files()

json_items = st.builds(
    m.JsonItem,
    st.sampled_from(m.JSON_READS),
    st.lists(st.sampled_from(["a", "name", 0, 1]), max_size=2).map(tuple),
)
"""The parsed request JSON, or an item in it, with keys the request payloads may hold."""

request_texts = st.builds(
    m.RequestText,
    st.one_of(
        json_items.map(lambda item: (item,)),
        st.tuples(st.sampled_from(["Hello, ", "{x} ", "é"]), json_items, st.just("!")),
    ),
    st.none() | st.just("foo"),
)
"""`str(...)` of the request JSON, or an f-string over items in it, in `jsonify(foo=...)`."""

request_bodies = st.one_of(
    st.sampled_from(m.REQUEST_BODY_READS).map(m.RequestBody),
    st.sampled_from(m.JSON_READS).map(lambda read: m.RequestBody(read, jsonified=True)),
    st.sampled_from(m.REQUEST_FIELDS).map(m.RequestFields),
    st.sampled_from(["file", "b"]).map(m.UploadedFile),
    request_texts,
)
"""The request's body returned as the view reads it (`shared.model.echo`)."""

simple_bodies: st.SearchStrategy[m.Body] = st.one_of(
    texts.map(m.Text),
    jsonify_calls,
    json_objects.map(m.JsonBody),
    byte_strings.map(m.Bytes),
    json_values.map(m.JsonDumps),
    json_arrays.map(m.JsonBody),
    response_calls,
    redirects,
    chunks,
    aborts,
    http_errors,
    byte_strings.map(m.ByteArray),
    st.just(m.NoneBody()),
    st.one_of(
        st.integers(-5, 1000), st.booleans(), st.floats(allow_nan=False, allow_infinity=False)
    ).map(m.Scalar),
    wsgi_apps,
    with_contexts,
    file_responses,
    request_bodies,
    werkzeug_responses,
    st.sampled_from([m.BareCallable("lambda: None"), m.BareCallable("int")]),
)


def _tuple_items(body: st.SearchStrategy[m.Body]) -> st.SearchStrategy[tuple[m.TupleItem, ...]]:
    """The right sizes and orders first, then the mistakes."""
    return st.one_of(
        st.tuples(body, statuses),
        st.tuples(body, headers_values()),
        st.tuples(body, statuses, headers_values()),
        st.tuples(body),
        st.tuples(body, headers_values(), statuses),
        st.tuples(body, statuses, headers_values(), statuses),
    )


make_responses = st.one_of(
    st.tuples(simple_bodies).map(m.MakeResponse),
    _tuple_items(simple_bodies).map(m.MakeResponse),
    _tuple_items(simple_bodies).map(lambda items: m.MakeResponse((m.ReturnTuple(items),))),
    st.just(m.MakeResponse()),
)
bodies: st.SearchStrategy[m.Body] = st.one_of(simple_bodies, make_responses)
tuples = _tuple_items(bodies).map(m.ReturnTuple)

# -- response attributes set after creation -------------------------------------------------

attribute_datetimes = st.builds(
    m.DateTime,
    st.one_of(st.sampled_from([2026, 1970]), st.integers(1, 9999)),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(0, 59),
    st.sampled_from([True, False]),
)
moments: st.SearchStrategy[m.Moment] = st.one_of(
    attribute_datetimes, st.sampled_from([0, 1_800_000_000]), st.integers(-(2**40), 2**40)
)
seconds = st.one_of(st.sampled_from([0, 60, 3600]), st.integers(-5, 10**9))
cookie_texts = st.one_of(
    st.sampled_from(["a", "session", "x y", "caf\u00e9", 'a"b', "a;b", ""]), st.text(max_size=6)
)
cookie_values: dict[str, st.SearchStrategy[m.CookieOption]] = {
    "max_age": st.none() | seconds,
    "expires": st.none() | moments,
    "path": st.none() | st.sampled_from(["/", "/app", "/caf\u00e9"]) | st.text(max_size=6),
    "domain": st.none() | st.sampled_from(["example.com", ".example.com", "localhost"]),
    "secure": st.booleans(),
    "httponly": st.booleans(),
    "samesite": st.none() | st.sampled_from(["Lax", "Strict", "None", "lax", "bogus"]),
}


def cookie_options(
    names: tuple[str, ...],
) -> st.SearchStrategy[tuple[tuple[str, m.CookieOption], ...]]:
    """Some of the options, in any order, each once."""
    return st.lists(st.sampled_from(names), unique=True, max_size=4).flatmap(
        lambda keys: st.tuples(*(st.tuples(st.just(k), cookie_values[k]) for k in keys))
    )


set_header_sets = st.one_of(
    st.builds(m.SetHeaderSet, st.just("vary"), st.sampled_from(["Accept", "Accept, Origin", "*"])),
    st.builds(
        m.SetHeaderSet,
        st.sampled_from(m.HEADER_SET_ATTRIBUTES),
        st.lists(st.sampled_from(["en", "de", "Accept", "Origin"]), max_size=3).map(tuple),
    ),
    st.builds(m.SetHeaderSet, st.sampled_from(m.HEADER_SET_ATTRIBUTES), texts),
)
attribute_changes: st.SearchStrategy[m.AttributeChange] = st.one_of(
    st.builds(m.SetCacheControl, st.sampled_from(m.CACHE_SECONDS), seconds | st.none()),
    st.builds(m.SetCacheControl, st.sampled_from(m.CACHE_FLAGS), st.booleans()),
    st.builds(m.SetDate, st.sampled_from(m.DATE_ATTRIBUTES), moments | st.none()),
    st.builds(m.SetCookie, cookie_texts, cookie_texts, cookie_options(m.COOKIE_OPTIONS)),
    st.builds(m.DeleteCookie, cookie_texts, cookie_options(m.DELETE_COOKIE_OPTIONS)),
    st.builds(
        m.AddToHeaderSet,
        st.sampled_from(m.HEADER_SET_ATTRIBUTES),
        st.sampled_from(["Accept", "Origin", "en"]) | texts,
    ),
    set_header_sets,
)
RANGES = (
    "bytes=0-3",
    "bytes=2-",
    "bytes=-4",
    "bytes=0-0",
    "bytes=100-200",
    "bytes=0-1,3-4",
    "bytes=5-2",
    "bytes=abc",
    "items=0-1",
    "bytes=",
)
"""Satisfiable ranges first, then unsatisfiable, multi-part, reversed and malformed ones."""
HTTP_DATES = ("Fri, 01 Jan 2100 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT", "yesterday")
ETAGS = ('"v1"', "*", '"other"', 'W/"v1"')
conditional_headers: st.SearchStrategy[tuple[str, str]] = st.one_of(
    st.tuples(st.just("Range"), st.sampled_from(RANGES)),
    st.tuples(st.just("If-None-Match"), st.sampled_from(ETAGS)),
    st.tuples(st.just("If-Modified-Since"), st.sampled_from(HTTP_DATES)),
    st.tuples(st.just("If-Range"), st.sampled_from(ETAGS[:1] + HTTP_DATES[:2])),
    st.tuples(st.just("If-Match"), st.sampled_from(ETAGS)),
)
"""The headers `make_conditional` and `conditional=True` answer."""

changes: st.SearchStrategy[m.Change] = st.one_of(
    st.builds(m.SetAttribute, st.just("status_code"), common_codes | any_codes),
    st.builds(
        m.SetAttribute,
        st.just("status"),
        any_codes.map(str) | st.builds(lambda c, r: f"{c} {r}", any_codes, texts),
    ),
    st.builds(m.SetAttribute, st.sampled_from(["mimetype", "content_type"]), mimetypes),
    st.builds(m.SetHeader, header_names, st.text(max_size=10)),
    attribute_changes,
    st.builds(
        m.MakeConditional,
        st.none() | st.booleans() | st.just("bytes"),
        st.none() | st.sampled_from([0, 3, 26, 1000]),
    ),
    st.builds(
        m.SetHeader,
        st.sampled_from(["ETag", "Last-Modified"]),
        st.sampled_from(ETAGS[:1] + HTTP_DATES[:2]),
    ),
    st.builds(m.AddEtag, st.booleans(), st.booleans()),
)
makers: st.SearchStrategy[m.Maker] = st.one_of(
    jsonify_calls, response_calls, make_responses, redirects, file_responses
)


def _without_conditional_on_files(value: m.Mutated) -> m.Mutated:
    """A file helper already answers the request itself; calling make_conditional again on
    its response, or add_etag without overwrite, is outside what the registry models, so such
    a change is left out (a map, not a filter: a rejected draw makes Hypothesis describe the
    whole strategy)."""
    if not isinstance(value.base, m.SendFile | m.SendFromDirectory):
        return value
    # Whether the helper set an ETag already depends on options each framework reads its own
    # way; only add_etag(overwrite=True) is modelled over a file (add-etag-file-passthrough).
    kept = tuple(
        c
        for c in value.changes
        if not isinstance(c, m.MakeConditional)
        and not (isinstance(c, m.AddEtag) and not c.overwrite)
    )
    return m.Mutated(value.base, kept or (m.SetHeader("X-A", "a"),))


mutated = st.builds(m.Mutated, makers, st.lists(changes, min_size=1, max_size=3).map(tuple)).map(
    _without_conditional_on_files
)

stream_parts: st.SearchStrategy[m.StreamPart] = st.one_of(
    texts,
    st.sampled_from([m.RequestRead("method"), m.RequestRead("path")]),
    st.sampled_from(["X-Name", "Accept", "X-Missing"]).map(lambda n: m.RequestRead("header", n)),
    byte_strings,
)
request_streams = st.builds(
    m.RequestStream,
    st.lists(stream_parts, min_size=1, max_size=3).map(tuple),
    st.sampled_from([True, False]),
    st.booleans(),
)


# -- templates ------------------------------------------------------------------------------

template_texts = st.one_of(
    st.sampled_from(["<b>bold</b>", "a & b", "\"q\" 'q'", "caf\u00e9"]), texts
)
"""Context text, markup-like first: Jinja escapes `<`, `&` and quotes in an autoescaped
template."""
template_values: st.SearchStrategy[m.JsonValue] = st.one_of(template_texts, provider_values)
template_pieces = st.one_of(
    st.sampled_from(
        [
            "{{ x }}",
            "<p>",
            "{{ x|e }}",
            "{{ x|safe }}",
            "{{ x|tojson }}",
            "{{ y }}",
            "{% if x %}yes{% else %}no{% endif %}",
            "{% for i in x %}[{{ i }}]{% endfor %}",
            "{{ x|upper }}",
            "{{ x|length }}",
            "{{ x|join }}",
            "{# note #}",
            "{%- if y -%} y {%- endif -%}",
        ]
    ),
    st.text(st.characters(blacklist_characters="{"), max_size=6),
)
template_sources = st.lists(template_pieces, min_size=1, max_size=4).map("".join)
template_contexts = st.dictionaries(
    st.sampled_from(["x", "y", "name", "items", "text"]), template_values, max_size=2
).map(lambda d: tuple(d.items()))


def _bound_when_streamed(render: m.RenderTemplateString | m.RenderTemplate) -> m.Body:
    """A template stream with every name it reads bound to a str, so that it cannot fail
    while the server iterates it: a render that fails mid-stream is a failing stream on the
    wire, which the wire registry's failing-stream entries do not cover yet (a map, not a
    filter, for the reason _without_conditional_on_files gives)."""
    if not render.streamed:
        return render
    text = (
        render.source
        if isinstance(render, m.RenderTemplateString)
        else m.SHIPPED_TEMPLATES[render.name]
    )
    pieces = m.template_pieces(text)
    loops = {piece.item for piece in pieces if piece.item}
    names = sorted({piece.name for piece in pieces if piece.name} - loops)
    context: tuple[tuple[str, m.JsonValue], ...] = tuple((name, "ab") for name in names)
    if isinstance(render, m.RenderTemplateString):
        return m.RenderTemplateString(render.source, context, streamed=True)
    return m.RenderTemplate(render.name, context, streamed=True, listed=render.listed)


template_renders: st.SearchStrategy[m.Body] = st.one_of(
    st.builds(m.RenderTemplateString, template_sources, template_contexts, st.booleans()),
    st.builds(
        m.RenderTemplate, st.sampled_from(m.TEMPLATE_NAMES), template_contexts, st.booleans()
    ),
    st.builds(
        lambda missing, name, after, context, streamed: m.RenderTemplate(
            name, context, streamed, (*missing, name, *after)
        ),
        st.lists(st.sampled_from(["no_template.xml", "missing.html"]), max_size=2),
        st.sampled_from(m.TEMPLATE_NAMES),
        st.lists(st.sampled_from([*m.TEMPLATE_NAMES, "missing.html"]), max_size=1),
        template_contexts,
        st.booleans(),
    ),
).map(_bound_when_streamed)


template_responses: st.SearchStrategy[m.Body] = st.builds(
    lambda render, status: m.ResponseCall(cast(m.ResponseContent, render), status=status),
    template_renders,
    st.none() | st.sampled_from([201, 404]).map(m.Status),
)
"""A render or a template stream as the body of `Response(...)`."""


def _key_kind(key: m.JsonKey) -> type:
    return int if isinstance(key, int | float) else type(key)


unsortable_jsonify: st.SearchStrategy[m.Body] = (
    st.dictionaries(st.one_of(*sortable_keys), provider_values, min_size=2, max_size=4)
    .filter(lambda d: len({_key_kind(key) for key in d}) > 1)
    .map(lambda d: m.Jsonify((m.JsonObject(tuple(d.items())),)))
)
"""`jsonify` of a dict mixing key kinds that cannot be ordered (`'a'` and `1`, `None` and
`True`): under the default `sort_keys=True` both frameworks' JSON provider raises."""


def _simply_returned(body: st.SearchStrategy[m.Body]) -> st.SearchStrategy[m.ReturnValue]:
    """A body alone, with a plain status, or in `make_response(...)`."""
    return st.one_of(
        body,
        st.tuples(body, st.sampled_from([200, 201, 404]).map(m.Status)).map(m.ReturnTuple),
        body.map(lambda b: m.MakeResponse((b,))),
    )


_handled_codes = st.sampled_from(sorted(set(m.HANDLED_CODES.values())))


def _error_handled(
    code: int,
    by_name: bool,
    handler: m.Handled,
    view_code: int | None,
    description: str | None,
    on_blueprint: bool = False,
) -> m.ErrorHandled:
    """A handler for `code` (by number or by its class), over a view's abort of the same code
    or another."""
    # A handler that aborts again is a different story (the framework's 500 path); a map, not
    # a filter, for the reason _without_conditional_on_files gives.
    first = handler.items[0] if isinstance(handler, m.ReturnTuple) else handler
    if isinstance(first, m.Abort | m.AbortWith):
        handler = m.Text("handled")
    names = [name for name, known in m.HANDLED_CODES.items() if known == code]
    handles: int | str = names[0] if by_name else code
    if code == 500 and not isinstance(handler, m.Text | m.Jsonify | m.JsonBody | m.Bytes):
        # A handler for 500 that fails has no handler left: its exception escapes both
        # frameworks, named by whichever step failed, so the property keeps it out.
        handler = m.Text("handled")
    registrar: Literal["app", "bp"] = "bp" if on_blueprint else "app"
    return m.ErrorHandled(handles, handler, m.Abort(view_code or code, description), registrar)


error_handlers = st.builds(
    _error_handled,
    _handled_codes,
    st.booleans(),
    st.one_of(bodies, tuples),
    st.none() | _handled_codes,
    st.none() | texts,
    st.booleans(),
)
"""An app-level error handler and the view's abort it answers, or not."""

json_settings = st.lists(
    st.sampled_from([s for s in SETTINGS if s.on_json_provider]).flatmap(
        lambda setting: st.tuples(st.just(setting.key), st.sampled_from(setting.values))
    ),
    min_size=1,
    max_size=2,
    unique_by=lambda pair: pair[0],
).map(tuple)
configured = st.builds(m.Configured, json_settings, bodies | tuples)
"""`app.json.x = ...` lines before the view's return, which a probe applies as its settings."""


def _views() -> st.SearchStrategy[m.ReturnValue]:
    """The view bodies `views.py` draws (a hook, a generator function with its argument and
    session), imported when first drawn: they build on the bodies above."""
    # Imported here, not at the top: views.py imports this module for its bodies.
    from parity.strategies.views import view_bodies

    return view_bodies


return_values: st.SearchStrategy[m.ReturnValue] = st.one_of(
    bodies,
    tuples,
    mutated,
    _simply_returned(template_renders | unsortable_jsonify | template_responses),
    request_streams,
    error_handlers,
    configured,
    st.deferred(_views),
)
"""Every kind of value a view can return."""
