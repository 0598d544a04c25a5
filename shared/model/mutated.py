"""A response made, changed attribute by attribute, then returned; and every return value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from typing import TypeAlias

from shared.model.attrs import AttributeChange
from shared.model.bodies import Body
from shared.model.bodies import Jsonify
from shared.model.bodies import MakeResponse
from shared.model.bodies import Redirect
from shared.model.bodies import ResponseCall
from shared.model.bodies import ReturnTuple
from shared.model.files import AddEtag
from shared.model.files import MakeConditional
from shared.model.files import SendFile
from shared.model.files import SendFromDirectory
from shared.model.handlers import ErrorHandled
from shared.model.streams import RequestStream

# --- a response changed after it was made --------------------------------------------------

ResponseAttribute = Literal["status_code", "status", "mimetype", "content_type"]


@dataclass(frozen=True)
class SetAttribute:
    """`resp.<attribute> = <value>` after the response was made."""

    attribute: ResponseAttribute
    value: int | str

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.{self.attribute} = {self.value!r}"


@dataclass(frozen=True)
class SetHeader:
    """`resp.headers[name] = value` after the response was made."""

    name: str
    value: str

    def to_source(self) -> str:
        """The assignment statement."""
        return f"resp.headers[{self.name!r}] = {self.value!r}"


Change: TypeAlias = SetAttribute | SetHeader | AttributeChange | MakeConditional | AddEtag
Maker: TypeAlias = Jsonify | ResponseCall | MakeResponse | Redirect | SendFile | SendFromDirectory


@dataclass(frozen=True)
class Mutated:
    """A response made, then changed attribute by attribute, then returned."""

    base: Maker
    changes: tuple[Change, ...]

    def to_source(self) -> str:
        """The view body: assignment, changes, return."""
        lines = [f"resp = {self.base.to_source()}"]
        lines += [change.to_source() for change in self.changes]
        lines.append("return resp")
        return "\n".join(lines)


ReturnValue: TypeAlias = Body | ReturnTuple | Mutated | RequestStream | ErrorHandled
"""Everything a view can hand back to its framework."""


def return_statement(value: ReturnValue) -> str:
    """The body of a view that returns `value`, ending in a `return`."""
    if isinstance(value, Mutated | RequestStream | ErrorHandled):
        return value.to_source()
    return f"return {value.to_source()}"
