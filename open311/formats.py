"""GeoReport v2's two formats: JSON, and XML with a declaration and one element per field.

A list in XML is an element whose children are named for one item (`services` holds `service`,
`errors` holds `error`); JSON keeps the plain structure. Everything is UTF-8, as the
specification requires, and characters XML 1.0 cannot carry are left out.
"""

import json
import re
from xml.etree import ElementTree

from django.http import HttpResponse

JSON, XML = "json", "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}
MEDIA_TYPES = ["text/xml", "application/json"]
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_requests": "request",
    "errors": "error",
}

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _append(parent, name, value):
    element = ElementTree.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, ITEM_NAMES[name], item)
    else:
        element.text = _text(value)


def to_xml(root, data):
    """`data` under an element named `root`: a list becomes items, a dict becomes fields."""
    element = ElementTree.Element(root)
    if isinstance(data, list):
        for item in data:
            _append(element, ITEM_NAMES[root], item)
    else:
        for key, value in data.items():
            _append(element, key, value)
    return XML_DECLARATION + ElementTree.tostring(element, encoding="unicode").encode()


def respond(fmt, root, data, status=200):
    body = to_xml(root, data) if fmt == XML else json.dumps(data, ensure_ascii=False).encode()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=status)
    response["X-Content-Type-Options"] = "nosniff"
    # Written in the specification's format: the prefix's middleware leaves it as it is.
    response.open311 = True
    return response


def format_of(path):
    """The format a path under the API asks for: XML for .xml, JSON for anything else."""
    return XML if path.endswith(".xml") else JSON


def errors(fmt, status, *descriptions):
    """The specification's error format: a list of {code, description}, here in Swedish."""
    data = [{"code": status, "description": str(text)} for text in descriptions]
    return respond(fmt, "errors", data, status=status)
