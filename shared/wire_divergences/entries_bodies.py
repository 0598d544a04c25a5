"""Wire entries for bodies: framing, lengths, bytes, and streams that fail."""

from __future__ import annotations

from dataclasses import replace

from shared import model as m
from shared.divergences.examples import examples
from shared.divergences.layers import Layer
from shared.divergences.upstream import NOT_REPORTED
from shared.divergences.upstream import Upstream
from shared.divergences.upstream import UpstreamState
from shared.frameworks import Framework
from shared.http.wire_reply import Framing
from shared.http.wire_reply import Result
from shared.model import anatomy as a
from shared.model import generator_port_required
from shared.wire_divergences.habits import Failure
from shared.wire_divergences.habits import Handling
from shared.wire_divergences.habits import NonBytes
from shared.wire_divergences.predicates import async_stream_in_flask
from shared.wire_divergences.predicates import content_lengths
from shared.wire_divergences.predicates import numeric_length
from shared.wire_divergences.predicates import reads_request_outside_context
from shared.wire_divergences.record import WireDivergence
from shared.wire_divergences.replies import body_failed
from shared.wire_divergences.replies import handled
from shared.wire_divergences.replies import kept_open
from shared.wire_divergences.replies import per_server
from shared.wire_divergences.replies import under
from shared.wire_divergences.sends import EMPTY
from shared.wire_divergences.sends import Sends
from shared.wire_divergences.servers import Server


def bytearray_reply(server: Server) -> Sends:
    """`bytearray(b'abc')`: Flask hands the server the bytearray with `Content-Length: 3`;
    Quart sends each byte as an int, with no length."""
    flask = under(Framework.FLASK, server)
    handling = server.habits.non_bytes_chunk
    if handling is NonBytes.CUTS:
        length = ((b"content-length", b"3"),) if flask else ()
        return Sends(result=Result.REJECTED, status=200, body=b"", has=length)
    if handling is NonBytes.CONVERTS and flask:
        return Sends(status=200, body=b"abc")
    body = b"\x00" * (97 + 98 + 99) if handling is NonBytes.CONVERTS else b""
    return Sends(status=200, framing=Framing.CHUNKED, body=body)


def head_generator_fails(server: Server) -> Sends:
    """HEAD on a generator that raises: Flask never runs it; under Quart it fails before the
    first chunk, and the head already sent is a whole reply to HEAD."""
    failure = server.habits.body_fails_early
    if under(Framework.FLASK, server) or failure in (Failure.CUTS, Failure.ENDS):
        return Sends(status=200, framing=Framing.NONE, body=b"")
    if failure is Failure.ERROR_REPLY:
        return replace(handled(server, Handling.REFUSES), body=b"")
    return EMPTY


HEAD_FRAMING: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="head-streamed-body",
        upstream=NOT_REPORTED,
        title="HEAD on a streamed body: Hypercorn and Uvicorn announce chunked encoding",
        layer=Layer.WIRE,
        covers=lambda p: p.method == "HEAD" and isinstance(a.innermost_body(p.value), m.Chunks),
        examples=examples("(c for c in ['a', 'b'])", method="HEAD"),
        sends=per_server(
            lambda s: Sends(
                status=200,
                framing=Framing.NONE,
                body=b"",
                has=((b"transfer-encoding", b"chunked"),)
                if s.habits.head_announces_chunked
                else (),
                lacks=() if s.habits.head_announces_chunked else (b"transfer-encoding",),
            )
        ),
        cause="With no Content-Length the ASGI servers pick chunked framing and, for HEAD, "
        "write its header but no chunks",
    ),
)
"""How a streamed body is framed for HEAD."""


