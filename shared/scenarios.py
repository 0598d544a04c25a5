"""The named scenarios: what a person returns from a view, and what they expect to receive.

Each scenario is served by a hand-written view in both apps, at `path` (by default
`/scenarios/<id>`), and its `source` is the return value that view produces. The ids are
stable: they are test ids, route names and report rows.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from types import MappingProxyType
from typing import Any

from shared.frameworks import Framework
from shared.outcome import Outcome
from shared.users import USER_HEADER
from shared.users import USERS


class Seed(enum.Enum):
    """Where a scenario comes from."""

    AJAX_STATUS_TUPLE = (
        "answer to 'Flask, how to return a success status code for ajax call': "
        "return a body, a status and headers"
    )
    AJAX_JSONIFY = (
        "answer to 'Flask, how to return a success status code for ajax call': "
        "jsonify, make_response and an admin_required decorator"
    )
    ABOUT_RESPONSES = "Flask docs, Quickstart 'About Responses': the conversion rules"
    ROUTING = "requests that reach conversion through routing, hooks or error handlers"


@dataclass(frozen=True)
class Expected:
    """What a user expects to receive; fields left as None are not checked."""

    status: int
    content_type: str | None = None
    json: Any = None
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    absent: tuple[str, ...] = ()
    listing: tuple[tuple[str, frozenset[str]], ...] = ()
    """Headers whose comma-separated items must be exactly this set, in any order."""

    def mismatches(self, outcome: Outcome) -> list[str]:
        """Each way the outcome falls short, as a sentence; empty when it meets the expectation."""
        found = []
        if outcome.error is not None:
            found.append(f"{outcome.error} escaped to the server: {outcome.error_detail}")
        if outcome.status != self.status:
            found.append(f"status is {outcome.status}, expected {self.status}")
        if self.content_type is not None and outcome.content_type != self.content_type:
            found.append(
                f"Content-Type is {outcome.content_type!r}, expected {self.content_type!r}"
            )
        if self.json is not None and outcome.json != self.json:
            found.append(f"JSON body is {outcome.json!r}, expected {self.json!r}")
        if self.body is not None and outcome.body != self.body:
            found.append(f"body is {outcome.body!r}, expected {self.body!r}")
        for name, value in self.headers:
            if value not in outcome.header_values(name):
                found.append(
                    f"header {name} is {outcome.header_values(name)!r}, expected {value!r}"
                )
        for name, items in self.listing:
            listed = {item.strip() for item in (outcome.header(name) or "").split(",")}
            if listed != items:
                found.append(f"header {name} lists {sorted(listed)}, expected {sorted(items)}")
        for name in self.absent:
            if outcome.header(name) is not None:
                found.append(f"header {name} is present ({outcome.header(name)!r}), expected none")
        return found


@dataclass(frozen=True)
class Scenario:
    """One named case: the request, the return value behind it, and the expected answer.

    `differs_on` names, per framework, the registry divergence that explains why that
    framework does not give `expected`; the test for that pair is a strict xfail.
    """

    id: str
    title: str
    source: str
    seed: Seed
    expected: Expected
    path: str = ""
    method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()
    differs_on: Mapping[Framework, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def url(self) -> str:
        """The path the apps serve this scenario at."""
        return self.path or f"/scenarios/{self.id}"


HTML = "text/html; charset=utf-8"
JSON = "application/json"
TEXT = "text/plain; charset=utf-8"
ADMIN = ((USER_HEADER, "ada"),)
"""The request header that logs in the demo admin user (see the apps' `users` module)."""

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "plain-string",
        "A plain string is a 200 HTML page",
        "'ok'",
        Seed.AJAX_STATUS_TUPLE,
        Expected(200, HTML, body=b"ok"),
    ),
    Scenario(
        "json-dumps-contenttype-typo",
        "json.dumps with a 'ContentType' header keeps text/html and adds a stray header",
        "json.dumps({'success': True}), 200, {'ContentType': 'application/json'}",
        Seed.AJAX_STATUS_TUPLE,
        Expected(200, HTML, body=b'{"success": true}', headers=(("ContentType", JSON),)),
    ),
    Scenario(
        "json-dumps-content-type",
        "json.dumps with a correct 'Content-Type' header is JSON",
        "json.dumps({'success': True}), 200, {'Content-Type': 'application/json'}",
        Seed.AJAX_STATUS_TUPLE,
        Expected(200, JSON, json={"success": True}, absent=("ContentType",)),
    ),
    Scenario(
        "jsonify-kwargs",
        "jsonify(success=True) is a 200 JSON response",
        "jsonify(success=True)",
        Seed.AJAX_JSONIFY,
        Expected(200, JSON, json={"success": True}),
    ),
    Scenario(
        "jsonify-status-code-set-after",
        "Setting resp.status_code after jsonify keeps the JSON and the status",
        "resp = jsonify(success=True)\nresp.status_code = 200\nreturn resp",
        Seed.AJAX_JSONIFY,
        Expected(200, JSON, json={"success": True}),
    ),
    Scenario(
        "make-response-jsonify-201",
        "make_response(jsonify(data), 201) is a 201 JSON response",
        "make_response(jsonify({'id': 7, 'name': 'Ada'}), 201)",
        Seed.AJAX_JSONIFY,
        Expected(201, JSON, json={"id": 7, "name": "Ada"}),
    ),
    Scenario(
        "jsonify-error-401",
        "(jsonify(error=...), 401) is a 401 JSON response",
        "jsonify({'error': 'Admin access is required'}), 401",
        Seed.AJAX_JSONIFY,
        Expected(401, JSON, json={"error": "Admin access is required"}),
    ),
    Scenario(
        "admin-api-anonymous",
        "admin_required on an /api/ route answers 401 JSON to a visitor",
        "jsonify({'error': 'Admin access is required'}), 401",
        Seed.AJAX_JSONIFY,
        Expected(401, JSON, json={"error": "Admin access is required"}),
        path="/api/admin/stats",
    ),
    Scenario(
        "admin-api-admin",
        "admin_required on an /api/ route lets an admin through",
        "jsonify(users=3, admins=1)",
        Seed.AJAX_JSONIFY,
        Expected(200, JSON, json={"users": 3, "admins": 1}),
        path="/api/admin/stats",
        request_headers=ADMIN,
    ),
    Scenario(
        "admin-page-anonymous",
        "admin_required on an HTML route flashes a message and redirects to the index",
        "redirect('/')",
        Seed.AJAX_JSONIFY,
        Expected(302, HTML, headers=(("Location", "/"),)),
        path="/admin",
    ),
    Scenario(
        "admin-page-admin",
        "admin_required on an HTML route lets an admin through",
        "'<h1>Admin</h1>'",
        Seed.AJAX_JSONIFY,
        Expected(200, HTML, body=b"<h1>Admin</h1>"),
        path="/admin",
        request_headers=ADMIN,
    ),
    Scenario(
        "about-response-object",
        "A response object is returned as it is",
        "Response('created', status=201, mimetype='text/plain')",
        Seed.ABOUT_RESPONSES,
        Expected(201, TEXT, body=b"created"),
    ),
    Scenario(
        "about-string",
        "A string becomes the body of a 200 HTML response",
        "'Hello, World!'",
        Seed.ABOUT_RESPONSES,
        Expected(200, HTML, body=b"Hello, World!"),
    ),
    Scenario(
        "about-dict",
        "A dict is serialized as JSON",
        "{'name': 'Ada', 'admin': True}",
        Seed.ABOUT_RESPONSES,
        Expected(200, JSON, json={"name": "Ada", "admin": True}),
    ),
    Scenario(
        "about-generator",
        "A generator of strings is streamed",
        "(chunk for chunk in ['a', 'b', 'c'])",
        Seed.ABOUT_RESPONSES,
        Expected(200, HTML, body=b"abc", absent=("Content-Length",)),
    ),
    Scenario(
        "about-tuple-status",
        "(body, status) sets the status",
        "'Created', 201",
        Seed.ABOUT_RESPONSES,
        Expected(201, HTML, body=b"Created"),
    ),
    Scenario(
        "about-tuple-headers",
        "(body, headers) adds the headers",
        "'ok', {'X-Request-Id': 'abc'}",
        Seed.ABOUT_RESPONSES,
        Expected(200, HTML, body=b"ok", headers=(("X-Request-Id", "abc"),)),
    ),
    Scenario(
        "about-tuple-status-headers",
        "(body, status, headers) sets both",
        "'Gone away', 410, [('X-Reason', 'moved')]",
        Seed.ABOUT_RESPONSES,
        Expected(410, HTML, body=b"Gone away", headers=(("X-Reason", "moved"),)),
    ),
    Scenario(
        "about-wsgi-callable",
        "A WSGI callable is called and its response is used",
        "lambda environ, start_response: "
        "(start_response('200 OK', [('Content-Type', 'text/plain')]), [b'from wsgi'])[1]",
        Seed.ABOUT_RESPONSES,
        Expected(200, "text/plain", body=b"from wsgi"),
        differs_on=MappingProxyType({Framework.QUART: "wsgi-callable"}),
    ),
    Scenario(
        "error-handler-tuple",
        "An error handler that returns (jsonify(...), status) answers an abort",
        "jsonify(error='I am a teapot'), 418",
        Seed.ROUTING,
        Expected(418, JSON, json={"error": "I am a teapot"}),
    ),
    Scenario(
        "after-request-header",
        "An after_request hook adds a header to what the view returned",
        "'hooked'",
        Seed.ROUTING,
        Expected(200, HTML, body=b"hooked", headers=(("X-After-Request", "yes"),)),
    ),
    Scenario(
        "head-on-get-route",
        "HEAD on a GET route answers the GET's status and headers",
        "'ok'",
        Seed.ROUTING,
        Expected(200, HTML, headers=(("Content-Length", "2"),)),
        path="/scenarios/plain-string",
        method="HEAD",
    ),
    Scenario(
        "method-not-allowed",
        "POST to a GET route is a 405 that lists the allowed methods",
        "MethodNotAllowed()",
        Seed.ROUTING,
        Expected(405, HTML, listing=(("Allow", frozenset({"GET", "HEAD", "OPTIONS"})),)),
        path="/scenarios/plain-string",
        method="POST",
    ),
    Scenario(
        "not-found",
        "An unknown path is a 404 HTML page",
        "NotFound()",
        Seed.ROUTING,
        Expected(404, HTML),
        path="/no/such/page",
    ),
)

