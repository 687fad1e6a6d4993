"""Two app servers on one real Redis (Debian's redis-server, REDIS_URL): one rate-limit count,
one generation of kept page parts and one of kept search results; and Redis restarted under
load loses no resident's submission while every answer stays a page, never a 500."""

import threading
import time

import pytest
import requests
from django.db import connection

from feedback.models import Feedback
from home.fragments import GENERATION_KEY as PARTS_GENERATION
from search.generation import GENERATION_KEY as SEARCH_GENERATION
from tests.factories import make_guarantee, make_service_area
from tests.feedback.conftest import form_data

from .servers import AppServer, browser, database_url

# How long the restart test lets load run in each phase, at most (it moves on as soon as
# enough requests were answered).
PHASE_SECONDS = 60


def app_env(redis, var_dir):
    import os

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "VAR_DIR": str(var_dir),
        "REDIS_URL": redis.url,
    }


@pytest.fixture
def units(demo_site):
    area = make_service_area(demo_site, title="Förskola")
    return [
        make_guarantee(area, title="Förskolan Solrosen"),
        make_guarantee(area, title="Förskolan Vitsippan"),
    ]


@pytest.fixture
def servers(units, redis_server, var_dir):
    started = []
    try:
        for _ in range(2):
            started.append(AppServer(app_env(redis_server, var_dir)).start())
        yield started
    finally:
        for server in started:
            server.stop()


def shared_value(redis, name):
    """A value django-redis keeps for `name` (its keys carry a version prefix)."""
    keys = redis.client().keys(f"*{name}")
    assert len(keys) == 1, keys
    return redis.client().get(keys[0])


def rate_limit_rows_in_the_database_cache():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache WHERE cache_key LIKE '%%rl:%%'")
        return cursor.fetchone()[0]


def send_feedback(session, server, unit, message):
    path = f"/synpunkter/enhet/{unit.pk}/skicka/"
    data = form_data(session, server.url + path, message=message)
    return session.post(
        server.url + path, data, headers={"Referer": server.url + path}, allow_redirects=False
    )


def test_two_app_servers_on_one_redis_count_one_client_once(servers, units, redis_server):
    # The database cache table outlives a transactional test's flush, so counts that other
    # tests on this worker kept there may be present: what matters is that none are added.
    rows_before = rate_limit_rows_in_the_database_cache()
    session = browser()
    statuses = [
        send_feedback(session, servers[i % 2], units[0], f"Synpunkt nummer {i} om hämtningen.")
        for i in range(12)
    ]
    assert [answer.status_code for answer in statuses] == [302] * 10 + [429, 429]
    assert Feedback.objects.count() == 10
    # The counts are Redis's: nothing went to the database cache.
    assert redis_server.client().keys("*rl:*")
    assert rate_limit_rows_in_the_database_cache() == rows_before


def test_an_unpublish_on_one_app_server_reaches_the_other_at_its_next_request(
    servers, units, redis_server, django_user_model
):
    first, second = servers
    unit = units[0]
    django_user_model.objects.create_superuser("redaktor", "r@example.se", "pw")
    # The second server keeps the unit's route and parts, and a search that finds it.
    assert requests.get(second.url + unit.url, timeout=30).status_code == 200
    found = requests.get(second.url + "/sok/?q=Solrosen", timeout=30)
    assert "Förskolan Solrosen" in found.text
    area = requests.get(second.url + unit.get_parent().url, timeout=30)
    assert "Förskolan Solrosen" in area.text
    parts_before = shared_value(redis_server, PARTS_GENERATION)
    search_before = shared_value(redis_server, SEARCH_GENERATION)

    editor = browser()
    login = editor.get(first.url + "/admin/login/", timeout=30)
    editor.post(
        first.url + "/admin/login/",
        {
            "username": "redaktor",
            "password": "pw",
            "csrfmiddlewaretoken": csrf_token(login.text),
        },
        timeout=30,
    )
    confirm = editor.get(f"{first.url}/admin/pages/{unit.pk}/unpublish/", timeout=30)
    assert confirm.status_code == 200
    done = editor.post(
        f"{first.url}/admin/pages/{unit.pk}/unpublish/",
        {"csrfmiddlewaretoken": csrf_token(confirm.text)},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302

    assert requests.get(second.url + unit.url, timeout=30).status_code == 404
    assert "Förskolan Solrosen" not in read(second, unit.get_parent().url)
    assert "Förskolan Solrosen" not in read(second, "/sok/?q=Solrosen")
    assert "Förskolan Vitsippan" in read(second, "/sok/?q=Vitsippan")
    # Both generations moved in Redis, where the second server read them.
    assert shared_value(redis_server, PARTS_GENERATION) != parts_before
    assert shared_value(redis_server, SEARCH_GENERATION) != search_before


def read(server, path):
    answer = requests.get(server.url + path, timeout=30)
    assert answer.status_code == 200
    return answer.text


def csrf_token(html):
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Load:
    """Visitors reading pages on both servers from two threads until stopped: every answer's
    status (or the error that stood for it), and how many were answered, so that a phase can
    wait for enough of them."""

    def __init__(self, servers, paths):
        self.servers, self.paths = servers, paths
        self.answers = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,)) for n in range(2)]

    def run(self, n):
        session = browser()
        i = n
        while not self.stopping.is_set():
            url = self.servers[i % 2].url + self.paths[i % len(self.paths)]
            try:
                status = session.get(url, timeout=30).status_code
            except requests.RequestException as error:  # kept, so the test names it
                status = repr(error)
            with self.lock:
                self.answers.append((url, status))
            i += 1

    def count(self):
        with self.lock:
            return len(self.answers)

    def wait_for(self, more):
        """Until `more` answers beyond those counted now (bounded by PHASE_SECONDS)."""
        target = self.count() + more
        deadline = time.monotonic() + PHASE_SECONDS
        while self.count() < target:
            assert time.monotonic() < deadline, "the site stopped answering"
            time.sleep(0.01)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)


def test_redis_restarted_under_load_loses_no_submission_and_never_answers_500(
    servers, units, redis_server
):
    unit = units[0]
    paths = ["/", unit.url, unit.get_parent().url, "/sok/?q=förskola", "/sok/?q=solrosen"]
    resident = browser()
    sent = []

    def submit(label):
        for n in range(2):
            message = f"Synpunkt {label} {n}: hämtningen fungerade bra i dag."
            answer = send_feedback(resident, servers[n], unit, message)
            assert answer.status_code == 302, (label, answer.status_code, answer.text[:500])
            sent.append(message)

    with Load(servers, paths) as load:
        load.wait_for(10)
        submit("före")
        redis_server.stop()
        load.wait_for(20)  # pages answered while Redis is away
        submit("under")
        redis_server.start()  # the same address, empty, as after a restart
        load.wait_for(10)
        submit("efter")
        load.wait_for(10)

    assert sorted(sent) == sorted(Feedback.objects.values_list("message", flat=True))
    assert {status for _, status in load.answers} == {200}, [a for a in load.answers if a[1] != 200]
    # Back on Redis: the servers wrote their generation and counts there again.
    assert redis_server.client().keys(f"*{PARTS_GENERATION}")
    assert redis_server.client().keys("*rl:*")
    for server in servers:
        log = server.output()
        # Each server did meet Redis away (and said so in its log), and answered no 500.
        assert "Exception ignored" in log
        assert "Internal Server Error" not in log, log[-3000:]
        server.assert_no_worker_lost()
