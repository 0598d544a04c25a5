"""Read what a real server puts on the wire, as an Outcome (reason phrase as sent)."""

from __future__ import annotations

import http.client

from parity.request import ProbeRequest
from shared.outcome import Outcome

WIRE_TIMEOUT = 10.0
"""Seconds a server may take to answer one request."""


def fetch(host: str, port: int, request: ProbeRequest) -> Outcome:
    """Send one HTTP/1.1 request over a fresh connection and read the whole answer."""
    connection = http.client.HTTPConnection(host, port, timeout=WIRE_TIMEOUT)
    try:
        connection.request(
            request.method, request.path, body=request.body or None, headers=dict(request.headers)
        )
        response = connection.getresponse()
        body = response.read()
        return Outcome.from_raw(
            response.status, response.getheaders(), body, reason=response.reason
        )
    finally:
        connection.close()
