"""A blueprint in its own module: redirects, flashes and forms."""

from flask import Blueprint
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

auth = Blueprint("auth", __name__, url_prefix="/auth")


@auth.route("/login", methods=("GET", "POST"))
def login():
    if request.method == "POST":
        if request.form["username"] == "admin":  # expect: FQM101 `request.form`
            return redirect(url_for("index"))  # expect: FQ001
        return redirect(request.args.get("next", "/"))  # expect: FQ110 location-iri
    return render_template("auth/login.html", error=None)  # expect: FQ001, FQ300 render_template


@auth.route("/admin")
def admin():
    return forbidden("Admins only")  # expect: FQ001 (through `forbidden()`)
