"""Requests the site cannot read are refused with the Swedish 400 page, in one place.

Django adopts any charset that `codecs.lookup()` knows, including the byte transforms
(`base64`, `hex`, `rot13`, `zlib`) that cannot decode text at all: the request then fails
while Django builds it (its `encoding` setter parses the query string at once), before any
middleware or error handler runs, and the WSGI server answers a bare 500. `install()`
makes Django adopt only charsets that read URL-encoded ASCII as ASCII; the middleware
then answers every request naming any other charset with a 400.
"""

import functools

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.http import parse_header_parameters

# What a query string or a form body is made of: printable ASCII, `%`-escapes included.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


@functools.lru_cache(maxsize=64)
def reads_ascii(charset):
    """True when `charset` is a text encoding that decodes printable ASCII to itself.

    Refuses the byte transforms and unknown names (LookupError), and UTF-16/32 and UTF-7,
    which would turn an ordinary query string into other characters.
    """
    try:
        return _PRINTABLE_ASCII.decode(charset) == _PRINTABLE_ASCII.decode("ascii")
    except (LookupError, ValueError, TypeError):
        return False


def _set_content_type_params(request, meta):
    """HttpRequest._set_content_type_params, adopting only a charset that reads ASCII."""
    request.content_type, request.content_params = parse_header_parameters(
        meta.get("CONTENT_TYPE", "")
    )
    charset = request.content_params.get("charset")
    if charset is not None and reads_ascii(charset):
        request.encoding = charset


def install():
    """Called from HomeConfig.ready(): every request class (WSGI, test client) inherits it."""
    HttpRequest._set_content_type_params = _set_content_type_params


class RefuseUndecodableRequestMiddleware:
    """Answer 400 when the Content-Type names a charset the request cannot be read with.

    Stands right after the middleware that set security headers, so that its 400 carries them
    too, and before anything reads the query string or the body (sessions, CSRF, views).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset")
        if charset is not None and not reads_ascii(charset):
            raise BadRequest(f"Undecodable charset in Content-Type: {charset[:40]!r}")
        return self.get_response(request)
