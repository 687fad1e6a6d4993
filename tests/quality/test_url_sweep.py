"""Sweep (a): every URL pattern of the URLconf, with hostile requests, as every role: no 5xx.

The patterns are read from the URLconf (public, admin, Wagtail's own), so a new URL is swept
without touching this file. Each pattern x role gets at least one GET with a hostile query
string and one POST with a hostile body; anonymous and the superuser also get every other
method, odd headers and undecodable charsets. Which variant a pattern gets is chosen from a
hash of its route, so runs are repeatable while, across patterns, every variant is used.
No server error is set aside: the one exception is Wagtail's page that fails on purpose.
"""

import zlib

import pytest
from django.test import Client

from tests.sweeps import (
    ANONYMOUS,
    ROLE_IDS,
    ROLES,
    SUPERUSER,
    check_resolves,
    client_for,
    isolated_request,
    path_for,
    url_patterns,
)

# Parameter names the views read (see `GET.get(` in the apps), plus Wagtail's and the API's.
READ_NAMES = ["q", "atagande", "uppfoljning", "ar", "sida", "typ", "omrade", "enhet", "t"]
READ_NAMES += ["forslag", "format", "dagar", "p", "ordering", "search", "locale", "offset"]
READ_NAMES += ["limit", "type", "fields", "child_of", "html_path", "next", "status"]
READ_NAMES += ["stadsdel", "driftsform"]


def _query(value):
    return "&".join(f"{name}={value}" for name in READ_NAMES)


HUGE = "99999999999999999999"

# name -> query string (after "?")
QUERIES = {
    "unicode digits": _query("²"),
    "nul escape": _query("%00"),
    "invalid utf-8 escape": _query("%FF%FE"),
    "huge numbers": _query(HUGE),
    "negative and zero": _query("-1") + "&sida=0",
    "long text": "q=" + "å" * 3000 + "&sida=" + "9" * 500,
    "markup and sql": _query("%3Cscript%3E%27%20OR%201%3D1--"),
    "repeated and empty": "q=&q=skola&sida=&sida=2&atagande&=&&",
    "wagtail api params": f"search=%00&locale=%00&html_path=%00&offset={HUGE}"
    "&search_operator=xor&fields=%00&order=%00",
}

HOSTILE_FIELDS = {
    "q": "\x00",
    "message": "<script>alert(1)</script>" * 10,
    "title": "å" * 3000,
    "operation": "\u202egnp.exe",
    "steg": "skicka",
    "form_key": "%FF",
    "pk": HUGE,
    "id": "²",
    "next": "//evil.example/",
    "csrfmiddlewaretoken": "x",
}

# name -> keyword arguments for the test client's request method
BODIES = {
    "urlencoded": {"data": HOSTILE_FIELDS},
    "multipart with a file": {
        "data": {**HOSTILE_FIELDS, "file": None},  # replaced by a file below
    },
    "json": {
        "data": '{"title": "\\u0000", "pk": 99999999999999999999, "a": [1, {"b": null}]}',
        "content_type": "application/json",
    },
    "broken json": {"data": '{"title": ', "content_type": "application/json"},
    "broken urlencoded": {
        "data": "a=%FF%FE&b=%00&&=&c&%=%",
        "content_type": "application/x-www-form-urlencoded",
    },
    "broken multipart": {
        "data": "--x\r\nContent-Disposition: form-data; name\r\n\r\n",
        "content_type": "multipart/form-data; boundary=x",
    },
    "multipart without boundary": {"data": "abc", "content_type": "multipart/form-data"},
    "empty": {},
    "text": {"data": "\x00\xff" * 100, "content_type": "text/plain"},
}

# Undecodable or absurd charsets, on a form POST and on a GET with a query string.
CHARSETS = ["rot13", "base64", "hex", "utf-16", "no-such-charset"]

