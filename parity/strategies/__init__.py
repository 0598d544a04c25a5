"""Hypothesis strategies over the whole return-value model.

Every `one_of` lists the plain, common choice first, so that shrinking ends on the example
a person would write (`'ok'`, `200`, `{'X-A': 'a'}`) rather than an exotic one.

leaves.py holds text, bytes, plain JSON, statuses and headers; bodies.py the bodies and return
values (typed JSON, calls, files, attributes, streams, templates); views.py the view bodies
that hold more than a return (a hook, a generator function); requests.py the request, the
settings and open probes; cases.py one strategy per registry entry, registered probes and probe
pairs (not_modified.py holds the longest of them, a 304 given a status after); extremes.py
the extreme leaves for the bad-input guard and sources written as a person may write them.
"""

from __future__ import annotations

from parity.strategies.bodies import ETAGS
from parity.strategies.bodies import HTTP_DATES
from parity.strategies.bodies import RANGES
from parity.strategies.bodies import SEND_FILE_VALUES
from parity.strategies.bodies import SHARED_OPTIONS
from parity.strategies.bodies import aborts
from parity.strategies.bodies import attribute_changes
from parity.strategies.bodies import attribute_datetimes
from parity.strategies.bodies import bodies
from parity.strategies.bodies import changes
from parity.strategies.bodies import chunk_lists
from parity.strategies.bodies import chunks
from parity.strategies.bodies import conditional_headers
from parity.strategies.bodies import cookie_options
from parity.strategies.bodies import cookie_texts
from parity.strategies.bodies import cookie_values
from parity.strategies.bodies import dates
from parity.strategies.bodies import datetimes
from parity.strategies.bodies import decimals
from parity.strategies.bodies import download_names
from parity.strategies.bodies import file_objects
from parity.strategies.bodies import file_responses
from parity.strategies.bodies import file_sources
from parity.strategies.bodies import http_errors
from parity.strategies.bodies import json_arrays
from parity.strategies.bodies import json_objects
from parity.strategies.bodies import jsonify_calls
from parity.strategies.bodies import make_responses
from parity.strategies.bodies import makers
from parity.strategies.bodies import mimetypes
from parity.strategies.bodies import moments
from parity.strategies.bodies import mutated
from parity.strategies.bodies import provider_values
from parity.strategies.bodies import redirects
from parity.strategies.bodies import request_streams
from parity.strategies.bodies import response_calls
from parity.strategies.bodies import response_contents
from parity.strategies.bodies import return_values
from parity.strategies.bodies import seconds
from parity.strategies.bodies import send_file_options
from parity.strategies.bodies import send_files
from parity.strategies.bodies import set_header_sets
from parity.strategies.bodies import shipped_names
from parity.strategies.bodies import simple_bodies
from parity.strategies.bodies import sortable_keys
from parity.strategies.bodies import stream_parts
from parity.strategies.bodies import template_contexts
from parity.strategies.bodies import template_pieces
from parity.strategies.bodies import template_renders
from parity.strategies.bodies import template_sources
from parity.strategies.bodies import template_texts
from parity.strategies.bodies import template_values
from parity.strategies.bodies import tuples
from parity.strategies.bodies import typed_leaves
from parity.strategies.bodies import unsortable_jsonify
from parity.strategies.bodies import uuids
from parity.strategies.bodies import with_contexts
from parity.strategies.bodies import wsgi_apps
from parity.strategies.cases import CASES
from parity.strategies.cases import bodyless_codes
from parity.strategies.cases import iri_text
from parity.strategies.cases import non_ascii_text
from parity.strategies.cases import plain_bodies
from parity.strategies.cases import plain_codes
from parity.strategies.cases import plain_headers
from parity.strategies.cases import plain_names
from parity.strategies.cases import plain_statuses
from parity.strategies.cases import plain_text
from parity.strategies.cases import probe_pairs
from parity.strategies.cases import registered_probes
from parity.strategies.cases import wrapped
from parity.strategies.extremes import extreme_numbers
from parity.strategies.extremes import extreme_return_values
from parity.strategies.extremes import extreme_texts
from parity.strategies.extremes import written_sources
from parity.strategies.leaves import any_codes
from parity.strategies.leaves import byte_strings
from parity.strategies.leaves import common_codes
from parity.strategies.leaves import header_names
from parity.strategies.leaves import header_pairs
from parity.strategies.leaves import header_scalars
from parity.strategies.leaves import header_values
from parity.strategies.leaves import headers_values
from parity.strategies.leaves import json_keys
from parity.strategies.leaves import json_scalars
from parity.strategies.leaves import json_values
from parity.strategies.leaves import statuses
from parity.strategies.leaves import texts
from parity.strategies.requests import configs
from parity.strategies.requests import methods
from parity.strategies.requests import open_probes
from parity.strategies.requests import request_header_pairs
from parity.strategies.requests import request_headers
from parity.strategies.requests import request_read_probes
from parity.strategies.requests import settings_pairs

__all__ = [
    "CASES",
    "ETAGS",
    "HTTP_DATES",
    "RANGES",
    "SEND_FILE_VALUES",
    "SHARED_OPTIONS",
    "aborts",
    "any_codes",
    "attribute_changes",
    "attribute_datetimes",
    "bodies",
    "bodyless_codes",
    "byte_strings",
    "changes",
    "chunk_lists",
    "chunks",
    "common_codes",
    "conditional_headers",
    "configs",
    "cookie_options",
    "cookie_texts",
    "cookie_values",
    "dates",
    "datetimes",
    "decimals",
    "download_names",
    "extreme_numbers",
    "extreme_return_values",
    "extreme_texts",
    "file_objects",
    "file_responses",
    "file_sources",
    "header_names",
    "header_pairs",
    "header_scalars",
    "header_values",
    "headers_values",
    "http_errors",
    "iri_text",
    "json_arrays",
    "json_keys",
    "json_objects",
    "json_scalars",
    "json_values",
    "jsonify_calls",
    "make_responses",
    "makers",
    "methods",
    "mimetypes",
    "moments",
    "mutated",
    "non_ascii_text",
    "open_probes",
    "plain_bodies",
    "plain_codes",
    "plain_headers",
    "plain_names",
    "plain_statuses",
    "plain_text",
    "probe_pairs",
    "provider_values",
    "redirects",
    "registered_probes",
    "request_header_pairs",
    "request_headers",
    "request_read_probes",
    "request_streams",
    "response_calls",
    "response_contents",
    "return_values",
    "seconds",
    "send_file_options",
    "send_files",
    "set_header_sets",
    "settings_pairs",
    "shipped_names",
    "simple_bodies",
    "sortable_keys",
    "statuses",
    "stream_parts",
    "template_contexts",
    "template_pieces",
    "template_renders",
    "template_sources",
    "template_texts",
    "template_values",
    "texts",
    "tuples",
    "typed_leaves",
    "unsortable_jsonify",
    "uuids",
    "with_contexts",
    "wrapped",
    "written_sources",
    "wsgi_apps",
]
