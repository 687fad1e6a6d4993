from django_tasks import task

from .mail import deliver


@task()
def deliver_message(message_id):
    return deliver(message_id)
