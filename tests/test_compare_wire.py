"""`parity compare --wire`: the app-boundary verdict with what two real servers send."""

from __future__ import annotations

import json

import pytest

from parity.cli import main
from parity.compare import EXIT_BAD_EXPRESSION
from parity.servers import RunningServer
from shared.frameworks import Framework

pytestmark = [pytest.mark.servers, pytest.mark.flask, pytest.mark.quart]


def test_wire_answers_from_started_servers(capsys: pytest.CaptureFixture[str]) -> None:
    """With no ports given it starts Gunicorn and Hypercorn, and the JSON carries both wire
    answers, reason phrases as sent, and the wire entries that cover the value."""
    code = main(["compare", "--wire", "--json", "'ok', 401"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["wire"]["flask"]["server"] == "Flask on gunicorn"
    assert (document["wire"]["flask"]["status"], document["wire"]["flask"]["reason"]) == (
        401,
        "UNAUTHORIZED",
    )
    assert (document["wire"]["quart"]["status"], document["wire"]["quart"]["reason"]) == (401, "")
    assert "asgi-reason-phrase" in document["wire_divergences"]


def test_wire_answers_from_running_servers(
    default_servers: dict[Framework, RunningServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """Given ports, it asks the servers already running there, and prints both replies."""
    ports = [str(default_servers[f].port) for f in Framework]
    argv = ["compare", "--wire", "--flask-port", ports[0], "--quart-port", ports[1]]
    code = main([*argv, "'ok', 200, {'X-A': 'v\\x00w'}"])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Flask on port {ports[0]}" in out
    assert "On the wire (raw socket, read by h11):" in out
    assert "Known wire divergence control-in-header-value" in out
    assert "\x00" not in out


def test_wire_with_a_bad_expression(capsys: pytest.CaptureFixture[str]) -> None:
    """An expression outside the grammar exits 2 before any server starts."""
    assert main(["compare", "--wire", "eval('1')"]) == EXIT_BAD_EXPRESSION
    assert "cannot read the expression" in capsys.readouterr().err
