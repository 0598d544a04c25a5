"""What a return value shows before it runs: the tests entries cover probes with."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import parse_qsl
from urllib.parse import quote
from urllib.parse import unquote_to_bytes
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from shared import model as m
from shared.divergences import file_rules as f
from shared.model import anatomy as a
from shared.probe import Probe

_BODYLESS = frozenset({204, 304})


def _empty_chunks(body: a.Centre | m.ChunkList | m.FileObject | None) -> bool:
    return isinstance(body, m.Chunks) and not any(body.chunks)


def statically_empty(value: m.ReturnValue) -> bool:
    """Whether the response body is certainly empty: `make_response()`, an empty literal or
    stream, or a `Response(...)` with no content, in a return both frameworks accept (a
    rejected one is a 500 page). A bare `None` is such a page too."""
    if not (a.all_well_formed(value) and a.plain_statuses(value)) or a.refused_headers(value):
        return False
    body = a.innermost_body(value)
    if body is None:
        return True
    if isinstance(body, m.ResponseCall):
        return _empty_content(body.body)
    return not isinstance(body, m.NoneBody) and _empty_content(body)


def _empty_content(body: a.Centre | m.ChunkList | m.FileObject) -> bool:
    if isinstance(body, m.NoneBody):
        return True
    if isinstance(body, m.ChunkList):
        return not any(body.chunks)
    if isinstance(body, m.Text | m.Bytes | m.ByteArray):
        return not body.value
    return _empty_chunks(body)


def is_bodyless(code: int | None) -> bool:
    """Whether a status code is one that carries no body: 1xx, 204 or 304."""
    return code is not None and (100 <= code < 200 or code in _BODYLESS)


def final_status(value: m.ReturnValue) -> int | None:
    """The status the response ends with, when the source makes it plain; else None.

    An `abort(...)` at the centre raises before any tuple or later change applies, but for an
    `@after_this_request` hook's, which runs on the error page too."""
    for change in reversed(a.later_changes(value) if isinstance(value, m.AfterThisRequest) else ()):
        if isinstance(change, m.SetAttribute) and change.attribute in ("status", "status_code"):
            return change.value if isinstance(change.value, int) else _lead(change.value)
    centre = a.innermost_body(value)
    if isinstance(centre, m.Abort):
        return centre.number
    if isinstance(centre, m.AbortWith):
        carried = centre.response
        if isinstance(carried, m.Redirect):
            return 302 if carried.code is None else carried.code
        return _response_status(carried)
    if not a.reaches_headers(value):
        return None
    if isinstance(value, m.Mutated):
        for change in reversed(value.changes):
            if isinstance(change, m.SetAttribute) and change.attribute in ("status", "status_code"):
                return change.value if isinstance(change.value, int) else _lead(change.value)
    for layer in a.layers(value):
        given = [s for s in layer.statuses if not (isinstance(s, m.Status) and s.value is None)]
        if given:
            return a.status_code_of(given[-1])
        body = layer.body
        if isinstance(body, m.ResponseCall):
            return _response_status(body)
        if isinstance(body, m.Redirect):
            return 302 if body.code is None else body.code
    return None


def _response_status(call: m.ResponseCall) -> int | None:
    status = call.status
    if status is None:
        return 200
    if isinstance(status, m.Status) and isinstance(status.value, str):
        return _lead(status.value)
    return a.status_code_of(status)


def sequence_response_call(value: m.ReturnValue) -> bool:
    """A `Response(...)` with no content or a list of chunks is what the view ends up
    returning: Werkzeug stores both as a list."""
    centre = a.innermost_body(value)
    call = centre.response if isinstance(centre, m.AbortWith) else centre
    return isinstance(call, m.ResponseCall) and isinstance(call.body, m.NoneBody | m.ChunkList)


