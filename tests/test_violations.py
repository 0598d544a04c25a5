"""At the app boundary, header text and reason phrases that cannot go on the wire as they are
(control characters, an empty name, text latin-1 cannot encode) are protocol violations."""

from __future__ import annotations

import pytest

from parity.engine import Engine
from parity.request import ProbeRequest
from parity.violations import header_problem
from parity.violations import text_problem
from shared.frameworks import Framework
from shared.routes.render import render_target
from tests.params import FRAMEWORKS

BOTH = [
    pytest.param("'ok', 200, {'X-A\\r\\nX-Injected: 1': 'v'}", "control character", id="crlf-name"),
    pytest.param("'ok', 200, {'X-A': 'v\\x00w'}", "control character", id="nul-value"),
    pytest.param("'ok', 200, {'X-A': 'v\\x1bw'}", "control character", id="escape-value"),
    pytest.param("'ok', 200, {'': 'v'}", "empty name", id="empty-name"),
]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(("source", "problem"), BOTH)
def test_header_text_violations(
    engine: Engine, framework: Framework, source: str, problem: str
) -> None:
    """Both drivers flag a header that would break the header block as a ProtocolViolation."""
    outcome = engine.run(framework, ProbeRequest("GET", render_target(source)))
    assert outcome.error == "ProtocolViolation", outcome.describe()
    assert problem in outcome.error_detail


@pytest.mark.flask
@pytest.mark.parametrize(
    ("source", "problem"),
    [
        pytest.param("'ok', '200 OK\\r\\nX-Injected: 1'", "control character", id="crlf-reason"),
        pytest.param("'ok', 200, {'X-\\u20ac': 'v'}", "not latin-1", id="non-latin-1-name"),
    ],
)
def test_wsgi_status_line_and_name_violations(engine: Engine, source: str, problem: str) -> None:
    """A reason phrase with CR LF, or a header name latin-1 cannot encode, breaks PEP 3333."""
    outcome = engine.run(Framework.FLASK, ProbeRequest("GET", render_target(source)))
    assert outcome.error == "ProtocolViolation", outcome.describe()
    assert problem in outcome.error_detail


def test_plain_header_text_is_fine() -> None:
    """Printable latin-1 text and a horizontal tab are allowed."""
    assert header_problem("X-A", "caf\u00e9\tok") is None
    assert text_problem("reason phrase", "Custom Reason") is None