BODY_BYTES: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="content-length-too-long",
        upstream=NOT_REPORTED,
        title="A Content-Length larger than the body: fixed under Flask, a short reply under Quart",
        layer=Layer.WIRE,
        covers=lambda p: any(numeric_length(v) for v in content_lengths(p)),
        examples=examples("'ok', 200, {'Content-Length': '10'}"),
        sends=per_server(
            lambda s: (
                Sends(status=200, body=b"ok", has=((b"content-length", b"2"),))
                if under(Framework.FLASK, s)
                else Sends(
                    result=Result.REJECTED,
                    status=200,
                    body=b"ok",
                    has=((b"content-length", b"10"),),
                )
            )
        ),
        fields=("reply", "headers", "body"),
        on_quart=kept_open(),
        cause="Werkzeug recomputes Content-Length from a str body; Quart passes the header "
        "on, and the ASGI servers send 2 bytes and close, so the client sees a short body. "
        "From Quart 0.23, Gunicorn's ASGI worker sends the 2 bytes and keeps the connection "
        "open until the client gives up: it waits for the app call to end, which waits for "
        "its http.disconnect",
    ),
    WireDivergence(
        id="content-length-too-short",
        upstream=NOT_REPORTED,
        title="A Content-Length smaller than the body: Hypercorn and Uvicorn send no body, "
        "Granian cuts it",
        layer=Layer.WIRE,
        covers=lambda p: any(numeric_length(v) for v in content_lengths(p)),
        examples=examples("'ok', 200, {'Content-Length': '1'}"),
        sends=per_server(
            lambda s: (
                Sends(status=200, body=b"ok", has=((b"content-length", b"2"),))
                if under(Framework.FLASK, s)
                else Sends(status=200, body=b"o", has=((b"content-length", b"1"),))
                if s.habits.trims_overlong_body
                else Sends(
                    result=Result.REJECTED, status=200, body=b"", has=((b"content-length", b"1"),)
                )
            )
        ),
        fields=("reply", "headers", "body"),
        cause="h11 (under Hypercorn and Uvicorn) refuses to send more than the declared "
        "length and the connection is dropped; Granian sends the first byte and stops",
    ),
    WireDivergence(
        id="content-length-not-a-number",
        upstream=NOT_REPORTED,
        title="A Content-Length that is not a number: fixed under Flask, a 500 or no reply "
        "under Quart",
        layer=Layer.WIRE,
        covers=lambda p: any(not numeric_length(v) for v in content_lengths(p)),
        examples=examples(
            "'ok', 200, {'Content-Length': 'a'}", "make_response('', {'Content-Length': None})"
        ),
        sends=per_server(
            lambda s: (
                Sends(status=200)
                if under(Framework.FLASK, s)
                else handled(s, s.habits.bad_length, writes=Sends(result=Result.REJECTED))
            )
        ),
        fields=("reply", "status", "headers", "body"),
        cause="Werkzeug recomputes Content-Length from a str body; Quart passes the text on "
        "(`None` as 'None'). h11 refuses to frame a reply by it, so Hypercorn answers 500; "
        "Uvicorn and Granian close the connection without a reply",
    ),
    WireDivergence(
        id="bytearray-body-on-the-wire",
        upstream=NOT_REPORTED,
        title="A bytearray body: a broken reply, the bytes, NULs, or nothing",
        layer=Layer.BOTH,
        covers=lambda p: any(True for _ in a.byte_arrays(p.value)),
        examples=examples("bytearray(b'abc')"),
        sends=per_server(bytearray_reply),
        fields=("app-error", "reply", "body"),
        cause="Gunicorn and Werkzeug's server accept only bytes chunks and drop the "
        "connection after the head; Granian's WSGI layer takes the bytearray. Quart sends "
        "each byte as an int: Hypercorn writes bytes(97) and so on (NULs), Uvicorn fails, "
        "Granian writes nothing",
        boundary="bytearray-body",
    ),
)
"""Bodies whose bytes disagree with their Content-Length, or are not bytes."""


