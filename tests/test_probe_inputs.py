"""A probe's request and settings: the settings table, how they reach both apps, the options
that name them, and the Quart source the model records."""

from __future__ import annotations

import ast
import json
from dataclasses import replace

import pytest
from hypothesis import example
from hypothesis import given

from parity import strategies
from parity.cli import main
from parity.engine import Engine
from parity.engine import probe_request
from shared import model as m
from shared.parse import ParseError
from shared.parse import parse
from shared.probe import Probe
from shared.settings import SETTINGS
from shared.settings import SETTINGS_BY_KEY
from shared.settings import Setting
from shared.settings import SettingError
from shared.settings import read_setting
from shared.settings import setting_text

SETTING_IDS = [setting.key for setting in SETTINGS]


def test_setting_keys_are_unique() -> None:
    """Each setting is one row, found by its key."""
    assert len(SETTINGS_BY_KEY) == len(SETTINGS)


@pytest.mark.parametrize("setting", SETTINGS, ids=SETTING_IDS)
def test_setting_values_read_back(setting: Setting) -> None:
    """Every value a strategy draws is written and read back by `--config` unchanged."""
    for value in setting.values:
        assert read_setting(f"{setting.key}={setting_text(value)}") == (setting.key, value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("json.sort_keys", "expected KEY=VALUE"),
        ("MAX_CONTENT_LENGTH=1", "not a setting the model covers"),
        ("SECRET_KEY=", "expected a printable secret key"),
        ("json.sort_keys=maybe", "expected true or false"),
        ("json.mimetype=json", "expected a media type"),
        ("json.mimetype=a/b c", "has no spaces"),
    ],
)
def test_bad_setting_text_is_named(text: str, problem: str) -> None:
    """A setting the model does not cover, or a value it cannot take, is refused by name."""
    with pytest.raises(SettingError, match=problem):
        read_setting(text)


@pytest.mark.flask
@pytest.mark.quart
def test_settings_reach_both_apps_for_one_request(engine: Engine) -> None:
    """`json.sort_keys=false` keeps insertion order in both apps, and only for that probe."""
    value = parse("jsonify(b=1, a=2)")
    unsorted = engine.compare_probe(Probe(value, config=(("json.sort_keys", False),)))
    assert unsorted.flask.body == unsorted.quart.body == b'{"b":1,"a":2}\n'
    again = engine.compare_probe(Probe(value))
    assert again.flask.body == again.quart.body == b'{"a":2,"b":1}\n'


@pytest.mark.flask
@pytest.mark.quart
def test_mimetype_setting_reaches_both_apps(engine: Engine) -> None:
    """`json.mimetype` changes the Content-Type of jsonify in both apps."""
    probe = Probe(parse("jsonify(ok=True)"), config=(("json.mimetype", "text/plain"),))
    comparison = engine.compare_probe(probe)
    for outcome in (comparison.flask, comparison.quart):
        assert dict(outcome.headers)["content-type"].startswith("text/plain")


def test_probe_request_carries_headers_and_body() -> None:
    """The request a probe sends has its method, headers and body."""
    probe = Probe(m.Text("ok"), "POST", (("Range", "bytes=0-3"),), b"{}")
    request = probe_request(probe)
    assert (request.method, request.headers, request.body) == ("POST", probe.headers, b"{}")


def test_request_line_names_everything() -> None:
    """The line a message starts with names the method, each header and each setting."""
    probe = Probe(m.Text("ok"), "GET", (("Range", "bytes=0-3"),), b"", (("json.compact", None),))
    assert probe.request_line() == "GET, Range: bytes=0-3, json.compact=none"


@example(value=m.ErrorHandled(404, m.Text("x"), m.Abort(404)))
@given(value=strategies.return_values)
def test_quart_source_reads_back_as_the_same_value(value: m.ReturnValue) -> None:
    """The Quart port, with its awaits, parses to the value the Flask source does (with a
    decorated generator function or an error handler made `async def`), and what the Quart
    app runs parses to the value."""
    quart, flask = m.quart_statement(value), m.return_statement(value)
    ported: m.ReturnValue = value
    if isinstance(value, m.RequestStream) and m.generator_port_required(value):
        ported = replace(value, asynchronous=True)
    assert parse(quart) == ported
    assert parse(m.quart_as_run(value)) == value
    # Counted on the syntax trees, so a string literal that reads like a call counts for nothing.
    added = len(m.awaited_calls(flask))
    assert _awaits(quart) == _awaits(flask) + added
    assert added == sum(
        isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in m.AWAITED_IN_QUART)
            or (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in ("make_conditional", "add_etag")
            )
            or ast.unparse(node.func) in ("request.get_json", "request.get_data")
        )
        or isinstance(node, ast.Attribute)
        and ast.unparse(node) in ("request.json", "request.form", "request.files")
        for node in ast.walk(ast.parse(flask))
    )
    made_async = (
        isinstance(ported, m.RequestStream | m.AfterThisRequest) and ported.asynchronous
    ) or isinstance(ported, m.ErrorHandled)
    defined = [line.removeprefix("async ") for line in flask.splitlines() if "def " in line]
    assert [line for line in quart.splitlines() if line.startswith("async def ")] == [
        f"async {line}" for line in defined if made_async
    ]


def _awaits(source: str) -> int:
    return sum(isinstance(node, ast.Await) for node in ast.walk(ast.parse(source)))


@pytest.mark.parametrize("source", ["await jsonify()", "await resp", "await 'ok'"])
def test_await_of_anything_else_is_refused(source: str) -> None:
    """Only a helper Quart awaits may be awaited."""
    with pytest.raises(ParseError, match="is awaited"):
        parse(source)


@pytest.mark.flask
@pytest.mark.quart
def test_compare_json_records_request_and_settings(capsys: pytest.CaptureFixture[str]) -> None:
    """`--header` and `--config` are sent and applied, and the JSON document records them."""
    code = main(
        [
            "compare",
            "--json",
            "--header",
            "Range: bytes=0-3",
            "--config",
            "json.sort_keys=false",
            "make_response(jsonify(b=1, a=2))",
        ]
    )
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["request_headers"] == [["Range", "bytes=0-3"]]
    assert document["config"] == {"json.sort_keys": False}
    assert document["quart_source"] == "return await make_response(jsonify(b=1, a=2))"
    assert document["flask"]["body"] == '{"b":1,"a":2}\n'


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["--header", "Range"], "expected --header 'Name: value'"),
        (["--header", "Bad Name: x"], "not a header name"),
        (["--header", "Host: example.com"], "set by the request itself"),
        (["--header", "X-A: a\x1b[31m"], "a character a request cannot carry"),
        (["--config", "DEBUG=true"], "not a setting the model covers"),
        (["--config", "json.compact=1", "--config", "json.compact=0"], "twice"),
        (["--data", "x" * 70_000], "longer than"),
    ],
)
def test_bad_request_options_exit_two(
    options: list[str], problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header, body or setting outside what a request can carry gets one line and exit 2."""
    assert main(["compare", *options, "'ok'"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert problem in err
    assert "\x1b" not in err


def test_wire_refuses_settings(capsys: pytest.CaptureFixture[str]) -> None:
    """A served app is shared by every request in flight, so `--wire` takes no `--config`."""
    assert main(["compare", "--wire", "--config", "json.compact=true", "'ok'"]) == 2
    assert "app boundary only" in capsys.readouterr().err
