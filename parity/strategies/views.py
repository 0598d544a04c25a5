"""View bodies that hold more than a return: an `@after_this_request` hook over the view's
value, a generator function with its argument and the session the view set, and an error
handler over a view that raises."""

from __future__ import annotations

from typing import Literal

from hypothesis import strategies as st

from parity.strategies.bodies import bodies
from parity.strategies.bodies import stream_parts
from parity.strategies.bodies import tuples
from parity.strategies.leaves import byte_strings
from parity.strategies.leaves import texts
from shared import model as m

hook_changes: st.SearchStrategy[m.HookChange] = st.one_of(
    st.builds(
        m.SetHeader,
        st.sampled_from(["X-Foo", "X-Hook", "Cache-Control"]),
        st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=10),
    ),
    st.builds(m.AddToHeaderSet, st.just("vary"), st.sampled_from(["Accept", "Origin"])),
)
"""What an `@after_this_request` hook changes here: plain headers. A hook runs on every
response, error pages included, so a status or a header a framework refuses set there would
hide the symptom of whichever entry the view's value shows; those changes are read and run,
but the property draws the upstream form."""
after_hooks = st.builds(
    m.AfterThisRequest,
    st.lists(hook_changes, max_size=2).map(tuple),
    st.one_of(bodies, tuples),
    st.booleans(),
)
"""A view that registers a hook over the response, then returns any value."""


def _stream_view(
    parts: tuple[m.StreamPart, ...],
    keeps_context: bool,
    asynchronous: bool,
    argument: str | bytes | None,
    in_response: bool,
    stored: str | None,
) -> m.RequestStream:
    """A generator function called with an argument or not, returned bare or in
    `Response(...)`, after the view sets `session['test']` or not; a part it cannot yield
    (the parameter it does not take, a key it did not set) is left out (a map, not a filter,
    for the reason bodies._without_conditional_on_files gives)."""
    session = () if stored is None else (("test", stored),)
    kept = tuple(
        part
        for part in parts
        if not (isinstance(part, m.Argument) and argument is None)
        and not (isinstance(part, m.RequestRead) and part.field == "session" and not session)
    )
    return m.RequestStream(
        kept or ("",), keeps_context, asynchronous, argument, in_response, session
    )


stream_views = st.builds(
    _stream_view,
    st.lists(
        stream_parts | st.sampled_from([m.Argument(), m.RequestRead("session", "test")]),
        min_size=1,
        max_size=3,
    ).map(tuple),
    st.booleans(),
    st.booleans(),
    st.none() | texts | byte_strings,
    st.booleans(),
    st.none() | texts,
)
"""A generator function over request state, its argument and the session the view set."""

_raisable = st.sampled_from([*m.BUILTIN_ERRORS, *m.HANDLED_CODES])
_codes = st.sampled_from(sorted(set(m.HANDLED_CODES.values())))


@st.composite
def _raising_handlers(draw: st.DrawFn) -> m.ErrorHandled:
    """A view that raises a built-in exception, a `werkzeug.exceptions` class or a class it
    defines, under a handler for a code or a class (`str(error)` among what it returns), which
    answers what is raised or not."""
    defines = m.ErrorClass("MyError", draw(_raisable)) if draw(st.booleans()) else None
    names = [*m.BUILTIN_ERRORS, *m.HANDLED_CODES, *([defines.name] if defines else [])]
    raised = draw(st.sampled_from(names))
    handles: int | str = draw(st.sampled_from(names) | _codes)
    if defines is not None and defines.name not in (raised, handles):
        raised = defines.name
    handler: m.Handled | m.ErrorText = draw(
        st.one_of(st.builds(m.ErrorText, st.booleans()), bodies, tuples)
    )
    first = handler.items[0] if isinstance(handler, m.ReturnTuple) else handler
    if not isinstance(first, m.ErrorText | m.Text | m.Jsonify | m.JsonBody | m.Bytes):
        # For the reasons bodies._error_handled gives; and a handler answered on each framework's
        # 500 path that fails leaves no handler, whatever it is registered for.
        handler = m.Text("handled")
    last = handles in (500, "InternalServerError", "Exception")
    if last and isinstance(handler, m.ReturnTuple):
        # A handler the 500 path reaches again (for 500 or Exception) that fails, a tuple of
        # the wrong size say, lets its error escape both frameworks (see bodies._error_handled).
        handler = m.Text("handled")
    message = draw(st.none() | texts)
    registrar: Literal["app", "bp"] = "bp" if draw(st.booleans()) else "app"
    return m.ErrorHandled(handles, handler, m.Raise(raised, message), registrar, defines)


raising_handlers = _raising_handlers()
"""An error handler over a view that raises rather than aborts."""

view_bodies: st.SearchStrategy[m.ReturnValue] = st.one_of(
    after_hooks, stream_views, raising_handlers
)
"""All three, for `bodies.return_values`."""
