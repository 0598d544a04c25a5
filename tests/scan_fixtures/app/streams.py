"""Flask's own stream, hook and template forms (issue 17 item 6), as real code writes them."""

import flask
from flask import Flask
from flask import Response
from flask import after_this_request
from flask import render_template
from flask import session
from flask import stream_template_string
from flask import stream_with_context
from markupsafe import Markup

app = Flask(__name__)


@app.route("/hook")
def hook():
    @after_this_request
    def add_header(response):
        response.headers["X-Foo"] = "a header"
        return response

    return "Test"  # expect: FQ001


@app.route("/str")
def as_str():
    return stream_with_context("hello")  # expect: FQ100 stream-with-context-call


@app.route("/session")
def keeps_session():
    session["test"] = "flask"

    @stream_with_context
    def gen():  # expect: FQM103
        yield session["test"]

    return Response(gen())  # expect: FQ001


@app.route("/argument")
def argument():
    @stream_with_context
    def generate(hello):  # expect: FQM103
        yield hello
        yield flask.request.args["name"]

    return Response(generate("Hello "))  # expect: FQ001


@app.route("/list")
def listed():
    return render_template(["a.xml", "page.html"], value=23)  # expect: FQ001, FQ300 render_template


@app.route("/markup")
def markup():
    text = "<p>Hello World!"
    return render_template("page.html", text=text, html=Markup(text))  # expect: FQ001, FQ300


@app.route("/stream")
def stream():
    return Response(stream_template_string("{{ v }}", v=42))  # expect: FQ001, FQ300


@app.route("/async-hook")
def async_hook():
    @after_this_request
    async def add_header(response):
        response.headers["X-Foo"] = compute()
        return response

    return "Test"  # expect: FQ100 async-hook-in-flask


@app.route("/hook-unreadable")
def hook_unreadable():
    @after_this_request
    def log(response):
        print(response)
        return response

    return "Test"  # expect: FQ200 print(response)
