"""Reading the leaves of a return value: literals, statuses, headers, names and arguments."""

from __future__ import annotations

import ast
from collections.abc import Callable
from http import HTTPStatus
from typing import NoReturn
from typing import TypeVar
from typing import cast

from shared.model import HTTP_EXCEPTION_NAMES
from shared.model import TYPED_NAMES
from shared.model import HeaderItemValue
from shared.model import HeadersForm
from shared.model import HeadersValue
from shared.model import JsonArray
from shared.model import JsonKey
from shared.model import JsonObject
from shared.model import JsonValue
from shared.model import Status
from shared.model import StatusMember
from shared.model import StatusValue
from shared.parse.errors import MAX_INT_DIGITS
from shared.parse.errors import ParseError
from shared.parse.segments import source_segment

_HELPERS = (
    "jsonify",
    "make_response",
    "redirect",
    "abort",
    "Response",
    "send_file",
    "send_from_directory",
    "render_template",
    "render_template_string",
    "stream_with_context",
)
_QUALIFIED: dict[str, str] = {
    **{f"{module}.{name}": name for module in ("flask", "quart") for name in _HELPERS},
    **{f"werkzeug.exceptions.{name}": name for name in HTTP_EXCEPTION_NAMES},
    "werkzeug.datastructures.Headers": "Headers",
    **{name: bare for name, bare in TYPED_NAMES.items() if "." in name},
    "datetime.timezone.utc": "timezone.utc",
}
"""The qualified spellings of the helpers the model knows, and the name each stands for.
Anything else with a dot (`http.jsonify`, `werkzeug.utils.redirect`) is refused by name."""
_INT_LIMIT = 10**MAX_INT_DIGITS
_Made = TypeVar("_Made")


