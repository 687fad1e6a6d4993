"""A Kolada stand-in: a real HTTP server on loopback that answers in Kolada's published shapes,
v3 and v2, pages its answers and fails on cue.

Where each shape comes from (built from these documents, not from our client):
- The envelope, v2: https://github.com/Hypergene/kolada (README "Routes"): `values`, `count`
  (the length of `values`), `previous_page` and `next_page` (full URLs, absent when there is
  none); `per_page` limits a page, at most 5000.
- The envelope, v3: https://www.kolada.se/om-oss/api ("Om version 3", Swagger at
  https://api.kolada.se/v3/docs): pages asked for with `page` and `per_page`; the answer has
  `values`, `count` (all items), `next_url` and `previous_url` (null at either end), as
  koladapy 1.0 reads them (https://github.com/xemarap/koladapy, tests/test_pagination.py).
- `kpi` items: README "Metadata / KPI" (id, title, description, municipality_type, operating
  area, publication dates, `is_divided_by_gender` as 0/1 in v2, `has_ou_data`); v3 answers
  booleans.
- `municipality_groups` items: README "Groups": id, title, members [{id, title}].
- `data` and `oudata` items: README "Query data": kpi, municipality (or ou), period, values
  [{count, gender, status, value or null}], at most one per gender; a group's value is the
  unweighted mean of its members and its count the members that had one. v2 documents the
  period as a string; v3 answers a number.
- An unknown id in a well-formed address is not an error: the README lists 404 only for an
  address that matches no route, so an unknown KPI answers 200 with no values.
"""

import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.factories import make_committee, make_guarantee, make_service_area

HANG = "hang"
TRUNCATED = "truncated"


def too_many(retry_after):
    return (429, {"Retry-After": str(retry_after)}, b'{"error": "Too Many Requests"}')


UNAVAILABLE = (503, {}, b"<html><body>Service Unavailable</body></html>")


class FakeKolada:
    def __init__(self, version):
        self.version = version
        self.page_size = 5000
        self.kpis = {}  # id -> catalogue entry
        self.groups = {}  # id -> entry
        self.data = []  # municipality entries
        self.oudata = []  # unit entries
        self.faults = defaultdict(list)  # (path, page or None) -> faults, one per request
        self.hits = []  # (path, query) of every request
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.root}/v{version}/"

    # -- what Kolada holds -------------------------------------------------------------------

    def add_kpi(self, kpi_id, title, has_ou_data=True, divided=True):
        self.kpis[kpi_id] = {
            "id": kpi_id,
            "title": title,
            "description": f"Beskrivning av {kpi_id}.",
            "municipality_type": "K",
            "is_divided_by_gender": divided if self.version >= 3 else int(divided),
            "has_ou_data": has_ou_data,
            "operating_area": "Verksamhet",
            "perspective": "Kvalitet",
            "publication_date": "2025-03-01",
            "ou_publication_date": "2025-03-01" if has_ou_data else None,
            "auspice": "X",
        }

    def add_group(self, group_id, title, members):
        self.groups[group_id] = {
            "id": group_id,
            "title": title,
            "members": [{"id": member, "title": f"Kommun {member}"} for member in members],
        }

    def _entry(self, kpi, place_key, place, period, values):
        shown_period = period if self.version >= 3 else str(period)
        return {"kpi": kpi, place_key: place, "period": shown_period, "values": values}

    def add_value(self, kpi, place, period, total, women=None, men=None, status="", count=1):
        values = [{"gender": "T", "value": total, "count": count, "status": status}]
        for gender, value in (("K", women), ("M", men)):
            if value is not None:
                values.append({"gender": gender, "value": value, "count": count, "status": ""})
        self.data.append(self._entry(kpi, "municipality", place, period, values))

    def add_unit_value(self, kpi, ou, period, total, status=""):
        values = [{"gender": "T", "value": total, "count": 1, "status": status}]
        self.oudata.append(self._entry(kpi, "ou", ou, period, values))

    def fail(self, path, *faults, page=None):
        """The next requests to /v<version>/<path> (that page, or any) meet these faults."""
        self.faults[(f"/v{self.version}/{path}", page)].extend(faults)

    def hits_to(self, path):
        return [query for hit, query in self.hits if hit == f"/v{self.version}/{path}"]

    # -- answering ---------------------------------------------------------------------------

    def _items(self, parts):
        """The items a documented route names, or None when the address matches no route."""
        ids = lambda text: text.split(",")  # noqa: E731
        match parts:
            case ["kpi"]:
                return list(self.kpis.values())
            case ["kpi", wanted]:
                return [self.kpis[i] for i in ids(wanted) if i in self.kpis]
            case ["municipality_groups", wanted]:
                return [self.groups[i] for i in ids(wanted) if i in self.groups]
            case ["data", "kpi", kpis, "municipality", places, "year", years]:
                return [
                    e
                    for e in self.data
                    if e["kpi"] in ids(kpis)
                    and e["municipality"] in ids(places)
                    and str(e["period"]) in ids(years)
                ]
            case ["oudata", "kpi", kpis, "ou", ous, "year", years]:
                # An entry a test broke on purpose (no year to match) is served as it is.
                return [
                    e
                    for e in self.oudata
                    if e["kpi"] in ids(kpis)
                    and e["ou"] in ids(ous)
                    and (str(e.get("period")) in ids(years) or not str(e.get("period")).isdigit())
                ]
        return None

    def _page(self, path, query, items):
        per_page = min(int(query.get("per_page", ["5000"])[0]), self.page_size, 5000)
        page = max(1, int(query.get("page", ["1"])[0]))
        shown = items[(page - 1) * per_page : page * per_page]

        def link(number):
            return f"{self.root}{path}?{urlencode({'page': number, 'per_page': per_page})}"

        has_next = page * per_page < len(items)
        if self.version >= 3:
            return {
                "count": len(items),
                "values": shown,
                "next_url": link(page + 1) if has_next else None,
                "previous_url": link(page - 1) if page > 1 else None,
            }
        body = {"count": len(shown), "values": shown}
        if has_next:
            body["next_page"] = link(page + 1)
        if page > 1:
            body["previous_page"] = link(page - 1)
        return body

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                split = urlsplit(self.path)
                fake.hits.append((split.path, split.query))
                page = parse_qs(split.query).get("page", [None])[0]
                faults = fake.faults.get((split.path, page)) or fake.faults.get((split.path, None))
                if faults:
                    fault = faults.pop(0)
                    if fault == HANG:
                        fake.release.wait(10)
                        return None
                    if fault == TRUNCATED:
                        body = b'{"count": 1, "values": [{"kpi": "'
                        return self._send(200, body, {"Content-Length": str(len(body) + 200)})
                    status, headers, body = fault
                    return self._send(status, body, headers)
                prefix = f"/v{fake.version}/"
                parts = split.path[len(prefix) :].strip("/").split("/")
                items = fake._items(parts) if split.path.startswith(prefix) else None
                if items is None:
                    return self._send(404, b'{"error": "Not found"}')
                body = fake._page(split.path, parse_qs(split.query), items)
                return self._send(200, json.dumps(body).encode())

            def _send(self, status, body, headers=None):
                headers = {"Content-Type": "application/json", **(headers or {})}
                headers.setdefault("Content-Length", str(len(body)))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
                if headers["Content-Length"] != str(len(body)):
                    self.close_connection = True

        return Handler

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def _serve(settings, version):
    fake = FakeKolada(version)
    fake.start()
    settings.KOLADA_API_URL = fake.url
    settings.KOLADA_ATTEMPTS = 3
    settings.KOLADA_BACKOFF_SECONDS = 0
    settings.KOLADA_TIMEOUT_SECONDS = 0.5
    return fake


