"""Rendered templates: `render_template_string('...', x=...)` and `render_template('<name>', ...)`.

Both helpers return the rendered `str`, which the view returns as its body (Quart's are
coroutines, awaited in the view). The template text is held to a small, inert part of Jinja:
`{{ name }}` with filters from a short list, `{% if name %}`, `{% for item in name %}`,
`{% else %}`, the matching `end` tags and comments. No attribute, item or call syntax is
accepted, so text read from outside can never reach Python objects through a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias

from shared.model.files import plain_file_name
from shared.model.values import JsonValue
from shared.model.values import json_source

TEMPLATE_NAMES = ("greeting.html", "items.html", "note.txt")
"""The templates both apps ship (`flask_app/templates/`, `quart_app/templates/`, same text)."""
SHIPPED_TEMPLATES = {
    "greeting.html": "<p>Hello, {{ name }}!</p>\n",
    "items.html": "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>\n",
    "note.txt": "Note: {{ text }}\n",
}
"""The text of each shipped template, so that the work a render asks for is known before it
runs (a test holds the files to this text)."""
TEMPLATE_FILTERS = ("e", "safe", "tojson", "upper", "lower", "length", "join")
"""The Jinja filters a template here may apply."""
RESERVED_NAMES = frozenset(
    {
        "config",
        "request",
        "session",
        "g",
        "url_for",
        "get_flashed_messages",
        "range",
        "lipsum",
        "dict",
        "cycler",
        "joiner",
        "namespace",
        "self",
        "loop",
        "varargs",
        "kwargs",
        "caller",
    }
)
"""Names the frameworks or Jinja bind in every template: their text is each framework's own
object (its request, its config), so a template here may neither read nor rebind them."""

TagKind: TypeAlias = Literal["text", "output", "if", "for", "else", "end", "comment"]
"""What a piece of an accepted template is."""
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_OPEN = re.compile(r"\{[{%#]")
_TAGS: tuple[tuple[TagKind, re.Pattern[str]], ...] = (
    (
        "output",
        re.compile(rf"\{{\{{-?\s*(?P<name>{_NAME})(?P<filters>(?:\s*\|\s*{_NAME})*)\s*-?\}}\}}"),
    ),
    ("if", re.compile(rf"\{{%-?\s*if\s+(?P<name>{_NAME})\s*-?%\}}")),
    ("for", re.compile(rf"\{{%-?\s*for\s+(?P<item>{_NAME})\s+in\s+(?P<name>{_NAME})\s*-?%\}}")),
    ("else", re.compile(r"\{%-?\s*else\s*-?%\}")),
    ("end", re.compile(r"\{%-?\s*(?:endif|endfor)\s*-?%\}")),
    ("comment", re.compile(r"\{#.*?#\}", re.DOTALL)),
)


@dataclass(frozen=True)
class TemplatePiece:
    """One piece of an accepted template: literal text, or a tag with the names it uses."""

    kind: TagKind
    text: str = ""
    """The literal text (kind "text"), else the tag as written."""
    name: str = ""
    """The variable an output, `if` or `for` reads."""
    item: str = ""
    """The name a `for` binds."""
    filters: tuple[str, ...] = ()


def template_pieces(text: str) -> tuple[TemplatePiece, ...]:
    """The template's text and tags in order; ValueError names the first part outside the
    inert part of Jinja accepted here. Mismatched `if`/`for` blocks are left to Jinja: both
    frameworks refuse them alike."""
    pieces: list[TemplatePiece] = []
    position = 0
    while (found := _OPEN.search(text, position)) is not None:
        start = found.start()
        if start > position:
            pieces.append(TemplatePiece("text", text[position:start]))
        found_tag = _tag_at(text, start)
        if found_tag is None:
            shown = text[start : start + 30]
            raise ValueError(
                f"template syntax outside {{{{ name|filter }}}}, if, for and comments: {shown!r}"
            )
        kind, tag = found_tag
        groups = tag.groupdict()
        for key in ("name", "item"):
            if groups.get(key) in RESERVED_NAMES:
                raise ValueError(f"`{groups[key]}` is bound by the framework in every template")
        filters = tuple(re.findall(_NAME, groups.get("filters") or ""))
        for used in filters:
            if used not in TEMPLATE_FILTERS:
                raise ValueError(f"the `{used}` filter is not one of {', '.join(TEMPLATE_FILTERS)}")
        name, item = groups.get("name") or "", groups.get("item") or ""
        pieces.append(TemplatePiece(kind, tag.group(), name, item, filters))
        position = tag.end()
    if position < len(text):
        pieces.append(TemplatePiece("text", text[position:]))
    return tuple(pieces)


def _tag_at(text: str, start: int) -> tuple[TagKind, re.Match[str]] | None:
    for kind, pattern in _TAGS:
        tag = pattern.match(text, start)
        if tag is not None:
            return kind, tag
    return None


def template_problem(text: str) -> str | None:
    """What in a template's text falls outside the inert part of Jinja accepted here, or None."""
    try:
        template_pieces(text)
    except ValueError as error:
        return str(error)
    return None


