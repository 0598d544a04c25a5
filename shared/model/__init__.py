"""What a view can return, as plain frozen data that renders to the source a person writes.

Every value knows its own Python source (`to_source()`); `shared.parse` reads that source
back. Nothing here imports a web framework or does I/O: each app turns these records into
real objects with its own helpers. One module a part; this package names them all.
"""

from __future__ import annotations

from shared.model.attrs import CACHE_FLAGS
from shared.model.attrs import CACHE_SECONDS
from shared.model.attrs import COOKIE_OPTIONS
from shared.model.attrs import DATE_ATTRIBUTES
from shared.model.attrs import DELETE_COOKIE_OPTIONS
from shared.model.attrs import HEADER_SET_ATTRIBUTES
from shared.model.attrs import AddToHeaderSet
from shared.model.attrs import AttributeChange
from shared.model.attrs import CookieOption
from shared.model.attrs import DateAttribute
from shared.model.attrs import DateTime
from shared.model.attrs import DeleteCookie
from shared.model.attrs import HeaderSetAttribute
from shared.model.attrs import Moment
from shared.model.attrs import SetCacheControl
from shared.model.attrs import SetCookie
from shared.model.attrs import SetDate
from shared.model.attrs import SetHeaderSet
from shared.model.attrs import moment_python
from shared.model.attrs import option_python
from shared.model.awaits import AWAITED_IN_QUART
from shared.model.awaits import awaited_calls
from shared.model.awaits import generator_port_required
from shared.model.awaits import quart_as_run
from shared.model.awaits import quart_statement
from shared.model.bodies import HTTP_EXCEPTION_NAMES
from shared.model.bodies import Abort
from shared.model.bodies import AbortWith
from shared.model.bodies import BareCallable
from shared.model.bodies import Body
from shared.model.bodies import ByteArray
from shared.model.bodies import Bytes
from shared.model.bodies import HttpError
from shared.model.bodies import JsonBody
from shared.model.bodies import JsonDumps
from shared.model.bodies import Jsonify
from shared.model.bodies import MakeResponse
from shared.model.bodies import NoneBody
from shared.model.bodies import Redirect
from shared.model.bodies import ResponseCall
from shared.model.bodies import ResponseContent
from shared.model.bodies import ReturnTuple
from shared.model.bodies import Scalar
from shared.model.bodies import Text
from shared.model.bodies import TupleItem
from shared.model.bodies import WerkzeugContent
from shared.model.bodies import WerkzeugResponse
from shared.model.bodies import WsgiApp
from shared.model.echo import JSON_READS
from shared.model.echo import REQUEST_BODY_READS
from shared.model.echo import REQUEST_FIELDS
from shared.model.echo import JsonIndex
from shared.model.echo import JsonItem
from shared.model.echo import RequestBody
from shared.model.echo import RequestBodyRead
from shared.model.echo import RequestFields
from shared.model.echo import RequestFieldsName
from shared.model.echo import RequestText
from shared.model.echo import UploadedFile
from shared.model.files import FILES_FOLDER
from shared.model.files import FLASK_ONLY_OPTIONS
from shared.model.files import OPENED_FILES
from shared.model.files import QUART_ONLY_OPTIONS
from shared.model.files import SEND_FILE_OPTIONS
from shared.model.files import SHIPPED_FILES
from shared.model.files import SHIPPED_FOLDER
from shared.model.files import AddEtag
from shared.model.files import BytesBuffer
from shared.model.files import FileObject
from shared.model.files import FilePath
from shared.model.files import FileResponse
from shared.model.files import FileSource
from shared.model.files import MakeConditional
from shared.model.files import OpenFile
from shared.model.files import SendFile
from shared.model.files import SendFileOption
from shared.model.files import SendFromDirectory
from shared.model.files import plain_file_name
from shared.model.files import shipped_file
from shared.model.files import shipped_path
from shared.model.handlers import BUILTIN_ERRORS
from shared.model.handlers import HANDLED_CODES
from shared.model.handlers import ErrorClass
from shared.model.handlers import ErrorHandled
from shared.model.handlers import ErrorText
from shared.model.handlers import Handled
from shared.model.handlers import Raise
from shared.model.headers import HeaderItemValue
from shared.model.headers import HeaderScalar
from shared.model.headers import HeadersForm
from shared.model.headers import HeadersValue
from shared.model.headers import PlainHeaders
from shared.model.mutated import AfterThisRequest
from shared.model.mutated import Change
from shared.model.mutated import Configured
from shared.model.mutated import HookChange
from shared.model.mutated import Maker
from shared.model.mutated import Mutated
from shared.model.mutated import ResponseAttribute
from shared.model.mutated import ReturnValue
from shared.model.mutated import SetAttribute
from shared.model.mutated import SetHeader
from shared.model.mutated import return_statement
from shared.model.status import Status
from shared.model.status import StatusMember
from shared.model.status import StatusValue
from shared.model.streams import Argument
from shared.model.streams import ChunkList
from shared.model.streams import Chunks
from shared.model.streams import ChunksKind
from shared.model.streams import RequestField
from shared.model.streams import RequestRead
from shared.model.streams import RequestStream
from shared.model.streams import StreamPart
from shared.model.streams import WithContext
from shared.model.templates import RESERVED_NAMES
from shared.model.templates import SHIPPED_TEMPLATES
from shared.model.templates import TEMPLATE_FILTERS
from shared.model.templates import TEMPLATE_NAMES
from shared.model.templates import RenderTemplate
from shared.model.templates import RenderTemplateString
from shared.model.templates import TemplatePiece
from shared.model.templates import template_pieces
from shared.model.templates import template_problem
from shared.model.values import DATETIME_FIELDS
from shared.model.values import POINT_FIELDS
from shared.model.values import TYPED_NAMES
from shared.model.values import TYPED_VALUES
from shared.model.values import DateTimeValue
from shared.model.values import DateValue
from shared.model.values import DecimalValue
from shared.model.values import JsonArray
from shared.model.values import JsonKey
from shared.model.values import JsonObject
from shared.model.values import JsonValue
from shared.model.values import MarkupValue
from shared.model.values import PointValue
from shared.model.values import TypedValue
from shared.model.values import UuidValue
from shared.model.values import is_plain_json
from shared.model.values import json_python
from shared.model.values import json_source
from shared.model.values import literal

