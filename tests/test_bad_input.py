"""The contract for bad input: `parity compare` answers every text with exit 0, 1 or 2, a
one-line refusal naming the part it could not read, strict JSON, escaped terminal output,
and no traceback, in bounded time and memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import tracemalloc
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parity import strategies
from parity.compare import run
from parity.engine import Engine
from parity.source import MAX_SOURCE_BYTES
from parity.source import InputError
from parity.source import read_source
from shared import model as m

pytestmark = [pytest.mark.flask, pytest.mark.quart]

SECONDS_PER_INPUT = 10.0
"""Far above any real answer (milliseconds): it only tells a hang from an answer."""
BYTES_PER_INPUT = 64 * 2**20


def _strict(constant: str) -> Any:
    raise AssertionError(f"{constant} is not JSON")


def _assert_contract(engine: Engine, source: str, *, as_json: bool) -> tuple[int, str, str]:
    """Run one input and check everything the README promises about the answer."""
    out, err = io.StringIO(), io.StringIO()
    tracemalloc.start()
    started = time.monotonic()
    try:
        code = run(source, "GET", as_json=as_json, out=out, err=err, engine=engine)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.monotonic() - started < SECONDS_PER_INPUT
    assert peak < BYTES_PER_INPUT, f"{peak} bytes for one input"
    printed, refused = out.getvalue(), err.getvalue()
    assert code in (0, 1, 2)
    assert "Traceback" not in printed + refused
    if code == 2:
        assert printed == ""
        assert refused.startswith(
            ("parity: cannot read the expression: ", "parity: too much work: ")
        )
        assert refused.count("\n") == 1
        assert refused.endswith("\n")
        assert len(refused) < 400
    else:
        assert refused == ""
        if as_json:
            json.loads(printed, parse_constant=_strict)
        else:
            assert all(line.isprintable() for line in printed.splitlines())
    return code, printed, refused


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("'ok', 1e999", {0}, id="infinite-status"),
        pytest.param("'ok', -1e999", {0}, id="negative-infinite-status"),
        pytest.param("'ok', {'X-A': 0x" + "f" * 3572 + "}", {2}, id="huge-int-header"),
        pytest.param("'ok', [('X-A', 0x" + "f" * 3572 + ")]", {2}, id="huge-int-pair"),
        pytest.param(
            f"resp = jsonify()\nresp.status = '{'9' * 4301}'\nreturn resp", {0}, id="huge-status"
        ),
        pytest.param("Response('x', status='\u00b2 OK')", {0}, id="superscript-status"),
        pytest.param("'ok', '\u00b2'", {0}, id="superscript-tuple-status"),
        pytest.param("resp = jsonify()\nresp.status = '\u00b2'\nreturn resp", {0}, id="set-status"),
        pytest.param("'ok', '\u0662\u0660\u0661'", {0}, id="arabic-indic-status"),
        pytest.param("# comment", {2}, id="comment-only"),
        pytest.param("jsonify(" + "'a', " * 3800 + ")) ", {2}, id="long-syntax-error"),
        pytest.param("jsonify(x=1e999)", {0}, id="infinite-json"),
        pytest.param("'ok', {'X-A\x1b[31m': 'v\x1b[2J\u202e'}", {0}, id="ansi-header"),
        pytest.param("'\x1b[2J'", {0}, id="ansi-body"),
        pytest.param("'\x1b[2J", {2}, id="ansi-syntax-error"),
        pytest.param("'ok' \x00", {2}, id="nul"),
        pytest.param("http.jsonify(x=1)", {2}, id="unknown-module"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_each_reported_input_keeps_the_contract(
    engine: Engine, source: str, expected: set[int], as_json: bool
) -> None:
    """Each input from the hardening issue gets its documented exit code and a clean answer."""
    code, _, _ = _assert_contract(engine, source, as_json=as_json)
    assert code in expected


def test_infinite_json_is_not_reported_as_json(engine: Engine) -> None:
    """`jsonify(x=1e999)` writes `Infinity`, which no JSON parser reads: the outcome says the
    body is not JSON, and the document parses strictly."""
    _, printed, _ = _assert_contract(engine, "jsonify(x=1e999)", as_json=True)
    document = json.loads(printed, parse_constant=_strict)
    assert document["flask"]["body"] == '{"x":Infinity}\n'
    assert document["flask"]["json"] is None


def test_escape_sequences_never_reach_the_terminal(engine: Engine) -> None:
    """Header names and values with ESC, CSI or a bidi override print escaped."""
    _, printed, _ = _assert_contract(engine, "'ok', {'X-A\x1b[31m': 'v\u202e'}", as_json=False)
    assert "\x1b" not in printed
    assert "\u202e" not in printed
    assert "x-a\\x1b[31m: v\\u202e" in printed


def test_five_hundred_names_the_caught_exception(engine: Engine) -> None:
    """A 500 says which exception the framework caught, with its message."""
    _, printed, _ = _assert_contract(engine, "'Hello', 234, {'X-Foo': 'Bar'}, '???'", as_json=True)
    document = json.loads(printed)
    for side in ("flask", "quart"):
        assert document[side]["status"] == 500
        assert document[side]["exception"].startswith("TypeError: ")
        assert "(body, status, headers)" in document[side]["exception"]


class _CountingStream(io.RawIOBase):
    """An endless stream of `x` that counts how much was asked of it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:size] = b"x" * size
        self.given += size
        return size