class LeafReader:
    """One parse: keeps the text so that every error can quote its node, and reads leaves."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, problem: str, node: ast.AST) -> NoReturn:
        fragment = source_segment(self.text, node) or ast.dump(node)
        raise ParseError(problem, fragment)

    def built(self, node: ast.expr, make: Callable[[], _Made]) -> _Made:
        """A model record made from what was read; its own check (a date that does not
        exist, a template outside the grammar) becomes a ParseError quoting `node`."""
        try:
            return make()
        except ParseError:
            raise
        except ValueError as error:
            self.fail(str(error), node)

    # -- status and headers ---------------------------------------------------------------

    def status(self, node: ast.expr) -> StatusValue:
        if isinstance(node, ast.Attribute):
            name = self.dotted(node)
            if name is not None and name.startswith("HTTPStatus."):
                member = name.removeprefix("HTTPStatus.")
                if member not in HTTPStatus.__members__:
                    self.fail("HTTPStatus has no such member", node)
                return StatusMember(member)
        if isinstance(node, ast.UnaryOp):
            return Status(self.number(node))
        value = self.constant(node, (int, str, bytes, float, type(None)))
        if isinstance(value, bool):
            self.fail("a bool is not a status", node)
        return Status(cast(int | str | bytes | float | None, value))

    def headers(self, node: ast.expr) -> HeadersValue:
        if isinstance(node, ast.Dict):
            items = []
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.fail("`**` unpacking is not a literal", value)
                items.append((cast(str, self.constant(key, (str,))), self.header_value(value)))
            names = [name for name, _ in items]
            if len(set(names)) != len(names):
                self.fail("a dict literal names the same key twice", node)
            return HeadersValue(HeadersForm.DICT, tuple(items))
        if isinstance(node, ast.List | ast.Tuple):
            form = HeadersForm.LIST if isinstance(node, ast.List) else HeadersForm.TUPLE
            return HeadersValue(form, self.header_pairs(node.elts))
        if isinstance(node, ast.Call) and self.callee(node) == "Headers":
            self.no_keywords(node)
            args = self.positional(node)
            if not args:
                return HeadersValue(HeadersForm.HEADERS)
            if len(args) != 1 or not isinstance(args[0], ast.List):
                self.fail("expected Headers([(name, value), ...])", node)
            return HeadersValue(HeadersForm.HEADERS, self.header_pairs(args[0].elts))
        self.fail("headers must be a dict, a list or tuple of pairs, or Headers([...])", node)

    def header_pairs(self, elements: list[ast.expr]) -> tuple[tuple[str, HeaderItemValue], ...]:
        pairs = []
        for element in elements:
            if not (isinstance(element, ast.Tuple) and len(element.elts) == 2):
                self.fail("expected a (name, value) pair", element)
            name_node, value_node = element.elts
            pairs.append(
                (cast(str, self.constant(name_node, (str,))), self.header_value(value_node))
            )
        return tuple(pairs)

    def header_value(self, node: ast.expr) -> HeaderItemValue:
        if isinstance(node, ast.List):
            return tuple(cast(str, self.constant(part, (str,))) for part in node.elts)
        if isinstance(node, ast.UnaryOp):
            return self.number(node)
        return cast(
            HeaderItemValue, self.constant(node, (str, int, float, bool, bytes, type(None)))
        )

    def pair(self, node: ast.expr, kinds: tuple[type, ...]) -> tuple[object, object]:
        if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
            self.fail("expected a (name, value) pair", node)
        return self.constant(node.elts[0], kinds), self.constant(node.elts[1], kinds)

    # -- literals -------------------------------------------------------------------------

    def json(self, node: ast.expr) -> JsonValue:
        if isinstance(node, ast.Dict):
            items = []
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.fail("`**` unpacking is not a literal", value)
                items.append((self.json_key(key), self.json(value)))
            if len({key for key, _ in items}) != len(items):
                self.fail("a dict literal names the same key twice (1, 1.0 and True are one)", node)
            return JsonObject(tuple(items))
        if isinstance(node, ast.List):
            return JsonArray(tuple(self.json(item) for item in node.elts))
        if isinstance(node, ast.UnaryOp):
            return self.number(node)
        return cast(JsonValue, self.constant(node, (str, int, float, bool, type(None))))

    def json_key(self, node: ast.expr) -> JsonKey:
        """A dict key `json.dumps` takes: a str, a number, a bool or None."""
        if isinstance(node, ast.UnaryOp):
            return self.number(node)
        return cast(JsonKey, self.constant(node, (str, int, float, bool, type(None))))

    def chunk_list(self, node: ast.expr) -> tuple[str | bytes, ...]:
        if not isinstance(node, ast.List):
            self.fail("expected a list of str or bytes chunks", node)
        return tuple(cast(str | bytes, self.constant(item, (str, bytes))) for item in node.elts)

    def constant(self, node: ast.expr, kinds: tuple[type, ...]) -> object:
        if isinstance(node, ast.Constant) and isinstance(node.value, kinds):
            if isinstance(node.value, float) and node.value != node.value:
                self.fail("NaN is not accepted", node)
            if isinstance(node.value, int):
                self.bounded(node.value, node)
            return node.value
        if isinstance(node, ast.Name) and node.id not in {"True", "False", "None"}:
            self.fail(f"`{node.id}` is a variable; write its value as a literal", node)
        wanted = " or ".join(kind.__name__ for kind in kinds)
        self.fail(f"expected a {wanted} literal", node)

    def number(self, node: ast.expr) -> int | float:
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)
        ):
            return -self.bounded(cast(int | float, node.operand.value), node)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return self.bounded(cast(int | float, node.value), node)
        self.fail("expected a number literal", node)

    def bounded(self, value: int | float, node: ast.expr) -> int | float:
        if isinstance(value, int) and not -_INT_LIMIT < value < _INT_LIMIT:
            self.fail(
                f"an integer of more than {MAX_INT_DIGITS} digits, which Python will not "
                "write as text",
                node,
            )
        return value

    def integer(self, node: ast.expr) -> int:
        value = self.number(node)
        if not isinstance(value, int):
            self.fail("expected an int literal", node)
        return value

    # -- calls ----------------------------------------------------------------------------

    def dotted(self, node: ast.expr) -> str | None:
        """The name a dotted reference stands for: a bare name as written, a known qualified
        spelling (`flask.jsonify`, `http.HTTPStatus.OK`) as its bare form, anything else in
        full so that it is refused by name."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        name = ".".join([node.id, *reversed(parts)])
        if name.startswith("http.HTTPStatus."):
            return name.removeprefix("http.")
        return _QUALIFIED.get(name, name)

    def callee(self, node: ast.expr) -> str | None:
        return self.dotted(node.func) if isinstance(node, ast.Call) else None

    def positional(self, node: ast.Call) -> list[ast.expr]:
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.fail("`*` unpacking is not a literal", arg)
        return list(node.args)

    def keywords(self, node: ast.Call) -> list[tuple[str, ast.expr]]:
        pairs = []
        for keyword in node.keywords:
            if keyword.arg is None:
                self.fail("`**` unpacking is not a literal", keyword.value)
            pairs.append((keyword.arg, keyword.value))
        return pairs

    def no_keywords(self, node: ast.Call) -> None:
        if node.keywords:
            self.fail("this helper takes no keyword arguments here", node)

    def plain_parameters(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        allowed: range,
        problem: str,
        what: str,
    ) -> list[str]:
        """The names of a def's parameters, which must be plain positional ones, as many as
        `allowed` says, with no defaults; `problem` names what else it met. Nothing is
        annotated (`write the <what> without annotations`)."""
        arguments = function.args
        if (
            arguments.posonlyargs
            or len(arguments.args) not in allowed
            or arguments.vararg
            or arguments.kwonlyargs
            or arguments.kwarg
            or arguments.defaults
        ):
            self.fail(problem, function)
        annotated = any(argument.annotation is not None for argument in arguments.args)
        if function.returns is not None or annotated or getattr(function, "type_params", None):
            self.fail(f"write the {what} without annotations", function)
        return [argument.arg for argument in arguments.args]

    def exact_args(self, node: ast.Call, count: int) -> list[ast.expr]:
        self.no_keywords(node)
        args = self.positional(node)
        if len(args) != count:
            self.fail(f"expected exactly {count} argument(s)", node)
        return args
