"""What the two outcomes show: the marks entries look for on a Flask/Quart pair."""

from __future__ import annotations

import dataclasses

from shared.divergences.predicates import LOCATIONS
from shared.divergences.record import Symptom
from shared.outcome import Outcome


def quart_500(flask: Outcome, quart: Outcome) -> bool:
    """Quart answers 500 and the outcomes differ."""
    return quart.status == 500 and flask != quart


def flask_500(flask: Outcome, quart: Outcome) -> bool:
    """Flask answers 500 and the outcomes differ."""
    return flask.status == 500 and flask != quart


def flask_fails(flask: Outcome, quart: Outcome) -> bool:
    """Flask answers 500 or raises, and the outcomes differ."""
    return (flask.status == 500 or flask.error is not None) and flask != quart


def _violation(flask: Outcome, quart: Outcome) -> bool:
    return "ProtocolViolation" in (flask.error, quart.error)


def flask_only_length(flask: Outcome, quart: Outcome) -> bool:
    """Flask sends a Content-Length and Quart none."""
    return flask.header("content-length") is not None and quart.header("content-length") is None


def violation_or_length(flask: Outcome, quart: Outcome) -> bool:
    """Either side breaks its server protocol, or only Flask sends a Content-Length."""
    return _violation(flask, quart) or flask_only_length(flask, quart)


def _body_dropped(flask: Outcome, quart: Outcome) -> bool:
    return flask.body == b"" and quart.body != b""


def body_dropped_or_read(flask: Outcome, quart: Outcome) -> bool:
    """Flask sends no body where Quart sends one, or Quart's reading the body raises where
    Flask never reads it."""
    return _body_dropped(flask, quart) or (flask.error is None and quart.error is not None)


def bodyless_trimmed(flask: Outcome, quart: Outcome) -> bool:
    """Flask drops a body, or a length, type, encoding or Allow header, Quart sends."""
    trimmed = flask.body == b"" and quart.body != b""
    return trimmed or any(
        quart.header(name) is not None and flask.header(name) is None
        for name in ("content-length", "content-type", "content-encoding", "allow")
    )


def body_emptied_by_quart(flask: Outcome, quart: Outcome) -> bool:
    """Same status; Quart sends no body and no Content-Length where Flask sends a body or
    its length."""
    return (
        flask.status == quart.status
        and quart.body == b""
        and quart.header("content-length") is None
        and (flask.body != b"" or flask.header("content-length") is not None)
    )


def fewer_values(flask: Outcome, quart: Outcome) -> bool:
    """Flask sends more values than Quart for some header name."""
    names = {name for name, _ in flask.headers}
    return any(len(flask.header_values(n)) > len(quart.header_values(n)) for n in names)


def headers_differ(flask: Outcome, quart: Outcome) -> bool:
    """The headers differ, or either side breaks its server protocol."""
    return flask.headers != quart.headers or _violation(flask, quart)


def location_rewritten(flask: Outcome, quart: Outcome) -> bool:
    """Location or Content-Location values differ."""
    return any(flask.header_values(name) != quart.header_values(name) for name in LOCATIONS)


def lengths_differ(flask: Outcome, quart: Outcome) -> bool:
    """The Content-Length values differ."""
    return flask.header_values("content-length") != quart.header_values("content-length")


def reason_dropped(flask: Outcome, quart: Outcome) -> bool:
    """Flask has a reason phrase and Quart none."""
    return flask.reason is not None and quart.reason is None


def flask_violation_only(flask: Outcome, quart: Outcome) -> bool:
    """Only Flask breaks its server protocol."""
    return flask.error == "ProtocolViolation" and quart.error != "ProtocolViolation"


def _vary_items(outcome: Outcome) -> set[str]:
    """The field names Vary lists, from every Vary header (a view may have set some)."""
    return {item.strip() for value in outcome.header_values("vary") for item in value.split(",")}


def vary_cookie(flask: Outcome, quart: Outcome) -> bool:
    """Quart's Vary lists Cookie and Flask's does not."""
    return "Cookie" in _vary_items(quart) and "Cookie" not in _vary_items(flask)


def grouped_error(flask: Outcome, quart: Outcome) -> bool:
    """Both raise, Quart's error an ExceptionGroup."""
    return flask.error is not None and quart.error == "ExceptionGroup"


def only_flask_has(name: str) -> Symptom:
    """The symptom of a header only Flask sends, with the same status on both."""
    return lambda flask, quart: (
        flask.header(name) is not None
        and quart.header(name) is None
        and flask.status == quart.status
    )


def cache_differs(flask: Outcome, quart: Outcome) -> bool:
    """Same status, different Cache-Control."""
    return flask.status == quart.status and flask.header("cache-control") != quart.header(
        "cache-control"
    )


def bare_416(flask: Outcome, quart: Outcome) -> bool:
    """Both answer 416, only Flask with a Content-Range."""
    return (
        flask.status == quart.status == 416
        and flask.header("content-range") is not None
        and quart.header("content-range") is None
    )


def quart_took_range(flask: Outcome, quart: Outcome) -> bool:
    """Quart answers a Range (206, 416, 500 or a Content-Range) Flask ignored."""
    return (
        flask.header("content-range") is None
        and flask != quart
        and (quart.status in (206, 416, 500) or quart.header("content-range") is not None)
    )


def only_flask_415(flask: Outcome, quart: Outcome) -> bool:
    """Flask refuses with 415 Unsupported Media Type (a 500 page when an error handler raised
    it, or nothing when the handler for 500 did) and Quart does not."""
    raised = (flask.exception or "").startswith("UnsupportedMediaType")
    refused = flask.status == 415 or flask.status in (500, None) and raised
    return refused and quart.status != 415


def etags_differ(flask: Outcome, quart: Outcome) -> bool:
    """Both send an ETag, and not the same one."""
    return None not in (flask.header("etag"), quart.header("etag")) and flask.header(
        "etag"
    ) != quart.header("etag")


def outcomes_differ(flask: Outcome, quart: Outcome) -> bool:
    """The outcomes differ at all (for an entry whose cause is the whole conversion path)."""
    return flask != quart


def differ_beyond_vary_cookie(flask: Outcome, quart: Outcome) -> bool:
    """The outcomes differ once a `Vary: Cookie` only Quart sends is set aside: that one is
    `vary-cookie-always`'s, on every answer of Quart 0.23, whatever the view returned."""
    if not vary_cookie(flask, quart):
        return flask != quart
    headers = tuple(pair for pair in quart.headers if pair != ("vary", "Cookie"))
    return flask != dataclasses.replace(quart, headers=headers)