def test_standard_input_is_read_only_as_far_as_the_limit() -> None:
    """An endless standard input is refused after MAX_SOURCE_BYTES + 1 bytes, not read whole."""
    stream = _CountingStream()
    with pytest.raises(InputError, match="longer than the 20000 characters accepted"):
        read_source(io.BufferedReader(stream))
    assert stream.given <= MAX_SOURCE_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_standard_input_must_be_utf8() -> None:
    """Bytes that are not UTF-8 are refused with the offending byte and its offset."""
    with pytest.raises(InputError, match="not UTF-8 text \\(byte 0xff at offset 4\\)"):
        read_source(io.BytesIO(b"'ok'\xff"))


def test_closed_pipe_ends_quietly() -> None:
    """`parity compare --json ... | head -c 1` ends with the verdict's exit code and no
    traceback when the reader goes away."""
    long_output = "jsonify(" + ", ".join(["'" + "x" * 200 + "'"] * 80) + ")"
    command = [sys.executable, "-m", "parity", "compare", "--json", long_output]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=60) in (0, 1)
    assert "Traceback" not in errors, errors


def _mutated(source: str, data: st.DataObject) -> str:
    """The source with one slice deleted, duplicated or replaced by drawn text."""
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, min(len(source), start + 8)))
    action = data.draw(st.sampled_from(["delete", "duplicate", "insert"]))
    if action == "delete":
        return source[:start] + source[end:]
    if action == "duplicate":
        return source[:end] + source[start:end] + source[end:]
    return source[:start] + data.draw(st.text(max_size=4)) + source[start:]


@given(text=st.text(max_size=200), as_json=st.booleans())
def test_any_text_keeps_the_contract(engine: Engine, text: str, as_json: bool) -> None:
    """Arbitrary text is answered or refused within the contract."""
    _assert_contract(engine, text, as_json=as_json)


@given(value=strategies.return_values, data=st.data(), as_json=st.booleans())
def test_mutated_grammar_text_keeps_the_contract(
    engine: Engine, value: m.ReturnValue, data: st.DataObject, as_json: bool
) -> None:
    """Valid sources with one slice deleted, duplicated or replaced keep the contract."""
    _assert_contract(engine, _mutated(m.return_statement(value), data), as_json=as_json)


@given(value=strategies.extreme_return_values(), as_json=st.booleans())
def test_extreme_leaves_keep_the_contract(
    engine: Engine, value: m.ReturnValue, as_json: bool
) -> None:
    """Values built from the model with extreme leaves keep the contract."""
    _assert_contract(engine, m.return_statement(value), as_json=as_json)
