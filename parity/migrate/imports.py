"""Flask's imports become Quart's, name by name; extensions are reported with their way forward.

`from flask import Flask, request` becomes `from quart import Quart, request`, and every use of
a renamed name follows. `import flask` becomes `import quart`, and `flask.Flask` `quart.Quart`.
A statement that imports a name Quart lacks is left as it is and reported.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.metadata import CodeRange
from libcst.metadata import PositionProvider

from parity.migrate.collect import dotted
from parity.migrate.graph import Note
from parity.migrate.names import NO_COUNTERPART
from parity.migrate.names import RENAMED
from parity.migrate.names import extension_forward
from parity.migrate.names import quart_module


def _module_node(name: str) -> cst.Attribute | cst.Name:
    node = cst.parse_expression(name)
    assert isinstance(node, cst.Attribute | cst.Name)
    return node


class ImportRewriter(cst.CSTTransformer):
    """Rewrite Flask imports and the names they bind."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(
        self, path: str, enabled: Callable[[str], bool], own: frozenset[str] = frozenset()
    ) -> None:
        cst.CSTTransformer.__init__(self)
        self.path = path
        self.enabled = enabled
        self.own = own
        """Top-level names of the tree's own modules: `flask_app` there is no extension."""
        self.notes: list[Note] = []
        self.renamed: dict[str, str] = {}
        self.modules: dict[str, str] = {}
        """Local names bound to a Flask module by `import flask`, and the Quart module."""

    def _note(self, node: cst.CSTNode, code: str, message: str) -> None:
        position: CodeRange = self.get_metadata(PositionProvider, node)
        self.notes.append(
            Note(self.path, position.start.line, position.start.column + 1, code, message)
        )

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        """`from flask(.x) import ...` becomes `from quart(.x) import ...`, renames applied."""
        if original_node.relative or original_node.module is None:
            return updated_node
        module = dotted(original_node.module) or ""
        self._extension(original_node, module)
        target = quart_module(module)
        if not self.enabled("FQM001"):
            return updated_node
        if target is None or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        names = [a.name.value for a in original_node.names if isinstance(a.name, cst.Name)]
        missing = [n for n in names if n in NO_COUNTERPART]
        if missing:
            self._note(original_node, "FQM003", f"`{module}.{missing[0]}` has no Quart counterpart")
            return updated_node
        aliases = []
        for alias in original_node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else ""
            if name in RENAMED:
                new = RENAMED[name]
                self._note(alias, "FQM002", f"`{name}` is `{new}` in Quart")
                if alias.asname is None:
                    self.renamed[name] = new
                alias = alias.with_changes(name=cst.Name(new))
            aliases.append(alias)
        self._note(
            original_node, "FQM001", f"`from {module} import` becomes `from {target} import`"
        )
        return updated_node.with_changes(module=_module_node(target), names=aliases)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        """`import flask` becomes `import quart`."""
        aliases = []
        for alias in updated_node.names:
            module = dotted(alias.name) or ""
            self._extension(original_node, module)
            target = quart_module(module)
            if target is None or not self.enabled("FQM001"):
                aliases.append(alias)
                continue
            self._note(original_node, "FQM001", f"`import {module}` becomes `import {target}`")
            if alias.asname is None:
                self.modules[module.split(".")[0]] = target.split(".")[0]
            aliases.append(alias.with_changes(name=_module_node(target)))
        return updated_node.with_changes(names=aliases)

    def _extension(self, node: cst.CSTNode, module: str) -> None:
        top = module.split(".")[0]
        if top in self.own:
            return
        if top == "flask_restful":
            self._note(node, "FQM005", "flask_restful resources have no Quart port")
        elif (forward := extension_forward(module)) is not None:
            self._note(node, "FQM004", f"`{top}` does not run on Quart as is: {forward}")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """The attribute part of `x.Flask` is not the imported name; `flask.Flask` is renamed."""
        attr = original_node.attr
        value = original_node.value
        if isinstance(value, cst.Name) and value.value in self.modules and attr.value in RENAMED:
            self._note(
                original_node, "FQM002", f"`{attr.value}` is `{RENAMED[attr.value]}` in Quart"
            )
            attr = cst.Name(RENAMED[attr.value])
        return updated_node.with_changes(attr=attr)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        """Uses of a renamed name, and of `flask` bound by `import flask`."""
        new = self.renamed.get(original_node.value) or self.modules.get(original_node.value)
        return updated_node.with_changes(value=new) if new else updated_node
