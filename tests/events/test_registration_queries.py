"""A registration POST costs a fixed number of queries, however many people registered before.

Measured as in production: the confirmation mail is queued for the database task worker, and what runs after
the commit (queueing it) is counted too. The mail is rendered by the worker, not in the request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

# Measured: the POST of one registration for one session, including its after-commit work.
MAX_QUERIES = 13  # 21 before the mail was queued unrendered without a savepoint


def post_counted(client, url, data, capture_callbacks):
    with CaptureQueriesContext(connection) as queries, capture_callbacks(execute=True):
        response = client.post(url, data)
    return response, len(queries)


@pytest.mark.parametrize("earlier", [10, 100])
def test_registration_post_makes_a_fixed_number_of_queries(
    earlier, event_page, person, client, settings, django_capture_on_commit_callbacks
):
    session_page = event_page
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KNOWLEDGEBOOST_RATE_LIMIT = 0
    session_page.capacity = 1000
    session_page.save()
    RegistrationFactory.create_batch(earlier, session=session_page)
    client.get(session_page.url)  # templates and site settings as after the first visitor

    response, count = post_counted(
        client, session_page.url, {**person, "consent": "on"}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="fatima@example.org")
    assert registration.status == RegistrationStatus.REGISTERED
    # The confirmation is stored with the registration and waits for the worker, still unwritten.
    email = registration.emails.get()
    assert email.kind == OutboxEmail.Kind.CONFIRMATION and email.to == "fatima@example.org"
    assert email.body_text == "" and email.status == "pending"
    assert count <= MAX_QUERIES
