"""Two runs of send_evaluations, or two answers, at the same moment: threads on PostgreSQL.

(The in-memory SQLite test database shares one connection cache between threads; on SQLite every write
transaction takes the database's write lock when it begins (transaction_mode IMMEDIATE), so the runs queue.)
"""

import datetime
import threading

import pytest
import time_machine
from django.db import connection

from feedback import evaluations
from feedback.models import Evaluation
from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import OutboxEmail
from tests.feedback.conftest import ENDED, make_session

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="Threads need PostgreSQL.")

THREADS = 6


def run_at_once(target):
    barrier = threading.Barrier(THREADS)
    errors, results = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # noqa: BLE001 - every error fails the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_send_each_registration_one_mail(index_page, week_page):
    session = make_session(week_page)
    registrations = [RegistrationFactory(session=session) for _ in range(8)]

    def send():
        with time_machine.travel(ENDED + datetime.timedelta(days=1), tick=True):
            return evaluations.send_due()

    results = run_at_once(send)
    assert sum(results) == len(registrations)
    assert Evaluation.objects.count() == len(registrations)
    assert OutboxEmail.objects.filter(kind="evaluation").count() == len(registrations)


@pytest.mark.django_db(transaction=True)
def test_parallel_answers_keep_one(index_page, week_page):
    session = make_session(week_page)
    RegistrationFactory(session=session)
    with time_machine.travel(ENDED + datetime.timedelta(days=1), tick=False):
        evaluations.send_due()
    evaluation = Evaluation.objects.get()
    marks = iter(range(1, THREADS + 1))
    lock = threading.Lock()

    def answer():
        with lock:
            mark = next(marks)
        return evaluations.answer(evaluation, mark=mark, useful="", better=f"poging {mark}")

    results = run_at_once(answer)
    assert sorted(results) == [False] * (THREADS - 1) + [True]
    evaluation.refresh_from_db()
    assert evaluation.better == f"poging {evaluation.mark}"