def stream_with_context_called(value: m.ReturnValue) -> bool:
    """`stream_with_context(...)` called on a stream, in a return both frameworks get as far
    as converting: returned as it is when the stream is sync (on an async one both refuse
    the function they get back), or given to `Response(...)` whatever the stream."""
    if not a.reaches_body(value):
        return False
    centre = a.innermost_body(value)
    call = centre.response if isinstance(centre, m.AbortWith) else centre
    if isinstance(call, m.ResponseCall):
        return isinstance(call.body, m.WithContext)
    return isinstance(centre, m.WithContext) and not centre.asynchronous


def _lead(status: str) -> int | None:
    """The code Werkzeug's status setter reads from a str status: `int()` of the text before
    the first space, or None where `int()` refuses it (Werkzeug then writes code 0)."""
    return a.int_or_none(status.strip().partition(" ")[0])


def tuple_status_kinds(probe: Probe, test: Callable[[m.Status], bool]) -> bool:
    """Whether a tuple status both frameworks get as far as reading passes `test`."""
    return a.reaches_status(probe.value) and any(
        isinstance(s, m.Status) and test(s) for s in a.tuple_statuses(probe.value)
    )


_PATH_SAFE = "%!$&'()*+,/:;=@"
_QUERY_SAFE = "%!$&'()*+,/:;=?@"
_FRAGMENT_SAFE = "%!#$&'()*+,/:;=?@"
_USERINFO_SAFE = "%!$&'()*+,;="


def iri_changes(text: str) -> bool:
    """Whether Werkzeug's `iri_to_uri` rewrites a Location value."""
    return location_as_uri(text) != text


def location_as_uri(text: str) -> str | None:
    """What `iri_to_uri` makes of a value: each part split out, quoted with that part's safe
    characters and joined again, the host IDNA-encoded; None where that step fails."""
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port
        netloc = f"[{host}]" if ":" in host else host
        if port is not None:
            netloc = f"{netloc}:{port}"
        if parts.username is not None:
            userinfo = quote(parts.username, safe=_USERINFO_SAFE)
            if parts.password is not None:
                userinfo += ":" + quote(parts.password, safe=_USERINFO_SAFE)
            netloc = f"{userinfo}@{netloc}"
        # A lone surrogate cannot be encoded as UTF-8: quote fails as Werkzeug's does.
        path = quote(parts.path, safe=_PATH_SAFE)
        query = quote(parts.query, safe=_QUERY_SAFE)
        fragment = quote(parts.fragment, safe=_FRAGMENT_SAFE)
    except (ValueError, UnicodeError):
        return None
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def repeated_names(headers: m.HeadersValue) -> bool:
    """Whether a headers value, other than a `Headers(...)` one, names a header more than once."""
    if headers.form is m.HeadersForm.HEADERS:
        return False
    spread = headers.form is m.HeadersForm.DICT
    names = [name.lower() for name, value in headers.items if not (spread and value == ())]
    return len(set(names)) != len(names)


def constructor_body(body: a.Centre | None) -> bool:
    """Bodies Flask hands to `Response(body, status, headers)` rather than updating after
    (a rendered template is a str like any other)."""
    str_bodies = m.Text | m.Bytes | m.ByteArray | m.JsonDumps
    return isinstance(body, str_bodies | m.RenderTemplateString | m.RenderTemplate) or (
        isinstance(body, m.Chunks) and body.kind is not m.ChunksKind.ASYNC_GENERATOR
    )


def _data_length(body: a.Centre | m.ChunkList | m.FileObject | None) -> int | None:
    """The byte length Werkzeug's `set_data` gives a body it stores whole, else None."""
    if isinstance(body, m.Text):
        return len(body.value.encode("utf-8"))
    if isinstance(body, m.Bytes | m.ByteArray):
        return len(body.value)
    if isinstance(body, m.JsonDumps):
        return len(json.dumps(m.json_python(body.value)).encode("utf-8"))
    return None


