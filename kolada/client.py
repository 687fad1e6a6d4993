"""Reading Kolada's JSON API: paged answers, retries with back-off, clear failures.

Kolada answers `{"count": n, "values": [...], "next_page": url}`; `next_page` is absent or
empty on the last page. Only the standard library is used, so nothing else talks to Kolada.
"""

import json
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urljoin

from django.conf import settings

MAX_PAGES = 1000
RETRY_STATUSES = {429, 500, 502, 503, 504}


class KoladaError(Exception):
    """Kolada could not be read; the message says what and where."""


def api_url(*parts, query=""):
    base = settings.KOLADA_API_URL.rstrip("/") + "/"
    path = "/".join(quote(str(part), safe=",") for part in parts)
    return base + path + (f"?{query}" if query else "")


def get_json(url, *, sleep=time.sleep):
    """GET `url` as JSON, retrying timeouts, dropped connections, 5xx and broken bodies."""
    if not url.startswith(("http://", "https://")):
        raise KoladaError(f"{url}: not an http(s) address")
    attempts = max(1, settings.KOLADA_ATTEMPTS)
    last_error = None
    for attempt in range(attempts):
        if attempt:
            sleep(settings.KOLADA_BACKOFF_SECONDS * 2 ** (attempt - 1))
        try:
            request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=settings.KOLADA_TIMEOUT_SECONDS) as answer:  # noqa: S310
                body = answer.read()
            return json.loads(body)
        except urllib.error.HTTPError as error:
            last_error = f"HTTP {error.code}"
            if error.code not in RETRY_STATUSES:
                break
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last_error = str(getattr(error, "reason", error)) or type(error).__name__
        except (json.JSONDecodeError, UnicodeDecodeError):
            last_error = "malformed JSON"
    raise KoladaError(f"{url}: {last_error}")


def values(url, *, sleep=time.sleep):
    """Every entry of `values` over all pages, following `next_page`."""
    seen = set()
    while url and url not in seen and len(seen) < MAX_PAGES:
        seen.add(url)
        page = get_json(url, sleep=sleep)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KoladaError(f"{url}: the answer has no list of values")
        yield from page["values"]
        next_page = page.get("next_page")
        url = urljoin(url, next_page) if isinstance(next_page, str) and next_page else None
