"""`parity scan` on file responses: each runs with a shipped stand-in file, the user's call and
options kept as written, and the finding says the file was a stand-in."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.engine import Engine
from parity.scan.command import run
from parity.scan.explore import Exploration
from parity.scan.explore import Explorer
from parity.scan.explore import ScanVerdict
from parity.scan.fill import fillable
from parity.scan.holes import Hole
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_made_then_changed
from parity.scan.holes import read_return
from parity.scan.holes import substitute
from parity.scan.output import sarif
from parity.scan.scanner import _verdict_message
from parity.scan.scanner import scan_paths
from parity.scan.stand_ins import file_name
from shared import model as m

pytestmark = [pytest.mark.flask, pytest.mark.quart]

EVERY_TYPE = ("hello.txt", "data.json", "pixel.png")
CHOSEN = [
    ('send_file("static/logo.png")', ("pixel.png",), "same type (.png)"),
    ('send_file("docs/Notes.TXT")', ("hello.txt",), "same type (.txt)"),
    ('send_file(f"{name}.json", as_attachment=True)', ("data.json",), "same type (.json)"),
    ('send_file(os.path.join(root, "a.txt"))', ("hello.txt",), "same type (.txt)"),
    ('send_file(Path(root) / "a.png")', ("pixel.png",), "same type (.png)"),
    ('send_from_directory("uploads", "a.json")', ("data.json",), "same type (.json)"),
    ('send_file(path, mimetype="application/pdf")', ("hello.txt",), "the call gives the mimetype"),
    ('send_file("manual.pdf")', EVERY_TYPE, "no shipped file is .pdf"),
    ("send_file(path)", EVERY_TYPE, "the file's type is not known"),
    ("send_from_directory(folder, name)", EVERY_TYPE, "the file's type is not known"),
    ("send_file(helper('a.png'))", EVERY_TYPE, "the file's type is not known"),
]
REFUSED = [
    ("send_file(path, max_age=timeout)", "`max_age=timeout` is computed"),
    ("send_file(path, mimetype=None)", "`mimetype=None` is computed or not a literal"),
    ("send_file(path, as_attachment=1)", "`as_attachment=1` is computed or not a literal"),
    ("send_file(path, environ=request.environ)", "`environ=` is not a send_file option"),
    ("send_file(io.BytesIO(data))", "a file object"),
    ("send_file(open(path, 'rb'))", "a file object"),
    ("send_file(path_or_file=path)", "the path passed by keyword"),
    ("send_file(*args)", "unpacked"),
    ("send_file(path, **options)", "unpacked"),
    ("send_file(path, 'text/plain')", "2 positional arguments"),
    ("send_file(42)", "not a path"),
]


def _file_hole(source: str) -> Hole:
    (hole,) = holes_in(read_return(source, ast.parse(source, mode="eval").body))
    assert hole.kind is HoleKind.FILE
    return hole


def _name(call: m.FileResponse) -> str:
    if isinstance(call, m.SendFromDirectory):
        return call.name
    assert isinstance(call.source, m.FilePath)
    return call.source.name


@pytest.mark.parametrize(("source", "files", "why"), CHOSEN, ids=[c[0] for c in CHOSEN])
def test_the_stand_in_is_the_shipped_file_of_the_same_type(
    source: str, files: tuple[str, ...], why: str
) -> None:
    """The same suffix picks that shipped file; a given mimetype any one; else each in turn."""
    hole = _file_hole(source)
    assert fillable(hole)
    assert tuple(_name(call) for call in hole.stand_ins) == files
    assert why in hole.note
    helper = source.partition("(")[0]
    assert all(call.to_source().startswith(f"{helper}(") for call in hole.stand_ins)


@pytest.mark.parametrize(("source", "reason"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_part_the_scan_would_have_to_guess_stays_cannot_tell(source: str, reason: str) -> None:
    """A computed option, a file object, a keyword path or unpacked arguments are not filled."""
    hole = _file_hole(source)
    assert not hole.stand_ins
    assert not fillable(hole)
    assert reason in hole.note


def test_a_computed_argument_is_said_to_be_taken_as_a_path() -> None:
    """A name or a call may hold a file object: the note says it was taken as a path, which a
    literal, an f-string or `os.path.join(...)` plainly is."""
    assert "`buf` taken as a path" in _file_hole("send_file(buf)").note
    assert "`get(p)` taken as a path" in _file_hole("send_file(get(p))").note
    for plain in ('send_file("a.png")', 'send_file(f"{n}.png")', "send_file(os.path.join(a, b))"):
        assert "taken as a path" not in _file_hole(plain).note
    assert "taken as a path" not in _file_hole("send_from_directory(folder, name)").note


def test_every_option_is_kept_as_written() -> None:
    """Only the path is replaced: the options, with their literal values, stay in order."""
    source = (
        'send_file(path, mimetype="text/csv", as_attachment=True, download_name="r.csv", '
        "max_age=-1, conditional=False, etag='abc', last_modified=1700000000)"
    )
    (call,) = _file_hole(source).stand_ins
    assert call == m.SendFile(
        m.FilePath("hello.txt"),
        (
            ("mimetype", "text/csv"),
            ("as_attachment", True),
            ("download_name", "r.csv"),
            ("max_age", -1),
            ("conditional", False),
            ("etag", "abc"),
            ("last_modified", 1700000000),
        ),
    )


def test_a_file_made_then_changed_keeps_its_changes() -> None:
    """`resp = send_file(...)`, changes, `return resp`: the file is the made response's hole,
    the changes (and their own holes) are kept around it."""
    text = 'resp = send_file("a.png")\nresp.headers["X-A"] = "a"\nresp.status_code = code\n'
    text += "return resp"
    tree = read_made_then_changed(text, ast.parse(text).body)
    assert isinstance(tree, m.Mutated)
    file, status = holes_in(tree)
    assert (file.kind, status.kind) == (HoleKind.FILE, HoleKind.STATUS)
    assert substitute(tree, [file.stand_ins[0], 201]).to_source() == (
        "resp = send_file('static_files/pixel.png')\nresp.headers['X-A'] = 'a'\n"
        "resp.status_code = 201\nreturn resp"
    )


def test_calls_with_other_options_are_other_shapes(engine: Engine) -> None:
    """Two file returns are explored once only when their stand-in calls are the same."""
    explorer = Explorer(engine, examples=5)
    first = read_return("send_file(a)", ast.parse("send_file(a)", mode="eval").body)
    again = read_return("send_file(b)", ast.parse("send_file(b)", mode="eval").body)
    source = "send_file(a, as_attachment=True)"
    other = read_return(source, ast.parse(source, mode="eval").body)
    assert explorer.explore(first, "GET") is explorer.explore(again, "GET")
    assert explorer.explore(first, "GET") is not explorer.explore(other, "GET")
    assert explorer.shapes == 2


def test_the_verdict_rests_on_a_stand_in_and_says_so(engine: Engine) -> None:
    """A file response is judged (Quart caches a sent file, Flask does not by default), and
    the message names the stand-in and what of it is not the user's file's."""
    source = 'send_file("static/logo.png", as_attachment=True)'
    tree = read_return(source, ast.parse(source, mode="eval").body)
    exploration = Explorer(engine, examples=5).explore(tree, "GET")
    assert exploration.verdict is ScanVerdict.DIFFERS
    assert "send-file-caching" in exploration.divergences
    assert exploration.example == "return send_file('static_files/pixel.png', as_attachment=True)"
    code, message = _verdict_message(exploration, tree, None)
    assert code == "FQ100"
    assert 'stand-in file: the shipped pixel.png for `send_file("static/logo.png"' in message
    assert "its name, size, dates and bytes are not the user's file's" in message


def test_a_file_of_unknown_type_names_the_types_it_differs_with(engine: Engine) -> None:
    """Tried as each shipped type, a differing return says whether it differs with each."""
    tree = read_return("send_file(path)", ast.parse("send_file(path)", mode="eval").body)
    exploration = Explorer(engine, examples=5).explore(tree, "GET")
    assert exploration.verdict is ScanVerdict.DIFFERS
    assert exploration.differs_with == EVERY_TYPE
    _, message = _verdict_message(exploration, tree, None)
    assert "one of each shipped type tried, as the file's type is not known" in message
    assert "; `path` taken as a path; it differs with each;" in message


def test_a_difference_with_one_type_only_is_not_claimed_for_the_others(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where only one stand-in's answers differ, the finding says so, and the others' alike."""
    explorer = Explorer(engine, examples=5)

    def text_only(tree: m.ReturnValue, method: str, typical: bool = False) -> Exploration:
        (hole,) = holes_in(tree)
        names = [file_name(call) for call in hole.stand_ins]
        differs = len(names) > 1 or names == ["hello.txt"]
        return Exploration(ScanVerdict.DIFFERS if differs else ScanVerdict.SAME, sample=tree)

    monkeypatch.setattr(explorer, "_explore", text_only)
    tree = read_return("send_file(path)", ast.parse("send_file(path)", mode="eval").body)
    exploration = explorer.explore(tree, "GET")
    assert exploration.differs_with == ("hello.txt",)
    _, message = _verdict_message(exploration, tree, None)
    assert "it differs only with hello.txt (the same with data.json, pixel.png)" in message


