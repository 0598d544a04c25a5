"""FQM202: the generated test helper that keeps, inside `async with client:`, what Flask keeps.

Flask's test client, inside `with client:`, keeps the last request's request context and its app
context until the block ends or the next request starts, so a test reads `session` and `g`
afterwards. Quart 0.22's client keeps the request context only: `g` raises "Not within an app
context"; Quart 0.23's keeps a copy of the context whose `g` is empty. The helper is a
QuartClient that remembers the `g` of each request's context (from the public
`appcontext_pushed` signal) and, inside `async with client:`, gives it back: on 0.22 in an app
context it pushes until the next request or the end of the block, on 0.23 in the kept copy.
It goes at the end of the tests' `conftest.py` with an autouse fixture that makes it every
app's test client class.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "class FlaskContextClient"

HELPER = '''

# Added by `parity migrate` (FQM202). Flask's test client, inside `with client:`, keeps the last
# request's app context as well as its request context, so a test can read `g` after a request.
# Quart 0.22's keeps the request context only, Quart 0.23's a copy with an empty `g`. This client
# keeps that request's `g` until the next request or the end of `async with client:`, as Flask.
import pytest as _pytest  # noqa: E402
from quart import Quart as _Quart  # noqa: E402
from quart import g as _g  # noqa: E402
from quart import has_app_context as _has_app_context  # noqa: E402
from quart.signals import appcontext_pushed as _appcontext_pushed  # noqa: E402
from quart.testing import QuartClient as _QuartClient  # noqa: E402


class FlaskContextClient(_QuartClient):
    """A test client that keeps the last request's `g` inside `async with client:`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept = []

    async def _pop_kept(self):
        while self._kept:
            await self._kept.pop().pop(None)

    async def open(self, *args, **kwargs):
        await self._pop_kept()
        pushed = []

        async def remember(sender, **extra):
            pushed.append(_g._get_current_object())

        with _appcontext_pushed.connected_to(remember, self.app):
            response = await super().open(*args, **kwargs)
        if self.preserve_context and pushed:
            if _has_app_context():
                # Quart 0.23 keeps a copy of the request's context, with a fresh `g`.
                vars(_g._get_current_object()).update(vars(pushed[-1]))
            else:
                # Quart 0.22 keeps the request context only.
                context = self.app.app_context()
                context.g = pushed[-1]
                await context.push()
                self._kept.append(context)
        return response

    async def __aexit__(self, exc_type, exc_value, tb):
        await self._pop_kept()
        await super().__aexit__(exc_type, exc_value, tb)


@_pytest.fixture(autouse=True)
def _flask_context_client(monkeypatch):
    """Every app's test client keeps `g` as Flask's does (see FlaskContextClient)."""
    monkeypatch.setattr(_Quart, "test_client_class", FlaskContextClient)
'''


def conftest_for(test_module: Path, root: Path) -> Path:
    """The conftest.py nearest to a test module, at or below the root; a new one beside it."""
    folder = test_module.parent
    while True:
        candidate = folder / "conftest.py"
        if candidate.exists():
            return candidate
        if folder == root or root not in folder.parents:
            return test_module.parent / "conftest.py"
        folder = folder.parent


def with_helper(text: str) -> str:
    """A conftest's text with the helper at its end, once."""
    if MARKER in text:
        return text
    body = text.rstrip("\n")
    return (body + "\n" + HELPER) if body else HELPER.lstrip("\n")
