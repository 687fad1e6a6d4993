"""`manage.py outbox_worker`: django-tasks-db's worker, kept alive through database restarts.

django-tasks-db's `db_worker` lets the OperationalError of a lost connection escape its loop
(PostgreSQL refusing connections while it restarts, or a task's connection cut mid-way), and the
process exits: mail stopped until someone restarted it. This command runs the same worker loop
with the same options, and on a database error drops the broken connections, waits with
back-off, catches up on mail whose task the outage interrupted, and goes on.
"""

import logging
import time

from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from outbox.mail import deliver_due

logger = logging.getLogger("outbox")

# Seconds between reconnection attempts: doubled after each failure, up to the maximum.
FIRST_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 30


class ReconnectingWorker(Worker):
    def run(self):
        delay = FIRST_RETRY_DELAY
        recovering = False
        while self.running:
            started = time.monotonic()
            try:
                if recovering:
                    # A task cut off by the outage stays claimed and is not run again; its
                    # message is still unsent and due. deliver() locks each message, so a
                    # task running it as well cannot send it twice.
                    sent, failed = deliver_due()
                    logger.info("Reconnected; caught up on %s messages (%s failed)", sent, failed)
                    recovering = False
                return super().run()  # returns only for --batch and --max-tasks
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > MAX_RETRY_DELAY:
                    delay = FIRST_RETRY_DELAY  # it had been running well: a new outage
                logger.warning("Database unavailable, retrying in %.1f s: %s", delay, error)
                connections.close_all()
                recovering = True
                time.sleep(delay)  # back-off; SIGTERM during it exits (Worker.shutdown)
                delay = min(delay * 2, MAX_RETRY_DELAY)


class Command(DBWorkerCommand):
    help = "Run the background worker (mail, indexing); survives database restarts."

    def handle(self, *, verbosity, reload, queue_name, exclude_queues, **options):
        if reload:
            logger.warning("outbox_worker does not reload code on changes; --reload is ignored.")
        if exclude_queues and "*" not in queue_name.split(","):
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        self.configure_logging(verbosity)
        worker = ReconnectingWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
