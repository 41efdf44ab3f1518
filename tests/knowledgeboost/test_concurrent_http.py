"""A busy morning: many people register for the same session at once, through real gunicorn workers.

Runs on the database of the test run: a SQLite file (the in-memory test database copied to disk, so
the worker processes share it) or the PostgreSQL test database. Nobody may be lost: every person ends
up registered or on the waiting list, nobody gets an error page, and the capacity holds.
"""

import collections
import threading

import pytest

from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus

from .http_workers import Visitor, gunicorn, shared_database

PEOPLE = 60
CAPACITY = 10

pytestmark = pytest.mark.django_db(transaction=True)


def person(number):
    return {
        "name": f"Deelnemer {number}",
        "email": f"deelnemer{number}@example.org",
        "organisation": "Vrijwilligerscentrale",
        "consent": "on",
    }


WORKER_SETUPS = {
    "sync": {"worker_class": "sync", "workers": 4},
    "gthread": {"worker_class": "gthread", "workers": 2, "threads": 4},
}


@pytest.mark.parametrize("setup", WORKER_SETUPS)
def test_everyone_who_registers_at_once_is_registered_or_waitlisted(home_page, tmp_path, setup):
    session = SessionPageFactory(parent=home_page, title="Drukbezochte sessie", capacity=CAPACITY)
    database = shared_database(tmp_path)
    results = []
    errors = []

    url = session.url  # looked up here: a lookup in a thread would leave a database connection open
    with gunicorn(database.url, **WORKER_SETUPS[setup]) as server:
        visitors = [Visitor(server.address, f"10.0.{n // 200}.{n % 200 + 1}") for n in range(PEOPLE)]
        start = threading.Barrier(PEOPLE)

        def submit(number, visitor):
            try:
                visitor.open_form(url)
                start.wait(timeout=60)
                results.append(visitor.submit(person(number)))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(repr(error))

        people = [threading.Thread(target=submit, args=(n, v)) for n, v in enumerate(visitors)]
        for thread in people:
            thread.start()
        for thread in people:
            thread.join(timeout=180)
        log = server.log_text()

    statuses = collections.Counter(status for status, _location, _seconds in results)
    assert errors == []
    assert statuses == {302: PEOPLE}, f"{statuses}\n{log[-3000:]}"
    assert all("/aangemeld/?t=" in location for _status, location, _seconds in results)
    # Nobody lost, nobody twice, and never more people than places.
    registered = database.count(Registration, session_id=session.pk, status=RegistrationStatus.REGISTERED)
    waitlisted = database.count(Registration, session_id=session.pk, status=RegistrationStatus.WAITLISTED)
    assert (registered, waitlisted) == (CAPACITY, PEOPLE - CAPACITY)
    assert database.count(Registration) == PEOPLE
    # Everyone gets their confirmation or waiting-list email.
    assert database.count(OutboxEmail) == PEOPLE
