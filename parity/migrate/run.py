"""Migrate a tree: read every module, draw one plan over all of them, rewrite, check, diff."""

from __future__ import annotations

import difflib
import os
import tokenize
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import libcst as cst

from parity.migrate import context_helper
from parity.migrate import project
from parity.migrate.collect import ModuleInfo
from parity.migrate.collect import collect
from parity.migrate.fixes import FixRewriter
from parity.migrate.graph import Note
from parity.migrate.graph import Plan
from parity.migrate.graph import plan
from parity.migrate.imports import ImportRewriter
from parity.migrate.rules import OPT_IN
from parity.migrate.transform import Rewriter
from parity.migrate.transform import with_asyncio
from parity.scan.files import SKIPPED_DIRS
from parity.scan.files import Unreadable
from parity.scan.files import python_files
from parity.scan.files import read_source

REQUIREMENTS_PREFIX = "requirements"
INI_FILES = {"setup.cfg": "[tool:pytest]", "pytest.ini": "[pytest]", "tox.ini": "[pytest]"}


@dataclass
class Changed:
    """One file: its text before and after, and the notes about it."""

    path: str
    before: str
    after: str

    def diff(self) -> str:
        """The unified diff of the change (empty when nothing changed)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.path.lstrip('/')}",
            f"b/{self.path.lstrip('/')}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass
class Migration:
    """Every file read, what changes, and every note (rewrites and findings), in order."""

    files: int = 0
    changed: list[Changed] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    async_funcs: list[str] = field(default_factory=list)
    made_async: int = 0
    """Functions this run makes `async def`."""


class ModuleRewriter(ImportRewriter, Rewriter, FixRewriter):
    """One pass over a module: its imports (with their positions for the notes), the plan, and
    the spellings offered (FQM6xx)."""

    def __init__(
        self,
        module: ModuleInfo,
        enabled: Callable[[str], bool],
        plan_: Plan,
        own: frozenset[str],
        offered: Callable[[str], bool],
    ) -> None:
        ImportRewriter.__init__(self, module.path, enabled, own)
        Rewriter.__init__(self, plan_, module.is_test)
        FixRewriter.__init__(self, module.path, module.imports, enabled, offered, module.is_test)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        """Offer a keyword's spelling first, then await or run the call as the plan says."""
        return Rewriter.leave_Call(self, original_node, self.fix_call(original_node, updated_node))

    def leave_Return(self, original_node: cst.Return, updated_node: cst.Return) -> cst.Return:
        """Offer a returned tuple's spelling."""
        return self.fix_return(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """Rename `flask.Flask`'s attribute first, then await what the plan says."""
        renamed = ImportRewriter.leave_Attribute(self, original_node, updated_node)
        assert isinstance(renamed, cst.Attribute)
        return Rewriter.leave_Attribute(self, original_node, renamed)


class NotPython(Exception):
    """A file that cannot be read or parsed: the migration stops before writing anything."""


def is_test_module(path: Path) -> bool:
    """A pytest module: `test_*.py`, `*_test.py`, `conftest.py`, or anything under `tests/`."""
    name = path.name
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or "tests" in path.parts[:-1]
    )


def module_name(path: Path, root: Path) -> str:
    """The dotted module name of a file below the root given."""
    if root.is_dir() and (root / "__init__.py").exists():
        root = root.parent
    relative = path.relative_to(root) if root.is_dir() else Path(path.name)
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or path.stem


def _selected(plan_: Plan, enabled: Callable[[str], bool]) -> Plan:
    return Plan(
        {k: c for k, c in plan_.to_async.items() if enabled(c)},
        {k: c for k, c in plan_.awaits.items() if enabled(c)},
        plan_.runs if enabled("FQM401") else set(),
        plan_.form_args if enabled("FQM200") else set(),
        plan_.notes,
        plan_.async_funcs,
        loops={k: c for k, c in plan_.loops.items() if enabled(c)},
        stream_calls={k: c for k, c in plan_.stream_calls.items() if enabled(c)},
        yield_froms={k: c for k, c in plan_.yield_froms.items() if enabled(c[0])},
    )


def _checked(path: str, text: str) -> str:
    try:
        cst.parse_module(text)
        compile(text, path, "exec", dont_inherit=True)
    except (cst.ParserSyntaxError, SyntaxError, ValueError) as error:
        raise NotPython(f"{path}: the rewritten module does not parse ({error})") from error
    return text


def migrate_modules(
    sources: dict[str, tuple[str, str, bool]],
    enabled: Callable[[str], bool] = lambda code: code not in OPT_IN,
    offered: Callable[[str], bool] | None = None,
) -> Migration:
    """Migrate modules given as path -> (module name, text, is a test module); `enabled`
    says which rules rewrite, `offered` which FQM6xx spellings are reported (default all)."""
    modules: list[ModuleInfo] = []
    for path, (name, text, is_test) in sources.items():
        try:
            modules.append(collect(path, name, text, is_test))
        except cst.ParserSyntaxError as error:
            raise NotPython(
                f"{path}:{error.raw_line}:{error.raw_column}: not valid Python"
            ) from error
        except SyntaxError as error:
            where = f"{path}:{error.lineno or 1}:{error.offset or 1}"
            raise NotPython(f"{where}: not valid Python: {error.msg}") from error
        except (RecursionError, MemoryError) as error:
            raise NotPython(f"{path}:1:1: nested too deeply to rewrite") from error
    try:
        return _rewrite(modules, enabled, offered or (lambda code: True))
    except RecursionError as error:
        raise NotPython("a module is nested too deeply to rewrite") from error


