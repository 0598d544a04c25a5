"""The stable finding codes of `parity scan`, and the finding record every part produces."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from dataclasses import field
from typing import Any


class Level(enum.Enum):
    """How much a finding matters; the SARIF `level` of its results."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Code:
    """One finding code: what it means, an example that triggers it, and the fix."""

    id: str
    name: str
    level: Level
    meaning: str
    example: str
    fix: str


CODES: tuple[Code, ...] = (
    Code(
        "FQ001",
        "same-answer",
        Level.NOTE,
        "Flask and Quart hand their servers the same response for every filled value tried.",
        "return jsonify(data), 201",
        "Nothing to do.",
    ),
    Code(
        "FQ100",
        "known-divergence",
        Level.ERROR,
        "The two frameworks answer differently; registry entries explain how and why.",
        "return iter(chunks)",
        "Read the named entry in the README and rewrite the return the way both accept.",
    ),
    Code(
        "FQ101",
        "unexplained-divergence",
        Level.ERROR,
        "The two frameworks answer differently and no registry entry explains it.",
        "(none known: report it)",
        "Open an issue with the minimal example the scan printed.",
    ),
    Code(
        "FQ102",
        "known-wire-divergence",
        Level.ERROR,
        "With --wire: a server does not pass its app's answer on; wire entries explain it.",
        "return 'ok', 200, {'X-A': 'caf\u00e9'}",
        "Read the named wire entry in the README; keep header text ASCII.",
    ),
    Code(
        "FQ103",
        "unexplained-wire-divergence",
        Level.ERROR,
        "With --wire: a server does not pass its app's answer on, and no wire entry explains it.",
        "(none known: report it)",
        "Open an issue with the value the scan sent.",
    ),
    Code(
        "FQ110",
        "conditional-divergence",
        Level.NOTE,
        "The frameworks answer alike for the values a part holds as a rule, and differently "
        "when it holds non-ASCII text, spaces or other characters a URL escapes (named).",
        "return redirect(request.args.get('next', '/'))",
        "Make the part ASCII before it is used (`iri_to_uri(...)` for a URL), or accept it.",
    ),
    Code(
        "FQ200",
        "cannot-tell",
        Level.NOTE,
        "A part of the return is outside the model (named), so it was not compared.",
        "return send_file(path, max_age=timeout)",
        "Compare the named part by hand, or return a form the model knows.",
    ),
    Code(
        "FQ300",
        "await-in-quart",
        Level.WARNING,
        "Quart makes this helper a coroutine: the migrated view must await it.",
        "return render_template('index.html')",
        "return await render_template('index.html')",
    ),
    Code(
        "FQ301",
        "async-generator-in-quart",
        Level.WARNING,
        "Quart's stream_with_context decorates async generator functions: the migrated "
        "generator must be async def (as written, Quart starts a 200 and sends no body).",
        "@stream_with_context\ndef generate(): ...",
        "@stream_with_context\nasync def generate(): ...",
    ),
    Code(
        "FQ400",
        "header-name-near-miss",
        Level.WARNING,
        "A header name is a near miss of a standard one, so clients ignore it.",
        "return body, 200, {'ContentType': 'application/json'}",
        "return body, 200, {'Content-Type': 'application/json'}",
    ),
    Code(
        "FQ401",
        "json-text-as-html",
        Level.WARNING,
        "json.dumps(...) text goes out as text/html, so an AJAX client does not parse JSON.",
        "return json.dumps(data)",
        "return jsonify(data)",
    ),
    Code(
        "FQ800",
        "too-much-work",
        Level.WARNING,
        "The return asks for more work than the bounds allow (named), so it was not run.",
        "return iter([...]) with 1,001 literal chunks",
        "Compare it by hand on smaller data.",
    ),
    Code(
        "FQ900",
        "syntax-error",
        Level.ERROR,
        "The file is not valid Python; the scan skipped it and went on.",
        "def view(:",
        "Fix the syntax error.",
    ),
    Code(
        "FQ901",
        "not-decodable",
        Level.ERROR,
        "The file's bytes are not valid in its declared (or the UTF-8) encoding; skipped.",
        "a latin-1 byte 0xE9 in a file without a coding cookie",
        "Save the file as UTF-8, or declare its encoding in a coding cookie.",
    ),
    Code(
        "FQ902",
        "unreadable",
        Level.ERROR,
        "The system refused to read the file (permission denied, an I/O error); skipped.",
        "a file with mode 000",
        "Fix the file's permissions, or leave it out of the scan.",
    ),
    Code(
        "FQ903",
        "unreadable-folder",
        Level.ERROR,
        "A folder could not be listed, or a path named could not be reached; nothing in it "
        "was scanned.",
        "a folder with mode 000, or a path under one",
        "Fix the folder's permissions, or leave it out of the scan.",
    ),
    Code(
        "FQ904",
        "symlink-loop",
        Level.ERROR,
        "A symlink leads back to itself (directly or through others); skipped.",
        "a.py -> b.py -> a.py",
        "Remove the loop.",
    ),
    Code(
        "FQ905",
        "broken-symlink",
        Level.ERROR,
        "A symlink named like a module points at nothing; skipped.",
        "a symlink to a missing file",
        "Remove the link or restore its target.",
    ),
    Code(
        "FQ906",
        "not-a-file",
        Level.ERROR,
        "A FIFO, socket or device named like a module; never opened (it could block the scan).",
        "mkfifo views.py",
        "Leave it out of the scan.",
    ),
    Code(
        "FQ907",
        "too-large",
        Level.ERROR,
        "The file is over the size cap (1 MiB, or 400,000 tokens); it was not parsed.",
        "a generated 5 MB module",
        "Leave generated or vendored files out of the scan.",
    ),
    Code(
        "FQ908",
        "vanished",
        Level.ERROR,
        "A file or folder was listed, then gone (or changed kind) before it was read.",
        "a file deleted while the scan runs",
        "Scan again when the tree holds still.",
    ),
    Code(
        "FQ909",
        "too-deep",
        Level.ERROR,
        "The code nests too deeply for Python's parser or for the scan; skipped.",
        "return 1+1+1+...+1 (a 100,000-term sum)",
        "Split the expression.",
    ),
)
CODES_BY_ID = {code.id: code for code in CODES}
SAME_ANSWER = "FQ001"
"""The code of a return both frameworks answer alike: counted in the text output's closing
line, listed only with --show-same (and always in JSON and SARIF)."""
DIFFERS = frozenset({"FQ100", "FQ101", "FQ102", "FQ103"})
"""Codes that make the exit status 1."""
NOT_SCANNED = frozenset(code.id for code in CODES if code.id.startswith("FQ9"))
"""Codes of a part the scan could not read: the result is incomplete, and the exit status 2."""


def fragment(source: str, limit: int = 80) -> str:
    """Source quoted in a one-line message: whitespace runs collapsed, long text cut short."""
    text = " ".join(source.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Finding:
    """One result at one place: `path:line:column: code message`, plus data for JSON and SARIF."""

    path: str
    line: int
    column: int
    """1-based, in characters."""
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the `--format json` document lists it."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": CODES_BY_ID[self.code].name,
            "message": self.message,
            **self.details,
        }


def _reach_codes() -> tuple[Code, ...]:
    from parity.migrate.reach import REACH
    from parity.migrate.rules import RULES_BY_CODE

    rules = [RULES_BY_CODE[code] for code in REACH]
    return tuple(
        Code(r.code, r.name, Level.WARNING, r.message, REACH[r.code], r.forward) for r in rules
    )


REACH_CODES = _reach_codes()
"""`parity migrate`'s codes for each place in a view, hook or helper that needs an `await` or an
`async def`: the scan reports them too, beside its FQ300 on what makes a return."""
CODES_BY_ID.update({code.id: code for code in REACH_CODES})
