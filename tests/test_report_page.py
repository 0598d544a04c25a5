"""The report page shows data as text: nothing from an outcome, a source or a registry row
becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from parity.report import merge
from parity.report import render_html
from shared.divergences.upstream import NOT_REPORTED

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(1)</script><a href='javascript:1'>&amp;"


class _Tags(HTMLParser):
    """Records every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def _outcome(text: str) -> dict[str, Any]:
    return {
        "status": 500,
        "reason": text,
        "headers": [[text, text], ["content-type", text]],
        "body": text,
        "body_base64": False,
        "json": None,
        "error": text,
        "error_detail": text,
        "exception": text,
    }


def _leg_measurement(text: str) -> dict[str, Any]:
    """One leg's measurement with `text` in every string a run could put there."""
    result = {
        "flask": _outcome(text),
        "quart": _outcome(text),
        "flask_meets_expectation": False,
        "quart_meets_expectation": False,
        "same": False,
        "divergences": ["head-body"],
        "differences": [text],
        "unexplained": [text],
    }
    example = {"request": text, "source": text, "shows": True, "differences": [text]}
    return {
        "leg": {
            "id": "leg-1",
            "python": text,
            "flask": text,
            "quart": text,
            "werkzeug": text,
            "examples": 1,
            "seconds": 0.1,
            "generated": text,
        },
        "scenarios": [
            {
                "id": "plain-string",
                "title": text,
                "seed": text,
                "source": text,
                "method": "GET",
                "path": text,
                "request_headers": [[text, text]],
                "result": result,
            }
        ],
        "divergences": [
            {
                "id": "head-body",
                "title": text,
                "category": text,
                "flask": text,
                "quart": text,
                "cause": text,
                "on_the_wire": text,
                "flask_versions": text,
                "quart_versions": text,
                "werkzeug_versions": text,
                "upstream": NOT_REPORTED.to_dict(),
                "result": {
                    "holds": True,
                    "examples_behave_as_claimed": True,
                    "minimal_example": {"request": text, "source": text},
                    "explored_hits": 1,
                    "examples": [example],
                },
            }
        ],
        "unexplained": [{"request": text, "source": text, "differences": [text]}],
    }


def test_markup_in_data_adds_no_element() -> None:
    """A page built from data full of markup has exactly the elements of a page built from
    harmless text: every `<` from the data was escaped."""
    hostile = render_html(merge([_leg_measurement(PAYLOAD)]))
    harmless = render_html(merge([_leg_measurement("x")]))
    assert [tag for tag, _ in _tags(hostile)] == [tag for tag, _ in _tags(harmless)]
    assert not any(tag in {"img", "script"} for tag, _ in _tags(hostile))
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile


@pytest.mark.parametrize("text", ["<h1>Admin</h1>", "a & b", "\"quoted\" 'single'"])
def test_scenario_body_is_shown_as_text(text: str) -> None:
    """A scenario's body is on the page, escaped, so `<h1>Admin</h1>` reads as text."""
    page = render_html(merge([_leg_measurement(text)]))
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert (
        f'<pre class="body">{escaped.replace(chr(34), "&#34;").replace(chr(39), "&#39;")}' in page
    )


def _with_upstream(url: str) -> str:
    measured = _leg_measurement("x")
    measured["divergences"][0]["upstream"] = {**NOT_REPORTED.to_dict(), "url": url}
    return render_html(merge([measured]))


def _hrefs(page: str) -> list[str]:
    return [
        value or ""
        for tag, attrs in _tags(page)
        if tag == "a"
        for name, value in attrs
        if name == "href"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.domain)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "http:alert(1)",
    ],
)
def test_an_upstream_that_is_not_a_web_url_is_text(url: str) -> None:
    """A leg file's upstream link that is not an http(s) URL is shown as text, never a link."""
    page = _with_upstream(url)
    assert all(href.startswith("#") for href in _hrefs(page)), _hrefs(page)
    assert " · <code>" in page


def test_an_upstream_web_url_is_a_link() -> None:
    """An http(s) upstream link is a link."""
    url = "https://github.com/pallets/quart/issues/216"
    assert url in _hrefs(_with_upstream(url))


def _policy(page: str) -> str:
    policies = [
        dict(attrs).get("content") or ""
        for tag, attrs in _tags(page)
        if tag == "meta"
        and (dict(attrs).get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1, policies
    return policies[0]


def test_the_page_carries_a_policy_that_allows_no_script() -> None:
    """The page has a Content-Security-Policy meta: nothing by default, no script source, no
    base or form targets; and it has no script of its own to need one."""
    page = render_html(merge([_leg_measurement(PAYLOAD)]))
    directives = {
        part.split()[0]: part.split()[1:] for part in _policy(page).split(";") if part.strip()
    }
    assert directives["default-src"] == ["'none'"]
    assert "script-src" not in directives
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'none'"]
    assert not any(tag == "script" for tag, _ in _tags(page))
