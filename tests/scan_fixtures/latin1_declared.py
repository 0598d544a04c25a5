# -*- coding: latin-1 -*-
"""The same bytes with a coding cookie: Python reads it, and so does the scan: café."""


@app.route("/")
def cafe():
    return "café"  # expect: FQ001
