"""Every decorator and registration form that makes a view or an error handler."""

from flask import Flask
from flask import jsonify
from flask import redirect
from flask import url_for

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello, World!"  # expect: FQ001


@app.route("/submit", methods=["POST"])
def submit():
    return jsonify(ok=True), 201  # expect: FQ001


@app.get("/items")
def list_items():
    return jsonify(items)  # expect: FQ001


@app.post("/items")
def create_item():
    return jsonify(item), 201  # expect: FQ001


@app.put("/items/<int:item_id>")
def replace_item(item_id):
    return {"id": item_id, "name": name}  # expect: FQ001


@app.patch("/items/<int:item_id>")
def update_item(item_id):
    return "", 204  # expect: FQ100 bodyless-status


@app.delete("/items/<int:item_id>")
def delete_item(item_id):
    return redirect(url_for("list_items"))  # expect: FQ001


@app.errorhandler(404)
def not_found(error):
    return jsonify(error=str(error)), 404  # expect: FQ001


@app.errorhandler(500)
def server_error(error):
    return "Server error", 500.0  # expect: FQ100 float-status


def about():
    return "About"  # expect: FQ001


app.add_url_rule("/about", view_func=about)


def contact():
    return "Contact", 200  # expect: FQ001


app.add_url_rule("/contact", "contact", contact)


def teapot(error):
    return "I'm a teapot", 418  # expect: FQ001


app.register_error_handler(418, teapot)
app.add_url_rule("/ping", view_func=lambda: "pong")  # expect: FQ001


def called_by_hand():
    return "By hand", 202  # expect: FQ001


app.route("/by-hand")(called_by_hand)


def gone(error):
    return "Gone", 410  # expect: FQ001


app.errorhandler(410)(gone)


def not_a_view():
    return iter(["not", "reported"])


handler = lambda: iter(["not a view either"])  # noqa: E731
