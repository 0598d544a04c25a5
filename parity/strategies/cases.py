"""One strategy per registry entry: its feature inside an otherwise plain return.

Every `one_of` lists the plain, common choice first, for shrinking (see the package docstring).
"""

from __future__ import annotations

from http import HTTPStatus

from hypothesis import strategies as st

from parity.strategies.bodies import HTTP_DATES
from parity.strategies.bodies import RANGES
from parity.strategies.bodies import SEND_FILE_VALUES
from parity.strategies.bodies import SHARED_OPTIONS
from parity.strategies.bodies import chunk_lists
from parity.strategies.bodies import json_objects
from parity.strategies.bodies import jsonify_calls
from parity.strategies.bodies import mimetypes
from parity.strategies.bodies import redirects
from parity.strategies.bodies import request_bodies
from parity.strategies.bodies import send_file_options
from parity.strategies.bodies import send_files
from parity.strategies.bodies import shipped_names
from parity.strategies.bodies import stream_parts
from parity.strategies.bodies import with_contexts
from parity.strategies.bodies import wsgi_apps
from parity.strategies.leaves import byte_strings
from parity.strategies.leaves import json_values
from parity.strategies.leaves import texts
from parity.strategies.not_modified import status_set_after_304
from parity.strategies.requests import open_probes
from parity.strategies.views import hook_changes
from shared import model as m
from shared.divergences import file_rules as f
from shared.probe import Probe

plain_codes = st.sampled_from([200, 201, 202, 400, 401, 403, 404, 409, 418, 500, 503])
plain_statuses: st.SearchStrategy[m.StatusValue] = st.one_of(
    plain_codes.map(m.Status),
    plain_codes.map(lambda code: m.StatusMember(HTTPStatus(code).name)),
)
plain_text = st.text(st.characters(codec="ascii", min_codepoint=32, max_codepoint=126), max_size=10)
plain_names = st.from_regex(r"X-[A-Za-z][A-Za-z0-9-]{0,8}", fullmatch=True)
plain_headers = st.builds(
    lambda form, pairs: m.HeadersValue(form, tuple(pairs.items())),
    # A tuple of pairs as the second of two items is its own divergence (tuple-of-pairs-headers).
    st.sampled_from([m.HeadersForm.DICT, m.HeadersForm.LIST, m.HeadersForm.HEADERS]),
    st.dictionaries(plain_names, plain_text, max_size=2, dict_class=dict).filter(
        lambda d: len({k.lower() for k in d}) == len(d)
    ),
)
plain_bodies: st.SearchStrategy[m.Body] = st.one_of(
    plain_text.filter(bool).map(m.Text),
    jsonify_calls,
    json_objects.map(m.JsonBody),
    plain_text.filter(bool).map(lambda t: m.Bytes(t.encode())),
    json_values.map(m.JsonDumps),
)


def wrapped(body: st.SearchStrategy[m.Body]) -> st.SearchStrategy[m.ReturnValue]:
    """A body alone, in a well-formed tuple with plain parts, or in `make_response(...)`."""
    return st.one_of(
        body,
        st.tuples(body, plain_statuses).map(m.ReturnTuple),
        st.tuples(body, plain_headers).map(m.ReturnTuple),
        st.tuples(body, plain_statuses, plain_headers).map(m.ReturnTuple),
        body.map(lambda b: m.MakeResponse((b,))),
        st.tuples(body, plain_statuses).map(m.MakeResponse),
    )


def _get(values: st.SearchStrategy[m.ReturnValue]) -> st.SearchStrategy[Probe]:
    return st.builds(Probe, values, st.sampled_from(["GET", "POST"]))


bodyless_codes = st.sampled_from([100, 103, 199, 204, 304])
non_ascii_text = st.text(
    st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]), min_size=1, max_size=6
).filter(lambda t: not t.isascii())
iri_text = st.sampled_from(["/caf\u00e9", "/a b", "/x?q=<1>", "/\u20ac"]) | st.builds(
    lambda a, b: f"/{a}{b}", plain_text, non_ascii_text
)


