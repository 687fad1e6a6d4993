"""Two app servers, one count: the rate limit lives in the cache every process shares. Here
the database's, as `make run` has it; tests/infra/test_redis.py counts the same on Redis."""

import os

import pytest

from feedback.models import Feedback
from home.resident_input import rate_limit_counts
from tests.infra.servers import AppServer, browser, database_url

from .conftest import form_data


@pytest.fixture
def servers(transactional_db):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
    }
    started = []
    try:
        for _ in range(2):
            started.append(AppServer(env).start())
        yield started
    finally:
        for server in started:
            server.stop()
        rate_limit_counts().clear()  # the counts live in the test database's cache table


def test_two_app_servers_count_one_client_once(servers, guarantee):
    resident = browser()
    path = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    statuses = []
    for i in range(12):
        url = servers[i % 2].url + path
        # Different words each time: the same words again would be a resubmission.
        data = form_data(resident, url, message=f"Synpunkt nummer {i} om hämtningen.")
        answer = resident.post(
            url, data, headers={"Referer": url}, allow_redirects=False, timeout=60
        )
        statuses.append(answer.status_code)
    assert statuses == [302] * 10 + [429, 429]
    assert Feedback.objects.count() == 10
    for server in servers:
        server.assert_no_worker_lost()
