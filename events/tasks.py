"""Background tasks (django-tasks): the database backend in production, immediate in dev and tests."""

from django_tasks import task


@task()
def send_outbox_email(email_id: int):
    from events.outbox import deliver

    return str(deliver(email_id))
