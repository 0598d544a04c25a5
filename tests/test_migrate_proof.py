"""`parity migrate --prove` proves the port: the Flask original on Flask against the rewritten
source, as written, on Quart, with a verdict per view in the diff and in the JSON."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path
from typing import cast

import pytest

from parity.cli import build_parser
from parity.migrate.command import run
from parity.migrate.proof import PortEngine
from parity.migrate.proof import hole_values
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_return
from parity.scan.holes import substitute
from parity.versions import installed
from shared import model as m
from shared.judgement import judge
from shared.probe import Probe

pytestmark = [pytest.mark.flask, pytest.mark.quart]

STREAM = (
    "from flask import Flask, request, stream_with_context\n\napp = Flask(__name__)\n\n\n"
    "@app.get('/stream')\ndef stream():\n    name = request.args.get('name', '')\n\n"
    "    @stream_with_context\n    def generate():\n        yield 'a'\n        yield name\n"
    "        yield request.method\n\n    return generate()\n\n\n"
    "@app.get('/hello')\ndef hello():\n    return 'hello'\n"
)


def _run(*argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(["migrate", *argv])
    out, err = io.StringIO(), io.StringIO()
    return run(args, out, err), out.getvalue(), err.getvalue()


def test_streamed_view_is_proven_on_its_port(tmp_path: Path) -> None:
    """A `def` generator under stream_with_context: the port writes `async def`, and the proof
    runs that port on Quart against the original on Flask, so the answers agree."""
    (tmp_path / "app.py").write_text(STREAM)
    status, out, err = _run(str(tmp_path), "--prove", "--examples", "5", "--format", "json")
    assert status == 1
    document = json.loads(out)
    proofs = document["proofs"]
    assert [(p["view"], p["code"], p["ported"]) for p in proofs] == [
        ("stream", "FQM500", True),
        ("hello", "FQM500", False),
    ]
    assert proofs[0]["tried"] == 5
    assert "Quart ran the port's own return" in proofs[0]["message"]
    assert document["changed"][0]["proofs"] == proofs
    assert "async def generate():" in document["changed"][0]["diff"]


def test_an_unported_generator_is_proven_to_differ(tmp_path: Path) -> None:
    """With the generator rule left out the port keeps `def generate()`, and the proof, run on
    that port, finds the registered divergence instead of a pass."""
    (tmp_path / "app.py").write_text(STREAM)
    status, out, _ = _run(str(tmp_path), "--prove", "--examples", "5", "--ignore", "FQM103")
    assert status == 1
    first = out.splitlines()[0]
    assert first.startswith("# FQM501 ")
    assert "view `stream`: differs: sync-generator-function-in-quart" in first


def test_verdicts_stand_before_each_file_diff(tmp_path: Path) -> None:
    """The text diff carries one `# FQM5xx` line a view's return before its file's diff, each
    one line (the example's newlines escaped), so that patch passes over them."""
    (tmp_path / "app.py").write_text(STREAM)
    status, out, _ = _run(str(tmp_path), "--prove", "--examples", "3")
    assert status == 1
    lines = out.splitlines()
    header = lines.index(f"--- a/{str(tmp_path / 'app.py').lstrip('/')}")
    assert [line.split(" ")[1] for line in lines[:header]] == ["FQM500", "FQM500"]
    assert all(line.startswith("# ") for line in lines[:header])
    assert all(not line.startswith("# ") for line in lines[header:])


def test_port_engine_runs_the_port_on_quart() -> None:
    """While a port is set, the Quart app returns the port's reading filled with the values
    the Flask app's reading got; outside the block both return the same value."""
    hole = cast(str, Hole(HoleKind.TEXT, "name"))
    original = m.RequestStream(("a", hole, m.RequestRead("method")), True, False)
    port = m.RequestStream(("a", hole, m.RequestRead("method")), True, True)
    filled = substitute(original, ["x"])
    assert hole_values(original, filled) == ["x"]
    engine = PortEngine()
    with engine:
        assert not engine.compare_value(filled).same
        with engine.porting(original, port):
            comparison = engine.compare_value(filled)
        c = comparison
        # Same, but for what an ambient entry adds to every answer on this leg (Quart 0.23).
        judgement = judge(Probe(filled), c.flask, c.quart, c.differences, versions=installed())
        assert judgement.alike
        assert comparison.quart.body == b"axGET"


def test_cannot_tell_names_the_part_outside_the_model(tmp_path: Path) -> None:
    """A return the model keeps opaque (a sent file with a computed option) is FQM502, the
    part named."""
    (tmp_path / "app.py").write_text(
        "from flask import Flask, send_file\n\napp = Flask(__name__)\n\n\n"
        "@app.get('/f')\ndef sent():\n    return send_file(path, max_age=timeout)\n"
    )
    status, out, _ = _run(str(tmp_path), "--prove", "--examples", "3", "--format", "json")
    assert status == 1
    (proof,) = json.loads(out)["proofs"]
    assert (proof["code"], proof["verdict"]) == ("FQM502", "cannot tell")
    assert proof["outside"] == (
        "`send_file(path, max_age=timeout)` (file response) is outside the model: "
        "`max_age=timeout` is computed or not a literal of its kind"
    )


def test_a_sent_file_is_proven_with_a_stand_in_and_says_so(tmp_path: Path) -> None:
    """A sent file runs with a shipped stand-in on both sides; the proof's message says so."""
    (tmp_path / "app.py").write_text(
        "from flask import Flask, send_file\n\napp = Flask(__name__)\n\n\n"
        "@app.get('/f')\ndef sent():\n    return send_file('static/logo.png')\n"
    )
    _, out, _ = _run(str(tmp_path), "--prove", "--examples", "3", "--format", "json")
    (proof,) = json.loads(out)["proofs"]
    assert proof["verdict"] == "differs"
    assert proof["example"] == "return send_file('static_files/pixel.png')"
    assert (
        "stand-in file: the shipped pixel.png for `send_file('static/logo.png')`"
        in (proof["message"])
    )


def test_a_ported_sent_file_runs_the_ports_own_options() -> None:
    """Where the port changes a send_file call's options, Quart runs the port's call with the
    same stand-in file the original ran, not the original's call."""

    def read(source: str) -> m.ReturnValue:
        return read_return(source, ast.parse(source, mode="eval").body)

    original = read("send_file(path, as_attachment=True)")
    port = read("send_file(path, as_attachment=True, cache_timeout=60)")
    (hole,) = holes_in(original)
    filled = substitute(original, [hole.stand_ins[2]])
    engine = PortEngine()
    with engine, engine.porting(original, port):
        quart = engine.compare_value(filled).quart
    headers = dict(quart.headers)
    assert headers["cache-control"] == "public, max-age=60"
    assert headers["content-disposition"] == "attachment; filename=pixel.png"


CALLED = (
    "from flask import Flask, Response, stream_with_context\n\napp = Flask(__name__)\n\n\n"
    "def rows(count):\n    for index in range(count):\n        yield str(index)\n\n\n"
    "@app.get('/csv')\ndef csv():\n"
    "    return Response(stream_with_context(rows(3)), mimetype='text/csv')\n"
)


def test_stream_with_context_called_on_a_generator_is_proven_on_its_port(tmp_path: Path) -> None:
    """Flask's `stream_with_context(rows(3))` is a 500 in Quart; the port writes
    `stream_with_context(rows)(3)` over an `async def rows`, and the proof runs that port."""
    (tmp_path / "app.py").write_text(CALLED)
    verdicts = []
    for ignore in ("FQM103", "FQM6"):
        _, out, _ = _run(str(tmp_path), "--prove", "--examples", "3", "--ignore", ignore)
        verdicts.append(out.splitlines()[0])
    assert "FQM501" in verdicts[0]
    assert "differs: stream-with-context-call" in verdicts[0]
    assert verdicts[1].startswith("# FQM500 ")
    assert verdicts[1].endswith("Quart ran the port's own return, as the rewrite wrote it")


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Response(stream_with_context(rows(3)))", HoleKind.CHUNKS),
        ("stream_with_context(generate())", HoleKind.CHUNKS),
        ("Response(stream_with_context(iter(items)))", HoleKind.ITERATOR),
    ],
)
def test_stream_with_context_call_reads_as_the_model_form(source: str, kind: HoleKind) -> None:
    """The reader keeps Flask's call form around a computed stream, so the registry sees it."""
    tree = read_return(source, ast.parse(source, mode="eval").body)
    streams = [v for v in (tree, getattr(tree, "body", None)) if isinstance(v, m.WithContext)]
    assert len(streams) == 1
    assert [hole.kind for hole in holes_in(tree)] == [kind]
