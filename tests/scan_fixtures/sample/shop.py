"""A small shop with 16 views, as a new user might point `parity scan` at it (test_scan_output.py)."""

import json

from flask import Flask
from flask import Response
from flask import abort
from flask import jsonify
from flask import make_response
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for

app = Flask(__name__)


@app.route("/")
def index():
    return render_template("index.html", products=products)  # expect: FQ001, FQ300 render_template


@app.get("/health")
def health():
    return "ok"  # expect: FQ001


@app.get("/api/products")
def list_products():
    return jsonify([p.to_dict() for p in products])  # expect: FQ001


@app.get("/api/products/<int:product_id>")
def get_product(product_id):
    product = find(product_id)
    if product is None:
        return jsonify(error="not found"), 404  # expect: FQ001
    return jsonify(product.to_dict())  # expect: FQ001


@app.post("/api/products")
def create_product():
    return jsonify(id=new_id), 201, {"Location": location}  # expect: FQ110 location-iri


@app.delete("/api/products/<int:product_id>")
def delete_product(product_id):
    return "", 204  # expect: FQ100 bodyless-status


@app.get("/api/search")
def search():
    return json.dumps(results), 200, {"ContentType": "application/json"}  # expect: FQ001, FQ400 'ContentType', FQ401


@app.get("/api/cart")
def cart():
    return {"items": items, "total": total}  # expect: FQ001


@app.post("/api/cart")
def add_to_cart():
    return {"ok": True}, 201  # expect: FQ001


@app.get("/login")
def login():
    return redirect(url_for("index"))  # expect: FQ001


@app.get("/admin")
def admin():
    if not user:
        abort(403)
    return "admin"  # expect: FQ001


@app.get("/export.csv")
def export():
    return Response(rows, mimetype="text/csv")  # expect: FQ200 `rows`


@app.get("/events")
def events():
    return iter(lines)  # expect: FQ100 plain-iterator


@app.get("/download")
def download():
    return send_file(path)  # expect: FQ100 stand-in file: the shipped hello.txt, FQ300 send_file


@app.get("/legacy")
def legacy():
    response = make_response(body)  # expect: FQ300 make_response
    response.headers["content_type"] = "text/plain"  # expect: FQ400 'content_type'
    return response  # expect: FQ200 `body`


@app.get("/teapot")
def teapot():
    return "I'm a teapot", 418, {"X-Reason": request.args.get("why", "")}  # expect: FQ001
