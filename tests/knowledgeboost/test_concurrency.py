"""Capacity under concurrent submissions, threads calling the service directly. Needs PostgreSQL.

The in-memory SQLite test database shares one cache between threads, which locks differently from a
SQLite file; test_concurrent_http.py covers SQLite (and PostgreSQL) with worker processes on a file.
"""

import threading

import pytest
from django.db import connection

from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus
from knowledgeboost.registrations import register

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Threads on the in-memory SQLite test database; see test_concurrent_http.py for SQLite.",
)

THREADS = 24
CAPACITY = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_capacity(home_page):
    session = SessionPageFactory(parent=home_page, capacity=CAPACITY)
    barrier = threading.Barrier(THREADS)
    errors, outcomes = [], []

    def worker(number):
        try:
            barrier.wait(timeout=10)
            person = {"name": f"Deelnemer {number}", "email": f"p{number}@example.org", "organisation": "Test"}
            results = register([session.pk], person)
            outcomes.append(results[0].outcome)
        except Exception as error:  # noqa: BLE001 - every error fails the test below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes).count("registered") == CAPACITY
    assert sorted(outcomes).count("waitlisted") == THREADS - CAPACITY
    assert Registration.objects.filter(session=session, status=RegistrationStatus.REGISTERED).count() == CAPACITY
    assert Registration.objects.filter(session=session, status=RegistrationStatus.WAITLISTED).count() == (
        THREADS - CAPACITY
    )
    assert OutboxEmail.objects.count() == THREADS


@pytest.mark.django_db(transaction=True)
def test_parallel_duplicates_make_one_registration(home_page):
    session = SessionPageFactory(parent=home_page, capacity=CAPACITY)
    barrier = threading.Barrier(10)
    errors, outcomes = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            person = {"name": "Anna", "email": "ANNA@example.org", "organisation": "Test"}
            outcomes.append(register([session.pk], person)[0].outcome)
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == ["already_registered"] * 9 + ["registered"]
    assert Registration.objects.filter(session=session).count() == 1
