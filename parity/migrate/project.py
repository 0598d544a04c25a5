"""The project's own files: `flask` becomes `quart` in its requirements, and pytest gets the
settings pytest-asyncio needs (`asyncio_mode = "auto"` and the fixture loop scope)."""

from __future__ import annotations

import re

from parity.migrate.graph import Note

FLASK_REQUIREMENT = re.compile(
    r"""(?P<quote>["']?)(?P<name>flask)(?P<extras>\[[^\]]*\])?(?P<spec>[^"'\n#;]*)(?P=quote)""",
    re.IGNORECASE,
)
PYTEST_REQUIREMENT = re.compile(r'"pytest(?:[<>=!~][^"]*)?"')
ASYNCIO_SETTINGS = ('asyncio_mode = "auto"', 'asyncio_default_fixture_loop_scope = "function"')
INI_SETTINGS = ("asyncio_mode = auto", "asyncio_default_fixture_loop_scope = function")


def _requirement(line: str) -> str:
    """A requirement line with `flask` (not `flask-x`) made `quart`, versions dropped."""
    match = FLASK_REQUIREMENT.search(line)
    if match is None:
        return line
    end = match.end("name")
    if end < len(line) and (line[end].isalnum() or line[end] in "-_."):
        return line
    quote = match.group("quote")
    spec = match.group("spec")
    kept = spec[len(spec.rstrip()) :]
    return line[: match.start()] + f"{quote}quart{quote}{kept}" + line[match.end() :]


def requirements(path: str, text: str) -> tuple[str, list[Note]]:
    """A requirements file with `flask` made `quart`."""
    lines = text.splitlines(keepends=True)
    notes = []
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.lower().startswith("flask") and not stripped.startswith("#"):
            new = _requirement(line)
            if new != line:
                lines[index] = new
                notes.append(Note(path, index + 1, 1, "FQM300", "`flask` becomes `quart`"))
    return "".join(lines), notes


def _dependency_lines(lines: list[str]) -> set[int]:
    """Lines inside `dependencies = [...]` or an optional-dependencies table."""
    inside: set[int] = set()
    table = ""
    in_list = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped
            in_list = False
            continue
        if table == "[project]" and stripped.startswith("dependencies"):
            in_list = True
        elif table == "[project.optional-dependencies]" and "=" in stripped:
            in_list = True
        if in_list:
            inside.add(index)
            if "]" in stripped.split("#")[0] and stripped.split("#")[0].rstrip().endswith("]"):
                in_list = False
    return inside


def pyproject(path: str, text: str, uses_tests: bool) -> tuple[str, list[Note]]:
    """pyproject.toml with `flask` made `quart` and pytest-asyncio's settings added."""
    lines = text.splitlines(keepends=True)
    notes: list[Note] = []
    for index in sorted(_dependency_lines(lines)):
        new = _requirement(lines[index])
        if new != lines[index]:
            lines[index] = new
            notes.append(Note(path, index + 1, 1, "FQM300", "`flask` becomes `quart`"))
    if uses_tests and "pytest-asyncio" not in text:
        for index in sorted(_dependency_lines(lines)):
            new = PYTEST_REQUIREMENT.sub(r'\g<0>, "pytest-asyncio"', lines[index], count=1)
            if new != lines[index]:
                lines[index] = new
                notes.append(Note(path, index + 1, 1, "FQM301", "pytest-asyncio required"))
                break
    if uses_tests:
        lines, added = _pytest_settings(lines)
        if added is not None:
            notes.append(Note(path, added, 1, "FQM301", "pytest-asyncio's settings added"))
    return "".join(lines), notes


def _pytest_settings(lines: list[str]) -> tuple[list[str], int | None]:
    header = next(
        (i for i, line in enumerate(lines) if line.strip() == "[tool.pytest.ini_options]"), None
    )
    if header is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        block = ["\n", "[tool.pytest.ini_options]\n", *(s + "\n" for s in ASYNCIO_SETTINGS)]
        return [*lines, *block], len(lines) + 2
    end = header + 1
    while end < len(lines) and not lines[end].strip().startswith("["):
        end += 1
    while end > header + 1 and not lines[end - 1].strip():
        end -= 1
    section = "".join(lines[header:end])
    missing = [s for s in ASYNCIO_SETTINGS if s.split(" = ")[0] not in section]
    if not missing:
        return lines, None
    return [*lines[:end], *(s + "\n" for s in missing), *lines[end:]], end + 1


def ini(path: str, text: str, section: str) -> tuple[str, list[Note]]:
    """setup.cfg, pytest.ini or tox.ini: pytest-asyncio's settings in the pytest section."""
    lines = text.splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if line.strip() == section), None)
    if header is None:
        return text, []
    end = header + 1
    while end < len(lines) and not lines[end].strip().startswith("["):
        end += 1
    while end > header + 1 and not lines[end - 1].strip():
        end -= 1
    body = "".join(lines[header:end])
    missing = [s for s in INI_SETTINGS if s.split(" = ")[0] not in body]
    if not missing:
        return text, []
    new = [*lines[:end], *(s + "\n" for s in missing), *lines[end:]]
    return "".join(new), [Note(path, end + 1, 1, "FQM301", "pytest-asyncio's settings added")]
