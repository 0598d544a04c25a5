"""Reading the typed values inside JSON: `datetime(...)`, `date(...)`, `UUID('...')`,
`Decimal('...')`, `Point(x=..., y=...)` and `Markup('...')`, bare or qualified
(`datetime.datetime`, ...)."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import DATETIME_FIELDS
from shared.model import POINT_FIELDS
from shared.model import TYPED_NAMES
from shared.model import DateTimeValue
from shared.model import DateValue
from shared.model import DecimalValue
from shared.model import JsonValue
from shared.model import MarkupValue
from shared.model import PointValue
from shared.model import TypedValue
from shared.model import UuidValue
from shared.parse.leaves import LeafReader


class TypedReader(LeafReader):
    """JSON values that may be calls to the typed constructors the JSON providers serialise."""

    def json(self, node: ast.expr) -> JsonValue:
        if isinstance(node, ast.Call):
            return self.typed(node)
        return super().json(node)

    def typed(self, node: ast.Call) -> TypedValue:
        name = self.callee(node)
        if name not in TYPED_NAMES.values():
            known = "datetime, date, UUID, Decimal, Point or Markup"
            shown = f"`{name}(...)`" if name else "this call"
            self.fail(f"{shown} is not a JSON value; a call here is one of {known}", node)
        if name == "datetime":
            self.no_keywords(node)
            parts = tuple(self.integer(arg) for arg in self.positional(node))
            if not 3 <= len(parts) <= len(DATETIME_FIELDS):
                self.fail(f"expected datetime({', '.join(DATETIME_FIELDS)}), 3 to 7 ints", node)
            return self.built(node, lambda: DateTimeValue(parts))
        if name == "date":
            year, month, day = (self.integer(arg) for arg in self.exact_args(node, 3))
            return self.built(node, lambda: DateValue(year, month, day))
        if name in ("UUID", "Decimal"):
            (text,) = self.exact_args(node, 1)
            value = cast(str, self.constant(text, (str,)))
            kind = UuidValue if name == "UUID" else DecimalValue
            return self.built(node, lambda: kind(value))
        if name == "Markup":
            (text,) = self.exact_args(node, 1)
            return MarkupValue(cast(str, self.constant(text, (str,))))
        return self.point(node)

    def point(self, node: ast.Call) -> PointValue:
        given = dict(zip(POINT_FIELDS, self.positional(node), strict=False))
        if len(node.args) > len(POINT_FIELDS):
            self.fail("Point takes x and y", node)
        for key, value in self.keywords(node):
            if key not in POINT_FIELDS or key in given:
                self.fail(f"Point takes x and y once each, not `{key}=`", node)
            given[key] = value
        if set(given) != set(POINT_FIELDS):
            self.fail("Point needs both x and y", node)
        return PointValue(self.json(given["x"]), self.json(given["y"]))
