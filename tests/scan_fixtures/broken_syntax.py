"""A file with a syntax error: reported, and the scan goes on."""


@app.route("/")
def broken(:  # expect: FQ900
    return "ok"