def _rewrite(
    modules: list[ModuleInfo], enabled: Callable[[str], bool], offered: Callable[[str], bool]
) -> Migration:
    drawn = plan(modules)
    own = frozenset(m.name.split(".")[0] for m in modules)
    chosen = _selected(drawn, enabled)
    result = Migration(files=len(modules))
    result.notes.extend(n for n in drawn.notes if enabled(n.code))
    result.async_funcs = [f"{f.module.path}:{f.qualname}" for f in drawn.async_funcs]
    result.made_async = len(chosen.to_async)
    for module in modules:
        rewriter = ModuleRewriter(module, enabled, chosen, own, offered)
        after = with_asyncio(module.wrapper.visit(rewriter), rewriter)
        result.notes.extend(rewriter.notes)
        result.notes.extend(rewriter.fix_notes)
        text = _checked(module.path, after.code)
        if text != module.tree.code:
            result.changed.append(Changed(module.path, module.tree.code, text))
    return result


def _is_project_file(name: str) -> bool:
    requirements = name.startswith(REQUIREMENTS_PREFIX) and name.endswith(".txt")
    return name == "pyproject.toml" or name in INI_FILES or requirements


def project_files(paths: list[Path]) -> list[Path]:
    """pyproject.toml, requirements*.txt and pytest's ini files named or under the paths."""
    found = []
    for path in paths:
        if path.is_file():
            if _is_project_file(path.name):
                found.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            found += [Path(folder) / n for n in sorted(names) if _is_project_file(n)]
    return found


def _project(path: Path, text: str, uses_tests: bool) -> tuple[str, list[Note]]:
    shown = str(path)
    if path.name == "pyproject.toml":
        return project.pyproject(shown, text, uses_tests)
    if path.name in INI_FILES:
        if path.name == "setup.cfg" or not uses_tests:
            return project.ini(shown, text, INI_FILES[path.name]) if uses_tests else (text, [])
        return project.ini(shown, text, INI_FILES[path.name])
    return project.requirements(shown, text)


def migrate_paths(
    paths: list[Path],
    enabled: Callable[[str], bool] = lambda code: code not in OPT_IN,
    progress: Callable[[int, int, Path], None] | None = None,
    offered: Callable[[str], bool] | None = None,
) -> Migration:
    """Migrate every Python module and project file under the paths given."""
    files = [p for p in python_files(paths) if not _is_project_file(p.name)]
    sources: dict[str, tuple[str, str, bool]] = {}
    for index, path in enumerate(files):
        if progress is not None:
            progress(index, len(files), path)
        text = read_source(path)
        if isinstance(text, Unreadable):
            raise NotPython(f"{path}:{text.line}:{text.column}: {text.reason}")
        root = next((p for p in paths if p == path or p in path.parents), path)
        sources[str(path)] = (module_name(path, root), text, is_test_module(path))
    result = migrate_modules(sources, enabled, offered)
    uses_tests = any(is_test for _, _, is_test in sources.values())
    for path in project_files(paths):
        text = read_source(path)
        if isinstance(text, Unreadable):
            raise NotPython(f"{path}:{text.line}:{text.column}: {text.reason}")
        after, notes = _project(path, text, uses_tests)
        notes = [n for n in notes if enabled(n.code)]
        result.notes.extend(notes)
        if notes and after != text:
            result.changed.append(Changed(str(path), text, after))
    result.files += len(project_files(paths))
    if enabled("FQM202"):
        _add_context_helper(result, paths)
    return result


def _add_context_helper(result: Migration, paths: list[Path]) -> None:
    reads = {n.path for n in result.notes if n.code == "FQM202"}
    for path in sorted(reads):
        module = Path(path)
        root = next((p for p in paths if p == module or p in module.parents), module.parent)
        conftest = context_helper.conftest_for(module, root if root.is_dir() else module.parent)
        changed = next((c for c in result.changed if c.path == str(conftest)), None)
        if changed is None and conftest.exists():
            if context_helper.MARKER in conftest.read_text(encoding="utf-8"):
                result.notes = [
                    n for n in result.notes if not (n.code == "FQM202" and n.path == path)
                ]
                continue
        if changed is None:
            before = conftest.read_text(encoding="utf-8") if conftest.exists() else ""
            changed = Changed(str(conftest), before, before)
            result.changed.append(changed)
        changed.after = _checked(changed.path, context_helper.with_helper(changed.after))
    result.changed = [c for c in result.changed if c.after != c.before]


def write(migration: Migration) -> list[str]:
    """Write every changed file in place, in the encoding it declares, keeping its line
    endings; a symbolic link is never written through. The paths left unwritten."""
    skipped = []
    for changed in migration.changed:
        path = Path(changed.path)
        if path.is_symlink():
            skipped.append(changed.path)
            continue
        encoding = "utf-8"
        if path.exists() and path.suffix == ".py":
            with path.open("rb") as source:
                encoding, _ = tokenize.detect_encoding(source.readline)
        path.write_text(changed.after, encoding=encoding, newline="")
    return skipped
