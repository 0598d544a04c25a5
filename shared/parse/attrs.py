"""Reading the response attributes a view sets after making it, and the datetimes they take."""

from __future__ import annotations

import ast
from typing import cast

from shared.model import CACHE_FLAGS
from shared.model import CACHE_SECONDS
from shared.model import COOKIE_OPTIONS
from shared.model import DATE_ATTRIBUTES
from shared.model import DELETE_COOKIE_OPTIONS
from shared.model import HEADER_SET_ATTRIBUTES
from shared.model import AddToHeaderSet
from shared.model import AttributeChange
from shared.model import CookieOption
from shared.model import DateTime
from shared.model import DeleteCookie
from shared.model import Moment
from shared.model import SetCacheControl
from shared.model import SetCookie
from shared.model import SetDate
from shared.model import SetHeaderSet
from shared.parse.leaves import LeafReader

_DATETIME_FIELDS = ("year", "month", "day", "hour", "minute", "second")
_COOKIE_KINDS: dict[str, tuple[type, ...]] = {
    "max_age": (int, type(None)),
    "path": (str, type(None)),
    "domain": (str, type(None)),
    "secure": (bool,),
    "httponly": (bool,),
    "samesite": (str, type(None)),
}


class AttrsReader(LeafReader):
    """Reads `resp.cache_control.x = ...`, `resp.expires = datetime(...)`, `resp.set_cookie(...)`,
    `resp.delete_cookie(...)`, `resp.vary`/`resp.content_language` and their `.add(...)`."""

    def attribute_change(self, stmt: ast.stmt, name: str) -> AttributeChange | None:
        """The change a statement makes through a typed attribute; None if it is not one."""
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            return self.response_method(stmt.value, name)
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            return None
        target, value = stmt.targets[0], stmt.value
        if not isinstance(target, ast.Attribute):
            return None
        owner = target.value
        if (
            isinstance(owner, ast.Attribute)
            and owner.attr == "cache_control"
            and self._is(owner.value, name)
        ):
            return self.cache_control(target, value)
        if not self._is(owner, name):
            return None
        if target.attr in DATE_ATTRIBUTES:
            return SetDate(target.attr, self.moment(value))
        if target.attr in HEADER_SET_ATTRIBUTES:
            attribute = target.attr
            if isinstance(value, ast.List):
                items = tuple(cast(str, self.constant(item, (str,))) for item in value.elts)
                return SetHeaderSet(attribute, items)
            return SetHeaderSet(attribute, cast(str, self.constant(value, (str,))))
        return None

    def response_method(self, call: ast.Call, name: str) -> AttributeChange:
        func = call.func
        if isinstance(func, ast.Attribute) and self._is(func.value, name):
            if func.attr == "set_cookie":
                return self.set_cookie(call)
            if func.attr == "delete_cookie":
                return self.delete_cookie(call)
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "add"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr in HEADER_SET_ATTRIBUTES
            and self._is(func.value.value, name)
        ):
            (item,) = self.exact_args(call, 1)
            attribute = func.value.attr
            return AddToHeaderSet(attribute, cast(str, self.constant(item, (str,))))
        self.fail(
            f"only {name}.set_cookie(...), {name}.delete_cookie(...), {name}.vary.add(...), "
            f"{name}.content_language.add(...), {name}.make_conditional(request) and "
            f"{name}.add_etag() can be called",
            call,
        )

    def cache_control(self, target: ast.Attribute, value: ast.expr) -> SetCacheControl:
        directive = target.attr
        if directive in CACHE_FLAGS:
            return SetCacheControl(directive, cast(bool, self.constant(value, (bool,))))
        if directive in CACHE_SECONDS:
            if isinstance(value, ast.Constant) and value.value is None:
                return SetCacheControl(directive, None)
            seconds = self.integer(value)
            return SetCacheControl(directive, seconds)
        known = ", ".join(CACHE_FLAGS + CACHE_SECONDS)
        self.fail(f"cache_control has no directive the model knows here (known: {known})", target)

    def set_cookie(self, call: ast.Call) -> SetCookie:
        args = self.positional(call)
        options = self.keywords(call)
        if not 1 <= len(args) <= 2:
            self.fail("expected set_cookie(name, value, option=...)", call)
        name = cast(str, self.constant(args[0], (str,)))
        given = dict(options)
        if "value" in given and len(args) == 2:
            self.fail("the cookie value is given twice", call)
        value_node = args[1] if len(args) == 2 else given.pop("value", None)
        value = "" if value_node is None else cast(str, self.constant(value_node, (str,)))
        read = tuple(
            (key, self.cookie_option(key, node, COOKIE_OPTIONS))
            for key, node in options
            if key != "value"
        )
        return SetCookie(name, value, read)

    def delete_cookie(self, call: ast.Call) -> DeleteCookie:
        args = self.positional(call)
        if len(args) != 1:
            self.fail("expected delete_cookie(name, option=...)", call)
        name = cast(str, self.constant(args[0], (str,)))
        read = tuple(
            (key, self.cookie_option(key, node, DELETE_COOKIE_OPTIONS))
            for key, node in self.keywords(call)
        )
        return DeleteCookie(name, read)

    def cookie_option(self, key: str, node: ast.expr, known: tuple[str, ...]) -> CookieOption:
        if key not in known:
            self.fail(f"the model knows no `{key}=` here (known: {', '.join(known)})", node)
        if key == "expires":
            return self.moment(node)
        if key == "max_age" and isinstance(node, ast.UnaryOp):
            return self.integer(node)
        value = self.constant(node, _COOKIE_KINDS[key])
        if key == "max_age" and isinstance(value, bool):
            self.fail("expected an int literal", node)
        return cast(CookieOption, value)

    def moment(self, node: ast.expr) -> Moment | None:
        """A datetime call, an int timestamp, or None."""
        if isinstance(node, ast.Call):
            return self.datetime(node)
        if isinstance(node, ast.Constant) and node.value is None:
            return None
        return self.integer(node)

    def datetime(self, call: ast.Call) -> DateTime:
        if self.callee(call) != "datetime":
            self.fail("expected datetime(year, month, day, ...)", call)
        args = self.positional(call)
        if not 3 <= len(args) <= len(_DATETIME_FIELDS):
            self.fail("expected datetime(year, month, day[, hour, minute, second])", call)
        parts = [self.integer(arg) for arg in args]
        utc = False
        for key, value in self.keywords(call):
            if key != "tzinfo" or self.dotted(value) != "timezone.utc":
                self.fail("the only keyword read here is tzinfo=timezone.utc", value)
            utc = True
        try:
            year, month, day, hour, minute, second = [*parts, 0, 0, 0][:6]
            return DateTime(year, month, day, hour, minute, second, utc=utc)
        except (ValueError, OverflowError) as error:
            self.fail(f"not a real date ({error})", call)

    def _is(self, node: ast.expr, name: str) -> bool:
        return isinstance(node, ast.Name) and node.id == name
