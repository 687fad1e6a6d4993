"""Reading Kolada's JSON API through `requests`, with urllib3's retry policy.

Kolada answers every list as `{"count": n, "values": [...]}` plus a link to the next page:

- v3 (https://api.kolada.se/v3/, the current API; https://www.kolada.se/om-oss/api, Swagger at
  https://api.kolada.se/v3/docs): pages are asked for with `page` and `per_page`, and the next
  page is announced as `next_url` (null on the last page; `previous_url` points back).
- v2 (https://github.com/Hypergene/kolada, README "Routes"): the next page is announced as
  `next_page`, absent on the last page; `per_page` is accepted too, at most 5000.

The version is the one the configured URL names (`/v3/` or `/v2/`). Retries (429, 502, 503,
504, dropped connections, read timeouts) are urllib3's `Retry`: exponential back-off, and a
server's `Retry-After` honoured. What a retry waits goes through `KoladaRetry.sleeper`, so a
test can watch it instead of sleeping.
"""

import re
import time
from urllib.parse import quote, urlencode, urljoin, urlsplit

import requests
from django.conf import settings
from urllib3.util.retry import Retry

MAX_PAGES = 1000
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class KoladaError(Exception):
    """Kolada could not be read; the message says what and where."""


class KoladaRetry(Retry):
    """urllib3's Retry, waiting through an injectable `sleeper` instead of `time.sleep`.

    The policy itself (what is retried, how long the back-off is, what `Retry-After` says) is
    urllib3's; only the act of waiting is ours to replace."""

    def __init__(self, *args, sleeper=time.sleep, **kwargs):
        self.sleeper = sleeper
        super().__init__(*args, **kwargs)

    def new(self, **kwargs):
        retry = super().new(**kwargs)
        retry.sleeper = self.sleeper
        return retry

    def sleep(self, response=None):
        if self.respect_retry_after_header and response is not None:
            retry_after = self.get_retry_after(response)
            if retry_after:
                self.sleeper(retry_after)
                return
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.sleeper(backoff)


def version_of(base_url):
    """3 or 2: the API version the URL names; v3 when it names none."""
    found = re.search(r"/v(\d+)(/|$)", urlsplit(base_url).path)
    return int(found.group(1)) if found else 3


class Kolada:
    """One session with Kolada: connections are reused across the pages and figures of a run."""

    def __init__(self, base_url=None, *, sleeper=time.sleep):
        base_url = base_url or settings.KOLADA_API_URL
        if not base_url.startswith(("http://", "https://")):
            raise KoladaError(f"{base_url}: not an http(s) address")
        self.base_url = base_url.rstrip("/") + "/"
        self.version = version_of(self.base_url)
        self.retry = KoladaRetry(
            total=max(0, settings.KOLADA_ATTEMPTS - 1),
            backoff_factor=settings.KOLADA_BACKOFF_SECONDS,
            backoff_max=settings.KOLADA_BACKOFF_MAX_SECONDS,
            retry_after_max=settings.KOLADA_RETRY_AFTER_MAX_SECONDS,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer is reported with its status
            sleeper=sleeper,
        )
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        adapter = requests.adapters.HTTPAdapter(max_retries=self.retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def next_key(self):
        return "next_url" if self.version >= 3 else "next_page"

    def url(self, *parts):
        """The address of `parts` under the API, each part quoted (commas kept as lists)."""
        path = "/".join(quote(str(part), safe=",") for part in parts)
        query = urlencode({"per_page": settings.KOLADA_PER_PAGE})
        return f"{self.base_url}{path}?{query}"

    def get_json(self, url):
        timeout = settings.KOLADA_TIMEOUT_SECONDS
        try:
            answer = self.session.get(url, timeout=(timeout, timeout))
        except requests.exceptions.Timeout:
            raise KoladaError(f"{url}: timed out") from None
        except requests.exceptions.RetryError as error:
            raise KoladaError(f"{url}: gave up after retries ({error})") from None
        except requests.exceptions.ChunkedEncodingError:
            raise KoladaError(f"{url}: the answer broke off") from None
        except requests.exceptions.ConnectionError as error:
            reason = getattr(error.args[0], "reason", None) if error.args else None
            if reason is not None and "timed out" in str(reason).lower():
                raise KoladaError(f"{url}: timed out") from None
            raise KoladaError(f"{url}: no connection ({type(error).__name__})") from None
        if answer.status_code >= 400:
            raise KoladaError(f"{url}: HTTP {answer.status_code}")
        try:
            return answer.json()
        except ValueError:
            raise KoladaError(f"{url}: malformed JSON") from None

    def pages(self, url):
        """Each page's `values`, following the version's next-page link to the end."""
        seen = set()
        origin = urlsplit(self.base_url)[:2]
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise KoladaError(f"{url}: the pages do not end")
            seen.add(url)
            page = self.get_json(url)
            if not isinstance(page, dict) or not isinstance(page.get("values"), list):
                raise KoladaError(f"{url}: the answer has no list of values")
            yield page["values"]
            following = page.get(self.next_key)
            if not following:
                return
            if not isinstance(following, str):
                raise KoladaError(f"{url}: {self.next_key} is not an address")
            following = urljoin(url, following)
            if urlsplit(following)[:2] != origin:
                raise KoladaError(f"{url}: the next page is elsewhere ({following})")
            url = following

    def values(self, *parts):
        """Every entry over all pages of `parts`, read completely before it is returned."""
        url = self.url(*parts)
        return url, [entry for page in self.pages(url) for entry in page]
