"""Apply a change to a response after it was made, and read request state, as a view does.

Flask's and Quart's responses share Werkzeug's sans-IO attributes (`cache_control`, `expires`,
`set_cookie`, `vary`, ...), so one function runs each statement on either framework's real
response object; nothing here imports a framework.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared import model as m


def apply_change(resp: Any, change: m.Change) -> None:
    """Run one `resp.<...>` statement on a real response."""
    if isinstance(change, m.SetHeader):
        resp.headers[change.name] = change.value
    elif isinstance(change, m.SetAttribute):
        setattr(resp, change.attribute, change.value)
    elif isinstance(change, m.SetCacheControl):
        setattr(resp.cache_control, change.directive, change.value)
    elif isinstance(change, m.SetDate):
        setattr(resp, change.attribute, m.moment_python(change.value))
    elif isinstance(change, m.SetCookie):
        options = {key: m.option_python(value) for key, value in change.options}
        resp.set_cookie(change.name, change.value, **options)
    elif isinstance(change, m.DeleteCookie):
        options = {key: m.option_python(value) for key, value in change.options}
        resp.delete_cookie(change.name, **options)
    elif isinstance(change, m.SetHeaderSet):
        setattr(resp, change.attribute, change.to_python())
    elif isinstance(change, m.AddToHeaderSet):
        getattr(resp, change.attribute).add(change.item)
    else:
        # make_conditional reads the request and Quart awaits it: each app applies it itself.
        raise TypeError(f"{change.to_source()} is applied by each app, not here")


def response_hook(changes: tuple[m.HookChange, ...], asynchronous: bool) -> Callable[[Any], Any]:
    """The `def hook(resp)` or `async def hook(resp)` a source registers with
    `@after_this_request`: it makes its changes on the response and returns it. (Flask calls
    an async one through asgiref, which the lab does not install; Quart runs a def one in a
    thread.)"""

    def hook(resp: Any) -> Any:
        for change in changes:
            apply_change(resp, change)
        return resp

    async def hook_async(resp: Any) -> Any:
        return hook(resp)

    return hook_async if asynchronous else hook


def stream_part(request: Any, session: Any, part: str | bytes | m.RequestRead) -> str | bytes:
    """What one `yield` in a generator over request state gives, read from a real request
    (and its session) when the generator runs."""
    if not isinstance(part, m.RequestRead):
        return part
    if part.field == "session":
        return str(session[part.name])
    if part.field == "header":
        return str(request.headers.get(part.name, ""))
    return str(getattr(request, part.field))
