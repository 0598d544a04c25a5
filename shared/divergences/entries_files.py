"""Entries for send_file and send_from_directory."""

from __future__ import annotations

from shared import model as m
from shared.divergences import file_rules as f
from shared.divergences.examples import examples
from shared.divergences.predicates import file_called
from shared.divergences.predicates import file_returned
from shared.divergences.record import ALL_FIELDS
from shared.divergences.record import Category
from shared.divergences.record import Divergence
from shared.divergences.symptoms import cache_differs
from shared.divergences.symptoms import flask_500
from shared.divergences.symptoms import only_flask_has
from shared.divergences.symptoms import quart_500
from shared.divergences.upstream import NOT_REPORTED

FILES: tuple[Divergence, ...] = (
    Divergence(
        id="send-file-new-option-names",
        upstream=NOT_REPORTED,
        title="send_file's download_name, etag and max_age work in Flask and are a 500 in Quart",
        category=Category.FILES,
        covers=lambda p: file_called(p, lambda c: f.flask_only_names(c) and not f.flask_refuses(c)),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="sends the file with the option applied (a missing name is a 404 first)",
        quart="answers 500: TypeError, an unexpected keyword argument",
        cause="Flask 2.0 renamed attachment_filename, add_etags and cache_timeout to "
        "download_name, etag and max_age (Werkzeug's send_file); Quart's send_file and "
        "send_from_directory still declare only the old names",
        examples=examples(
            "send_file('static_files/hello.txt', download_name='a.txt')",
            "send_file('static_files/hello.txt', max_age=60)",
            "send_from_directory('static_files', 'data.json', etag=False)",
        ),
    ),
    Divergence(
        id="send-file-old-option-names",
        upstream=NOT_REPORTED,
        title="send_file's attachment_filename, add_etags and cache_timeout work in Quart and "
        "are a 500 in Flask",
        category=Category.FILES,
        covers=lambda p: file_called(
            p, lambda c: f.quart_only_names(c) and not f.quart_refuses(c) and not f.missing(c)
        ),
        shows=flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: TypeError, an unexpected keyword argument",
        quart="sends the file with the option applied",
        cause="Flask 2.2 removed the names it had deprecated in 2.0 (attachment_filename, "
        "add_etags, cache_timeout); Quart's helpers declare them and not their successors",
        examples=examples(
            "send_file('static_files/hello.txt', attachment_filename='a.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', cache_timeout=60)",
        ),
    ),
    Divergence(
        id="send-file-open-file",
        upstream=NOT_REPORTED,
        title="send_file(open(...)) streams the file in Flask and is a 500 in Quart",
        category=Category.FILES,
        covers=lambda p: file_called(
            p,
            lambda c: (
                isinstance(c, m.SendFile)
                and isinstance(c.source, m.OpenFile)
                and not f.flask_refuses(c)
                and not f.flask_only_names(c)
            ),
        ),
        shows=quart_500,
        fields=ALL_FIELDS,
        flask="wraps the file object with the server's file wrapper and sends it",
        quart="answers 500: TypeError, a BufferedReader is not a path",
        cause="Werkzeug's send_file takes any binary file object; Quart's takes a path or a "
        "BytesIO and turns anything else into a Path",
        examples=examples("send_file(open('static_files/hello.txt', 'rb'), mimetype='text/plain')"),
    ),
    Divergence(
        id="send-file-unnamed-attachment",
        upstream=NOT_REPORTED,
        title="send_file(buffer, as_attachment=True) with no name is a 500 in Flask, a bare "
        "'attachment' in Quart",
        category=Category.FILES,
        covers=lambda p: file_called(
            p,
            lambda c: (
                isinstance(c, m.SendFile)
                and isinstance(c.source, m.BytesBuffer)
                and bool(f.option(c, "as_attachment"))
                and f.option(c, "mimetype") is not None
                and not (f.option_names(c) & (m.FLASK_ONLY_OPTIONS | m.QUART_ONLY_OPTIONS))
            ),
        ),
        shows=flask_500,
        fields=ALL_FIELDS,
        flask="answers 500: TypeError, no name provided for the attachment",
        quart="sends the buffer with 'Content-Disposition: attachment' and no file name",
        cause="Werkzeug's send_file refuses as_attachment without a download_name or path; "
        "Quart adds the header with filename=None, which Werkzeug's Headers.add leaves out",
        examples=examples(
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain', as_attachment=True)"
        ),
    ),
    Divergence(
        id="send-file-caching",
        upstream=NOT_REPORTED,
        title="A sent file: Flask says 'Cache-Control: no-cache' unless an age is set, Quart "
        "'public', with the configured age (12 hours by default) for paths only",
        category=Category.FILES,
        covers=lambda p: file_returned(p, f.both_send),
        shows=cache_differs,
        settings=("SEND_FILE_MAX_AGE_DEFAULT",),
        fields=("header:cache-control", "header:expires"),
        flask="sets no-cache and no Expires unless max_age (or SEND_FILE_MAX_AGE_DEFAULT, "
        "None by default) gives a positive age",
        quart="always sets public; for a path adds max-age and Expires from "
        "SEND_FILE_MAX_AGE_DEFAULT, 12 hours by default; a BytesIO never gets that age",
        cause="Werkzeug's send_file starts from cache_control.no_cache = True; Quart's sets "
        "cache_control.public = True, and its default config keeps Flask 1.x's 12-hour "
        "SEND_FILE_MAX_AGE_DEFAULT (Flask 2.0 made it None) and asks the app for it only "
        "for a path, where Flask passes get_send_file_max_age for every file",
        examples=examples(
            "send_file('static_files/hello.txt')",
            "send_file(io.BytesIO(b'ok'), mimetype='text/plain')",
            "send_from_directory('static_files', 'pixel.png')",
        ),
    ),
    Divergence(
        id="send-file-inline-disposition",
        upstream=NOT_REPORTED,
        title="A sent path: Flask adds 'Content-Disposition: inline; filename=...', Quart none",
        category=Category.FILES,
        covers=lambda p: file_returned(
            p, lambda c: f.both_send(c) and f.flask_names_it(c) and not f.option(c, "as_attachment")
        ),
        shows=only_flask_has("content-disposition"),
        fields=("header:content-disposition",),
        flask="names the file inline whenever it knows a name (the path's, or download_name)",
        quart="adds Content-Disposition only for as_attachment=True",
        cause="Werkzeug 2.0's send_file sets 'inline' with the name when as_attachment is "
        "false; Quart's send_file adds the header inside `if as_attachment`",
        examples=examples(
            "send_file('static_files/hello.txt')",
            "send_from_directory('static_files', 'data.json')",
        ),
    ),
)
"""What the file helpers take and the headers they send."""
