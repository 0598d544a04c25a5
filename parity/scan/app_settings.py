"""The scanned app's own settings, read from its source without importing or running it.

A verdict on a return holds for the app it runs in: Quart 0.23 adds `Vary: Cookie` only
when a secret key is set, and `SEND_FILE_MAX_AGE_DEFAULT` changes what a sent file's caching
headers say. The scan reads, across every file it parsed, where the app sets the settings
the model covers (`shared.settings`): `app.secret_key = ...`, `app.config["KEY"] = ...`,
`app.config.update(KEY=...)` and `from_mapping`, `app.json.sort_keys = ...`, and
`app.config.from_object(X)` where X is a class or module of the tree (a parameter's default,
a `{name: Class}` dict and a dotted string are followed). A setting read from outside the
tree (`from_pyfile`, `from_envvar`, `from_prefixed_env`, an object the scan cannot find) is
*unknown*, and the scan says so rather than assume it.

A secret key is a presence, not a value: an environment lookup or any computed value counts
as set (code that assigns a key does not mean it to be None); a literal `None` or `''` does
not. The other settings count only as literals.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from shared.settings import SETTINGS_BY_KEY
from shared.settings import SettingValue

SECRET_KEY = "SECRET_KEY"
APP_CLASSES = frozenset({"Flask", "Quart", "flask.Flask", "quart.Quart"})
OUTSIDE_SOURCES = frozenset(
    {"from_pyfile", "from_envvar", "from_file", "from_prefixed_env", "from_json"}
)
"""`app.config` methods that read settings from outside the scanned tree."""
PROVIDER_ATTRIBUTES = frozenset({"json", "json_provider_class"})
"""`app.json = Provider(app)` and `app.json_provider_class = ...`: JSON settings of their own."""
_SECONDS = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}


class State(enum.Enum):
    """What the scan could read of one setting."""

    SET = "set"
    DEFAULT = "not set"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SettingRead:
    """One setting as the app's source gives it: its state, its value when it is a literal
    the model can apply, and where it was read (or why it could not be)."""

    key: str
    state: State
    value: SettingValue = None
    where: str = ""

    def describe(self) -> str:
        """`SECRET_KEY set (config.py:9)`, as the summary names it."""
        shown = f"={self.value!r}" if self.state is State.SET and self.key != SECRET_KEY else ""
        where = f" ({self.where})" if self.where else ""
        return f"{self.key}{shown} {self.state.value}{where}"


@dataclass(frozen=True)
class AppSettings:
    """Every covered setting of the scanned app."""

    reads: tuple[SettingRead, ...]

    def get(self, key: str) -> SettingRead:
        """The read of one setting (unknown when the scan never looked)."""
        return next((r for r in self.reads if r.key == key), SettingRead(key, State.UNKNOWN))

    def probe_config(self) -> tuple[tuple[str, SettingValue], ...]:
        """The settings the probe runs under: each known one as the app has it. An unknown
        one, and a set secret key, stay as the lab's apps have them (a key is set there)."""
        config: list[tuple[str, SettingValue]] = []
        for read in self.reads:
            if read.key == SECRET_KEY:
                if read.state is State.DEFAULT:
                    config.append((SECRET_KEY, None))
            elif read.state is State.SET:
                config.append((read.key, read.value))
        return tuple(config)

    def unknown(self) -> tuple[str, ...]:
        """The keys the scan could not read."""
        return tuple(r.key for r in self.reads if r.state is State.UNKNOWN)

    def describe(self) -> str:
        """One clause a person reads: the secret key, the settings set, the unknown ones."""
        if {r.state for r in self.reads} == {State.UNKNOWN} and len(
            {r.where for r in self.reads}
        ) == 1:
            return f"unknown ({self.reads[0].where})"
        parts = [
            read.describe()
            for read in self.reads
            if read.state is State.SET or (read.key == SECRET_KEY and read.state is State.DEFAULT)
        ]
        unknown: dict[str, list[str]] = {}
        for read in sorted(self.reads, key=lambda r: r.key != SECRET_KEY):
            if read.state is State.UNKNOWN:
                unknown.setdefault(read.where, []).append(read.key)
        parts += [f"{', '.join(keys)} unknown ({where})" for where, keys in unknown.items()]
        return "; ".join(parts)


