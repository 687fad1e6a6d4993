"""Under load and outage: distinct reference numbers, and mail that survives a dead server."""

import re
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client, override_settings

from feedback.models import Feedback
from outbox.models import Message
from tests.threads import run_in_threads

from .conftest import form_data


@pytest.mark.django_db(transaction=True)
@override_settings(RATELIMIT_ENABLE=False)
def test_32_parallel_submits_get_32_distinct_reference_numbers(guarantee):
    url = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    clients = [Client() for _ in range(32)]
    payloads = [form_data(c, url) for c in clients]
    barrier = threading.Barrier(32)

    def submit(client, data):
        barrier.wait(timeout=30)
        return client.post(url, data).status_code

    statuses = run_in_threads(submit, zip(clients, payloads, strict=True))
    assert statuses == [302] * 32
    references = list(Feedback.objects.values_list("reference", flat=True))
    assert len(references) == 32 == len(set(references))
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in references)
    assert numbers == list(range(1, 33))


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.mark.django_db(transaction=True)
def test_mail_outage_loses_nothing_and_deliver_mail_sends_it_later(guarantee):
    url = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    client = Client()
    data = form_data(client, url, email="anna@example.se")
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 5,
    }
    with override_settings(**smtp, EMAIL_PORT=closed_port()):
        response = client.post(url, data)
    assert response.status_code == 302  # the resident is not bothered by the outage
    case = Feedback.objects.get()
    pending = Message.objects.get(to="anna@example.se")
    assert pending.sent_at is None and pending.attempts == 1 and pending.last_error

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=closed_port())
    controller.start()
    try:
        Message.objects.update(next_attempt_at=pending.created_at)
        with override_settings(**smtp, EMAIL_PORT=controller.port):
            call_command("deliver_mail")
    finally:
        controller.stop()
    pending.refresh_from_db()
    assert pending.sent_at is not None
    delivered = [e for e in inbox.messages if "anna@example.se" in e.rcpt_tos]
    assert len(delivered) == 1
    assert case.reference in delivered[0].content.decode()
    assert re.search(r"/synpunkter/arende/", delivered[0].content.decode())
