"""Scan files: find views and returns, read each return with holes, explore it, collect findings."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import cast

from parity.engine import Engine
from parity.migrate.reach import reach_notes
from parity.scan import explain
from parity.scan.app_settings import AppSettings
from parity.scan.app_settings import read_app_settings
from parity.scan.checks import Check
from parity.scan.checks import awaits_needed
from parity.scan.checks import client_findings
from parity.scan.codes import Finding
from parity.scan.codes import fragment
from parity.scan.discover import View
from parity.scan.discover import ViewReturn
from parity.scan.discover import views
from parity.scan.explore import DEFAULT_EXAMPLES
from parity.scan.explore import Exploration
from parity.scan.explore import Explorer
from parity.scan.explore import ScanVerdict
from parity.scan.files import Skipped
from parity.scan.files import Unreadable
from parity.scan.files import read_source
from parity.scan.helpers import Helpers
from parity.scan.holes import after_hooks
from parity.scan.holes import read_hooked
from parity.scan.holes import read_made_then_changed
from parity.scan.holes import read_return
from parity.scan.wire import WireChecker
from parity.scan.wire import wire_message
from parity.servers import ServerTarget
from parity.servers import running
from shared import model as m
from shared.frameworks import Framework
from shared.parse import ParseError


@dataclass
class Scan:
    """Every finding of one scan, and the counts its summary line reports."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    views: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    shapes: int = 0
    ambient: tuple[str, ...] = ()
    settings: AppSettings | None = None
    """The scanned app's settings, read from its source, that every return is judged in."""

    @property
    def returns(self) -> int:
        """How many returns were classified."""
        return sum(self.verdicts.values())


def _column(lines: list[str], line: int, byte_offset: int) -> int:
    """The 1-based character column of an `ast` byte offset."""
    if not 1 <= line <= len(lines):
        return byte_offset + 1
    encoded = lines[line - 1].encode("utf-8", "surrogatepass")
    return len(encoded[:byte_offset].decode("utf-8", "replace")) + 1


@dataclass(frozen=True)
class Loaded:
    """A file read and parsed, with its views."""

    shown: str
    text: str
    lines: list[str]
    views: list[View]


