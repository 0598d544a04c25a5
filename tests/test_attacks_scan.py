"""`parity scan` on hostile trees: each trap is one FQ9xx line, the rest is scanned, exit 2."""

from __future__ import annotations

import ast
import errno
import io
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest

from parity.cli import build_parser
from parity.exit_codes import EXIT_CLOSED_PIPE
from parity.scan.checks import Check
from parity.scan.checks import awaits_needed
from parity.scan.codes import CODES_BY_ID
from parity.scan.codes import NOT_SCANNED
from parity.scan.command import run
from parity.scan.files import MAX_FILE_BYTES
from parity.scan.files import MAX_TOKENS
from parity.scan.files import Skipped
from parity.scan.files import walk
from parity.scan.scanner import scan_paths
from shared.parse.segments import source_segment

pytestmark = [pytest.mark.flask, pytest.mark.quart]

ROOT = Path(__file__).parent.parent
GOOD_VIEW = "@app.route('/')\ndef index():\n    return jsonify(x)\n"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>FQ\d{3}) (?P<message>.+)$")
MAX_RSS_MB = 500
SETPRIV = shutil.which("setpriv")


def _scan(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    # --show-same: the good file's same-answer line shows it was judged beside the trap.
    argv = ["scan", "--examples", "2", "--show-same", *args]
    code = run(build_parser().parse_args(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def _lines(out: str, code: str) -> list[re.Match[str]]:
    found = [LINE.match(line) for line in out.splitlines()]
    return [match for match in found if match is not None and match["code"] == code]


def _good(tree: Path) -> Path:
    (tree / "good").mkdir(exist_ok=True)
    good = tree / "good" / "views.py"
    good.write_text(GOOD_VIEW)
    return good


# Each case builds its trap in the tree and returns the path the note names; the trap may need
# a monkeypatch where the system would not refuse a root process (the end-to-end test below
# checks the same refusals for real with the privileges dropped).


def _self_loop(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "self.py").symlink_to("self.py")
    return tree / "self.py"


def _cycle(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "a.py").symlink_to("b.py")
    (tree / "b.py").symlink_to("a.py")
    return tree / "a.py"


def _loop_through_parent(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "deep").mkdir()
    (tree / "deep" / "x.py").symlink_to("../deep/y.py")
    (tree / "deep" / "y.py").symlink_to("../deep/x.py")
    return tree / "deep" / "x.py"


def _broken(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "gone.py").symlink_to(tree / "missing.py")
    return tree / "gone.py"


def _fifo(tree: Path, _: pytest.MonkeyPatch) -> Path:
    os.mkfifo(tree / "pipe.py")
    return tree / "pipe.py"


def _device(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "zero.py").symlink_to("/dev/zero")  # reading it would never end
    return tree / "zero.py"


def _socket(tree: Path, _: pytest.MonkeyPatch) -> Path:
    path = tree / "s.py"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return path


def _not_utf8(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "latin.py").write_bytes(b"x = '\xe9'\n")
    return tree / "latin.py"


def _nul(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "nul.py").write_bytes(b"x = 1\ny = '\x00'\n")
    return tree / "nul.py"


def _too_large(tree: Path, _: pytest.MonkeyPatch) -> Path:
    with (tree / "big.py").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    return tree / "big.py"


def _too_many_tokens(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "dense.py").write_text("a;" * (MAX_TOKENS // 2 + 1))
    return tree / "dense.py"


def _too_deep(tree: Path, _: pytest.MonkeyPatch) -> Path:
    (tree / "deep.py").write_text("def f():\n    return 1" + "+1" * 100_000 + "\n")
    return tree / "deep.py"


def _refusing(monkeypatch: pytest.MonkeyPatch, name: str, victim: Path, error: int) -> None:
    """Make `os.<name>` refuse one path, as the system refuses others what root may do."""
    real = getattr(os, name)

    def refuse(path: object, *args: object, **kwargs: object) -> object:
        if os.fspath(path) == str(victim):  # type: ignore[call-overload]
            raise OSError(error, os.strerror(error), str(victim))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, refuse)


def _unreadable_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    victim = tree / "secret.py"
    victim.write_text(GOOD_VIEW)
    _refusing(monkeypatch, "open", victim, errno.EACCES)
    return victim


def _unreadable_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    victim = tree / "locked"
    victim.mkdir()
    (victim / "views.py").write_text(GOOD_VIEW)
    _refusing(monkeypatch, "scandir", victim, errno.EACCES)
    return victim


def _io_error(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    victim = tree / "bad_disk.py"
    victim.write_text(GOOD_VIEW)
    real_open, real_read = os.open, os.read
    opened: set[int] = set()

    def tracking_open(path: object, *args: object, **kwargs: object) -> int:
        descriptor: int = real_open(path, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(path) == str(victim):  # type: ignore[call-overload]
            opened.add(descriptor)
        else:
            opened.discard(descriptor)  # a number the victim had, reused
        return descriptor

    def failing_read(descriptor: int, size: int) -> bytes:
        if descriptor in opened:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_read(descriptor, size)

    monkeypatch.setattr(os, "open", tracking_open)
    monkeypatch.setattr(os, "read", failing_read)
    return victim


CASES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], Path], str, str]] = {
    "symlink-self-loop": (_self_loop, "FQ904", "symlink loop"),
    "symlink-cycle": (_cycle, "FQ904", "symlink loop"),
    "symlink-loop-through-parent": (_loop_through_parent, "FQ904", "symlink loop"),
    "broken-symlink": (_broken, "FQ905", "broken symlink"),
    "fifo": (_fifo, "FQ906", "not a regular file (a FIFO); not opened"),
    "device": (_device, "FQ906", "not a regular file (a device); not opened"),
    "socket": (_socket, "FQ906", "not a regular file (a socket); not opened"),
    "not-utf8": (_not_utf8, "FQ901", "byte 0xe9 is not valid utf-8"),
    "nul": (_nul, "FQ900", "not valid Python: a NUL character"),
    "too-large": (_too_large, "FQ907", "over the 1,048,576-byte cap"),
    "too-many-tokens": (_too_many_tokens, "FQ907", "over the 400,000-token cap"),
    "too-deep": (_too_deep, "FQ909", "nested too deeply for Python's parser"),
    "unreadable-file": (_unreadable_file, "FQ902", "cannot read the file: permission denied"),
    "unreadable-folder": (_unreadable_folder, "FQ903", "cannot list the folder: permission denied"),
    "io-error": (_io_error, "FQ902", "cannot read the file: Input/output error"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_trap_is_one_line_and_the_rest_is_scanned(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trap is one `path:line:col: FQ9xx reason` line per trapped path, the good file beside
    it is still judged, nothing goes to stderr, and the scan exits 2 (0 when ignored)."""
    build, code, reason = CASES[case]
    good = _good(tmp_path)
    trapped = build(tmp_path, monkeypatch)
    exit_code, out, err = _scan(str(tmp_path))
    notes = [m for m in _lines(out, code) if m["path"] == str(trapped)]
    assert len(notes) == 1, out
    assert reason in notes[0]["message"], notes[0]["message"]
    assert f"{good}:3:5: FQ001 same answer" in out
    assert {m["code"] for m in map(LINE.match, out.splitlines()[:-1]) if m} <= {"FQ001", code}
    assert err == ""
    assert exit_code == 2
    assert out.splitlines()[-1].endswith("not scanned (FQ9xx).")
    ignored, out, _ = _scan("--ignore", code, str(tmp_path))
    assert ignored == 0
    assert f" {code} " not in out


def test_every_not_scanned_code_is_documented_and_exits_2() -> None:
    """Every FQ9xx is a not-scanned code, and the trap cases cover each one."""
    assert {c for c in CODES_BY_ID if c.startswith("FQ9")} == NOT_SCANNED
    covered = {code for _, code, _ in CASES.values()} | {"FQ908"}  # FQ908: the tests below
    assert covered == NOT_SCANNED


def test_a_return_too_deep_for_the_scan_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A return that `ast` parses but the scan's own walk cannot follow (RecursionError) is an
    FQ909 at that return; the view's other returns are still judged."""
    (tmp_path / "views.py").write_text(
        "@app.route('/')\ndef index():\n    if a:\n        return deep\n    return jsonify(x)\n"
    )
    real = awaits_needed

    def too_deep(parts: list[ast.AST]) -> Iterator[Check]:
        if any(isinstance(p, ast.Name) and p.id == "deep" for p in parts):
            raise RecursionError("maximum recursion depth exceeded")
        return real(parts)

    monkeypatch.setattr("parity.scan.scanner.awaits_needed", too_deep)
    code, out, err = _scan(str(tmp_path))
    lines = out.splitlines()
    assert lines[0] == (
        f"{tmp_path / 'views.py'}:4:9: FQ909 nested too deeply for the scan to read "
        "(RecursionError)"
    )
    assert lines[1].startswith(f"{tmp_path / 'views.py'}:5:5: FQ001 same answer")
    assert (code, err) == (2, "")


@pytest.mark.parametrize(
    "text",
    [
        "x = {'caf\u00e9': [1,\n  2]}\r\ny = f(a,\r b)\n",
        "def v():\n    return jsonify({'\u00e9': '\U0001f600'}), 201\x0c\n",
        "a = '\u2028' + b(c,\n d)\n",
    ],
    ids=["crlf-and-cr", "astral-and-form-feed", "line-separator-in-a-line"],
)
def test_source_segment_is_what_ast_gives(text: str) -> None:
    """The once-per-text index quotes every node exactly as `ast.get_source_segment` does,
    line ends and non-ASCII columns included."""
    for node in ast.walk(ast.parse(text)):
        assert source_segment(text, node) == ast.get_source_segment(text, node)


def test_help_lists_every_code_and_the_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    """`parity scan --help` ends with every finding code and what each exit status means."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(["scan", "--help"])
    text = capsys.readouterr().out
    for code in CODES_BY_ID.values():
        assert re.search(rf"^  {code.id} +{code.name}$", text, re.MULTILINE), code.id
    assert "    2  a part of the tree was not scanned" in text


def test_a_path_under_an_unsearchable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path named on the command line that the system will not reach is a note, not a
    traceback, and the other paths named are still scanned."""
    good = _good(tmp_path)
    hidden = tmp_path / "shut" / "views.py"
    _refusing(monkeypatch, "stat", hidden, errno.EACCES)
    _refusing(monkeypatch, "lstat", hidden, errno.EACCES)
    code, out, err = _scan(str(hidden), str(good))
    assert out.startswith(
        f"{hidden}:1:1: FQ903 cannot reach it: a folder above it is not searchable"
    )
    assert f"{good}:3:5: FQ001" in out
    assert (code, err) == (2, "")


def test_a_named_symlink_loop_is_a_note_not_a_missing_path(tmp_path: Path) -> None:
    """A loop named on the command line exists: it is an FQ904 line, not `no such file`."""
    (tmp_path / "loop").symlink_to("loop")
    code, out, err = _scan(str(tmp_path / "loop"))
    assert out.startswith(f"{tmp_path / 'loop'}:1:1: FQ904 symlink loop")
    assert (code, err) == (2, "")


def test_a_file_that_vanishes_before_it_is_read(tmp_path: Path) -> None:
    """A file listed by the walk and deleted before it is read is an FQ908 line."""
    good = _good(tmp_path)
    doomed = tmp_path / "doomed.py"
    doomed.write_text(GOOD_VIEW)
    found = list(walk([tmp_path]))
    doomed.unlink()
    findings = scan_paths(found, str, examples=2).findings
    assert [(f.path, f.code) for f in findings] == [(str(doomed), "FQ908"), (str(good), "FQ001")]
    assert findings[0].message == "vanished: it was removed or replaced while the scan ran"


def test_a_folder_that_vanishes_before_it_is_listed(tmp_path: Path) -> None:
    """A subfolder removed while the walk is under way is an FQ908 entry in its place."""
    (tmp_path / "a.py").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("")
    walking: Iterator[Path | Skipped] = walk([tmp_path])
    assert next(walking) == tmp_path / "a.py"
    shutil.rmtree(tmp_path / "sub")
    assert list(walking) == [Skipped(tmp_path / "sub", "FQ908", _vanished())]


def _vanished() -> str:
    return "vanished: it was removed or replaced while the scan ran"


def test_directory_symlinks_are_not_followed(tmp_path: Path) -> None:
    """A symlink to a directory (a loop through a parent, or one named like a module) is not
    entered, so every file is scanned once and the result is clean."""
    good = _good(tmp_path)
    (tmp_path / "good" / "up").symlink_to("..")
    (tmp_path / "good" / "pkg.py").symlink_to(tmp_path)
    (tmp_path / "alias.py").symlink_to(good)
    code, out, err = _scan(str(tmp_path))
    assert out.count(" FQ001 same answer") == 1, out
    assert (code, err) == (0, "")


def _unprivileged() -> list[str]:
    """A command prefix that runs Python without the root privileges that ignore permissions
    (without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, root obeys the owner's bits)."""
    if os.geteuid() != 0:
        return []
    if SETPRIV is None:
        pytest.skip("running as root, and setpriv is not installed to drop the privileges")
    return [SETPRIV, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]


def test_end_to_end_the_system_refuses_and_the_scan_goes_on(tmp_path: Path) -> None:
    """In a real process the system really refuses: a file with mode 000, a folder with mode
    000, a path named under one, a FIFO and /dev/zero named like modules, a symlink loop.
    Each is one line, the good file is judged, nothing hangs, and the exit is 2."""
    good = _good(tmp_path)
    (tmp_path / "secret.py").write_text(GOOD_VIEW)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "views.py").write_text(GOOD_VIEW)
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "self.py").symlink_to("self.py")
    (tmp_path / "secret.py").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        command = [*_unprivileged(), sys.executable, "-m", "parity", "scan", "--examples", "2"]
        command += ["--show-same", str(tmp_path), str(tmp_path / "locked" / "views.py")]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    finally:
        (tmp_path / "locked").chmod(0o755)
    expected = [
        f"{tmp_path / 'pipe.py'}:1:1: FQ906 not a regular file (a FIFO); not opened",
        f"{tmp_path / 'secret.py'}:1:1: FQ902 cannot read the file: permission denied",
        f"{tmp_path / 'self.py'}:1:1: FQ904 symlink loop: it leads back to itself",
        f"{tmp_path / 'zero.py'}:1:1: FQ906 not a regular file (a device); not opened",
        f"{good}:3:5: FQ001 same answer from Flask and Quart (2 values tried)",
        f"{tmp_path / 'locked'}:1:1: FQ903 cannot list the folder: permission denied",
        f"{tmp_path / 'locked' / 'views.py'}:1:1: FQ903 cannot reach it: a folder above it "
        "is not searchable (permission denied)",
    ]
    assert done.stdout.splitlines()[:-1] == expected, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].endswith(" 6 parts not scanned (FQ9xx).")
    assert (done.returncode, done.stderr) == (2, "")


def _closed_stdout(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `parity` with its stdout a pipe whose reader has already gone, as `| head -1`
    leaves it once it has its line."""
    with subprocess.Popen(
        [sys.executable, "-m", "parity", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=120)
    return subprocess.CompletedProcess(process.args, code, "", err)


def test_scan_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`parity scan ... | head -1`: no BrokenPipe traceback, exit 141 as after SIGPIPE."""
    _good(tmp_path)
    done = _closed_stdout("scan", "--examples", "2", str(tmp_path))
    assert (done.returncode, done.stderr) == (EXIT_CLOSED_PIPE, "")


def test_compare_into_a_closed_pipe_ends_quietly() -> None:
    """`parity compare --json ... | head -1` keeps its verdict's code (documented) and says
    nothing on stderr."""
    done = _closed_stdout("compare", "--json", "jsonify(ok=True), 201")
    assert (done.returncode, done.stderr) == (0, "")


def test_help_into_a_closed_pipe_ends_quietly() -> None:
    """Even argparse's help, written before any command runs, meets a closed pipe quietly."""
    done = _closed_stdout("scan", "--help")
    assert done.stderr == ""
    assert done.returncode in (0, EXIT_CLOSED_PIPE)  # help may fit in the pipe's buffer


RSS_PROBE = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "parity", "scan", "--examples", "2", sys.argv[1]],
                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stderr[-300:])
"""


def test_a_file_just_under_the_caps_stays_under_500_mb(tmp_path: Path) -> None:
    """The densest file measured (a view of `f(a)` calls, one a line, up to just under the
    token cap: the most syntax-tree objects per token) is scanned in under 500 MB, measured as
    the peak resident set of the scan process. Denser files are refused (too-many-tokens)."""
    lines = (MAX_TOKENS - 100) // 4
    text = "@app.route('/')\ndef view():\n" + "    f(a)\n" * lines + "    return jsonify(x)\n"
    assert len(text.encode()) <= MAX_FILE_BYTES
    (tmp_path / "dense.py").write_text(text)
    probe = [sys.executable, "-c", RSS_PROBE, str(tmp_path / "dense.py")]
    done = subprocess.run(probe, capture_output=True, text=True, timeout=300, cwd=ROOT)
    code, kilobytes, _ = done.stdout.split(" ", 2)
    assert code == "0", done.stdout + done.stderr
    assert int(kilobytes) / 1024 < MAX_RSS_MB
