"""Streamed bodies: generators, iterators, async generators, a list of chunks, a stream that
keeps the request context (`stream_with_context`), and a generator function over request
state."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias


class ChunksKind(enum.Enum):
    """How a streamed body is produced."""

    GENERATOR = "generator"
    ITERATOR = "iterator"
    ASYNC_GENERATOR = "async generator"


def _listed(chunks: tuple[str | bytes, ...]) -> str:
    return "[" + ", ".join(repr(chunk) for chunk in chunks) + "]"


@dataclass(frozen=True)
class Chunks:
    """A streamed body: a generator expression, `iter([...])`, or an async generator expression.

    The async form is written `(await asyncio.sleep(0, chunk) for chunk in [...])`: inside an
    `async def` view that expression is an async generator that yields each chunk.
    """

    kind: ChunksKind
    chunks: tuple[str | bytes, ...] = ()

    def to_source(self) -> str:
        """The expression that makes the stream."""
        listed = _listed(self.chunks)
        if self.kind is ChunksKind.ITERATOR:
            return f"iter({listed})"
        if self.kind is ChunksKind.GENERATOR:
            return f"(chunk for chunk in {listed})"
        return f"(await asyncio.sleep(0, chunk) for chunk in {listed})"


@dataclass(frozen=True)
class ChunkList:
    """A list of str or bytes chunks as a `Response` body: `Response(['a', b'b'])`."""

    chunks: tuple[str | bytes, ...] = ()

    def to_source(self) -> str:
        """The list literal."""
        return _listed(self.chunks)


@dataclass(frozen=True)
class WithContext:
    """`stream_with_context(<stream>)`: Flask's way to keep the request context around a
    generator, called on the generator itself."""

    stream: Chunks | str
    """The stream, or a str: Flask iterates a str into its characters."""

    @property
    def asynchronous(self) -> bool:
        """Whether it wraps an async generator."""
        return isinstance(self.stream, Chunks) and self.stream.kind is ChunksKind.ASYNC_GENERATOR

    def to_source(self) -> str:
        """The call."""
        if isinstance(self.stream, str):
            return f"stream_with_context({self.stream!r})"
        inner = self.stream.to_source()
        # A generator expression that is a call's only argument needs no parentheses of its own.
        if self.stream.kind is not ChunksKind.ITERATOR:
            inner = inner[1:-1]
        return f"stream_with_context({inner})"


# --- a generator function over request state -----------------------------------------------

MAX_SESSION_JSON = 2_900
"""The most JSON a view's session may make here: base64 and the signature keep its cookie
under the 4,093 bytes Werkzeug warns about (a warning an app run with warnings as errors
answers with a 500)."""

RequestField = Literal["method", "path", "header", "session"]


@dataclass(frozen=True)
class RequestRead:
    """A part of the request a generator yields: `request.method`, `request.path`,
    `request.headers.get(name, '')`, or `session[name]`, a value the view set in the session."""

    field: RequestField
    name: str = ""

    def to_source(self) -> str:
        """The expression."""
        if self.field == "header":
            return f"request.headers.get({self.name!r}, '')"
        if self.field == "session":
            return f"session[{self.name!r}]"
        return f"request.{self.field}"


@dataclass(frozen=True)
class Argument:
    """The generator function's one parameter, yielded: `yield part`."""

    def to_source(self) -> str:
        """The parameter's name."""
        return "part"


StreamPart: TypeAlias = str | bytes | RequestRead | Argument


@dataclass(frozen=True)
class RequestStream:
    """A generator function defined in the view that yields literals and request state,
    decorated with `stream_with_context` or not, and returned called: `return generate()`.

    It is a whole view body, never part of a tuple. Each framework runs it as written:
    `def generate()` is Flask's spelling and `async def generate()` Quart's (Quart's
    `stream_with_context` decorates async generator functions only), so a view written for
    one framework shows what it does on the other, and the port is a change to make.
    """

    parts: tuple[StreamPart, ...] = ("",)
    keeps_context: bool = True
    asynchronous: bool = False
    """Whether the source wrote `async def generate()`."""
    argument: str | bytes | None = None
    """The literal the function is called with, `generate('Hello ')`, for its one parameter;
    None when it takes none."""
    in_response: bool = False
    """Whether the view returns `Response(generate())` rather than `generate()`."""
    session: tuple[tuple[str, str], ...] = ()
    """`session[key] = value`, set by the view before it defines the function."""

    def __post_init__(self) -> None:
        if not self.parts:
            raise ValueError("a generator function yields at least once here")
        if self.argument is None and Argument() in self.parts:
            raise ValueError("the generator function yields a parameter it does not take")
        if len(json.dumps(dict(self.session), separators=(",", ":"))) > MAX_SESSION_JSON:
            raise ValueError(
                f"the session the view sets is over {MAX_SESSION_JSON:,} characters as JSON; "
                "signed, its cookie would pass the 4,093 bytes browsers keep"
            )
        known = {key for key, _ in self.session}
        for part in self.parts:
            if isinstance(part, RequestRead) and part.field == "session" and part.name not in known:
                raise ValueError(f"the view reads session[{part.name!r}] without setting it first")

    def to_source(self) -> str:
        """The view body: the session set, the decorated function, then the return."""
        lines = [f"session[{key!r}] = {value!r}" for key, value in self.session]
        if self.keeps_context:
            lines.append("@stream_with_context")
        parameter = "" if self.argument is None else "part"
        lines.append(f"{'async ' if self.asynchronous else ''}def generate({parameter}):")
        for part in self.parts:
            shown = part.to_source() if isinstance(part, RequestRead | Argument) else repr(part)
            lines.append(f"    yield {shown}")
        called = f"generate({'' if self.argument is None else repr(self.argument)})"
        lines.append(f"return Response({called})" if self.in_response else f"return {called}")
        return "\n".join(lines)
