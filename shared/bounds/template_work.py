"""An upper bound of the work a template render asks for, found from its text and its literal
context without rendering it.

A template here is the inert part of Jinja `shared.model.templates` accepts: text,
`{{ name|filter... }}`, `{% if name %}`, `{% for item in name %}`, `{% else %}`, the `end`
tags and comments. The context is literal JSON. So every value a tag can read is known: a
context value, or (inside a loop) any item of what the loop walks. `Shape` sums up such a value
as the most a render can make of it; the walk over the template multiplies a loop body's cost
by the most items the loop can take, and takes the dearer branch of an `if`.

Two costs come out, both upper bounds for either framework: `steps` (tags evaluated, text
pieces written and loop iterations) and `chars` (characters made: each filter's result and
each piece of output, so also a bound of the rendered length).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import TypeAlias

from shared import model as m
from shared.building.plain_values import python_value

ESCAPE_GROWTH = 5
"""Autoescaping or `|e` writes one character as at most five (`&amp;`, `&#34;`, `&#39;`)."""
CASE_GROWTH = 3
"""`|upper` and `|lower` make at most three characters of one (`'\\u0390'.upper()`)."""
JSON_GROWTH = 12
"""`|tojson` writes one character as at most twelve: a surrogate pair `\\ud83d\\ude00`."""
REPR_GROWTH = 10
"""A str inside a list shows its repr: one character as at most ten (`\\U000e0001`)."""
LENGTH_DIGITS = 20
"""The most digits `|length` can write."""
SATURATED = 10**18
"""Costs stop growing here, so that a chain of filters never makes a huge number."""


@dataclass(frozen=True)
class Shape:
    """The most a template can make of any one of a set of values."""

    text: int
    """Characters of `str()` of the value."""
    listed: int
    """Characters of its `repr()`, the form a list or dict shows its items in."""
    json: int
    """Characters the `tojson` filter writes for it."""
    count: int = 0
    """Items a `for` over it takes (0: empty, or not iterable, which fails alike)."""
    item: Shape | None = field(default=None, repr=False)
    """What a `for` over it binds, merged over its items (None: no items)."""
    chars: bool = False
    """Whether a `for` over it walks characters (a str)."""


CHARACTER = Shape(1, REPR_GROWTH + 2, JSON_GROWTH + 2, 1, None, True)
"""One character of a str (a `for` over it binds itself)."""
UNDEFINED = Shape(0, 0, 0)
"""A name neither the context nor a loop binds: Jinja's Undefined, empty and falsy."""


def merged(a: Shape | None, b: Shape | None) -> Shape | None:
    """The shape that bounds both."""
    if a is None or b is None:
        return a or b
    return Shape(
        max(a.text, b.text),
        max(a.listed, b.listed),
        max(a.json, b.json),
        max(a.count, b.count),
        merged(a.item, b.item),
        a.chars or b.chars,
    )


def items_of(shape: Shape) -> Shape | None:
    """What a `for` over a value of this shape binds."""
    return merged(shape.item, CHARACTER if shape.chars else None)


def text_shape(length: int) -> Shape:
    """A str of at most `length` characters."""
    length = min(length, SATURATED)
    return Shape(length, 2 + REPR_GROWTH * length, 2 + JSON_GROWTH * length, length, None, True)


def _sum_items(parts: list[int]) -> int:
    """Brackets, the items, and `, ` between them."""
    return 2 + sum(parts) + 2 * max(len(parts) - 1, 0)


def shape_of(value: m.JsonValue) -> Shape:
    """The shape of one literal context value."""
    if isinstance(value, str):
        escaped = sum(value.count(c) for c in "<>&'")  # tojson's HTML-safe `\\u00XX` forms
        return Shape(
            len(value),
            len(repr(value)),
            len(json.dumps(value)) + 5 * escaped,
            len(value),
            None,
            True,
        )
    if isinstance(value, m.JsonArray):
        items = [shape_of(item) for item in value.items]
        listed = _sum_items([s.listed for s in items])
        item: Shape | None = None
        for each in items:
            item = merged(item, each)
        return Shape(listed, listed, _sum_items([s.json for s in items]), len(items), item)
    if isinstance(value, m.JsonObject):
        keys = [shape_of(key) for key, _ in value.items]
        values = [shape_of(item) for _, item in value.items]
        listed = _sum_items([k.listed + 2 + v.listed for k, v in zip(keys, values, strict=True)])
        # A key that is not a str is written as a JSON string: two quotes more.
        written = _sum_items([k.json + 4 + v.json for k, v in zip(keys, values, strict=True)])
        key: Shape | None = None
        for each in keys:
            key = merged(key, each)
        return Shape(listed, listed, written, len(keys), key)
    if isinstance(value, m.MarkupValue):
        # A str to a loop, a filter and tojson; shaped as one, escaping counted as if it grew.
        return shape_of(value.text)
    made = python_value(value)
    text, listed = len(str(made)), len(repr(made))
    if isinstance(value, bool | int | float) or value is None:
        # `Infinity`, `-Infinity`, `null`, `false` are the longest JSON forms of the scalars.
        return Shape(text, listed, max(text, 9))
    # A typed value: the JSON provider writes an HTTP date, a UUID or a Decimal as a string,
    # and a Point as a dict, never longer than its repr written character by character.
    return Shape(text, listed, 2 + JSON_GROWTH * listed)


