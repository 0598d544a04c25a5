"""Streamed bodies: generators, iterators, async generators, a list of chunks, a stream that
keeps the request context (`stream_with_context`), and a generator function over request
state."""

from __future__ import annotations

import enum
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

RequestField = Literal["method", "path", "header"]


@dataclass(frozen=True)
class RequestRead:
    """A part of the request a generator yields: `request.method`, `request.path`, or
    `request.headers.get(name, '')`."""

    field: RequestField
    name: str = ""

    def to_source(self) -> str:
        """The expression."""
        if self.field == "header":
            return f"request.headers.get({self.name!r}, '')"
        return f"request.{self.field}"


StreamPart: TypeAlias = str | bytes | RequestRead


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

    def __post_init__(self) -> None:
        if not self.parts:
            raise ValueError("a generator function yields at least once here")

    def to_source(self) -> str:
        """The view body: the decorated function, then the return."""
        lines = ["@stream_with_context"] if self.keeps_context else []
        lines.append(f"{'async ' if self.asynchronous else ''}def generate():")
        for part in self.parts:
            shown = part.to_source() if isinstance(part, RequestRead) else repr(part)
            lines.append(f"    yield {shown}")
        lines.append("return generate()")
        return "\n".join(lines)
