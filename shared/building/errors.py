"""The exception classes an error-handler view names, made for one request (framework-free:
each app passes in Werkzeug's classes)."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

from shared import model as m

ErrorClasses = dict[str, type[Exception]]


def named_classes(value: m.ErrorHandled, werkzeug_class: Callable[[str], Any]) -> ErrorClasses:
    """Every class the source may name, by name: Werkzeug's, the built-in ones, and the class
    the view body defines, made anew (as the view's own `class` statement does on each call)."""
    classes: ErrorClasses = {name: werkzeug_class(name) for name in m.HANDLED_CODES}
    classes.update({name: getattr(builtins, name) for name in m.BUILTIN_ERRORS})
    defined = value.defines
    if defined is not None:
        classes[defined.name] = type(defined.name, (classes[defined.base],), {})
    return classes


def raised_error(classes: ErrorClasses, view: m.Raise) -> Exception:
    """The exception the view's `raise` statement raises."""
    made = classes[view.name]
    return made() if view.message is None else made(view.message)


def handler_answers(value: m.ErrorHandled, classes: ErrorClasses, error: BaseException) -> bool:
    """Whether the handler the source registers answers `error`: it is an instance of the class
    the handler is registered for (a code stands for its Werkzeug class), as each framework
    looks it up along the error's class hierarchy."""
    return isinstance(error, classes[value.registered])


def error_text(handler: m.ErrorText, error: BaseException) -> tuple[str, bool]:
    """`str(error)`, and whether the handler gives it to `jsonify(...)`."""
    return str(error), handler.jsonified