__all__ = [
    "AWAITED_IN_QUART",
    "awaited_calls",
    "generator_port_required",
    "quart_as_run",
    "quart_statement",
    "JSON_READS",
    "REQUEST_BODY_READS",
    "RequestBody",
    "RequestBodyRead",
    "REQUEST_FIELDS",
    "JsonItem",
    "JsonIndex",
    "RequestFields",
    "RequestFieldsName",
    "RequestText",
    "UploadedFile",
    "FILES_FOLDER",
    "FLASK_ONLY_OPTIONS",
    "QUART_ONLY_OPTIONS",
    "SEND_FILE_OPTIONS",
    "OPENED_FILES",
    "SHIPPED_FILES",
    "SHIPPED_FOLDER",
    "shipped_file",
    "AddEtag",
    "BytesBuffer",
    "FileObject",
    "FileResponse",
    "FileSource",
    "FilePath",
    "MakeConditional",
    "OpenFile",
    "SendFile",
    "SendFileOption",
    "SendFromDirectory",
    "plain_file_name",
    "shipped_path",
    "Abort",
    "AbortWith",
    "BareCallable",
    "Body",
    "ByteArray",
    "Bytes",
    "AfterThisRequest",
    "Change",
    "HookChange",
    "Chunks",
    "ChunksKind",
    "DATETIME_FIELDS",
    "DateTimeValue",
    "DateValue",
    "DecimalValue",
    "HTTP_EXCEPTION_NAMES",
    "HANDLED_CODES",
    "BUILTIN_ERRORS",
    "ErrorClass",
    "ErrorHandled",
    "ErrorText",
    "Handled",
    "Raise",
    "HeaderItemValue",
    "HeaderScalar",
    "HeadersForm",
    "HeadersValue",
    "HttpError",
    "JsonArray",
    "JsonBody",
    "JsonDumps",
    "JsonKey",
    "JsonObject",
    "JsonValue",
    "Jsonify",
    "MakeResponse",
    "MarkupValue",
    "Maker",
    "Mutated",
    "Configured",
    "NoneBody",
    "POINT_FIELDS",
    "PlainHeaders",
    "PointValue",
    "RESERVED_NAMES",
    "Redirect",
    "RenderTemplate",
    "RenderTemplateString",
    "ResponseAttribute",
    "ResponseCall",
    "ResponseContent",
    "ReturnTuple",
    "ReturnValue",
    "Scalar",
    "SetAttribute",
    "SetHeader",
    "Status",
    "StatusMember",
    "StatusValue",
    "TEMPLATE_FILTERS",
    "SHIPPED_TEMPLATES",
    "TEMPLATE_NAMES",
    "TYPED_NAMES",
    "TYPED_VALUES",
    "Text",
    "TupleItem",
    "TypedValue",
    "UuidValue",
    "WerkzeugContent",
    "WerkzeugResponse",
    "WsgiApp",
    "is_plain_json",
    "json_python",
    "json_source",
    "literal",
    "return_statement",
    "CACHE_FLAGS",
    "CACHE_SECONDS",
    "COOKIE_OPTIONS",
    "DATE_ATTRIBUTES",
    "DELETE_COOKIE_OPTIONS",
    "HEADER_SET_ATTRIBUTES",
    "AddToHeaderSet",
    "AttributeChange",
    "CookieOption",
    "DateAttribute",
    "DateTime",
    "DeleteCookie",
    "HeaderSetAttribute",
    "Moment",
    "SetCacheControl",
    "SetCookie",
    "SetDate",
    "SetHeaderSet",
    "moment_python",
    "option_python",
    "Argument",
    "ChunkList",
    "WithContext",
    "RequestField",
    "RequestRead",
    "RequestStream",
    "StreamPart",
    "TemplatePiece",
    "template_pieces",
    "template_problem",
]