def _context_problem(context: tuple[tuple[str, JsonValue], ...], taken: str) -> str | None:
    names = [name for name, _ in context]
    if len(set(names)) != len(names):
        return f"a keyword is given twice: {names!r}"
    for name in names:
        if name == taken:
            return f"`{taken}` is the helper's own parameter, not a context name"
        if name in RESERVED_NAMES:
            return f"`{name}` is bound by the framework in every template"
        if not re.fullmatch(_NAME, name):
            return f"{name!r} is not a keyword argument name"
    return None


def _context_source(context: tuple[tuple[str, JsonValue], ...]) -> str:
    return "".join(f", {name}={json_source(value)}" for name, value in context)


@dataclass(frozen=True)
class RenderTemplateString:
    """`render_template_string(source, name=value, ...)` with literal context, or
    `stream_template_string(...)`."""

    source: str
    context: tuple[tuple[str, JsonValue], ...] = ()
    streamed: bool = False
    """`stream_template_string(...)`: the render as a stream of pieces (Quart awaits it)."""

    def __post_init__(self) -> None:
        problem = template_problem(self.source) or _context_problem(self.context, "source")
        if problem is not None:
            raise ValueError(problem)

    def to_source(self) -> str:
        """The call."""
        helper = "stream_template_string" if self.streamed else "render_template_string"
        return f"{helper}({self.source!r}{_context_source(self.context)})"


@dataclass(frozen=True)
class RenderTemplate:
    """`render_template('<name>', name=value, ...)` of a template both apps ship, or
    `stream_template(...)`."""

    name: str
    context: tuple[tuple[str, JsonValue], ...] = ()
    streamed: bool = False
    """`stream_template(...)`: the render as a stream of pieces (Quart awaits it)."""
    listed: tuple[str, ...] = ()
    """The names the source passes as a list to try in order, `render_template(['a.xml',
    'greeting.html'])`, of which `name` is the first both apps ship; empty for one name."""

    def __post_init__(self) -> None:
        if self.name not in TEMPLATE_NAMES:
            raise ValueError(
                f"no shipped template {self.name!r}; the apps ship {', '.join(TEMPLATE_NAMES)}"
            )
        if self.listed:
            if not all(plain_file_name(each) for each in self.listed):
                raise ValueError("a template name here is a plain file name, no folder")
            shipped = [each for each in self.listed if each in TEMPLATE_NAMES]
            if not shipped or shipped[0] != self.name:
                raise ValueError(f"the first shipped template in the list is not {self.name!r}")
        problem = _context_problem(self.context, "template_name_or_list")
        if problem is not None:
            raise ValueError(problem)

    def to_source(self) -> str:
        """The call."""
        helper = "stream_template" if self.streamed else "render_template"
        named = f"[{', '.join(map(repr, self.listed))}]" if self.listed else repr(self.name)
        return f"{helper}({named}{_context_source(self.context)})"
