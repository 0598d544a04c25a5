"""`parity compare --wire`: the app-boundary verdict with what two real servers send."""

from __future__ import annotations

import io
import json

import pytest

from parity.cli import main
from parity.compare import EXIT_BAD_EXPRESSION
from parity.servers import DEFAULTS
from parity.servers import RunningServer
from shared.frameworks import Framework
from shared.routes.guard import TOKEN_VARIABLE

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]


def test_wire_answers_from_started_servers(capsys: pytest.CaptureFixture[str]) -> None:
    """With no ports given it starts Gunicorn and Hypercorn, and the JSON carries both wire
    answers, reason phrases as sent, and the wire entries that cover the value."""
    code = main(["compare", "--wire", "--json", "'ok', 401"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["wire"]["flask"]["server"] == f"Flask on {DEFAULTS[Framework.FLASK]}"
    assert (document["wire"]["flask"]["status"], document["wire"]["flask"]["reason"]) == (
        401,
        "UNAUTHORIZED",
    )
    assert (document["wire"]["quart"]["status"], document["wire"]["quart"]["reason"]) == (401, "")
    assert "asgi-reason-phrase" in document["wire_divergences"]


def test_wire_answers_from_running_servers(
    default_servers: dict[Framework, RunningServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Given ports, it asks the servers already running there with PARITY_TOKEN, and prints
    both replies, the lab's own headers set aside."""
    monkeypatch.setenv(TOKEN_VARIABLE, default_servers[Framework.FLASK].token)
    ports = [str(default_servers[f].port) for f in Framework]
    argv = ["compare", "--wire", "--flask-port", ports[0], "--quart-port", ports[1]]
    code = main([*argv, "'ok', 200, {'X-A': 'v\\x00w'}"])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Flask on port {ports[0]}" in out
    assert "On the wire (raw socket, read by h11;" in out
    assert "Known wire divergence control-in-header-value" in out
    assert "\x00" not in out
    assert "nosniff" not in out


def test_wire_to_running_servers_needs_their_token(
    default_servers: dict[Framework, RunningServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Given ports and no PARITY_TOKEN, it says so in one line and exits 2; an Authorization
    header of the caller's is refused the same way, since /render takes its token there."""
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    ports = [str(default_servers[f].port) for f in Framework]
    argv = ["compare", "--wire", "--flask-port", ports[0], "--quart-port", ports[1], "'ok'"]
    assert main(argv) == EXIT_BAD_EXPRESSION
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert TOKEN_VARIABLE in err
    assert main(["compare", "--wire", "--header", "Authorization: Basic eA==", "'ok'"]) == 2
    assert "Authorization" in capsys.readouterr().err


def test_wire_with_a_bad_expression(capsys: pytest.CaptureFixture[str]) -> None:
    """An expression outside the grammar exits 2 before any server starts."""
    assert main(["compare", "--wire", "eval('1')"]) == EXIT_BAD_EXPRESSION
    assert "cannot read the expression" in capsys.readouterr().err


def test_wire_output_is_escaped_and_strict(
    default_servers: dict[Framework, RunningServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a server sends back is data: an ESC it passes on in a header prints escaped, and
    --json stays strict ASCII JSON with no NaN or Infinity."""
    monkeypatch.setenv(TOKEN_VARIABLE, default_servers[Framework.FLASK].token)
    ports = [str(default_servers[f].port) for f in Framework]
    argv = ["compare", "--wire", "--flask-port", ports[0], "--quart-port", ports[1]]
    assert main([*argv, "'ok', {'X-A': 'v\\x1b[2J'}"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "x-a: v\\x1b[2J" in out
    assert main([*argv, "--json", "jsonify(x=1e999)"]) == 0
    printed = capsys.readouterr().out
    assert printed.isascii()
    json.loads(printed, parse_constant=lambda constant: pytest.fail(f"{constant} in JSON"))


def test_wire_reads_standard_input_only_to_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--wire -` refuses standard input past the limit in one line, before any server."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100_000)))
    assert main(["compare", "--wire", "-"]) == EXIT_BAD_EXPRESSION
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "longer than the 20000 characters accepted" in err


def test_wire_predicts_a_body_cut_short_as_a_network_error(
    default_servers: dict[Framework, RunningServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Content-Length past the body: Hypercorn breaks the reply off, and the clients are
    predicted from that reply (jQuery, axios, htmx: a network error; fetch: the body cannot be
    read), while Flask's whole reply keeps its success."""
    monkeypatch.setenv(TOKEN_VARIABLE, default_servers[Framework.FLASK].token)
    ports = [str(default_servers[f].port) for f in Framework]
    argv = ["compare", "--wire", "--flask-port", ports[0], "--quart-port", ports[1]]
    assert main([*argv, "--json", "'ok', 200, {'Content-Length': '10'}"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["wire"]["quart"]["result"] == "rejected"
    quart = {p["client"]: p for p in document["clients"]["quart"]["predictions"]}
    flask = {p["client"]: p for p in document["clients"]["flask"]["predictions"]}
    assert quart["axios"]["verdict"]["code"] == "ERR_NETWORK"
    assert "ERR_CONTENT_LENGTH_MISMATCH" in quart["htmx"]["summary"]
    assert quart["fetch"]["verdict"]["jsonResolves"] is False
    assert flask["axios"]["verdict"]["settled"] == "resolved"
    assert main([*argv, "'ok', 200, {'Content-Length': '10'}"]) == 0
    out = capsys.readouterr().out
    assert "network error: the body was cut short (ERR_CONTENT_LENGTH_MISMATCH)" in out
    assert out.count("What the browser's clients do") == 1


def test_wire_names_only_the_entries_that_explain_these_replies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A value two wire entries cover, answered with a Content-Length that is right: both
    replies pass their app's answer on, so only the reason phrase entry is named, with no
    entry's canned example."""
    code = main(["compare", "--wire", "'ok', 200, {'Content-Length': '2'}"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("(passes its app's answer on)") == 2
    named = {line.split()[3] for line in out.splitlines() if line.startswith("Known wire")}
    assert named == {"asgi-reason-phrase"}
    assert "For " not in out