@dataclass(frozen=True)
class _Value:
    state: State
    value: SettingValue
    where: str


@dataclass
class _Found:
    """What the tree says, before it is merged into one read per setting."""

    values: dict[str, list[_Value]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    """Config sources outside the tree: any config key may come from them."""
    providers: list[str] = field(default_factory=list)
    """JSON providers the app sets: any `json.*` attribute may come from them."""
    apps: int = 0


def read_app_settings(modules: Iterable[tuple[str, ast.Module]]) -> AppSettings:
    """Every covered setting of the app in these modules (shown path, syntax tree)."""
    modules = list(modules)
    index = _Index(modules)
    found = _Found()
    for shown, module in modules:
        for node in ast.walk(module):
            if isinstance(node, ast.Call) and _dotted(node.func) in index.app_classes:
                found.apps += 1
            for key, value in _settings_set(node, shown, index, found):
                found.values.setdefault(key, []).append(value)
    return AppSettings(tuple(_merge(key, found) for key in SETTINGS_BY_KEY))


def _merge(key: str, found: _Found) -> SettingRead:
    values = found.values.get(key, [])
    if values:
        states = {(v.state, v.value) for v in values}
        if len(states) == 1:
            first = values[0]
            return SettingRead(key, first.state, first.value, first.where)
        places = ", ".join(v.where for v in values[:3])
        return SettingRead(key, State.UNKNOWN, None, f"set differently: {places}")
    outside = found.providers if key.startswith("json.") else found.outside
    if outside:
        return SettingRead(key, State.UNKNOWN, None, f"may come from {outside[0]}")
    if not found.apps:
        return SettingRead(key, State.UNKNOWN, None, "no Flask(...) app in the scanned files")
    return SettingRead(key, State.DEFAULT)


class _Index:
    """Classes, module-level dicts and modules of the tree, by name, for `from_object`."""

    def __init__(self, modules: list[tuple[str, ast.Module]]) -> None:
        self.classes: dict[str, list[tuple[str, ast.ClassDef]]] = {}
        self.dicts: dict[str, list[ast.Dict]] = {}
        self.modules = modules
        for shown, module in modules:
            for node in ast.walk(module):
                if isinstance(node, ast.ClassDef):
                    self.classes.setdefault(node.name, []).append((shown, node))
            for statement in module.body:
                if (
                    isinstance(statement, ast.Assign)
                    and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)
                    and isinstance(statement.value, ast.Dict)
                ):
                    self.dicts.setdefault(statement.targets[0].id, []).append(statement.value)
        self.app_classes = set(APP_CLASSES) | {
            name
            for name, defined in self.classes.items()
            if any(_dotted(base) in APP_CLASSES for _, c in defined for base in c.bases)
        }

    def one_class(self, name: str) -> tuple[str, ast.ClassDef] | None:
        """The one class of the tree with this name (`module.Class` read as `Class`)."""
        defined = self.classes.get(name.rpartition(".")[2], [])
        return defined[0] if len(defined) == 1 else None

    def module_named(self, dotted: str) -> tuple[str, ast.Module] | None:
        """The one module of the tree whose path ends as the dotted name says."""
        parts = dotted.split(".")
        for start in range(len(parts)):
            stem = "/".join(parts[start:])
            tails = (f"/{stem}.py", f"/{stem}/__init__.py")
            matches = [
                (s, m) for s, m in self.modules if f"/{s}".replace("\\", "/").endswith(tails)
            ]
            if matches:  # the shallowest: a package's own `config.py` before a subpackage's
                depth = min(s.count("/") for s, _ in matches)
                shallowest = [(s, m) for s, m in matches if s.count("/") == depth]
                return shallowest[0] if len(shallowest) == 1 else None
        return None


def _dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of names, else None (a loop: a hostile chain may be very long)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _where(shown: str, node: ast.AST) -> str:
    return f"{shown}:{getattr(node, 'lineno', 1)}"


