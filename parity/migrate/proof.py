"""Proof per view: the Flask original on Flask against the Quart port, as written, on Quart.

Each view's returns are read twice with the scan's reader: from the original module and from
the module the rewrite produced. Where both read as the same model tree (the port only awaits
what Quart awaits, which the lab's Quart app awaits too), the return is explored as
`parity scan` explores it. Where they differ (a streaming generator the port made
`async def`), the Flask app runs the original's reading and the Quart app the port's, the same
hole values filled into both by Hypothesis. Either way the registry judges what differs, and
each verdict is a note: FQM500 same answer, FQM501 differs (the entries named), FQM502 cannot
tell (the part outside the model named).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import is_dataclass
from pathlib import Path

from parity.engine import Engine
from parity.migrate.graph import Note
from parity.migrate.run import Migration
from parity.migrate.run import is_test_module
from parity.scan.codes import fragment
from parity.scan.discover import View
from parity.scan.discover import ViewReturn
from parity.scan.discover import views
from parity.scan.explain import stand_in_note
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.explore import Exploration
from parity.scan.explore import Explorer
from parity.scan.explore import ScanVerdict
from parity.scan.files import Unreadable
from parity.scan.files import read_source
from parity.scan.helpers import Helpers
from parity.scan.holes import Hole
from parity.scan.holes import holes_in
from parity.scan.holes import read_made_then_changed
from parity.scan.holes import read_return
from parity.scan.holes import read_stream
from parity.scan.holes import substitute
from parity.scan.stand_ins import file_name
from shared import model as m
from shared.outcome import Outcome
from shared.parse import ParseError
from shared.probe import Probe

VERDICT_CODES = {
    ScanVerdict.SAME: "FQM500",
    ScanVerdict.DIFFERS: "FQM501",
    ScanVerdict.CONDITIONAL: "FQM501",  # its message says it differs only for untypical text
    ScanVerdict.CANNOT_TELL: "FQM502",
}
"""The exploration's verdicts and the proof's codes."""


@dataclass(frozen=True)
class Proof:
    """The verdict on one return of one view: the Flask original against the Quart port."""

    path: str
    line: int
    column: int
    view: str
    code: str
    verdict: str
    message: str
    ported: bool
    """Whether the port's return reads differently from the original's, so that the Quart app
    ran the port's own reading (an `async def` generator, as written)."""
    tried: int = 0
    divergences: tuple[str, ...] = ()
    unexplained: tuple[str, ...] = ()
    example: str | None = None
    outside: str | None = None

    def note(self) -> Note:
        """The proof as one note line."""
        return Note(
            self.path, self.line, self.column, self.code, f"view `{self.view}`: {self.message}"
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "view": self.view,
            "code": self.code,
            "verdict": self.verdict,
            "message": self.message,
            "ported": self.ported,
            "tried": self.tried,
            "divergences": list(self.divergences),
            "unexplained": list(self.unexplained),
            "example": self.example,
            "outside": self.outside,
        }


class PortEngine(Engine):
    """An engine whose Quart app, while a port is set, returns the port's reading of the value
    the Flask app returns: the same holes, filled with the same values."""

    def __init__(self) -> None:
        super().__init__()
        self._port: Callable[[m.ReturnValue], m.ReturnValue] | None = None

    @contextmanager
    def porting(self, original: m.ReturnValue, port: m.ReturnValue) -> Iterator[None]:
        """Within the block, the Quart app answers with `port` filled as `original` was."""

        def ported(value: m.ReturnValue) -> m.ReturnValue:
            pairs = zip(
                holes_in(original), holes_in(port), hole_values(original, value), strict=True
            )
            return substitute(port, [_port_value(*pair) for pair in pairs])

        self._port = ported
        try:
            yield
        finally:
            self._port = None

    def answer(
        self, probe: Probe, quart_value: m.ReturnValue | None = None
    ) -> tuple[Outcome, Outcome]:
        """As the engine answers, the Quart app returning the port's reading while one is set."""
        if quart_value is None and self._port is not None:
            quart_value = self._port(probe.value)
        return super().answer(probe, quart_value)


def _port_value(original: Hole, port: Hole, value: object) -> object:
    """The value for a port's hole: the original's, but for a sent file the port's own call
    (its options as the port writes them) with the same stand-in file."""
    if original.stand_ins and value in original.stand_ins:
        return port.stand_ins[original.stand_ins.index(value)]
    return value