def length_overridden(value: m.ReturnValue) -> bool:
    """Whether a tuple beside a str or bytes body sets a Content-Length other than the body's
    length (Flask recomputes it, Quart keeps the one given)."""
    if not a.reaches_headers(value):
        return False
    for layer in a.applied_layers(value):
        length = _data_length(layer.body)
        if length is None:
            continue
        for headers in layer.headers:
            given = [v for n, v in a.header_texts(headers) if n.lower() == "content-length"]
            if given and given[-1] != str(length):
                return True
    return False


LOCATIONS = ("location", "content-location")


def repeated_location(value: m.ReturnValue) -> bool:
    """Whether one headers value puts Location or Content-Location on the response more than
    once, which Werkzeug cuts to one. That takes a form that keeps every value: any form in
    `Response(headers=...)`, or beside a body `Headers([...])` or a dict list that spreads;
    pairs beside a body are set one by one in Quart, so only the last survives there too."""
    kept = [call.headers for call in a.response_calls(value) if call.headers is not None]
    for layer in a.applied_layers(value) if a.reaches_headers(value) else ():
        kept += [h for h in layer.headers if h.form in (m.HeadersForm.HEADERS, m.HeadersForm.DICT)]
    for headers in kept:
        counts = Counter(name.lower() for name, _ in a.header_texts(headers))
        if any(counts[name] > 1 for name in LOCATIONS):
            return True
    return False


def file_returned(probe: Probe, test: Callable[[m.FileResponse], bool]) -> bool:
    """Whether the value returns a file helper's response whole (every tuple around it
    applies) and the call passes `test`."""
    call = f.file_call(probe.value)
    return (
        call is not None
        and a.reaches_headers(probe.value)
        and not a.refused_headers(probe.value)
        and test(call)
    )


def file_called(probe: Probe, test: Callable[[m.FileResponse], bool]) -> bool:
    """Whether the view calls a file helper that passes `test`. The call runs inside the view,
    before any tuple around it is read, so what it raises wins whatever the tuple's shape."""
    call = f.file_call(probe.value)
    return call is not None and test(call)


def not_modified_asked(p: Probe) -> bool:
    """A GET or HEAD with If-None-Match, If-Modified-Since or If-Match, which a file's
    validators may meet (304) or fail (412)."""
    if p.method not in ("GET", "HEAD"):
        return False
    return any(
        f.header(p.headers, name) not in (None, "")
        for name in ("if-none-match", "if-modified-since", "if-match")
    )


def may_be_304(p: Probe) -> bool:
    """Whether the answer may be a 304 from make_conditional: a conditional file or a
    make_conditional call, asked with If-None-Match or If-Modified-Since."""
    if not not_modified_asked(p):
        return False
    call = f.file_call(p.value)
    if call is not None:
        return f.both_send(call) and (
            f.flask_conditional_file(call) or f.quart_conditional_file(call)
        )
    return bool(f.conditional_changes(p.value))


def _status_codes(changes: tuple[m.Change, ...]) -> list[int | None]:
    """The codes `resp.status_code = ...` and `resp.status = ...` set, in order (None where
    Werkzeug's setter cannot read one)."""
    return [
        c.value if isinstance(c.value, int) else _lead(c.value)
        for c in changes
        if isinstance(c, m.SetAttribute) and c.attribute in ("status", "status_code")
    ]