@dataclass(frozen=True)
class TemplateWork:
    """What one render can cost at most."""

    depth: int
    """The deepest nesting of `if` and `for` blocks."""
    steps: int = 0
    """Tags evaluated, text pieces written and loop iterations."""
    chars: int = 0
    """Characters made: every filter's result and every piece of output."""


_Part: TypeAlias = "_Block | m.TemplatePiece"


@dataclass
class _Block:
    """An `if` or a `for`, with the parts it runs and the parts its `else` runs."""

    piece: m.TemplatePiece
    body: list[_Part] = field(default_factory=list)
    orelse: list[_Part] | None = None

    def add(self, part: _Part) -> None:
        (self.body if self.orelse is None else self.orelse).append(part)


def _tree(pieces: tuple[m.TemplatePiece, ...]) -> tuple[list[_Part], int]:
    """The top-level parts with their blocks, and the deepest nesting. Tags that do not match
    (which Jinja refuses in both frameworks) close or open what they can, so that any text
    gives some tree."""
    root = _Block(m.TemplatePiece("text"))
    stack = [root]
    depth = 0
    for piece in pieces:
        if piece.kind in ("if", "for"):
            block = _Block(piece)
            stack[-1].add(block)
            stack.append(block)
            depth = max(depth, len(stack) - 1)
        elif piece.kind == "else" and len(stack) > 1 and stack[-1].orelse is None:
            stack[-1].orelse = []
        elif piece.kind == "end" and len(stack) > 1:
            stack.pop()
        elif piece.kind in ("text", "output"):
            stack[-1].add(piece)
    return root.body, depth


def _output(piece: m.TemplatePiece, scope: Mapping[str, Shape]) -> tuple[int, int]:
    """Steps and characters of one `{{ name|filter... }}`."""
    shape = scope.get(piece.name, UNDEFINED)
    made = shape.text  # what str() of the value makes, the first thing most filters do
    length = shape.text
    markup = False
    for position, name in enumerate(piece.filters):
        current = shape if position == 0 else text_shape(length)
        if name == "e":
            length, markup = ESCAPE_GROWTH * current.text, True
        elif name == "safe":
            length, markup = current.text, True
        elif name == "tojson":
            length, markup = current.json, True
        elif name in ("upper", "lower"):
            length, markup = CASE_GROWTH * current.text, False
        elif name == "length":
            length, markup = LENGTH_DIGITS, False
        else:  # join: str() of each item, at most the text of the whole
            length, markup = ESCAPE_GROWTH * current.text, False
        length = min(length, SATURATED)
        made += length
    written = length if markup else ESCAPE_GROWTH * length
    return 1 + len(piece.filters), min(made + written, SATURATED)


def _cost(parts: list[_Part], scope: dict[str, Shape]) -> tuple[int, int]:
    """Steps and characters of a run of pieces, at most."""
    steps = chars = 0
    for part in parts:
        if isinstance(part, m.TemplatePiece):
            if part.kind == "text":
                steps, chars = steps + 1, chars + len(part.text)
            else:
                more_steps, more_chars = _output(part, scope)
                steps, chars = steps + more_steps, chars + more_chars
            continue
        piece = part.piece
        shape = scope.get(piece.name, UNDEFINED)
        other = _cost(part.orelse or [], scope)
        if piece.kind == "if":
            body = _cost(part.body, scope)
            steps += 1 + max(body[0], other[0])
            chars += max(body[1], other[1])
        else:
            inner = dict(scope)
            item = items_of(shape)
            if item is not None:
                inner[piece.item] = item
            body = _cost(part.body, inner)
            # Each iteration also sets the loop variable; the else runs when nothing does.
            steps += 1 + shape.count * (body[0] + 1) + other[0]
            chars += shape.count * body[1] + other[1]
        steps, chars = min(steps, SATURATED), min(chars, SATURATED)
    return steps, chars


def template_work(
    source: str, context: tuple[tuple[str, m.JsonValue], ...], deepest: int
) -> TemplateWork:
    """The most one render of `source` with `context` can cost; past `deepest` nested blocks
    only the depth is measured (the caller refuses it)."""
    top, depth = _tree(m.template_pieces(source))
    if depth > deepest:
        return TemplateWork(depth)
    scope = {name: shape_of(value) for name, value in context}
    steps, chars = _cost(top, scope)
    return TemplateWork(depth, steps, chars)
