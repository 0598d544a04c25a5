"""A latin-1 file without a coding cookie: café."""  # expect: FQ901


@app.route("/")
def cafe():
    return "ok"