def _stand_in_files(tree: m.ReturnValue) -> list[tuple[str | None, ...]]:
    """The stand-in files of each hole, so that a port runs the same files as its original."""
    return [tuple(file_name(call) for call in hole.stand_ins) for hole in holes_in(tree)]


def hole_values(template: object, filled: object) -> list[object]:
    """The values that fill `template`'s holes in `filled`, in `holes_in` order."""
    if isinstance(template, Hole):
        return [filled]
    if isinstance(template, tuple) and isinstance(filled, tuple):
        return [v for t, f in zip(template, filled, strict=True) for v in hole_values(t, f)]
    if is_dataclass(template) and not isinstance(template, type):
        return [
            value
            for part in fields(template)
            for value in hole_values(getattr(template, part.name), getattr(filled, part.name))
        ]
    return []


@dataclass(frozen=True)
class Side:
    """One side of the proof: every module's text and syntax tree, and the helpers across them."""

    texts: dict[str, str]
    modules: dict[str, ast.Module]
    views: dict[str, list[View]]
    helpers: Helpers


def _side(texts: dict[str, str]) -> Side:
    modules: dict[str, ast.Module] = {}
    found: dict[str, list[View]] = {}
    helpers = Helpers()
    for path, text in texts.items():
        try:
            module = ast.parse(text, filename=path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        modules[path] = module
        found[path] = views(module)
        helpers.add_module(text, module, {id(view.node) for view in found[path]})
    return Side(texts, modules, found, helpers)


def _stream_body(view: View, found: ViewReturn) -> list[ast.stmt] | None:
    """`def generate(): ...` then `return generate()`, when the view returns its own generator
    function called: the two statements the model reads as one streamed body."""
    call = found.expression
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)) or call.args:
        return None
    body = getattr(view.node, "body", [])
    for statement in body:
        if (
            isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
            and statement.name == call.func.id
            and any(isinstance(n, ast.Yield) for n in ast.walk(statement))
        ):
            return [statement, found.node]  # type: ignore[list-item]
    return None


def read_view_return(side: Side, path: str, view: View, found: ViewReturn) -> m.ReturnValue:
    """The model tree of one return as the scan reads it, a streamed body included;
    ParseError when it is outside the grammar."""
    text = side.texts[path]
    stream = _stream_body(view, found)
    if stream is not None:
        return read_stream(text, stream)
    source = side.helpers.follow(text, view.node, found.node, found.expression)
    if source.statements is None:
        return read_return(source.text, source.expression)
    return read_made_then_changed(source.text, source.statements)


def _pairs(original: list[View], port: list[View]) -> Iterator[tuple[View, View | None]]:
    """Each original view with the port's view of the same name and rank."""
    ranked: dict[tuple[str, int], View] = {}
    seen: dict[str, int] = {}
    for view in port:
        rank = seen[view.name] = seen.get(view.name, -1) + 1
        ranked[(view.name, rank)] = view
    seen.clear()
    for view in original:
        rank = seen[view.name] = seen.get(view.name, -1) + 1
        yield view, ranked.get((view.name, rank))


def _message(exploration: Exploration, ported: bool, tree: m.ReturnValue | None) -> str:
    tried = exploration.tried
    values = f"{tried} value{'s' if tried != 1 else ''}"
    if exploration.verdict is ScanVerdict.SAME:
        message = f"same answer from the Flask original and the Quart port ({values} tried)"
    elif exploration.verdict is ScanVerdict.CANNOT_TELL:
        message = f"cannot tell: {exploration.outside}"
    elif exploration.unexplained:
        left = "; ".join(exploration.unexplained)
        message = f"differs, unexplained ({left}); minimal example: {exploration.example}"
    else:
        entries = ", ".join(exploration.divergences)
        differs = "differs"
        if exploration.verdict is ScanVerdict.CONDITIONAL:
            differs += " only for non-ASCII or URL-escaped text"
        message = f"{differs}: {entries}; minimal example: {exploration.example}"
    stand_in = "" if tree is None else stand_in_note(tree, exploration)
    if stand_in and exploration.verdict is not ScanVerdict.CANNOT_TELL:
        message += f" ({stand_in})"
    return message + (PORTED if ported else "")


PORTED = "; Quart ran the port's own return, as the rewrite wrote it"


