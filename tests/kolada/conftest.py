"""A Kolada stand-in: a real HTTP server on loopback answering in Kolada's documented JSON
shape (`{"count", "values", "next_page"}`), with scripted failures."""

import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import make_committee, make_guarantee, make_service_area

HANG = "hang"


class FakeKolada:
    def __init__(self):
        self.routes = {}  # path with query -> list of answers, the last one repeated
        self.hits = defaultdict(int)
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v2/"

    def answer(self, path, *answers):
        """Answers for /v2/<path>: dicts are sent as JSON, (status, body) as they are,
        HANG waits until the test ends (the client must time out)."""
        self.routes["/v2/" + path] = list(answers)

    def page(self, values, next_path=None):
        body = {"count": len(values), "values": values}
        if next_path:
            body["next_page"] = self.url + next_path
        return body

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.hits[self.path] += 1
                answers = fake.routes.get(self.path)
                if not answers:
                    return self._send(404, b'{"error": "not found"}')
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if answer == HANG:
                    fake.release.wait(10)
                    return None
                if isinstance(answer, tuple):
                    status, body = answer
                    return self._send(status, body.encode() if isinstance(body, str) else body)
                return self._send(200, json.dumps(answer).encode())

            def _send(self, status, body):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def kolada_server(settings):
    fake = FakeKolada()
    fake.start()
    settings.KOLADA_API_URL = fake.url
    settings.KOLADA_ATTEMPTS = 3
    settings.KOLADA_BACKOFF_SECONDS = 0
    settings.KOLADA_TIMEOUT_SECONDS = 0.5
    yield fake
    fake.stop()


def data_entry(kpi, place, period, total, women=None, men=None, place_key="municipality"):
    values = [{"gender": "T", "value": total, "count": 1, "status": ""}]
    if women is not None:
        values.append({"gender": "K", "value": women, "count": 1, "status": ""})
    if men is not None:
        values.append({"gender": "M", "value": men, "count": 1, "status": ""})
    return {"kpi": kpi, place_key: place, "period": period, "values": values}


KPI = "U21468"
MUNICIPALITY = "2580"
GROUP = "G124026"
MEMBERS = ["1280", "1480"]
OU = "V15E258000101"


@pytest.fixture
def kolada_site(home_page):
    """Kolada settings for the default site, and a home-care unit tied to KPI."""
    from wagtail.models import Site

    from kolada.models import KoladaSettings, Kpi

    site = Site.objects.get(is_default_site=True)
    config = KoladaSettings.for_site(site)
    config.municipality_id = MUNICIPALITY
    config.comparison_group_id = GROUP
    config.comparison_group_title = "Liknande kommuner"
    config.years = 3
    config.save()
    from django.utils import timezone

    Kpi.objects.create(
        id=KPI,
        title="Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)",
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


def municipality_path(years):
    places = ",".join([MUNICIPALITY, "0000"])
    return f"data/kpi/{KPI}/municipality/{places}/year/{years}"


def group_path(years):
    return f"data/kpi/{KPI}/municipality/{','.join(MEMBERS)}/year/{years}"


def ou_path(years):
    return f"oudata/kpi/{KPI}/ou/{OU}/year/{years}"


def serve_full_year_set(fake, years=(2023, 2024)):
    """Kolada answering for the municipality (over two pages), its group and the unit."""
    year_list = ",".join(str(year) for year in years)
    first, second = years[0], years[-1]
    fake.answer(
        municipality_path(year_list),
        fake.page(
            [data_entry(KPI, MUNICIPALITY, first, 84.0, 85.0, 82.0)],
            next_path=municipality_path(year_list) + "?page=2",
        ),
    )
    fake.answer(
        municipality_path(year_list) + "?page=2",
        fake.page(
            [
                data_entry(KPI, MUNICIPALITY, second, 86.0, 87.0, 84.0),
                data_entry(KPI, "0000", first, 88.0),
                data_entry(KPI, "0000", second, 87.0),
            ]
        ),
    )
    fake.answer(
        f"municipality_groups/{GROUP}",
        fake.page(
            [
                {
                    "id": GROUP,
                    "title": "Liknande kommuner",
                    "members": [{"id": m, "title": m} for m in MEMBERS],
                }
            ]
        ),
    )
    fake.answer(
        group_path(year_list),
        fake.page(
            [
                data_entry(KPI, MEMBERS[0], first, 80.0),
                data_entry(KPI, MEMBERS[1], first, 90.0),
                data_entry(KPI, MEMBERS[0], second, 82.0),
                data_entry(KPI, MEMBERS[1], second, None),
            ]
        ),
    )
    fake.answer(
        ou_path(year_list),
        fake.page(
            [
                data_entry(KPI, OU, first, 91.0, place_key="ou"),
                data_entry(KPI, OU, second, 93.0, place_key="ou"),
            ]
        ),
    )
