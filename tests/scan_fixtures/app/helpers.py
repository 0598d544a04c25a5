"""Views that return what the codebase's own helper functions build."""

from flask import Flask
from flask import jsonify

app = Flask(__name__)


def forbidden(message):
    response = jsonify({"error": "forbidden", "message": message})
    response.status_code = 403
    return response


def no_content():
    return "", 204


def choose(flag):
    if flag:
        return "a"
    return "b"


def redirect(location):
    return iter(["a local function named like Flask's helper is not followed"])


def ambiguous():
    return "defined in not_views.py too, so the scan cannot know which one is called"


@app.route("/forbidden")
def refuse():
    return forbidden("Insufficient permissions")  # expect: FQ001 (through `forbidden()`)


@app.route("/empty")
def empty():
    return no_content()  # expect: FQ100 bodyless-status


@app.route("/choose")
def chooses():
    return choose(True)  # expect: FQ200 `choose(True)`


@app.route("/ambiguous")
def ambiguity():
    return ambiguous()  # expect: FQ200 `ambiguous()`


@app.route("/recursive")
def recursive():
    return recursive()  # expect: FQ200 `recursive()`, FQM102 `recursive`


@app.route("/redirect")
def redirects():
    return redirect("/next")  # expect: FQ001


def ping():
    return pong()


def pong():
    return ping()


@app.route("/cycle")
def cycle():
    return ping()  # expect: FQ200 `ping()` (value only known at run time) is outside the model (through `ping()`