def status_set_after_304(p: Probe) -> bool:
    """Whether a GET or HEAD with If-None-Match or If-Modified-Since, which a response's
    validators may turn into a 304, gets a status that carries a body set after that step: a
    tuple or `make_response` status around a file Quart answers conditionally, or
    `resp.status_code = ...` after the file helper, after `resp.make_conditional(request)` or
    in an `@after_this_request` hook."""
    asked = any(
        f.header(p.headers, name) not in (None, "")
        for name in ("if-none-match", "if-modified-since")
    )
    # The app's JSON settings lines before the view body change nothing here.
    value = p.value.value if isinstance(p.value, m.Configured) else p.value
    if p.method not in ("GET", "HEAD") or not asked:
        return False
    if not a.reaches_headers(value) or a.refused_headers(value):
        return False
    call = f.file_call(value)
    if call is not None and not f.both_send(call):
        return False
    conditional = call is not None and f.quart_conditional_file(call)
    # Tuple and make_response statuses apply from the inside out, after the helper answered.
    given = [
        s for s in a.tuple_statuses(value) if not (isinstance(s, m.Status) and s.value is None)
    ]
    codes = [a.status_code_of(s) for s in reversed(given)]
    for change in a.later_changes(value):
        if isinstance(change, m.MakeConditional):
            conditional, codes = True, []
        else:
            codes += _status_codes((change,))
    return conditional and bool(codes) and not is_bodyless(codes[-1])


def body_length(value: m.ReturnValue) -> int | None:
    """The byte length of a Response(...) body the source gives as a literal, else None."""
    centre = a.innermost_body(value)
    if isinstance(centre, m.ResponseCall):
        body = centre.body
        if isinstance(body, m.NoneBody):
            return 0
        return None if isinstance(body, m.BytesBuffer | m.OpenFile) else _data_length(body)
    return None


def custom_reason(value: m.ReturnValue) -> bool:
    """Whether a str status puts a phrase other than the default for its code on the line."""
    texts: list[str] = []
    if isinstance(value, m.Mutated | m.AfterThisRequest):
        texts += [
            c.value
            for c in value.changes
            if isinstance(c, m.SetAttribute)
            and c.attribute == "status"
            and isinstance(c.value, str)
        ]
    texts += [
        s.value
        for s in a.tuple_statuses(value)
        if isinstance(s, m.Status) and isinstance(s.value, str)
    ]
    for call in a.response_calls(value):
        if isinstance(call.status, m.Status) and isinstance(call.status.value, str):
            texts.append(call.status.value)
    return any(_custom_phrase(text) for text in texts)


def unsendable_reason(value: m.ReturnValue) -> bool:
    """Whether a str status gives a phrase (after its code, ends stripped as Werkzeug does)
    with a control character other than tab, or text latin-1 cannot encode."""
    for status in a.all_statuses(value):
        text = status.value if isinstance(status, m.Status) else status
        if not isinstance(text, str):
            continue
        code, _, phrase = text.strip().partition(" ")
        if code.isdigit() and any(
            (c < " " and c != "\t") or c == "\x7f" or c > "\xff" for c in phrase
        ):
            return True
    return False


def _custom_phrase(status: str) -> bool:
    """Werkzeug keeps a given phrase as written, and writes 'UPPER DEFAULT' when none is given;
    a status that does not start with a code becomes '0 <status>'."""
    text = status.strip()
    if not text:
        return False
    code_text, _, phrase = text.partition(" ")
    code = a.int_or_none(code_text)
    if code is None:
        return True
    phrase = phrase.strip()
    if not phrase:
        return False
    try:
        default = HTTPStatus(code).phrase.upper()
    except ValueError:
        default = "UNKNOWN"
    return phrase != default


def secret_key_set(probe: Probe) -> bool:
    """Whether the app answering the probe has a secret key, so that sessions are on: the
    lab's apps set one, and a probe's `SECRET_KEY=none` setting takes it away."""
    return dict(probe.config).get("SECRET_KEY", True) is not None


def _is_json_request(probe: Probe) -> bool:
    """Whether the request says its body is JSON, as Werkzeug's `is_json` reads it."""
    given = [value for name, value in probe.headers if name.lower() == "content-type"]
    mimetype = given[-1].split(";")[0].strip().lower() if given else ""
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def json_read_of_non_json(probe: Probe) -> bool:
    """Whether the view reads the request's body as JSON (`request.get_json()`,
    `request.json`, alone or in text made from it) from a request that does not say it is
    JSON."""
    return not _is_json_request(probe) and any(
        isinstance(layer.body, m.RequestBody)
        and layer.body.read in m.JSON_READS
        or isinstance(layer.body, m.RequestText)
        for layer in a.layers(probe.value)
    )


