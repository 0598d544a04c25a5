"""The FQM6xx rules: where a registered divergence has a spelling both frameworks answer alike
(`shared/divergences/spellings.py`), a return that shows the divergence is offered it.

The rewrite is a suggestion: it changes what Flask's own code says (the same answer on Flask,
now the same on Quart too), so it is applied only when its code is selected by name
(`--select FQM6`), and otherwise reported as an offer. A return is matched the way the registry
matches a probe: read into the model with holes, each hole given a plain value, and the entry's
own predicate asked; a helper call (`send_file`) the model keeps opaque is matched by its
spelling's call names and the keywords written.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TypeAlias

import libcst as cst
from libcst.metadata import CodeRange
from libcst.metadata import PositionProvider

from parity.migrate.collect import FRAMEWORKS
from parity.migrate.graph import Note
from parity.migrate.rules import FIXES
from parity.scan.holes import HoleKind
from parity.scan.holes import holes_in
from parity.scan.holes import read_return
from parity.scan.holes import substitute
from shared import model as m
from shared.divergences import DIVERGENCES_BY_ID
from shared.divergences import Divergence
from shared.divergences.spellings import HeaderLeftOut
from shared.divergences.spellings import KeywordGiven
from shared.divergences.spellings import PairsListed
from shared.parse import ParseError
from shared.probe import Probe

Imports: TypeAlias = dict[str, tuple[str, str | None]]
"""A module's imports: local name -> (module, name), name None for `import module`."""
PLAIN_VALUES: dict[HoleKind, object] = {
    HoleKind.JSON: "x",
    HoleKind.JSON_OBJECT: {"x": 1},
    HoleKind.JSON_ARRAY: ["x"],
    HoleKind.TEXT: "x",
    HoleKind.TEMPLATE: "<p>x</p>",
    HoleKind.BYTES: b"x",
    HoleKind.URL: "/",
    HoleKind.ROUTE_URL: "/",
    HoleKind.STATUS: 200,
    HoleKind.REDIRECT_CODE: 302,
    HoleKind.ERROR_CODE: 400,
    HoleKind.HEADER_NAME: "X-A",
    HoleKind.HEADER_VALUE: "0",
    HoleKind.MIMETYPE: "text/plain",
}
"""A plain value for each kind of hole, so that an entry's predicate can be asked of a return
whose parts are computed at run time."""


def _entries() -> list[tuple[str, Divergence]]:
    return [(rule.code, DIVERGENCES_BY_ID[rule.entry]) for rule in FIXES]


def covered(entry: Divergence, tree: m.ReturnValue, method: str = "GET") -> bool:
    """Whether the entry covers the return read as `tree`, its holes given plain values."""
    holes = holes_in(tree)
    if any(hole.kind not in PLAIN_VALUES for hole in holes):
        return False
    filled = substitute(tree, [PLAIN_VALUES[hole.kind] for hole in holes])
    try:
        return entry.applies_to(Probe(filled, method))
    except (TypeError, ValueError, AttributeError):
        return False


def _read(node: cst.BaseExpression) -> m.ReturnValue | None:
    text = cst.Module([]).code_for_node(node)
    try:
        expression = ast.parse(text.strip(), mode="eval").body
        return read_return(text.strip(), expression)
    except (SyntaxError, ParseError, RecursionError, MemoryError):
        return None


def _string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _named(key: cst.BaseExpression, lowered: str) -> bool:
    return (_string(key) or "").lower() == lowered


