"""Two copies of one form sent at the same moment: both browsers show the same receipt.

Real concurrency: two threads post through the live server, each request on its own database
connection. The test holds the row lock that storing a case takes (the reference counter) until
both requests wait on it, so they are guaranteed to overlap; then it lets them go.
"""

import re
import threading
import time

import requests
from django.db import connection, transaction
from django.utils import timezone

from feedback.models import Feedback, ReferenceCounter

TRACKING_LINK = re.compile(r"data-tracking-link>([^<]+)<")
FORM_KEY = re.compile(r'name="form_key" value="([^"]+)"')


def waiting_on_locks():
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing the first snapshot of its statistics.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def wait_until(condition, threads, timeout=30):
    """Poll a condition in other processes (PostgreSQL's view of its backends), bounded."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        if time.monotonic() > deadline or not all(thread.is_alive() for thread in threads):
            return False
        pause.wait(0.02)
    return True


def test_two_copies_sent_at_once_both_show_the_same_receipt(live_server, guarantee):
    url = f"{live_server.url}/synpunkter/enhet/{guarantee.pk}/skicka/"
    browser = requests.Session()
    html = browser.get(url, timeout=20).text
    data = {
        "form_key": FORM_KEY.search(html).group(1),
        "kind": "synpunkt",
        "dimension": "bemotande",
        "message": "Dubbelklick på skicka-knappen.",
        "email": "anna@example.se",
        "wants_reply": "on",
    }
    # Two tabs of one browser: the same cookies, the same form, sent together.
    tabs = [requests.Session(), requests.Session()]
    for tab in tabs:
        tab.cookies.update(browser.cookies)
    pages, errors = [None, None], []

    def send(index):
        try:
            pages[index] = tabs[index].post(url, data, headers={"Referer": url}, timeout=60)
        except BaseException as error:  # noqa: BLE001 - handed to the test below
            errors.append(error)

    year = timezone.localdate().year
    ReferenceCounter.objects.get_or_create(year=year)
    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    with transaction.atomic():
        ReferenceCounter.objects.select_for_update().get(year=year)
        for thread in threads:
            thread.start()
        both_waited = wait_until(lambda: waiting_on_locks() >= 2, threads)
    # Leaving the block released the lock: the two requests go on, one after the other.
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    if errors:
        raise errors[0]
    assert both_waited, [(p.status_code, p.text[:300]) for p in pages]

    assert [page.status_code for page in pages] == [200, 200], [p.text[:300] for p in pages]
    links = [TRACKING_LINK.search(page.text).group(1) for page in pages]
    assert links[0] == links[1]
    case = Feedback.objects.get()
    assert all(case.reference in page.text for page in pages)
    assert Feedback.find_by_token(links[0].rstrip("/").rsplit("/", 1)[-1]) == case
