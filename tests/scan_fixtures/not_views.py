"""Functions, methods and lambdas that are not views: the scan reports nothing here."""

import functools

from flask import jsonify


@functools.cache
def cached():
    return jsonify(ok=True)


class Service:
    def get(self):
        return iter(["a MethodView-like name, but not a view"])


def route(rule):
    return lambda f: f


@route("/looks-like-one")
def decorated_by_a_plain_function():
    return iter(["a bare route() call is not Flask's decorator"])


callbacks = [lambda: iter(["not a view"])]


def ambiguous():
    return "the same name as a helper in app/helpers.py"