SCENARIOS_BY_ID: Mapping[str, Scenario] = MappingProxyType({s.id: s for s in SCENARIOS})


EXPLORER_PAGE = "/_parity/explorer"
"""`shared.routes.explorer.EXPLORER_PATH`, linked from the index (that module reads the seeds)."""


def index_page(framework_title: str, flashed: Iterable[object]) -> str:
    """The apps' public index: a heading naming the framework, flashed messages, how the admin
    scenarios pick their user, then a link to every GET scenario with the headers it sends."""
    notes = "".join(f"<p class=flash>{html.escape(str(message))}</p>" for message in flashed)
    users = ", ".join(
        f"<code>{html.escape(u.name)}</code> ({'admin' if u.is_admin else 'not admin'})"
        for u in USERS.values()
    )
    login = (
        f"<p>The admin routes read the request header <code>{html.escape(USER_HEADER)}</code>: "
        f"{users}; without it you are a visitor.</p>"
    )
    links = "".join(
        f'<li><a href="{html.escape(s.url)}">{html.escape(s.id)}</a> {html.escape(s.title)}'
        + "".join(
            f" <small>(send <code>{html.escape(name)}: {html.escape(value)}</code>)</small>"
            for name, value in s.request_headers
        )
        + "</li>"
        for s in SCENARIOS
        if s.method == "GET"
    )
    explorer = (
        f'<p><a href="{EXPLORER_PAGE}">Open the explorer</a> to run any return on both servers '
        "side by side (use the address <code>parity serve</code> printed: it carries the "
        "token <code>/render</code> asks for).</p>"
    )
    title = html.escape(framework_title)
    return f"<h1>{title} parity lab</h1>{notes}{explorer}{login}<ul>{links}</ul>"
