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
from shared.settings import SETTINGS_BY_KEY
from shared.settings import SettingError
from shared.settings import SettingValue
from shared.settings import setting_text

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


# --- settings on the app's JSON provider, written before the view's return -----------------


@dataclass(frozen=True)
class Configured:
    """`app.json.<attribute> = <value>` lines (the `json.*` settings of `shared.settings`), as
    a test sets them on the app before its request, then the view's return. A probe of it
    applies them as its own settings, for its request only (`shared.probe.Probe`)."""

    settings: tuple[tuple[str, SettingValue], ...]
    value: Body | ReturnTuple | Mutated

    def __post_init__(self) -> None:
        keys = [key for key, _ in self.settings]
        if not keys:
            raise ValueError("at least one app.json setting comes before the return")
        if len(set(keys)) != len(keys):
            raise ValueError("each app.json setting is set once")
        for key, value in self.settings:
            _check_json_setting(key, value)

    def to_source(self) -> str:
        """The settings lines, then the view's return."""
        lines = [f"app.{key} = {value!r}" for key, value in self.settings]
        body = self.value.to_source()
        lines.append(body if isinstance(self.value, Mutated) else f"return {body}")
        return "\n".join(lines)


def _check_json_setting(key: str, value: SettingValue) -> None:
    """ValueError unless `app.<key> = value` sets a `json.*` setting to a value it takes."""
    setting = SETTINGS_BY_KEY.get(key)
    if setting is None or not setting.on_json_provider:
        known = ", ".join(f"app.{s.key}" for s in SETTINGS_BY_KEY.values() if s.on_json_provider)
        raise ValueError(f"app.{key} is not a setting the model covers (known: {known})")
    kind = str if isinstance(setting.values[-1], str) else bool
    if not (isinstance(value, kind) or value is None and None in setting.values):
        raise ValueError(f"app.{key} takes a {kind.__name__}")
    try:
        read = setting.read(setting_text(value))
    except SettingError as error:
        raise ValueError(f"app.{key}: {error}") from None
    if read != value:
        raise ValueError(f"app.{key} takes {read!r} as it is written, not {value!r}")


HookChange: TypeAlias = SetAttribute | SetHeader | AttributeChange
"""What an `@after_this_request` hook changes: any change but the two Quart awaits."""


@dataclass(frozen=True)
class AfterThisRequest:
    """`@after_this_request` over `def hook(resp): <changes>; return resp`, then the view's
    return. The framework runs the hook on the response it made of the view's value, the
    error page of an `abort(...)` included, before it hands the response to the server."""

    changes: tuple[HookChange, ...]
    view: Body | ReturnTuple
    asynchronous: bool = False
    """Whether the source wrote `async def hook(resp)`, which Flask runs only with its
    `async` extra (asgiref) installed."""

    def to_source(self) -> str:
        """The hook, registered for this request, then the view's return."""
        lines = ["@after_this_request", f"{'async ' if self.asynchronous else ''}def hook(resp):"]
        lines += [f"    {change.to_source()}" for change in self.changes]
        lines += ["    return resp", f"return {self.view.to_source()}"]
        return "\n".join(lines)


ReturnValue: TypeAlias = (
    Body | ReturnTuple | Mutated | RequestStream | ErrorHandled | Configured | AfterThisRequest
)
"""Everything a view can hand back to its framework."""


def return_statement(value: ReturnValue) -> str:
    """The body of a view that returns `value`, ending in a `return`."""
    if isinstance(value, Mutated | RequestStream | ErrorHandled | Configured | AfterThisRequest):
        return value.to_source()
    return f"return {value.to_source()}"