def _settings_set(
    node: ast.AST, shown: str, index: _Index, found: _Found
) -> Iterator[tuple[str, _Value]]:
    """The (key, value) pairs one statement or call sets on an app."""
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            key = _assigned_key(target)
            if key is not None:
                yield key, _value(key, node.value, _where(shown, node))
            elif _dotted(target) in ("json_provider_class",) or (
                isinstance(target, ast.Attribute) and target.attr in PROVIDER_ATTRIBUTES
            ):
                found.providers.append(f"a JSON provider set at {_where(shown, node)}")
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method, owner = node.func.attr, node.func.value
        if not (isinstance(owner, ast.Attribute) and owner.attr == "config"):
            return
        where = _where(shown, node)
        if method in ("update", "from_mapping"):
            yield from _mapping(node, where, found)
        elif method == "setdefault" and node.args and len(node.args) == 2:
            key = _literal_key(node.args[0])
            if key is not None:
                yield key, _value(key, node.args[1], where)
        elif method == "from_object" and len(node.args) == 1:
            yield from _from_object(node.args[0], node, where, index, found)
        elif method in OUTSIDE_SOURCES:
            found.outside.append(f"app.config.{method}(...) at {where}")


def _assigned_key(target: ast.expr) -> str | None:
    """`x.secret_key`, `x.config["KEY"]` or `x.json.attr` as the setting's key."""
    if isinstance(target, ast.Attribute):
        if target.attr == "secret_key":
            return SECRET_KEY
        owner = target.value
        if isinstance(owner, ast.Attribute) and owner.attr == "json":
            key = f"json.{target.attr}"
            return key if key in SETTINGS_BY_KEY else None
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "config"
    ):
        return _literal_key(target.slice)
    return None


def _literal_key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        key = node.value
        return key if key in SETTINGS_BY_KEY and not key.startswith("json.") else None
    return None


def _mapping(call: ast.Call, where: str, found: _Found) -> Iterator[tuple[str, _Value]]:
    """`update(KEY=...)`, `from_mapping({"KEY": ...})`; an argument the scan cannot read
    may set anything."""
    for keyword in call.keywords:
        if keyword.arg is None:
            found.outside.append(f"app.config.{_method(call)}(**...) at {where}")
        elif keyword.arg in SETTINGS_BY_KEY:
            yield keyword.arg, _value(keyword.arg, keyword.value, where)
    for argument in call.args:
        if not isinstance(argument, ast.Dict):
            found.outside.append(f"app.config.{_method(call)}(...) at {where}")
            continue
        for key_node, value in zip(argument.keys, argument.values, strict=True):
            key = _literal_key(key_node) if key_node is not None else None
            if key_node is None:
                found.outside.append(f"app.config.{_method(call)}({{**...}}) at {where}")
            elif key is not None:
                yield key, _value(key, value, where)


