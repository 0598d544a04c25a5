"""Class-based views: View, MethodView, a subclass of a local base, and one passed to as_view."""

from flask import jsonify
from flask.views import MethodView
from flask.views import View
from werkzeug.exceptions import NotFound


class ShowUsers(View):
    def dispatch_request(self):
        return jsonify(users=users)  # expect: FQ001

    def helper(self):
        return iter(["not a view method"])


class ItemAPI(MethodView):
    init_every_request = False

    def get(self, item_id):
        if item_id is None:
            return jsonify(items)  # expect: FQ001
        return NotFound()  # expect: FQ001

    def post(self):
        return jsonify(item), 201, {"Location": url_for("item", item_id=item.id)}  # expect: FQ001


class BaseAPI(MethodView):
    pass


class UserAPI(BaseAPI):
    def delete(self, user_id):
        return "", 204, {"Content_Type": "text/plain"}  # expect: FQ100 bodyless-status, FQ400 Content-Type


class Plain:
    def get(self):
        return iter(["not a view: no View base and never registered"])


class Registered:
    def dispatch_request(self):
        return b"bytes"  # expect: FQ001


app.add_url_rule("/users/", view_func=ShowUsers.as_view("show_users"))
app.add_url_rule("/registered", view_func=Registered.as_view("registered"))
