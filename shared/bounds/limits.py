"""Bounds on the work a return value may ask of the apps, checked before either runs it.

The grammar admits literals only, so the work most values ask for follows the size of their
source (itself limited by `shared.parse` and `shared.routes.render`). Two things multiply instead:

- a template: loops nest (three `for` over a 250-item list are 15.6 million iterations from
  620 bytes), and filters grow text (each `|tojson` doubles the backslashes it meets);
- a stream: every chunk is one more call, write and (chunked) frame on the server.

`work_problem` finds every template and stream in a value, bounds its cost with
`shared.bounds.template_work`, and names the first bound it passes. `parity compare`, `/render`, the
engine and `parity scan` all check here, so each refuses the same values.
"""

from __future__ import annotations

from dataclasses import fields
from dataclasses import is_dataclass

from shared import model as m
from shared.bounds.template_work import template_work

MAX_TEMPLATE_STEPS = 100_000
"""Tags evaluated, text pieces written and loop iterations in one render (a loop over 300
items holding a 300-item loop is 90,000; either framework takes well under a second)."""
MAX_TEMPLATE_CHARS = 1_000_000
"""Characters one render may make, counting each filter's result as well as the output:
so also the largest rendered body (a megabyte of text)."""
MAX_TEMPLATE_NESTING = 16
"""Nested `if`/`for` blocks in one template (Python itself compiles at most 20 nested loops,
and Jinja overflows its stack somewhat deeper)."""
MAX_CHUNKS = 1_000
"""Chunks a stream, chunk list, WSGI app or generator function yields."""


class TooMuchWork(ValueError):
    """A value asks for more work than the bounds allow; the message names the bound."""


def _templates_and_streams(value: object) -> list[object]:
    """Every template render and stream in a value, walked without recursion."""
    found: list[object] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(
            node,
            m.RenderTemplateString
            | m.RenderTemplate
            | m.Chunks
            | m.ChunkList
            | m.WsgiApp
            | m.RequestStream,
        ):
            found.append(node)
        elif isinstance(node, tuple):
            stack.extend(node)
        elif isinstance(node, m.JsonArray | m.JsonObject | m.HeadersValue):
            continue  # literal data: it holds no template or stream
        elif is_dataclass(node) and not isinstance(node, type):
            stack.extend(getattr(node, f.name) for f in fields(node))
    return found


def _chunk_count(node: object) -> int:
    if isinstance(node, m.Chunks | m.ChunkList | m.WsgiApp):
        return len(node.chunks)
    if isinstance(node, m.RequestStream):
        return len(node.parts)
    return 0


def _template_problem(source: str, context: tuple[tuple[str, m.JsonValue], ...]) -> str | None:
    work = template_work(source, context, MAX_TEMPLATE_NESTING)
    if work.depth > MAX_TEMPLATE_NESTING:
        return f"the template nests {work.depth} blocks deep, over {MAX_TEMPLATE_NESTING}"
    if work.steps > MAX_TEMPLATE_STEPS:
        return (
            f"the template may take {_amount(work.steps)} loop iterations and tags, "
            f"over {MAX_TEMPLATE_STEPS:,}"
        )
    if work.chars > MAX_TEMPLATE_CHARS:
        return (
            f"the template may make {_amount(work.chars)} characters, over {MAX_TEMPLATE_CHARS:,}"
        )
    return None


def _amount(number: int) -> str:
    """A count for a message: exact when short, else its order of magnitude."""
    return f"{number:,}" if number < 10**12 else f"about 10^{len(str(number)) - 1}"


def work_problem(value: m.ReturnValue) -> str | None:
    """The first bound the value passes, as one sentence, or None when it is within them."""
    try:
        for node in _templates_and_streams(value):
            if isinstance(node, m.RenderTemplateString):
                problem = _template_problem(node.source, node.context)
            elif isinstance(node, m.RenderTemplate):
                problem = _template_problem(m.SHIPPED_TEMPLATES[node.name], node.context)
            elif (count := _chunk_count(node)) > MAX_CHUNKS:
                problem = f"the stream has {count:,} chunks, over {MAX_CHUNKS:,}"
            else:
                problem = None
            if problem is not None:
                return problem
    except RecursionError:
        return "a literal is nested too deep to bound the work it asks for"
    return None


def check_work(value: m.ReturnValue) -> None:
    """Raise TooMuchWork naming the bound a value passes; return when it is within them."""
    problem = work_problem(value)
    if problem is not None:
        raise TooMuchWork(problem)