class Scanner:
    """Scans files one by one, starting the two apps only when a return needs exploring."""

    def __init__(
        self,
        stack: ExitStack,
        examples: int = DEFAULT_EXAMPLES,
        wire: Mapping[Framework, ServerTarget] | None = None,
    ) -> None:
        self._stack = stack
        self.examples = examples
        self._explorer: Explorer | None = None
        self._wire_targets = wire
        self._wire: WireChecker | None = None
        self.scan = Scan()
        self.helpers = Helpers()
        self.modules: list[tuple[str, ast.Module]] = []

    @property
    def explorer(self) -> Explorer:
        """The explorer, with both apps started on first use."""
        if self._explorer is None:
            engine = self._stack.enter_context(Engine())
            settings = self.scan.settings
            config = settings.probe_config() if settings is not None else ()
            self._explorer = Explorer(engine, self.examples, config)
            self.scan.ambient = self._explorer.ambient
        return self._explorer

    @property
    def wire(self) -> WireChecker | None:
        """With --wire, the checker, with both servers started on first use."""
        if self._wire_targets is not None and self._wire is None:
            servers = self._stack.enter_context(running(dict(self._wire_targets)))
            self._wire = WireChecker(self.explorer.engine, servers)
        return self._wire

    def load(self, path: Path, shown: str) -> Loaded | None:
        """Read and parse one file; an unreadable or invalid one becomes a finding and None."""
        self.scan.files += 1
        text = read_source(path)
        if isinstance(text, Unreadable):
            self._add(shown, text.line, text.column, text.code, text.reason)
            return None
        try:
            module = ast.parse(text, filename=shown)
        except SyntaxError as error:
            line, column = error.lineno or 1, error.offset or 1
            self._add(shown, line, column, "FQ900", f"not valid Python: {error.msg}")
            return None
        except (RecursionError, MemoryError) as error:
            reason = f"nested too deeply for Python's parser ({type(error).__name__})"
            self._add(shown, 1, 1, "FQ909", reason)
            return None
        except ValueError as error:
            self._add(shown, 1, 1, "FQ900", f"cannot parse: {type(error).__name__}: {error}")
            return None
        found = views(module)
        self.helpers.add_module(text, module, {id(view.node) for view in found})
        self.modules.append((shown, module))
        return Loaded(shown, text, text.splitlines(), found)

    def skip(self, skipped: Skipped, shown: str) -> None:
        """A file or folder the walk could not look at: one finding, nothing scanned."""
        self._add(shown, 1, 1, skipped.code, skipped.reason)

    def scan_views(self, loaded: Loaded) -> None:
        """Add the findings of every return of one file's views."""
        for view in loaded.views:
            self.scan.views += 1
            for view_return in view.returns:
                before, verdicts = len(self.scan.findings), self.scan.verdicts.copy()
                try:
                    self._scan_return(loaded, view, view_return)
                except (RecursionError, MemoryError) as error:
                    del self.scan.findings[before:]  # half a return's findings would mislead
                    self.scan.verdicts = verdicts
                    node = view_return.node
                    line, offset = node.lineno, node.col_offset  # type: ignore[attr-defined]
                    column = _column(loaded.lines, line, offset)
                    reason = f"nested too deeply for the scan to read ({type(error).__name__})"
                    self._add(loaded.shown, line, column, "FQ909", reason)

    def _scan_return(self, loaded: Loaded, view: View, found: ViewReturn) -> None:
        shown, lines = loaded.shown, loaded.lines
        node = found.node
        line, offset = node.lineno, node.col_offset  # type: ignore[attr-defined]
        column = _column(lines, line, offset)
        details: dict[str, object] = {"view": view.name, "method": view.method}
        source = self.helpers.follow(loaded.text, view.node, node, found.expression)
        if source.through:
            details["through"] = list(source.through)
        parts: list[ast.AST] = []
        if source.statements is not None and not source.through:
            parts.extend(source.statements)
        elif found.expression is not None:
            parts.append(found.expression)
        hooks = after_hooks(view.node)
        try:
            if len(hooks) > 1:
                names = ", ".join(f"def {hook.name}" for hook in hooks)
                raise ParseError("the view registers more than one after_this_request hook", names)
            if hooks and source.statements is None and not source.through:
                tree: m.ReturnValue = read_hooked(source.text, hooks[0], source.expression)
            elif hooks:
                raise ParseError(
                    "an after_this_request hook over a return made in steps or by a helper",
                    f"def {hooks[0].name}",
                )
            elif source.statements is None:
                tree = read_return(source.text, source.expression)
            else:
                tree = read_made_then_changed(source.text, source.statements)
        except ParseError as error:
            self.scan.verdicts[ScanVerdict.CANNOT_TELL.value] += 1
            message = f"cannot tell: {error.problem}: `{fragment(error.fragment)}`"
            message += _through(source.through)
            self._add(shown, line, column, "FQ200", message, {**details, "verdict": "cannot tell"})
            self._checks(shown, lines, awaits_needed(parts))
            return
        exploration = self.explorer.explore(tree, view.method)
        self.scan.shapes = self.explorer.shapes
        self.scan.verdicts[exploration.verdict.value] += 1
        code, message = _verdict_message(exploration, tree, self.scan.settings)
        message += _through(source.through)
        judged = {**details, **_verdict_details(exploration)}
        if exploration.verdict is not ScanVerdict.CANNOT_TELL and (
            files := explain.stand_ins(tree, exploration)
        ):
            judged["stand_ins"] = files
        if exploration.differences:
            judged["differences"] = [
                {"field": d.field, "flask": repr(d.left), "quart": repr(d.right)}
                for d in exploration.differences
            ]
        self._add(shown, line, column, code, message, judged)
        if self.wire is not None and exploration.sample is not None:
            checked = self.wire.check(exploration.sample, view.method)
            if checked.differs:
                wire_code = "FQ103" if checked.unexplained else "FQ102"
                stand_in = explain.stand_in_note(tree, exploration)
                wire_text = wire_message(checked) + (f" ({stand_in})" if stand_in else "")
                self._add(shown, line, column, wire_code, wire_text, details)
        self._checks(shown, lines, awaits_needed(parts))
        fallback = cast(ast.stmt | ast.expr, node)
        self._checks(shown, lines, client_findings(tree, parts, fallback))

    def _checks(self, shown: str, lines: list[str], checks: Iterable[Check]) -> None:
        for check in checks:
            column = _column(lines, check.line, check.column)
            self._add(shown, check.line, column, check.code, check.message)

    def _add(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        message: str,
        details: dict[str, object] | None = None,
    ) -> None:
        self.scan.findings.append(Finding(path, line, column, code, message, details or {}))


def _through(names: tuple[str, ...]) -> str:
    return f" (through {', '.join(f'`{name}()`' for name in names)})" if names else ""


