"""An app factory with nested blueprints; views defined inside the factory count too."""

from flask import Blueprint
from flask import Flask
from flask import abort
from flask import jsonify

from .auth import auth

api = Blueprint("api", __name__, url_prefix="/api")
v1 = Blueprint("v1", __name__, url_prefix="/v1")


@v1.route("/users/<int:user_id>")
def get_user(user_id):
    if user_id < 0:
        abort(404)
    return jsonify(id=user_id, name=user.name)  # expect: FQ001


@v1.app_errorhandler(409)
def conflict(error):
    return {"error": "conflict"}, 409  # expect: FQ001


api.register_blueprint(v1)


def create_app(test_config=None):
    app = Flask(__name__)
    app.register_blueprint(api)
    app.register_blueprint(auth)

    @app.route("/health")
    def health():
        def detail():
            return iter(["nested helper, not a view"])

        return jsonify(status="ok", detail=detail())  # expect: FQ001

    return app
