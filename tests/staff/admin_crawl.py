"""A walk through the admin as one person: every admin link each reached page offers.

Links are the page's `<a href>` and the sidebar's menu (which Wagtail renders from JSON, not
as anchors). A link is a GET, and the house's sweeps hold that a GET writes nothing, so every
one is followed; only signing out is left alone. Ids are many: a link is taken a few times
for each URL pattern (from `resolve()`) and set of query parameters, so that every pattern
reached is still asked without asking every object.
"""

import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

from django.urls import Resolver404, resolve

ADMIN = "/admin/"
# Signing out ends the walk; the admin's JSON API and its editing sessions answer scripts.
NOT_FOLLOWED = ("/admin/logout/",)
# Attributes a person reads or hears (a screen reader speaks aria-label and title).
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
# Elements whose content no one reads as text.
UNREAD = {"script", "style", "template", "svg", "noscript"}


# Elements without an end tag.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Page(HTMLParser):
    """The links and the readable text of one HTML page: what is hidden from everyone
    (`hidden`, `aria-hidden`) and what is no text (scripts, styles, icons) is not read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.bulk_actions = []
        self.object_ids = []
        self.text = []
        self.sidebar = None
        self._open = []  # the names of the elements we are in
        self._unread_at = None  # depth of the outermost element not read
        self._in_sidebar = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            if "data-bulk-action-button" in attrs:
                self.bulk_actions.append(attrs["href"])
            else:
                self.links.append(attrs["href"])
        if "data-bulk-action-checkbox" in attrs and attrs.get("data-object-id"):
            self.object_ids.append(attrs["data-object-id"])
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self._in_sidebar = True
            self.sidebar = ""
        unread = tag in UNREAD or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        if self._unread_at is None and not unread:
            self.text.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
        if tag in VOID:
            return
        self._open.append(tag)
        if unread and self._unread_at is None:
            self._unread_at = len(self._open)

    def handle_endtag(self, tag):
        self._in_sidebar = False
        if tag not in self._open:
            return
        while self._open and self._open.pop() != tag:
            pass
        if self._unread_at is not None and len(self._open) < self._unread_at:
            self._unread_at = None

    def handle_data(self, data):
        if self._in_sidebar:
            self.sidebar += data
        elif self._unread_at is None:
            self.text.append(data)


def sidebar_menu(props):
    """The menu's URLs and labels from the sidebar's JSON props."""
    urls, labels = [], []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str):
                    urls.append(value)
                elif key == "label" and isinstance(value, str):
                    labels.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(props))
    return urls, labels


def read_page(html, url=ADMIN):
    """(links, text) of an HTML page: anchors, menu URLs and bulk actions on its first row;
    visible text, labels included."""
    parser = _Page()
    parser.feed(html)
    links, text = list(parser.links), list(parser.text)
    # A bulk action's link gets the chosen rows' ids and the way back (`next`) from the
    # listing's script; here the first row is chosen. Without rows the link is never shown.
    if parser.object_ids:
        query = urlencode({"id": parser.object_ids[0], "next": url})
        links.extend(f"{href}?{query}" for href in parser.bulk_actions)
    if parser.sidebar:
        menu_urls, menu_labels = sidebar_menu(parser.sidebar)
        links.extend(menu_urls)
        text.extend(menu_labels)
    return links, re.sub(r"\s+", " ", " ".join(text))


def same_site(url):
    """A link as a path on this site, or "" for another site's."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != "testserver":
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pattern_key(url):
    """What makes two admin links the same kind of link: the URL pattern and the names of
    the query parameters (`?p=2` and `?p=3` are one kind, `?ordering=` another)."""
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    return route, tuple(sorted({name for name, _ in parse_qsl(parts.query)}))


@dataclass
class Failure:
    role: str
    url: str
    referrer: str
    problem: str

    def __str__(self):
        return f"{self.role}: {self.url} (linked from {self.referrer}): {self.problem}"


@dataclass
class Walk:
    role: str
    visited: dict = field(default_factory=dict)  # url -> status
    failures: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # URL pattern -> the first HTML page of it


def walk_admin(client, role, english, per_pattern=1, start=ADMIN, depth=None):
    """Follow every admin link `client` can reach from `start` (up to `depth` links away);
    report each 404, 5xx and page with a phrase of `english` (a compiled pattern) as a
    Failure with role and referrer.

    A link is taken `per_pattern` times per URL pattern and set of query parameter names
    (an ordering, a filter, a page number)."""
    walk = Walk(role)
    queue = deque([(start, "(start)", 0)])
    taken = {}
    seen = {start}
    while queue:
        url, referrer, distance = queue.popleft()
        response = client.get(url)
        walk.visited[url] = response.status_code
        if response.status_code in (301, 302, 303, 307, 308):
            target = same_site(urljoin(url, response["Location"]))
            if target.startswith(ADMIN) and target not in seen:
                seen.add(target)
                queue.append((target, referrer, distance))
            continue
        if response.status_code == 404 or response.status_code >= 500:
            walk.failures.append(Failure(role, url, referrer, str(response.status_code)))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if response.status_code == 200:
            walk.pages.setdefault(pattern_key(url)[0], url)
        links, text = read_page(response.content.decode(), url)
        words = sorted(set(english.findall(text)))
        if words:
            walk.failures.append(Failure(role, url, referrer, "English: " + ", ".join(words)))
        if depth is not None and distance >= depth:
            continue
        for href in links:
            target = same_site(urldefrag(urljoin(url, href)).url)
            if not target.startswith(ADMIN) or target.startswith(NOT_FOLLOWED):
                continue
            if target in seen:
                continue
            seen.add(target)
            key = pattern_key(target)
            if taken.get(key, 0) >= per_pattern:
                continue
            taken[key] = taken.get(key, 0) + 1
            queue.append((target, url, distance + 1))
    return walk