def _with_option(call: m.FileResponse, name: str, data: st.DataObject) -> m.FileResponse:
    """The call with one more option, drawn for its kind."""
    pair = (name, data.draw(SEND_FILE_VALUES[name]))
    if isinstance(call, m.SendFile):
        return m.SendFile(call.source, (*call.options, pair))
    return m.SendFromDirectory(call.name, (*call.options, pair))


_both_send: st.SearchStrategy[m.FileResponse] = send_files(
    st.one_of(shipped_names.map(m.FilePath), byte_strings.map(m.BytesBuffer)), SHARED_OPTIONS
).filter(f.both_send)

_conditional_bases: st.SearchStrategy[m.Maker] = st.one_of(
    st.builds(m.ResponseCall, st.sampled_from([b"Hello world", b"ok"]).map(m.Bytes)),
    st.builds(m.ResponseCall, plain_text.filter(bool).map(m.Text)),
    st.just(m.Jsonify(kwargs=(("success", True),))),
)
"""Responses a view makes conditional by hand: never empty, always shorter than FAR_START."""


def _made_conditional(
    accept_ranges: st.SearchStrategy[bool | str | None],
    lengths: st.SearchStrategy[int | None],
) -> st.SearchStrategy[m.ReturnValue]:
    """A response made conditional by hand: `resp.make_conditional(request, ...)` with the
    given accept_ranges and complete_length."""
    return st.builds(
        lambda base, ranges, length: m.Mutated(base, (m.MakeConditional(ranges, length),)),
        _conditional_bases,
        accept_ranges,
        lengths,
    )


def _conditional_gets(
    accept_ranges: st.SearchStrategy[bool | str | None],
) -> st.SearchStrategy[Probe]:
    """A GET or HEAD Flask answers conditionally: a file Flask's send_file makes conditional
    (its default), or a response made conditional by hand."""
    return st.builds(
        Probe,
        wrapped(_both_send.filter(f.flask_conditional_file))
        | _made_conditional(accept_ranges, st.none() | st.sampled_from([3, 26])),
        st.sampled_from(["GET", "HEAD"]),
    )


def _ranged_values(
    accept_ranges: st.SearchStrategy[bool | str | None],
) -> st.SearchStrategy[m.ReturnValue]:
    """Values both frameworks answer a Range for: a conditional shipped file, or a response
    made conditional with a complete_length (and the given accept_ranges)."""
    return st.one_of(
        shipped_names.map(lambda name: m.SendFile(m.FilePath(name), (("conditional", True),))),
        shipped_names.map(m.SendFromDirectory),
        _made_conditional(accept_ranges, st.sampled_from([3, 26])),
    )