def _verdict_message(
    exploration: Exploration, tree: m.ReturnValue, settings: AppSettings | None
) -> tuple[str, str]:
    tried = exploration.tried
    values = f"{tried} value{'s' if tried != 1 else ''}"
    stand_in = explain.stand_in_note(tree, exploration)
    if exploration.verdict is ScanVerdict.SAME:
        note = f"; {stand_in}" if stand_in else ""
        return "FQ001", f"same answer from Flask and Quart ({values} tried{note})"
    if exploration.verdict is ScanVerdict.CANNOT_TELL and exploration.too_much_work:
        return "FQ800", f"too much work, not run: {exploration.outside}"
    if exploration.verdict is ScanVerdict.CANNOT_TELL:
        return "FQ200", f"cannot tell: {exploration.outside}"
    example = exploration.example or ""
    if exploration.unexplained:
        left = "; ".join(exploration.unexplained)
        return "FQ101", f"differs, unexplained ({left}); minimal example: {example}"
    named = explain.entries(exploration.divergences)
    message = f"{', '.join(exploration.divergences)}: {explain.what_differs(exploration, tree)}"
    fix = explain.fixes(named, exploration.differences)
    message += f"; fix: {fix}" if fix else ""
    setting = explain.setting_condition(named, settings)
    message += f" ({setting})" if setting else ""
    message += f" ({stand_in})" if stand_in else ""
    if exploration.verdict is ScanVerdict.CONDITIONAL:
        condition = explain.value_condition(tree, exploration.sample)
        return "FQ110", f"differs {condition}: {message}"
    return "FQ100", f"differs: {message}"


def _verdict_details(exploration: Exploration) -> dict[str, object]:
    return {
        "verdict": exploration.verdict.value,
        "tried": exploration.tried,
        "divergences": list(exploration.divergences),
        "unexplained": list(exploration.unexplained),
        "example": exploration.example,
        "outside": exploration.outside,
    }


REACH_MAX_BYTES = 128 * 1024
"""The largest file whose await reach (FQM1xx) the scan follows: libcst's syntax tree costs
several times `ast`'s, and the scan holds any single file to 500 MB."""


def _reach(loaded: list[Loaded]) -> dict[str, list[Finding]]:
    """`parity migrate`'s await and async-def notes for every file up to REACH_MAX_BYTES, as
    findings by file."""
    found: dict[str, list[Finding]] = {}
    sources = {
        item.shown: item.text for item in loaded if len(item.text.encode()) <= REACH_MAX_BYTES
    }
    for note in reach_notes(sources):
        finding = Finding(note.path, note.line, note.column, note.code, note.message)
        found.setdefault(note.path, []).append(finding)
    return found


def _unreported(reach: list[Finding], ours: list[Finding]) -> list[Finding]:
    """The reach findings at places where no FQ300 already says the same."""
    said = {(f.line, f.column) for f in ours if f.code == "FQ300"}
    return [f for f in reach if (f.line, f.column) not in said]


def scan_paths(
    files: Sequence[Path | Skipped],
    shown: Callable[[Path], str],
    examples: int = DEFAULT_EXAMPLES,
    progress: Callable[[int, Path], None] | None = None,
    wire: Mapping[Framework, ServerTarget] | None = None,
) -> Scan:
    """Scan every file; `shown` names a file in the output, `progress` hears of each one.
    What the walk could not look at (a `Skipped`) is a finding in its place.

    Every file is parsed first, so that a view can be followed into any module's helpers.
    """
    with ExitStack() as stack:
        scanner = Scanner(stack, examples, wire)
        loaded: list[tuple[Loaded | None, list[Finding]]] = []
        for entry in files:
            before = len(scanner.scan.findings)
            if isinstance(entry, Skipped):
                scanner.skip(entry, shown(entry.path))
                result = None
            else:
                result = scanner.load(entry, shown(entry))
            loaded.append((result, scanner.scan.findings[before:]))
            del scanner.scan.findings[before:]
        scanner.scan.settings = read_app_settings(scanner.modules)
        reach = _reach([result for result, _ in loaded if result is not None])
        for index, (entry, (result, failures)) in enumerate(zip(files, loaded, strict=True)):
            if progress is not None:
                progress(index, entry.path if isinstance(entry, Skipped) else entry)
            scanner.scan.findings.extend(failures)
            if result is not None:
                start = len(scanner.scan.findings)
                scanner.scan_views(result)
                ours = scanner.scan.findings[start:]
                ours += _unreported(reach.get(result.shown, []), ours)
                scanner.scan.findings[start:] = sorted(ours, key=lambda f: (f.line, f.column))
        return scanner.scan
