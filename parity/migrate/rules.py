"""The rules of `parity migrate`: a stable code, a name, what it does, and the way forward."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule: `fixes` says whether the tool rewrites it or only reports it."""

    code: str
    name: str
    fixes: bool
    message: str
    forward: str
    entry: str = ""
    """For an FQM6xx rule: the registry entry whose spelling it offers."""


RULES: tuple[Rule, ...] = (
    Rule("FQM001", "flask-import", True, "`flask` import becomes `quart`", "none: rewritten"),
    Rule(
        "FQM002",
        "renamed-name",
        True,
        "a Flask name is spelled differently in Quart",
        "none: rewritten (Flask -> Quart, FlaskClient -> QuartClient, ...)",
    ),
    Rule(
        "FQM003",
        "no-counterpart",
        False,
        "this Flask name has no Quart counterpart",
        "rewrite by hand, or run it under quart-flask-patch",
    ),
    Rule(
        "FQM004",
        "flask-extension",
        False,
        "a Flask extension does not run on Quart as is",
        "use the named Quart counterpart, or quart-flask-patch",
    ),
    Rule(
        "FQM005",
        "flask-restful",
        False,
        "flask_restful resources have no Quart port",
        "rewrite the resources as quart.views.MethodView classes",
    ),
    Rule(
        "FQM100",
        "async-view",
        True,
        "a view, hook or handler becomes `async def`",
        "none: rewritten",
    ),
    Rule(
        "FQM101",
        "await-quart",
        True,
        "Quart returns a coroutine here: it is awaited",
        "none: rewritten",
    ),
    Rule(
        "FQM102",
        "async-helper",
        True,
        "a helper of this codebase now awaits: it becomes `async def`, its callers await it",
        "none: rewritten",
    ),
    Rule(
        "FQM103",
        "async-generator",
        True,
        "a streaming generator becomes an async generator",
        "none: rewritten",
    ),
    Rule(
        "FQM104",
        "async-with",
        True,
        "Quart's contexts and test client are entered `async with`",
        "none: rewritten",
    ),
    Rule(
        "FQM105",
        "async-for",
        True,
        "a loop or comprehension over a generator that became async is `async for`",
        "none: rewritten (a generator expression over one is reported, FQM400)",
    ),
    Rule(
        "FQM200",
        "test-client",
        True,
        "the test client's calls and response bodies are awaited",
        "none: rewritten",
    ),
    Rule(
        "FQM201",
        "async-test",
        True,
        "a test or fixture that now awaits becomes `async def`",
        "none: rewritten (pytest-asyncio, asyncio_mode = auto)",
    ),
    Rule(
        "FQM202",
        "g-after-request",
        True,
        "reads `g` after a test client request: Quart's client keeps the request context, "
        "not the app context, so `g` raises 'Not within an app context'",
        "none: rewritten (a generated FlaskContextClient in conftest.py keeps `g` as Flask does)",
    ),
    Rule(
        "FQM203",
        "async-stand-in",
        True,
        "a stand-in monkeypatched over a function that became async becomes `async def`",
        "none: rewritten",
    ),
    Rule(
        "FQM300", "dependency", True, "the `flask` requirement becomes `quart`", "none: rewritten"
    ),
    Rule(
        "FQM301",
        "pytest-asyncio",
        True,
        "pytest settings get asyncio_mode = auto and the fixture loop scope",
        "none: rewritten (install pytest-asyncio)",
    ),
    Rule(
        "FQM400",
        "cannot-follow",
        False,
        "code that cannot become async calls what Quart makes async",
        "move the call into an async function, or run it with asyncio.run",
    ),
    Rule(
        "FQM401",
        "cli-command",
        True,
        "a click command calls code that became async: it runs it with asyncio.run inside the "
        "app context Flask gives every command (a generated `_quart_app_context`)",
        "none: rewritten",
    ),
)
PROOFS: tuple[Rule, ...] = (
    Rule(
        "FQM500",
        "proven-same",
        True,
        "with --prove: Flask and the Quart port answer the same for every filled value tried",
        "nothing to do",
    ),
    Rule(
        "FQM501",
        "proven-differs",
        False,
        "with --prove: the Quart port answers differently; the registry entries are named",
        "read the named entry in the README and return a form both treat alike",
    ),
    Rule(
        "FQM502",
        "cannot-prove",
        False,
        "with --prove: a part of the return is outside the model (named)",
        "compare that part by hand",
    ),
)
"""The verdicts of `--prove`: notes, not rewrites."""
FIXES: tuple[Rule, ...] = (
    Rule(
        "FQM600",
        "fix-send-file-conditional",
        True,
        "`send_file` answers Range and If-* headers by default in Flask, only with "
        "`conditional=True` in Quart: the port passes it",
        "offered; --select FQM600 writes `conditional=True`",
        "send-file-conditional-default",
    ),
    Rule(
        "FQM601",
        "fix-tuple-pairs",
        True,
        "a tuple of header pairs beside the body is headers to Flask and a status to Quart: "
        "a list of pairs is headers to both",
        "offered; --select FQM601 writes the pairs as a list",
        "tuple-of-pairs-headers",
    ),
    Rule(
        "FQM602",
        "fix-content-length",
        True,
        "a Content-Length in a returned tuple's headers is recomputed by Flask, kept by Quart: "
        "left out, both compute it",
        "offered; --select FQM602 leaves it out",
        "content-length-in-tuple-headers",
    ),
)
"""Spellings both frameworks answer alike, from the registry: offered, and applied only when
selected by code (`--select FQM6`), since each changes what the Flask code says."""
OPT_IN = frozenset(rule.code for rule in FIXES)
RULES_BY_CODE = {rule.code: rule for rule in (*RULES, *PROOFS, *FIXES)}


def codes_matching(prefixes: tuple[str, ...]) -> frozenset[str]:
    """The rule codes that start with any of the prefixes."""
    return frozenset(r.code for r in RULES if r.code.startswith(prefixes))