CASES: dict[str, st.SearchStrategy[Probe]] = {
    "head-body": st.builds(
        Probe,
        wrapped(plain_bodies | redirects.filter(lambda r: r.code in (None, 301, 302))),
        st.just("HEAD"),
    ),
    "bodyless-status": _get(
        st.one_of(
            st.tuples(plain_bodies, bodyless_codes.map(m.Status)).map(m.ReturnTuple),
            st.tuples(plain_bodies, bodyless_codes.map(m.Status), plain_headers).map(m.ReturnTuple),
            st.builds(
                lambda body, code: m.Mutated(body, (m.SetAttribute("status_code", code),)),
                jsonify_calls,
                bodyless_codes,
            ),
        )
    ),
    "empty-response-length": _get(
        wrapped(
            st.builds(
                m.ResponseCall,
                body=st.just(m.NoneBody()) | chunk_lists.map(m.ChunkList),
                status=st.none() | plain_statuses,
                headers=st.none() | plain_headers,
                mimetype=st.none() | mimetypes,
            )
        )
    ),
    "wsgi-callable": _get(wrapped(wsgi_apps)),
    "plain-iterator": _get(wrapped(chunk_lists.map(lambda c: m.Chunks(m.ChunksKind.ITERATOR, c)))),
    "async-iterable-in-flask": _get(
        wrapped(
            st.one_of(
                chunk_lists.map(lambda c: m.Chunks(m.ChunksKind.ASYNC_GENERATOR, c)),
                chunk_lists.map(
                    lambda c: m.ResponseCall(m.Chunks(m.ChunksKind.ASYNC_GENERATOR, c))
                ),
            )
        )
    ),
    "stream-with-context-call": st.builds(
        Probe,
        wrapped(
            st.one_of(
                st.builds(
                    m.WithContext,
                    st.builds(
                        m.Chunks,
                        st.sampled_from([m.ChunksKind.GENERATOR, m.ChunksKind.ITERATOR]),
                        chunk_lists,
                    )
                    | texts,
                ),
                with_contexts.map(m.ResponseCall),
            )
        ),
        st.sampled_from(["GET", "HEAD", "POST"]),
    ),
    "sync-generator-function-in-quart": st.builds(
        lambda parts, method: Probe(m.RequestStream(parts, True, False), method),
        st.lists(stream_parts, min_size=1, max_size=3).map(tuple),
        st.sampled_from(["GET", "HEAD", "POST"]),
    ),
    "async-generator-function-in-flask": st.builds(
        lambda parts, context, method: Probe(m.RequestStream(parts, context, True), method),
        st.lists(stream_parts, min_size=1, max_size=3).map(tuple),
        st.booleans(),
        st.sampled_from(["GET", "HEAD", "POST"]),
    ),
    "async-hook-in-flask": st.builds(
        lambda changes, view, method: Probe(m.AfterThisRequest(changes, view, True), method),
        st.lists(hook_changes, max_size=2).map(tuple),
        plain_text.map(m.Text) | st.just(m.Abort(404)),
        st.sampled_from(["GET", "HEAD", "POST"]),
    ),
    "error-in-exception-group": _get(
        st.builds(
            lambda before, read, after: m.RequestStream((*before, read, *after), False),
            st.lists(plain_text | byte_strings, max_size=2),
            st.sampled_from(
                [m.RequestRead("method"), m.RequestRead("path"), m.RequestRead("header", "X-A")]
            ),
            st.lists(plain_text | st.just(m.RequestRead("method")), max_size=2),
        )
    ),
    "bytearray-body": st.builds(
        Probe,
        wrapped(
            byte_strings.map(m.ByteArray)
            | byte_strings.map(lambda b: m.ResponseCall(m.ByteArray(b)))
        ),
        st.sampled_from(["GET", "HEAD", "POST"]),
    ),
    "str-status-not-an-int": _get(
        st.tuples(
            plain_bodies,
            st.one_of(
                st.builds(
                    lambda code, r: m.Status(f"{code} {r}"),
                    plain_codes,
                    plain_text.filter(str.strip),
                ),
                st.from_regex(r"[A-Za-z][A-Za-z ]{0,8}", fullmatch=True).map(m.Status),
            ),
        ).map(m.ReturnTuple)
    ),
    "bytes-status": _get(
        st.tuples(plain_bodies, plain_codes.map(lambda c: m.Status(str(c).encode()))).map(
            m.ReturnTuple
        )
    ),
    "float-status": _get(
        st.tuples(plain_bodies, st.floats(200, 599, allow_nan=False).map(m.Status)).map(
            m.ReturnTuple
        )
    ),
    "tuple-of-pairs-headers": _get(
        st.tuples(
            plain_bodies,
            plain_headers.map(lambda h: m.HeadersValue(m.HeadersForm.TUPLE, h.items)),
        ).map(m.ReturnTuple)
    ),
    "repeated-header-names": _get(
        st.builds(
            lambda body, status, form, name, values: m.ReturnTuple(
                (body, m.Status(status), m.HeadersValue(form, tuple((name, v) for v in values)))
            ),
            st.one_of(
                plain_text.map(m.Text),
                plain_text.map(lambda t: m.Bytes(t.encode())),
                json_values.map(m.JsonDumps),
                # A rendered template is a str too, handed to the constructor the same way.
                plain_text.map(lambda t: m.RenderTemplate("greeting.html", (("name", t),))),
            ),
            plain_codes,
            st.sampled_from([m.HeadersForm.LIST, m.HeadersForm.TUPLE]),
            plain_names,
            st.lists(plain_text, min_size=2, max_size=3),
        )
    ),
    "non-ascii-header": _get(
        st.tuples(
            plain_bodies,
            plain_statuses,
            st.builds(
                lambda name, value: m.HeadersValue(m.HeadersForm.DICT, ((name, value),)),
                plain_names | non_ascii_text,
                non_ascii_text,
            ),
        ).map(m.ReturnTuple)
    ),
    "location-iri": _get(
        st.one_of(
            st.builds(m.Redirect, iri_text, st.none() | st.sampled_from([301, 302, 303, 307, 308])),
            st.builds(
                lambda form, name, first, second: m.ResponseCall(
                    m.Text("ok"), headers=m.HeadersValue(form, ((name, first), (name, second)))
                ),
                st.sampled_from([m.HeadersForm.LIST, m.HeadersForm.TUPLE, m.HeadersForm.HEADERS]),
                st.sampled_from(["Location", "Content-Location"]),
                st.sampled_from(["/a", "/b", "https://example.com/"]),
                st.sampled_from(["/a", "/c"]),
            ),
            st.builds(
                lambda body, name, values: m.ReturnTuple(
                    (body, m.HeadersValue(m.HeadersForm.DICT, ((name, tuple(values)),)))
                ),
                plain_bodies,
                st.sampled_from(["Location", "Content-Location"]),
                st.lists(st.sampled_from(["/a", "/b", ""]), min_size=2, max_size=3),
            ),
            st.builds(
                lambda body, name, where: m.ReturnTuple(
                    (body, m.HeadersValue(m.HeadersForm.DICT, ((name, where),)))
                ),
                plain_bodies,
                st.sampled_from(["Location", "Content-Location", "location"]),
                iri_text,
            ),
        )
    ),
    "content-length-in-tuple-headers": _get(
        st.builds(
            lambda body, status, form, name, length: m.ReturnTuple(
                (body, m.Status(status), m.HeadersValue(form, ((name, str(length)),)))
            ),
            st.one_of(
                plain_text.filter(bool).map(m.Text),
                plain_text.filter(bool).map(lambda t: m.Bytes(t.encode())),
            ),
            plain_codes.filter(lambda code: code not in (204, 304)),
            st.sampled_from([m.HeadersForm.DICT, m.HeadersForm.LIST, m.HeadersForm.HEADERS]),
            st.sampled_from(["Content-Length", "content-length"]),
            st.integers(20, 10_000),
        )
    ),
    "custom-reason-phrase": _get(
        st.one_of(
            st.builds(
                lambda code, reason: m.ResponseCall(
                    m.Text("ok"), status=m.Status(f"{code} {reason}")
                ),
                plain_codes,
                st.from_regex(r"[A-Za-z][a-z ]{0,8}[a-z]", fullmatch=True),
            ),
            st.builds(
                lambda base, code, reason: m.Mutated(
                    base, (m.SetAttribute("status", f"{code} {reason}"),)
                ),
                jsonify_calls,
                plain_codes,
                st.from_regex(r"[A-Za-z][a-z ]{0,8}[a-z]", fullmatch=True),
            ),
        )
    ),
    "unsendable-reason-phrase": _get(
        st.builds(
            lambda code, before, bad, after, mutate: (
                m.Mutated(m.Jsonify(), (m.SetAttribute("status", f"{code} {before}{bad}{after}"),))
                if mutate
                else m.ResponseCall(m.Text("ok"), status=m.Status(f"{code} {before}{bad}{after}"))
            ),
            plain_codes,
            st.from_regex(r"[A-Za-z]{1,4}", fullmatch=True),
            st.sampled_from(["\r\nX-Injected: 1", "\n", "\x00", "\x1b", "\x7f", "\u20ac"]),
            st.from_regex(r"[A-Za-z]{1,4}", fullmatch=True),
            st.booleans(),
        )
    ),
    "vary-cookie-always": _get(
        wrapped(plain_bodies)
        | st.builds(
            lambda base, change: m.Mutated(base, (change,)),
            jsonify_calls,
            st.sampled_from(["Accept", "Origin"]).flatmap(
                lambda item: st.sampled_from(
                    [m.AddToHeaderSet("vary", item), m.SetHeaderSet("vary", item)]
                )
            ),
        )
    ),
    "send-file-new-option-names": _get(
        wrapped(
            st.builds(
                lambda call, name, value: _with_option(call, name, value),
                send_files(shipped_names.map(m.FilePath), SHARED_OPTIONS),
                st.sampled_from(sorted(m.FLASK_ONLY_OPTIONS)),
                st.data(),
            )
        )
    ),
    "send-file-old-option-names": _get(
        wrapped(
            st.builds(
                lambda call, name, value: _with_option(call, name, value),
                send_files(shipped_names.map(m.FilePath), SHARED_OPTIONS).filter(
                    lambda c: not isinstance(c, m.SendFromDirectory) or c.name != "missing.txt"
                ),
                st.sampled_from(sorted(m.QUART_ONLY_OPTIONS)),
                st.data(),
            )
        )
    ),
    "send-file-open-file": _get(
        wrapped(
            st.builds(
                lambda name, mimetype, options: m.SendFile(
                    m.OpenFile(name), (("mimetype", mimetype), *options)
                ),
                shipped_names,
                mimetypes,
                send_file_options(("conditional", "last_modified")),
            )
        )
    ),
    "send-file-unnamed-attachment": _get(
        wrapped(
            st.builds(
                lambda data, mimetype, options: m.SendFile(
                    m.BytesBuffer(data), (("mimetype", mimetype), ("as_attachment", True), *options)
                ),
                byte_strings,
                mimetypes,
                send_file_options(("conditional", "last_modified")),
            )
        )
    ),
    "send-file-caching": _get(wrapped(_both_send)),
    "send-file-inline-disposition": _get(
        wrapped(
            _both_send.filter(lambda c: f.flask_names_it(c) and not f.option(c, "as_attachment"))
        )
    ),
    "accept-ranges-advertised": _conditional_gets(st.just(True) | st.just("bytes")),
    "conditional-date": _conditional_gets(st.none() | st.just(True)),
    "send-file-conditional-default": st.builds(
        lambda call, header: Probe(call, "GET", (header,)),
        st.builds(
            m.SendFile,
            shipped_names.map(m.FilePath),
            send_file_options(("mimetype", "as_attachment", "last_modified")),
        ),
        st.sampled_from(
            [
                ("Range", "bytes=0-3"),
                ("If-None-Match", "*"),
                ("If-Modified-Since", HTTP_DATES[0]),
                ("Range", "bytes=0-1,3-4"),
            ]
        ),
    ),
    "status-set-after-304": status_set_after_304(_conditional_bases, plain_statuses, plain_codes),
    "range-without-accept-ranges": st.builds(
        lambda base, ranges, length, header: Probe(
            m.Mutated(base, (m.MakeConditional(ranges, length),)), "GET", (("Range", header),)
        ),
        _conditional_bases,
        st.sampled_from([None, False]),
        st.sampled_from([3, 11, 1000]),
        st.sampled_from(RANGES),
    ),
    "suffix-range": st.builds(
        lambda value, suffix: Probe(value, "GET", (("Range", suffix),)),
        _ranged_values(st.sampled_from([None, False, True, "bytes"])),
        st.sampled_from(["bytes=-4", "bytes=-1", "bytes=-100"]),
    ),
    "unsatisfiable-range-length": st.builds(
        lambda value, header: Probe(value, "GET", (("Range", header),)),
        _ranged_values(st.sampled_from([True, "bytes"])),
        st.sampled_from(["bytes=0-1,3-4", "items=0-1", "bytes=100-200", "bytes=0-0,-1"]),
    ),
    "exception-response-not-conditional": _get(
        st.builds(
            lambda name, ranges, length: m.Mutated(
                m.MakeResponse((m.HttpError(name),)), (m.MakeConditional(ranges, length),)
            ),
            st.sampled_from([n for n in m.HTTP_EXCEPTION_NAMES if n != "InternalServerError"]),
            st.none() | st.booleans(),
            st.none() | st.sampled_from([3, 26]),
        )
    ),
    "json-read-of-non-json": st.builds(
        lambda value, content_type, body: Probe(value, "POST", content_type, body),
        wrapped(
            request_bodies.filter(
                lambda body: (
                    isinstance(body, m.RequestText)
                    or isinstance(body, m.RequestBody)
                    and body.read in m.JSON_READS
                )
            )
        ),
        st.sampled_from([(), (("Content-Type", "text/plain"),)]),
        st.sampled_from([b"", b'{"a": 1}', b'[1, "x"]', b'"text"', b"null", b"2", b"{bad"]),
    ),
    # A list body: Flask counts its length, Quart sends none, whatever the status around it.
    "werkzeug-response-raw-in-quart": _get(
        wrapped(
            st.builds(
                m.WerkzeugResponse,
                st.sampled_from([("a", b"b"), (b"ok",)]).map(m.ChunkList),
                st.none() | plain_statuses,
            )
        )
    ),
    "add-etag-hash": _get(
        st.builds(
            lambda base, change: m.Mutated(base, (change,)),
            _conditional_bases,
            st.builds(m.AddEtag, st.booleans(), st.booleans()),
        )
    ),
    "add-etag-error-page": _get(
        st.builds(
            lambda name, status, change: m.Mutated(
                m.MakeResponse((m.HttpError(name), *status)), (change,)
            ),
            st.sampled_from(m.HTTP_EXCEPTION_NAMES),
            st.sampled_from([(), (m.Status(200),)]),
            st.builds(m.AddEtag, st.booleans(), st.booleans()),
        )
    ),
    "add-etag-file-passthrough": _get(
        st.builds(
            lambda call, weak: m.Mutated(call, (m.AddEtag(True, weak),)),
            _both_send.filter(lambda call: not f.raises_in_either(call)),
            st.booleans(),
        )
    ),
    "form-escape-not-utf8": st.builds(
        lambda value, method, body: Probe(
            value, method, (("Content-Type", "application/x-www-form-urlencoded"),), body
        ),
        wrapped(st.just(m.RequestFields("form"))),
        st.sampled_from(["GET", "POST"]),
        st.sampled_from([b"a=%FF", b"%FF=1", b"a=b&c=%C3", b"name=caf%E9", b"a=%ff%fe"]),
    ),
    "form-x-url-encoded": st.builds(
        lambda value, method, body: Probe(
            value, method, (("Content-Type", "application/x-url-encoded"),), body
        ),
        wrapped(st.just(m.RequestFields("form"))),
        st.sampled_from(["GET", "POST"]),
        st.sampled_from([b"a=b", b"a=1&a=2&b=", b"name=caf%C3%A9", b"x"]),
    ),
    "complete-length-ignored": st.builds(
        lambda data, length, header: Probe(
            m.Mutated(m.ResponseCall(m.Bytes(data)), (m.MakeConditional(True, length),)),
            "GET",
            (("Range", header),),
        ),
        st.sampled_from([b"Hello world", b"0123456789abcdef"]),
        st.sampled_from([3, 5, 1000]),
        st.sampled_from(["bytes=0-3", "bytes=2-"]),
    ),
}
"""For each registry id, values that carry its feature in an otherwise plain return."""


registered_probes: st.SearchStrategy[Probe] = st.one_of(*CASES.values())
"""Each registry entry's feature inside an otherwise plain return, the entries alike."""

probe_pairs: st.SearchStrategy[tuple[Probe, Probe]] = st.tuples(open_probes, registered_probes)
"""What the differential property draws: an open probe over the whole model and a registered
feature in a plain context, both checked. Open draws reach the rarest entries about once in
500; the registered half puts every entry's feature under the property within a few hundred
examples, beside values it was not written for. Drawn side by side (rather than one or the
other) so that the open draws keep the distribution they have alone: no entry is reached
less often than before. Shrinking works on both."""