def _without_header(headers: cst.BaseExpression, name: str) -> cst.BaseExpression | None:
    """The headers literal without `name` (a dict's key, or a list's pair), or None."""
    lowered = name.lower()
    if isinstance(headers, cst.Dict):
        entries = [
            e
            for e in headers.elements
            if not (isinstance(e, cst.DictElement) and _named(e.key, lowered))
        ]
        if len(entries) == len(headers.elements):
            return None
        if entries:
            entries[-1] = entries[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return headers.with_changes(elements=entries)
    if isinstance(headers, cst.List):
        pairs = [
            e
            for e in headers.elements
            if not (
                isinstance(e.value, cst.Tuple)
                and e.value.elements
                and _named(e.value.elements[0].value, lowered)
            )
        ]
        if len(pairs) == len(headers.elements):
            return None
        if pairs:
            pairs[-1] = pairs[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return headers.with_changes(elements=pairs)
    return None


def _listed(pairs: cst.BaseExpression) -> cst.BaseExpression | None:
    """`((name, value),)` as `[(name, value)]`."""
    if not isinstance(pairs, cst.Tuple) or not pairs.elements:
        return None
    if not all(isinstance(e.value, cst.Tuple) for e in pairs.elements):
        return None
    items = list(pairs.elements)
    items[-1] = items[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return cst.List(elements=items)


def _framework_name(
    callee: cst.BaseExpression, imports: dict[str, tuple[str, str | None]]
) -> str | None:
    """The Flask or Quart name a callee refers to (`send_file`, `flask.send_file`)."""
    if isinstance(callee, cst.Name):
        bound = imports.get(callee.value)
        return bound[1] if bound and bound[0] in FRAMEWORKS else None
    if isinstance(callee, cst.Attribute) and isinstance(callee.value, cst.Name):
        bound = imports.get(callee.value.value)
        if bound and bound[1] is None and bound[0] in FRAMEWORKS:
            return callee.attr.value
    return None


class FixRewriter(cst.CSTTransformer):
    """Offer, and apply when selected, each spelling a return in a view or helper matches."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self,
        path: str,
        imports: Imports,
        applied: Callable[[str], bool],
        offered: Callable[[str], bool],
        is_test: bool,
    ) -> None:
        cst.CSTTransformer.__init__(self)
        self.fix_path = path
        self.fix_imports = imports
        self.applied = applied
        self.offered = offered
        self.fix_off = is_test
        self.fix_notes: list[Note] = []

    def _offer(self, node: cst.CSTNode, code: str, entry: Divergence) -> bool:
        """Note the offer (or the rewrite); whether to rewrite."""
        if self.fix_off or not self.offered(code):
            return False
        position: CodeRange = self.get_metadata(PositionProvider, node)
        spelling = entry.spelling
        assert spelling is not None
        apply = self.applied(code)
        tail = "rewritten" if apply else f"offered: --select {code} applies it"
        message = f"{entry.id}: {spelling.text()} ({tail})"
        self.fix_notes.append(
            Note(self.fix_path, position.start.line, position.start.column + 1, code, message)
        )
        return apply

    def fix_call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """`send_file(path)` gets `conditional=True` where that spelling is selected."""
        name = _framework_name(original.func, self.fix_imports)
        if name is None:
            return updated
        for code, entry in _entries():
            spelling = entry.spelling
            if not isinstance(spelling, KeywordGiven) or name not in spelling.calls:
                continue
            written = {a.keyword.value for a in original.args if a.keyword is not None}
            if spelling.keyword in written or any(a.star for a in original.args):
                continue
            if self._offer(original, code, entry):
                keyword = cst.Arg(
                    value=cst.parse_expression(spelling.value),
                    keyword=cst.Name(spelling.keyword),
                    equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=cst.SimpleWhitespace(""),
                    ),
                )
                args = list(updated.args)
                if args:
                    args[-1] = args[-1].with_changes(
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    )
                updated = updated.with_changes(args=[*args, keyword])
        return updated

    def fix_return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        """A returned tuple's headers, respelled where an entry covers the return."""
        value = original.value
        if not isinstance(value, cst.Tuple) or not isinstance(updated.value, cst.Tuple):
            return updated
        tree = _read(value)
        if tree is None:
            return updated
        for code, entry in _entries():
            spelling = entry.spelling
            if not covered(entry, tree):
                continue
            elements = list(updated.value.elements)
            index = len(elements) - 1
            if isinstance(spelling, HeaderLeftOut):
                new = _without_header(elements[index].value, spelling.name)
            elif isinstance(spelling, PairsListed):
                new = _listed(elements[index].value)
            else:
                continue
            if new is None or not self._offer(value.elements[index].value, code, entry):
                continue
            elements[index] = elements[index].with_changes(value=new)
            updated = updated.with_changes(value=updated.value.with_changes(elements=elements))
        return updated
