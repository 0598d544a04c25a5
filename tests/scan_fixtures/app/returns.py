"""Conditional returns, returns inside try, holes of every kind, and what the scan cannot tell."""

import json

from flask import Flask
from flask import Response
from flask import jsonify
from flask import make_response
from flask import send_file

app = Flask(__name__)


@app.route("/conditional")
def conditional():
    if flag:
        return jsonify(data), status  # expect: FQ001
    elif other:
        return make_response(jsonify(errors), 400)  # expect: FQ001, FQ300 make_response
    else:
        return  # expect: FQ001


@app.route("/try")
def with_try():
    try:
        value = compute()
        return f"value: {value}"  # expect: FQ001
    except ValueError as error:
        return {"error": str(error)}, 400  # expect: FQ001
    finally:
        cleanup()


@app.route("/nested")
def with_nested():
    def generate():
        yield "a"
        return "not a view return"

    square = lambda x: x * x  # noqa: E731
    return Response(generate(), mimetype="text/plain")  # expect: FQ001


@app.route("/dumps")
def dumps():
    return json.dumps(payload), 200, {"ContentType": "application/json"}  # expect: FQ001, FQ400 Content-Type, FQ401


@app.route("/typo")
def typo():
    return jsonify(ok=True), 200, {"content-typ": "application/json"}  # expect: FQ001, FQ400


@app.route("/stream")
def stream():
    return iter(chunks)  # expect: FQ100 plain-iterator


@app.route("/file")
def file():
    return send_file(path)  # expect: FQ100 stand-in file: the shipped hello.txt, FQ300 send_file


@app.route("/unknown")
def unknown():
    resp = make_response(data)  # expect: FQ300 make_response
    return resp  # expect: FQ200 `data`


@app.route("/made-then-changed")
def made_then_changed():
    response = jsonify(items=items)
    log("made")
    response.status_code = 201
    response.headers["X-Total"] = str(len(items))
    response.headers["Content_Type"] = "application/json"  # expect: FQ400 Content-Type
    return response  # expect: FQ001


@app.route("/either")
def either():
    if flag:
        resp = jsonify(a=1)
    else:
        resp = jsonify(b=2)
    return resp  # expect: FQ200 `resp`


@app.route("/cookie")
def cookie():
    resp = jsonify(ok=True)
    resp.set_cookie("a", "b")
    return resp  # expect: FQ200 `resp`


@app.route("/json")
def get_json():
    return jsonify(request.get_json())  # expect: FQ100, FQ300 request.get_json
