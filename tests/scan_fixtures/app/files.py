"""File responses: run with a shipped stand-in file, the call and its options as written."""

import io
import os

from flask import Flask, send_file, send_from_directory

app = Flask(__name__)


@app.route("/logo")
def logo():
    return send_file("static/logo.png")  # expect: FQ100 the shipped pixel.png for, FQ300 send_file


@app.route("/report/<name>")
def report(name):
    return send_from_directory("reports", f"{name}.json", as_attachment=True)  # expect: FQ100 same type (.json), FQ300 send_from_directory


@app.route("/manual")
def manual():
    return send_file(os.path.join(DOCS, "manual.pdf"), mimetype="application/pdf", max_age=60)  # expect: FQ100 send-file-new-option-names, FQ300 send_file


@app.route("/legacy")
def legacy():
    return send_file(path, cache_timeout=60)  # expect: FQ100 one of each shipped type tried, FQ300 send_file


@app.route("/timed")
def timed():
    return send_file(path, max_age=timeout)  # expect: FQ200 `max_age=timeout` is computed, FQ300 send_file


@app.route("/buffer")
def buffer():
    return send_file(io.BytesIO(data), mimetype="text/csv")  # expect: FQ200 a file object, FQ300 send_file


@app.route("/spread")
def spread():
    return send_file(**options)  # expect: FQ200 unpacked, FQ300 send_file


@app.route("/tagged")
def tagged():
    resp = send_file("static/app.js", as_attachment=True)  # expect: FQ300 send_file
    resp.headers["X-Frame-Options"] = "DENY"
    return resp  # expect: FQ100 one of each shipped type tried


@app.route("/tagged-timed")
def tagged_timed():
    resp = send_file("static/a.png", max_age=timeout)  # expect: FQ300 send_file
    resp.headers["X-Frame-Options"] = "DENY"
    return resp  # expect: FQ200 `max_age=timeout` is computed
