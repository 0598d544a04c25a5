"""`/render` on both apps: any method gets exactly the value the expression describes, and
bad input gets a 400 JSON document that names the problem."""

from __future__ import annotations

import json

import pytest

from parity.engine import Engine
from parity.request import ProbeRequest
from shared.frameworks import Framework
from shared.routes.render import MAX_BODY_BYTES
from shared.routes.render import MAX_HEADERS
from shared.routes.render import MAX_SOURCE_BYTES
from shared.routes.render import RENDER_METHODS
from shared.routes.render import RENDER_PATH
from shared.routes.render import render_target
from tests.params import FRAMEWORKS

BODY_METHODS = [m for m in RENDER_METHODS if m != "HEAD"]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("method", RENDER_METHODS)
def test_any_method_reaches_the_view(engine: Engine, framework: Framework, method: str) -> None:
    """Every method, OPTIONS included, is answered by the view with the expression's value."""
    request = ProbeRequest(method, render_target("'made', 201, {'X-Made': 'yes'}"))
    outcome = engine.run(framework, request)
    assert outcome.error is None, outcome.describe()
    assert outcome.status == 201
    assert outcome.header("x-made") == "yes"
    if method != "HEAD":
        assert outcome.body == b"made"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_view_sees_the_request_method(engine: Engine, framework: Framework) -> None:
    """OPTIONS is not answered by the framework's automatic handler: no Allow header."""
    outcome = engine.run(framework, ProbeRequest("OPTIONS", render_target("'ok'")))
    assert outcome.status == 200
    assert outcome.header("allow") is None
    assert outcome.body == b"ok"


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_expression_in_a_json_body(engine: Engine, framework: Framework, method: str) -> None:
    """The expression may come as a JSON body instead of the query."""
    body = json.dumps({"expression": "jsonify(made=True), 202"}).encode()
    headers = (("Content-Type", "application/json"),)
    outcome = engine.run(framework, ProbeRequest(method, RENDER_PATH, headers, body))
    assert outcome.status == 202
    assert outcome.json == {"made": True}


def _json_body(document: object) -> tuple[tuple[tuple[str, str], ...], bytes]:
    return (("Content-Type", "application/json"),), json.dumps(document).encode()


_MANY_HEADERS = tuple((f"X-H{i}", "v") for i in range(MAX_HEADERS + 1))
_CHARACTER_BOMB = (
    "render_template_string('{% for a in x %}{% for b in x %}{% for c in x %}x"
    "{% endfor %}{% endfor %}{% endfor %}', x='" + "a" * 250 + "')"
)
"""Three loops over the characters of a 250-character str: 15.6 million iterations."""

REFUSALS = [
    pytest.param(ProbeRequest("GET", RENDER_PATH), "no-expression", id="no-expression"),
    pytest.param(
        ProbeRequest("GET", RENDER_PATH + "?expression=1&expression=2"),
        "ambiguous-expression",
        id="two-expressions",
    ),
    pytest.param(
        ProbeRequest("GET", render_target("print('ok')")), "outside-grammar", id="grammar"
    ),
    pytest.param(ProbeRequest("GET", render_target("'ok' +")), "unparsable", id="unparsable"),
    pytest.param(ProbeRequest("GET", render_target("d")), "outside-grammar", id="a-variable"),
    pytest.param(
        ProbeRequest("GET", render_target("__import__('os').system('true')")),
        "outside-grammar",
        id="a-call-outside-the-grammar",
    ),
    pytest.param(
        ProbeRequest("GET", render_target("'" + "x" * MAX_SOURCE_BYTES + "'")),
        "expression-too-large",
        id="source-too-large",
    ),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, *_json_body({"expression": "'" + "é" * 2100 + "'"})),
        "expression-too-large",
        id="source-too-large-in-utf8",
    ),
    pytest.param(
        ProbeRequest("GET", render_target(_CHARACTER_BOMB)), "too-much-work", id="too-much-work"
    ),
    pytest.param(ProbeRequest("POST", RENDER_PATH, (), b"{nope"), "bad-json", id="not-json"),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, *_json_body(["'ok'"])), "bad-json", id="json-list"
    ),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, *_json_body({"expression": 5})),
        "bad-json",
        id="json-number-expression",
    ),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, *_json_body({"other": "'ok'"})),
        "bad-json",
        id="json-without-expression",
    ),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, (), b"[" * 100_000),
        "body-too-large",
        id="body-too-large",
    ),
    pytest.param(
        ProbeRequest("POST", RENDER_PATH, (), b"[" * 50_000), "bad-json", id="deep-nesting"
    ),
    pytest.param(
        ProbeRequest("GET", render_target("'ok'"), _MANY_HEADERS),
        "too-many-headers",
        id="too-many-headers",
    ),
]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(("request_", "error"), REFUSALS)
def test_bad_input_is_refused_with_a_named_problem(
    engine: Engine, framework: Framework, request_: ProbeRequest, error: str
) -> None:
    """Bad input gets 400 application/json {"error", "detail"} naming the problem."""
    outcome = engine.run(framework, request_)
    assert outcome.error is None, outcome.describe()
    assert outcome.status == 400, outcome.describe()
    assert outcome.content_type == "application/json"
    assert outcome.json is not None
    assert outcome.json["error"] == error
    assert isinstance(outcome.json["detail"], str)
    assert outcome.json["detail"]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize(("count", "status"), [(MAX_HEADERS, 200), (MAX_HEADERS + 1, 400)])
def test_the_header_limit_counts_the_clients_headers(
    engine: Engine, framework: Framework, count: int, status: int
) -> None:
    """32 headers from the client are accepted and 33 refused on both apps, whatever the
    framework adds (Quart adds `Remote-Addr`); the in-process call sends `Host` itself."""
    headers = tuple((f"X-H{i}", "v") for i in range(count - 1))
    outcome = engine.run(framework, ProbeRequest("GET", render_target("'ok'"), headers))
    assert outcome.status == status, outcome.describe()


def test_limits_are_the_documented_ones() -> None:
    """The limits are 4 KiB of source, 64 KiB of body and 32 headers."""
    assert (MAX_SOURCE_BYTES, MAX_BODY_BYTES, MAX_HEADERS) == (4096, 65536, 32)