@pytest.fixture(params=[3, 2], ids=["v3", "v2"])
def kolada_server(request, settings):
    fake = _serve(settings, request.param)
    yield fake
    fake.stop()


@pytest.fixture
def kolada_v3(settings):
    fake = _serve(settings, 3)
    yield fake
    fake.stop()


KPI = "U21468"
KPI_TITLE = "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)"
MUNICIPALITY = "2580"
GROUP = "G124026"
MEMBERS = ["1280", "1480"]
OU = "V21E258000101"


@pytest.fixture
def kolada_site(home_page):
    """Kolada settings for the default site, and a home-care unit tied to KPI."""
    from django.utils import timezone
    from wagtail.models import Site

    from kolada.models import KoladaSettings, Kpi

    site = Site.objects.get(is_default_site=True)
    config = KoladaSettings.for_site(site)
    config.municipality_id = MUNICIPALITY
    config.comparison_group_id = GROUP
    config.comparison_group_title = "Liknande kommuner"
    config.years = 3
    config.save()
    Kpi.objects.create(
        id=KPI,
        title=KPI_TITLE,
        description="Andel brukare som är nöjda med sin hemtjänst.",
        has_ou_data=True,
        is_divided_by_gender=True,
        fetched_at=timezone.now(),
    )
    area = make_service_area(
        home_page, title="Hemtjänst", committee=make_committee("Omsorgsnämnden")
    )
    unit = make_guarantee(area, title="Hemtjänst Norr", kolada_ou=OU, commitments=1)
    commitment = unit.commitments.get()
    commitment.kolada_kpi = KPI
    commitment.save()
    return {"site": site, "config": config, "area": area, "unit": unit, "commitment": commitment}


def serve_full_year_set(fake, years=(2023, 2024)):
    """Kolada holding KPI for the municipality, the country, the group and the unit: six
    municipality-level entries, so three pages of two."""
    first, second = years[0], years[-1]
    fake.add_kpi(KPI, KPI_TITLE)
    fake.add_group(GROUP, "Liknande kommuner, äldreomsorg", MEMBERS)
    fake.add_value(KPI, MUNICIPALITY, first, 84.0, women=85.0, men=82.0)
    fake.add_value(KPI, MUNICIPALITY, second, 86.0, women=87.0, men=84.0)
    fake.add_value(KPI, "0000", first, 88.0)
    fake.add_value(KPI, "0000", second, 87.0)
    fake.add_value(KPI, GROUP, first, 85.0, count=2)
    fake.add_value(KPI, GROUP, second, 82.0, count=1)
    fake.add_unit_value(KPI, OU, first, 91.0)
    fake.add_unit_value(KPI, OU, second, 93.0)
    fake.page_size = 2


def data_path(years="2023,2024"):
    return f"data/kpi/{KPI}/municipality/{MUNICIPALITY},0000,{GROUP}/year/{years}"


def ou_path(years="2023,2024"):
    return f"oudata/kpi/{KPI}/ou/{OU}/year/{years}"