FAILING_STREAMS: tuple[WireDivergence, ...] = (
    WireDivergence(
        id="wsgi-body-fails-before-first-chunk",
        upstream=Upstream(
            UpstreamState.NOT_REPORTED,
            related=("https://github.com/emmett-framework/granian/issues/845",),
        ),
        title="A WSGI body that fails before its first chunk: a 500, or a cut 200 from Granian",
        layer=Layer.BOTH,
        covers=lambda p: async_stream_in_flask(p),
        examples=examples("Response((await asyncio.sleep(0, chunk) for chunk in ['a']))"),
        sends=per_server(
            lambda s: (
                Sends(status=200, framing=Framing.CHUNKED, body=b"a")
                if under(Framework.QUART, s)
                else body_failed(s, s.habits.body_fails_early, b"")
            )
        ),
        fields=("app-error",),
        cause="Flask starts the response and the body raises TypeError when the server first "
        "iterates it (an async generator, or the function stream_with_context makes of "
        "one). Gunicorn and Werkzeug's server have sent nothing yet and answer 500; "
        "Granian has sent the head and closes without ending the chunked body, or now and "
        "then closes before the head leaves. Quart streams it",
        boundary="async-iterable-in-flask",
    ),
    WireDivergence(
        id="asgi-stream-fails-before-first-chunk",
        upstream=NOT_REPORTED,
        title="A def generator under Quart's stream_with_context: the ASGI servers cut the "
        "reply, close without one, or answer 500",
        layer=Layer.BOTH,
        covers=lambda p: generator_port_required(p.value),
        examples=examples(
            "@stream_with_context\ndef generate():\n    yield 'a'\n    yield request.method\n"
            "return generate()"
        ),
        sends=per_server(
            lambda s: (
                Sends(status=200, body=b"aGET")
                if under(Framework.FLASK, s)
                else body_failed(s, s.habits.body_fails_early, b"")
            )
        ),
        fields=("app-error", "reply"),
        cause="Quart starts the response, then its stream_with_context fails on the def "
        "generator before the first chunk. Hypercorn and Uvicorn have sent the head and close "
        "without the last chunk; Gunicorn's ASGI worker closes before writing anything; "
        "Granian had not written yet and answers its own 500. Flask streams the generator",
        boundary="sync-generator-function-in-quart",
    ),
    WireDivergence(
        id="generator-fails-mid-stream",
        upstream=NOT_REPORTED,
        title="A generator that fails after its first chunk: the reply is cut, and Granian "
        "under Flask may lose what it wrote",
        layer=Layer.WIRE,
        covers=lambda p: p.method != "HEAD" and reads_request_outside_context(p),
        examples=examples(
            "def generate():\n    yield 'a'\n    yield request.method\nreturn generate()"
        ),
        sends=per_server(lambda s: body_failed(s, s.habits.body_fails_late, b"a")),
        fields=("app-error", "reply"),
        cause="Reading the request outside its context raises once the server iterates the "
        "body, after the status and the first chunk are on the wire. Every server closes the "
        "connection without the last chunk, so a client sees the cut; Granian's WSGI worker "
        "now and then closes before the first chunk, or even the head, reaches the client",
    ),
    WireDivergence(
        id="head-generator-fails",
        upstream=NOT_REPORTED,
        title="HEAD on a generator that fails: Granian under Quart answers 500, the rest 200",
        layer=Layer.WIRE,
        covers=lambda p: p.method == "HEAD" and reads_request_outside_context(p),
        examples=examples(
            "def generate():\n    yield request.method\nreturn generate()", method="HEAD"
        ),
        sends=per_server(head_generator_fails),
        fields=("app-error", "status"),
        cause="Flask never runs the generator for HEAD; Quart runs it and it raises. "
        "Hypercorn and Uvicorn have the start message and send the 200 without a body; "
        "Granian answers 500 when the app raises before any body message",
        boundary="head-body",
    ),
)
"""Bodies that fail while the server iterates them."""
