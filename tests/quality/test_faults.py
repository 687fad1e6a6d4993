"""Faults: PostgreSQL going away during traffic, and the mail server being down."""

import os
import queue
import shlex
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import connections, transaction
from django.db.utils import InterfaceError, OperationalError
from django.test import override_settings
from django.utils import timezone

from outbox.mail import queue_mail
from outbox.models import Message
from tests.threads import in_background

DATADIR = os.environ.get("TEST_POSTGRES_DATADIR")
PG_USER = os.environ.get("TEST_POSTGRES_USER") or None
PG_CTL = os.environ.get("TEST_POSTGRES_PG_CTL")


class PostgresServer:
    """The throwaway cluster that bin/with-postgres started, driven with pg_ctl as its owner."""

    def __init__(self):
        if not (DATADIR and PG_CTL):
            pytest.fail(
                "Fault tests need the throwaway PostgreSQL of `make test` (bin/with-postgres)."
            )
        self.datadir = Path(DATADIR)
        # pg_ctl start forgets the options of the first start; postmaster.opts keeps them.
        words = shlex.split((self.datadir / "postmaster.opts").read_text())[1:]
        options = []
        while words:
            word = words.pop(0)
            if word == "-D":
                words.pop(0)
            else:
                options.append(word)
        self.options = " ".join(shlex.quote(word) for word in options)
        self.log = self.datadir.parent / "log"

    def pg_ctl(self, *args):
        subprocess.run(
            [PG_CTL, "-D", str(self.datadir), *args],
            check=True,
            user=PG_USER,
            # The server inherits pg_ctl's output: a pipe here would never reach EOF.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def stop(self):
        self.pg_ctl("-m", "fast", "-w", "stop")

    def start(self):
        self.pg_ctl("-o", self.options, "-l", str(self.log), "-w", "start")

    def restart(self):
        self.pg_ctl("-m", "fast", "-l", str(self.log), "-w", "restart")

    def is_running(self):
        return (self.datadir / "postmaster.pid").exists()


@pytest.fixture
def postgres(transactional_db):
    if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
        pytest.fail("Restarting PostgreSQL would cut off the other workers: run this test alone.")
    server = PostgresServer()
    yield server
    if not server.is_running():
        server.start()  # whatever happened, give the next test its database back
    connections.close_all()  # the test's own connections died with the server


@pytest.fixture
def resident(live_server):
    """A resident's browser against the live server: the real request cycle, in which
    Django's close_old_connections runs (the test client switches that off)."""
    import requests

    session = requests.Session()

    def get(path):
        return session.get(live_server.url + path, timeout=20)

    return get


def test_requests_during_a_database_outage_get_a_swedish_503_and_the_site_recovers(
    postgres, resident, home_page
):
    assert resident("/healthz").status_code == 200
    assert resident("/").status_code == 200

    postgres.stop()
    health = resident("/healthz")
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "unavailable"}
    page = resident("/")
    assert page.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in page.text
    assert "Traceback" not in page.text and "OperationalError" not in page.text
    assert page.headers["Retry-After"] == "30"

    postgres.start()
    # Nothing restarted but PostgreSQL: the next requests open new connections and succeed.
    assert resident("/healthz").status_code == 200
    page = resident("/")
    assert page.status_code == 200
    assert "Ängsby kommun" in page.text


def test_a_write_cut_off_by_the_outage_leaves_nothing_half_written(postgres, home_page):
    messages_before = Message.objects.count()
    with pytest.raises((OperationalError, InterfaceError)), transaction.atomic():
        Message.objects.create(to="a@example.se", subject="Första", body="1")
        postgres.stop()
        Message.objects.create(to="b@example.se", subject="Andra", body="2")
    postgres.start()
    connections.close_all()
    assert Message.objects.count() == messages_before


def test_requests_while_postgres_restarts_fail_cleanly_and_never_with_a_500(
    postgres, live_server, home_page
):
    """Real traffic from another thread through the live server while pg_ctl restarts."""
    import requests

    statuses = []
    restarted = threading.Event()

    def traffic():
        while not restarted.is_set() or len(statuses) < 5:
            for path in ("/healthz", "/"):
                response = requests.get(live_server.url + path, timeout=10)
                statuses.append(response.status_code)
                assert "Traceback" not in response.text
            if len(statuses) > 2000:
                break

    # The traffic thread's assertions and errors are raised here; it must have finished.
    with in_background(traffic, timeout=60):
        try:
            postgres.restart()
        finally:
            restarted.set()
    assert statuses, "no request was made"
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    # Recovered by itself: the last requests after the restart succeed.
    assert requests.get(live_server.url + "/healthz", timeout=10).status_code == 200
    assert requests.get(live_server.url + "/", timeout=10).status_code == 200


