"""A burst of changes queues the work that needs doing once after it (the facet index build) once.

The tasks run on a queue that does not run them (django-tasks' dummy backend), as in production where the
worker picks them up later; every enqueue is counted."""

import io
from collections import Counter

import pytest
from django.core.cache import cache
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued

from search import tasks
from search.engines import facet_index
from search.models import IndexState, SearchDocument
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory
from tips.importing import import_tips
from tips.models import Tip

TIPS = 100


@pytest.fixture
def queued(settings):
    """Counts of queued tasks by name; the tasks stay queued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    counts = Counter()

    def count(sender, task_result, **kwargs):
        counts[task_result.task.name] += 1

    task_enqueued.connect(count)
    yield counts
    task_enqueued.disconnect(count)


def _spreadsheet(n, start=0):
    rows = "Titel;Tekst\n" + "".join(f"Tip nummer {i};Wat je kunt doen, stap {i}.\n" for i in range(start, start + n))
    return io.BytesIO(rows.encode())


@pytest.mark.django_db
def test_importing_a_hundred_tips_queues_one_facet_index_build(home_page, queued, django_capture_on_commit_callbacks):
    collection = TipCollectionPageFactory(parent=TipCollectionIndexPageFactory(parent=home_page), slug="tips")
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(TIPS), "tips.csv")

    assert Tip.objects.filter(page=collection).count() == TIPS
    assert SearchDocument.objects.filter(type_key="tips.tip").count() == TIPS  # every tip is searchable
    assert queued["warm_facet_index"] == 1  # was one per tip
    # Besides Wagtail's own per-object search index update, a bounded number of tasks.
    assert sum(queued.values()) - queued["insert_or_update_object_task"] <= 5, dict(queued)

    # Another burst while that build has not started yet: it will see these changes too.
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(10, start=TIPS), "tips.csv")
    assert queued["warm_facet_index"] == 1


@pytest.mark.django_db
def test_a_change_after_the_build_started_queues_the_next_one(home_page, queued, django_capture_on_commit_callbacks):
    collection = TipCollectionPageFactory(parent=TipCollectionIndexPageFactory(parent=home_page), slug="tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(3), "tips.csv")
    assert queued["warm_facet_index"] == 1

    cache.clear()
    default_task_backend.results[-1].task.call()  # the worker runs the queued build
    assert cache.get(facet_index.cache_key(IndexState.current())) is not None  # for the index as it is now

    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(3, start=3), "tips.csv")
    assert queued["warm_facet_index"] == 2


@pytest.mark.django_db
def test_a_failed_enqueue_does_not_block_later_builds(queued, monkeypatch):
    """When queueing fails, the pending flag is cleared again (meanwhile a search builds the index itself)."""
    monkeypatch.setattr(tasks, "_enqueue_quietly", lambda *args: False)
    tasks.warm_facet_index_quietly()
    monkeypatch.undo()
    tasks.warm_facet_index_quietly()
    assert queued["warm_facet_index"] == 1