class Prover:
    """Explores each pair of returns on one engine, with one explorer for returns the port
    leaves as they read and one per port reading that differs."""

    def __init__(self, engine: PortEngine, examples: int) -> None:
        self.engine = engine
        self.examples = examples
        self.same = Explorer(engine, examples)
        self.ported: dict[m.ReturnValue, Explorer] = {}

    def explore(
        self, original: m.ReturnValue, port: m.ReturnValue, method: str
    ) -> tuple[Exploration, bool]:
        """The exploration of one return, and whether the Quart side ran the port's reading."""
        if original == port:
            return self.same.explore(original, method), False
        kinds = [hole.kind for hole in holes_in(original)]
        if kinds != [hole.kind for hole in holes_in(port)]:
            outside = "the port's return reads with other computed parts than the original's"
            return Exploration(ScanVerdict.CANNOT_TELL, outside=outside), True
        if _stand_in_files(original) != _stand_in_files(port):
            outside = "the port's file response reads with other stand-in files than the original's"
            return Exploration(ScanVerdict.CANNOT_TELL, outside=outside), True
        if port not in self.ported:
            self.ported[port] = Explorer(self.engine, self.examples)
        with self.engine.porting(original, port):
            return self.ported[port].explore(original, method), True


def _proof(
    path: str,
    line: int,
    column: int,
    view: str,
    exploration: Exploration,
    ported: bool,
    tree: m.ReturnValue | None = None,
) -> Proof:
    return Proof(
        path,
        line,
        column,
        view,
        VERDICT_CODES[exploration.verdict],
        exploration.verdict.value,
        _message(exploration, ported, tree),
        ported,
        exploration.tried,
        exploration.divergences,
        exploration.unexplained,
        exploration.example,
        exploration.outside,
    )


def _column(text: str, node: ast.AST) -> tuple[int, int]:
    line = getattr(node, "lineno", 1)
    offset = getattr(node, "col_offset", 0)
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return line, offset + 1
    encoded = lines[line - 1].encode("utf-8", "surrogatepass")
    return line, len(encoded[:offset].decode("utf-8", "replace")) + 1


def prove(files: list[Path], migration: Migration, examples: int = DEFAULT_EXAMPLES) -> list[Proof]:
    """One proof per return of every view in the application modules among `files`: the
    original's reading on Flask against the port's (the migration's text) on Quart."""
    after = {changed.path: changed.after for changed in migration.changed}
    originals: dict[str, str] = {}
    for file in files:
        if is_test_module(file):
            continue
        text = read_source(file)
        if not isinstance(text, Unreadable):
            originals[str(file)] = text
    original = _side(originals)
    port = _side({path: after.get(path, text) for path, text in originals.items()})
    proofs: list[Proof] = []
    engine = PortEngine()
    with engine:
        prover = Prover(engine, examples)
        for path in original.modules:
            theirs = port.views.get(path, [])
            for view, ported_view in _pairs(original.views[path], theirs):
                proofs += _prove_view(prover, original, port, path, view, ported_view)
    return proofs


def _prove_view(
    prover: Prover, original: Side, port: Side, path: str, view: View, ported: View | None
) -> list[Proof]:
    proofs = []
    port_returns = ported.returns if ported is not None else ()
    for index, found in enumerate(view.returns):
        line, column = _column(original.texts[path], found.node)
        try:
            before = read_view_return(original, path, view, found)
        except ParseError as error:
            message = f"{error.problem}: `{fragment(error.fragment)}`"
            exploration = Exploration(ScanVerdict.CANNOT_TELL, outside=message)
            proofs.append(_proof(path, line, column, view.name, exploration, False))
            continue
        if ported is None or index >= len(port_returns):
            outside = "the port has no matching return to run"
            exploration = Exploration(ScanVerdict.CANNOT_TELL, outside=outside)
            proofs.append(_proof(path, line, column, view.name, exploration, True))
            continue
        try:
            now = read_view_return(port, path, ported, port_returns[index])
        except ParseError as error:
            message = f"the port's return: {error.problem}: `{fragment(error.fragment)}`"
            exploration = Exploration(ScanVerdict.CANNOT_TELL, outside=message)
            proofs.append(_proof(path, line, column, view.name, exploration, True))
            continue
        exploration, differs = prover.explore(before, now, view.method)
        proofs.append(_proof(path, line, column, view.name, exploration, differs, before))
    return proofs