MAIL_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                ("django.template.loaders.locmem.Loader", {"mail/thanks.txt": "Ärende {{ ref }}."})
            ]
        },
    }
]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_mail_queued_while_the_mail_server_is_down_is_kept_and_sent_later(
    monkeypatch, django_capture_on_commit_callbacks
):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Collect(Sink):
        def __init__(self):
            self.received = []

        async def handle_DATA(self, server, session, envelope):
            self.received.append(envelope)
            return "250 OK"

    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_TIMEOUT": 5,
        "EMAIL_USE_TLS": False,
    }
    with (
        override_settings(**smtp, EMAIL_PORT=closed_port(), TEMPLATES=MAIL_TEMPLATES),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        message = queue_mail(
            "invanare@example.se", "Tack för din synpunkt", "mail/thanks.txt", {"ref": "S-17"}
        )
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at > timezone.now()

    handler = Collect()
    port = closed_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # The clock moves past the retry back-off, as the every-minute cron would see it.
        later = timezone.now() + timedelta(minutes=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        with override_settings(**smtp, EMAIL_PORT=port):
            call_command("deliver_mail", stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        controller.stop()

    message.refresh_from_db()
    assert message.sent_at is not None
    assert [envelope.rcpt_tos for envelope in handler.received] == [["invanare@example.se"]]
    assert b"S-17" in handler.received[0].content
    assert not django_mail.outbox  # it went over SMTP, not to the test backend


ROOT = Path(__file__).resolve().parents[2]
WORKER_COMMAND = "outbox_worker"


class WorkerProcess:
    """`manage.py outbox_worker` as production runs it, its output read line by line."""

    def __init__(self, smtp_port):
        db = connections["default"].settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.quality.worker_settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TEST_SMTP_PORT": str(smtp_port),
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", WORKER_COMMAND, "--no-startup-delay", "--no-reload"]
            + ["--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output = []
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)  # the worker closed its output: it has exited

    def wait_for(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"worker never said {text!r}:\n{''.join(self.output)}")
            if line is None:
                pytest.fail(f"the worker exited:\n{''.join(self.output)}")
            self.output.append(line)
            if text in line:
                return

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(timeout=30)


class SmtpInbox:
    """A real SMTP server on loopback that counts what it is given."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.subjects = []
        self.arrived = threading.Condition()
        self.port = closed_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.header import decode_header, make_header

        subject = str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))
        with self.arrived:
            self.subjects.append(subject)
            self.arrived.notify_all()
        return "250 OK"

    def wait_for(self, count, timeout=60):
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.subjects) >= count, timeout=timeout):
                pytest.fail(f"{len(self.subjects)} of {count} messages arrived")


@pytest.fixture
def smtp_inbox():
    inbox = SmtpInbox()
    inbox.controller.start()
    yield inbox
    inbox.controller.stop()


def queue_messages(label, count):
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            TEMPLATES=MAIL_TEMPLATES,
        ),
    ):
        for number in range(count):
            with transaction.atomic():  # delivery is enqueued when this commits
                queue_mail("invanare@example.se", f"{label} {number}", "mail/thanks.txt", {})


def wait_until_recorded_as_sent(timeout=60):
    """The worker marks a message sent just after the SMTP server took it: wait for that."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while Message.objects.filter(sent_at__isnull=True).exists():
        if time.monotonic() > deadline:
            pytest.fail("messages delivered but never recorded as sent")
        pause.wait(0.05)


def test_the_mail_worker_survives_postgres_restarts_and_sends_every_message_once(
    postgres, smtp_inbox
):
    worker = WorkerProcess(smtp_inbox.port)
    try:
        worker.wait_for("Starting worker")
        queue_messages("Före", 5)
        smtp_inbox.wait_for(5)
        wait_until_recorded_as_sent()

        # Down long enough for the worker to try: db_worker died here.
        postgres.stop()
        worker.wait_for("Database unavailable")
        postgres.start()
        connections.close_all()
        queue_messages("Efter stopp", 5)
        smtp_inbox.wait_for(10)
        wait_until_recorded_as_sent()

        # A restart between two polls: the worker's connection is gone when it wakes up.
        postgres.restart()
        connections.close_all()
        queue_messages("Efter omstart", 5)
        smtp_inbox.wait_for(15)
        wait_until_recorded_as_sent()
        assert worker.process.poll() is None, "".join(worker.output)
    finally:
        worker.stop()

    expected = [
        f"{label} {n}" for label in ("Före", "Efter stopp", "Efter omstart") for n in range(5)
    ]
    assert sorted(smtp_inbox.subjects) == sorted(expected)  # each exactly once