HEADERS = {
    "forwarded garbage": {"HTTP_X_FORWARDED_FOR": "²,%00, ::ffff:999.1.1.1", "REMOTE_ADDR": ""},
    "accept json": {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
    "odd language and dates": {
        "HTTP_ACCEPT_LANGUAGE": "xx-²;q=abc,*;q=-1",
        "HTTP_IF_MODIFIED_SINCE": "igår",
        "HTTP_IF_NONE_MATCH": '"\x00"',
    },
    "range and referer": {"HTTP_RANGE": "bytes=99999999999999999999-", "HTTP_REFERER": "%FF"},
    "bad cookies": {"HTTP_COOKIE": "sessionid=%FF; csrftoken=\x00; =; a"},
    "htmx and origin": {"HTTP_HX_REQUEST": "true", "HTTP_ORIGIN": "null"},
}

OTHER_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]

# Wagtail's own "test the error page" view raises on purpose for any admin user.
DELIBERATE_SERVER_ERRORS = {"admin/failwhale/"}


def _pick(options, pattern, salt):
    keys = list(options)
    return keys[zlib.crc32(f"{pattern.route}|{salt}".encode()) % len(keys)]


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048, "image/png")


def _body(name):
    kwargs = dict(BODIES[name])
    if name == "multipart with a file":
        kwargs["data"] = {**HOSTILE_FIELDS, "file": _file(), "image": _file()}
    return kwargs


def requests_for(pattern, role):
    """(variant name, method, query, request kwargs) for one pattern and role."""
    salt = ROLES.index(role)
    query = _pick(QUERIES, pattern, salt)
    body = _pick(BODIES, pattern, salt)
    yield f"GET ?{query}", "GET", QUERIES[query], {}
    yield f"POST {body}", "POST", "", _body(body)
    if role not in (ANONYMOUS, SUPERUSER):
        return
    for method in OTHER_METHODS:
        body = _pick(BODIES, pattern, method)
        yield f"{method} {body}", method, "", _body(body) if method != "HEAD" else {}
    header = _pick(HEADERS, pattern, role)
    yield f"GET headers {header}", "GET", "q=skola", HEADERS[header]
    yield f"POST headers {header}", "POST", "", {**HEADERS[header], "data": {"q": "skola"}}
    charset = _pick(CHARSETS, pattern, role)
    yield (
        f"GET charset={charset}",
        "GET",
        "q=skola&sida=2",
        {"CONTENT_TYPE": f"text/plain; charset={charset}"},
    )
    yield (
        f"POST charset={charset}",
        "POST",
        "",
        {
            "data": "q=skola&message=hej",
            "content_type": f"application/x-www-form-urlencoded; charset={charset}",
        },
    )


def send(client, path, method, query, kwargs):
    return isolated_request(client, method, f"{path}?{query}" if query else path, **kwargs)


def test_every_pattern_is_swept(sweep_world):
    """The generated paths reach the patterns they were made for, every one of them."""
    patterns = url_patterns()
    assert len(patterns) > 250  # Wagtail's admin included
    for pattern in patterns:
        check_resolves(path_for(sweep_world, pattern), pattern)


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_no_server_error_for_any_url(sweep_world, role):
    client = client_for(Client, sweep_world, role)
    errors, sent = [], 0
    for pattern in url_patterns():
        if pattern.route in DELIBERATE_SERVER_ERRORS:
            continue
        path = path_for(sweep_world, pattern)
        for variant, method, query, kwargs in requests_for(pattern, role):
            outcome = send(client, path, method, query, kwargs)
            sent += 1
            if outcome.status >= 500:
                errors.append(
                    f"{outcome.status} {variant} {path} [{pattern.route}] {outcome.error}"
                )
    print(f"{role}: {sent} requests to {len(url_patterns())} URL patterns")
    assert sent >= 2 * len(url_patterns()) - 2 * len(DELIBERATE_SERVER_ERRORS)
    assert not errors, f"{len(errors)} server errors:\n" + "\n".join(errors)