def _etag_added(probe: Probe, overwrite_only: bool) -> m.Maker | None:
    """The made response an `add_etag(...)` change reads, if the view body makes one."""
    value = probe.value
    if not isinstance(value, m.Mutated):
        return None
    added = [c for c in value.changes if isinstance(c, m.AddEtag)]
    if not added or overwrite_only and not any(c.overwrite for c in added):
        return None
    return value.base


def _file_made(base: m.Maker) -> m.FileResponse | None:
    inner = a.innermost_body(base)
    return inner if isinstance(inner, m.SendFile | m.SendFromDirectory) else None


def etag_hashed(probe: Probe) -> bool:
    """Whether the view calls `resp.add_etag()` on a response that is not a file helper's."""
    base = _etag_added(probe, overwrite_only=False)
    return base is not None and _file_made(base) is None


def etag_over_an_error_page(probe: Probe) -> bool:
    """Whether the view calls `resp.add_etag()` on `make_response(<HTTP exception>)`."""
    base = _etag_added(probe, overwrite_only=False)
    return (
        base is not None
        and a.reaches_body(base)
        and isinstance(a.innermost_body(base), m.HttpError)
    )


def etag_over_a_file(probe: Probe) -> bool:
    """Whether the view calls `resp.add_etag(overwrite=True)` on a file helper's response that
    both frameworks make."""
    base = _etag_added(probe, overwrite_only=True)
    made = None if base is None else _file_made(base)
    return made is not None and not f.raises_in_either(made)


def werkzeug_response_returned(probe: Probe) -> bool:
    """Whether the view returns a `werkzeug.wrappers.Response(...)` that both frameworks get
    as far as converting."""
    return a.reaches_body(probe.value) and any(
        isinstance(layer.body, m.WerkzeugResponse) for layer in a.applied_layers(probe.value)
    )


def _mimetype(probe: Probe) -> str:
    """The request's media type, as the last Content-Type header gives it, lower-cased."""
    given = [value for name, value in probe.headers if name.lower() == "content-type"]
    return given[-1].split(";")[0].strip().lower() if given else ""


def _returns_the_form(probe: Probe) -> bool:
    """Whether the view returns `jsonify(**request.form)` and gets as far as reading it."""
    body = a.innermost_body(probe.value)
    return a.reaches_body(probe.value) and body == m.RequestFields("form")


def _form_text(probe: Probe) -> str | None:
    """The request's body as the text both form parsers read, None where it is not UTF-8."""
    try:
        return probe.body.decode()
    except UnicodeDecodeError:
        return None


def _decodes(part: str) -> bool:
    try:
        unquote_to_bytes(part.replace("+", " ")).decode()
    except UnicodeDecodeError:
        return False
    return True


def form_escape_not_utf8(probe: Probe) -> bool:
    """Whether the view returns the form's fields from a urlencoded body in which a name or
    a value percent-encodes bytes that are not UTF-8 (`a=%FF`)."""
    text = _form_text(probe)
    return (
        _returns_the_form(probe)
        and _mimetype(probe) == "application/x-www-form-urlencoded"
        and text is not None
        and any(not _decodes(part) for field in text.split("&") for part in field.split("=", 1))
    )


def form_sent_as_x_url_encoded(probe: Probe) -> bool:
    """Whether the view returns the form's fields from a request whose Content-Type is the
    invalid `application/x-url-encoded`, with at least one field in its body."""
    text = _form_text(probe)
    return (
        _returns_the_form(probe)
        and _mimetype(probe) == "application/x-url-encoded"
        and text is not None
        and bool(parse_qsl(text, keep_blank_values=True))
    )