def _method(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else "?"


def _from_object(
    argument: ast.expr, call: ast.Call, where: str, index: _Index, found: _Found
) -> Iterator[tuple[str, _Value]]:
    """The settings of the classes or modules `from_object(argument)` may load."""
    bodies = _objects(argument, call, index)
    if bodies is None:
        found.outside.append(f"app.config.from_object(...) at {where}, not found in the tree")
        return
    for shown, body, bases in bodies:
        for statement in [*(s for b in bases for s in b), *body]:
            if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in SETTINGS_BY_KEY:
                        yield (
                            target.id,
                            _value(target.id, statement.value, _where(shown, statement)),
                        )


_Body = tuple[str, list[ast.stmt], list[list[ast.stmt]]]


def _objects(argument: ast.expr, call: ast.Call, index: _Index) -> list[_Body] | None:
    """The class or module bodies an argument names (with its bases' bodies), or None."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return _dotted_object(argument.value, index)
    if isinstance(argument, ast.Subscript) and isinstance(argument.value, ast.Name):
        dicts = index.dicts.get(argument.value.id, [])
        if len(dicts) != 1:
            return None
        bodies: list[_Body] = []
        for value in dicts[0].values:
            name = _dotted(value)
            one = _class_body(name, index) if name else None
            if one is None:
                return None
            bodies.extend(one)
        return bodies or None
    name = _dotted(argument)
    if name is None:
        return None
    direct = _class_body(name, index)
    if direct is not None:
        return direct
    default = _parameter_default(argument, call, index)
    return _objects(default, call, index) if default is not None else None


def _dotted_object(dotted: str, index: _Index) -> list[_Body] | None:
    """`"pkg.settings"` (a module) or `"pkg.settings.Config"` (a class, or an instance of one,
    at the top of that module)."""
    module = index.module_named(dotted)
    if module is not None:
        return [(module[0], module[1].body, [])]
    path, _, name = dotted.rpartition(".")
    module = index.module_named(path) if path else None
    if module is None:
        return None
    for statement in module[1].body:
        if isinstance(statement, ast.ClassDef) and statement.name == name:
            return _class_body_of(module[0], statement, index)
        if (
            isinstance(statement, ast.Assign)
            and [_dotted(t) for t in statement.targets] == [name]
            and isinstance(statement.value, ast.Call)
        ):
            made = _dotted(statement.value.func)  # `Config = ServerConfig()`: its class's body
            return _class_body(made, index) if made else None
    return None


def _class_body(name: str, index: _Index) -> list[_Body] | None:
    found = index.one_class(name)
    if found is None:
        return None
    return _class_body_of(*found, index)


def _class_body_of(shown: str, cls: ast.ClassDef, index: _Index) -> list[_Body]:
    bases: list[list[ast.stmt]] = []
    pending, seen = list(cls.bases), {cls.name}
    while pending:
        base_name = _dotted(pending.pop())
        base = index.one_class(base_name) if base_name else None
        if base is None or base[1].name in seen:
            continue
        seen.add(base[1].name)
        bases.insert(0, base[1].body)
        pending.extend(base[1].bases)
    return [(shown, cls.body, bases)]


def _parameter_default(argument: ast.expr, call: ast.Call, index: _Index) -> ast.expr | None:
    """`def create_app(config_class=Config)`: the default of the parameter a name reads."""
    if not isinstance(argument, ast.Name):
        return None
    for _, module in index.modules:
        for function in ast.walk(module):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if not any(node is call for node in ast.walk(function)):
                continue
            arguments = function.args
            positional = [*arguments.posonlyargs, *arguments.args]
            defaults: list[tuple[ast.arg, ast.expr | None]] = list(
                zip(
                    positional[len(positional) - len(arguments.defaults) :],
                    arguments.defaults,
                    strict=True,
                )
            )
            defaults += list(zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True))
            for arg, default in defaults:
                if arg.arg == argument.id and default is not None:
                    return default
            return None
    return None


def _value(key: str, node: ast.expr, where: str) -> _Value:
    """The state and value one expression gives a setting."""
    literal = _literal(node)
    if key == SECRET_KEY:
        if isinstance(node, ast.Constant) and not node.value:
            return _Value(State.DEFAULT, None, where)
        return _Value(State.SET, None, where)
    if literal is not _UNREAD:
        setting = SETTINGS_BY_KEY[key]
        if literal in setting.values or _fits(key, literal):
            return _Value(State.SET, literal, where)  # type: ignore[arg-type]
    return _Value(State.UNKNOWN, None, f"computed at {where}")


_UNREAD = object()


def _literal(node: ast.expr) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Call) and _dotted(node.func) in ("timedelta", "datetime.timedelta"):
        total = 0
        for keyword in node.keywords:
            value = keyword.value
            if not (
                keyword.arg in _SECONDS
                and isinstance(value, ast.Constant)
                and type(value.value) is int
            ):
                return _UNREAD
            total += value.value * _SECONDS[keyword.arg or ""]
        return total if not node.args else _UNREAD
    return _UNREAD


def _fits(key: str, value: object) -> bool:
    """Whether a literal is one the setting can take (a bool for json.sort_keys, ...)."""
    setting = SETTINGS_BY_KEY[key]
    if isinstance(value, bool) or value is None:
        return any(isinstance(v, bool) or v is None for v in setting.values)
    if isinstance(value, int):
        return any(type(v) is int for v in setting.values) and 0 <= value <= 366 * 24 * 3600
    if isinstance(value, str):
        try:
            return setting.read(value) == value
        except ValueError:
            return False
    return False