def test_a_same_answer_on_a_stand_in_says_so_too() -> None:
    """An FQ001 on a file response is the same only for the stand-ins tried: it says which."""
    tree = read_return("send_file(path)", ast.parse("send_file(path)", mode="eval").body)
    (hole,) = holes_in(tree)
    sample = substitute(tree, [hole.stand_ins[0]])
    exploration = Exploration(ScanVerdict.SAME, tried=3, sample=sample)
    code, message = _verdict_message(exploration, tree, None)
    assert code == "FQ001"
    assert message.startswith("same answer from Flask and Quart (3 values tried; stand-in file:")
    assert "one of each shipped type tried" in message


VIEWS = """\
from flask import Flask, send_file
app = Flask(__name__)
@app.route("/logo")
def logo():
    return send_file("static/logo.png")
@app.route("/timed")
def timed():
    return send_file(path, max_age=timeout)
"""


def test_json_and_sarif_carry_the_stand_in(tmp_path: Path) -> None:
    """The JSON finding lists the stand-ins tried and the one used; SARIF's message says it."""
    (tmp_path / "app.py").write_text(VIEWS)
    out = io.StringIO()
    run(build_parser().parse_args(["scan", "--format", "json", str(tmp_path)]), out, io.StringIO())
    findings = json.loads(out.getvalue())["findings"]
    judged = next(f for f in findings if f["line"] == 5 and f["code"] == "FQ100")
    assert judged["stand_ins"] == [
        {
            "call": 'send_file("static/logo.png")',
            "tried": ["pixel.png"],
            "used": "pixel.png",
            "why": "same type (.png)",
        }
    ]
    refused = next(f for f in findings if f["line"] == 8 and f["code"] == "FQ200")
    assert "stand_ins" not in refused
    assert refused["outside"].endswith("`max_age=timeout` is computed or not a literal of its kind")
    scan = scan_paths([tmp_path / "app.py"], str)
    results = sarif(scan.findings, "0", scan.ambient)["runs"][0]["results"]
    texts = [r["message"]["text"] for r in results if r["ruleId"] == "FQ100"]
    assert texts
    assert all("stand-in file: the shipped pixel.png" in text for text in texts)
