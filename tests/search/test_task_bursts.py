"""A burst of changes queues a bounded number of tasks, and everything still ends up in the search indexes.

The tasks run on a queue that does not run them (django-tasks' dummy backend), as in production where the
worker picks them up later; every enqueue is counted, and ``run_queued`` then does what the worker would."""

import io
from collections import Counter

import pytest
from django.core.cache import cache
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued
from wagtail.search.backends import get_search_backend

from core import indexing as core_indexing
from search import indexing, tasks
from search.engines import facet_index
from search.models import IndexState, SearchDocument
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory
from tips.importing import import_tips
from tips.models import Tip

TIPS = 100
# An import queues Wagtail's own tasks for the collection page it publishes (its search index entry and its
# reference index, each after save_revision and after publish) and one task for the index work of all tips.
MAX_TASKS_PER_IMPORT = 5


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


def run_queued():
    """Run every queued task in order, as the worker would, the tasks they queue included."""
    results = default_task_backend.results
    done = 0
    while done < len(results):
        result = results[done]
        result.task.call(*result.args, **result.kwargs)
        done += 1
    results.clear()


@pytest.fixture
def index_page(home_page):
    return TipCollectionIndexPageFactory(parent=home_page)


def _collection(index_page, slug):
    return TipCollectionPageFactory(parent=index_page, slug=slug)


def _spreadsheet(n, start=0, word="stap"):
    rows = "Titel;Tekst\n" + "".join(f"Tip nummer {i};Wat je kunt doen, {word} {i}.\n" for i in range(start, start + n))
    return io.BytesIO(rows.encode())


def _found_on_search_page(client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.context["outcome"].response.total


def _in_wagtail_index(query):
    return get_search_backend().search(query, Tip).count()


@pytest.mark.django_db
def test_an_import_queues_the_same_few_tasks_for_ten_and_a_hundred_tips(
    client, index_page, queued, django_capture_on_commit_callbacks
):
    small, large = _collection(index_page, "klein"), _collection(index_page, "groot")
    run_queued()
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        import_tips(small, _spreadsheet(10), "tips.csv")
    for_ten = Counter(queued)
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(large, _spreadsheet(TIPS, start=10), "tips.csv")
    for_a_hundred = Counter(queued)

    assert for_a_hundred == for_ten, "the number of tasks does not grow with the number of tips"
    assert sum(for_a_hundred.values()) <= MAX_TASKS_PER_IMPORT, dict(for_a_hundred)  # was 105: one per tip
    assert for_a_hundred["insert_or_update_object_task"] <= 2  # the collection page's, never one per tip

    run_queued()  # the worker

    assert Tip.objects.count() == 10 + TIPS
    assert SearchDocument.objects.filter(type_key="tips.tip").count() == 10 + TIPS
    assert _found_on_search_page(client, "stap") == 10 + TIPS  # every tip, on the public search page
    assert _found_on_search_page(client, "nummer 57 stap") >= 1
    assert _in_wagtail_index("stap") == 10 + TIPS  # and in Wagtail's own index (admin searches)
    # The facet index of the search page was built by the worker, for the index as it is now.
    assert cache.get(facet_index.cache_key(IndexState.current())) is not None


@pytest.mark.django_db
def test_without_the_worker_an_import_is_not_yet_in_the_indexes(index_page, queued, django_capture_on_commit_callbacks):
    """The index work really is left to the queued task (so the upload itself stays quick)."""
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(5), "tips.csv")
    assert queued["index_changes"] == 1
    assert not SearchDocument.objects.filter(type_key="tips.tip").exists()
    run_queued()
    assert SearchDocument.objects.filter(type_key="tips.tip").count() == 5


@pytest.mark.django_db
def test_a_tip_saved_on_its_own_is_indexed_as_before(client, index_page, queued, django_capture_on_commit_callbacks):
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(3), "tips.csv")
    run_queued()
    queued.clear()

    tip = Tip.objects.get(title="Tip nummer 1")
    tip.body = "<p>Nodig de buurtbewoners uit voor een kopje koffie.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        tip.save()

    # Wagtail's task for this one tip, as Wagtail's own handler queues it; no bulk task.
    assert queued["insert_or_update_object_task"] == 1
    assert queued["index_changes"] == 0
    assert _found_on_search_page(client, "buurtbewoners") == 1  # SearchDocument: updated after the commit
    run_queued()
    assert _in_wagtail_index("buurtbewoners") == 1


@pytest.mark.django_db
def test_tips_removed_by_a_reimport_leave_both_indexes(client, index_page, queued, django_capture_on_commit_callbacks):
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(20), "tips.csv")
    run_queued()
    assert _found_on_search_page(client, "stap") == 20
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(2, start=100, word="plan"), "tips.csv", replace=True)
    assert sum(queued.values()) <= MAX_TASKS_PER_IMPORT, dict(queued)
    run_queued()

    assert _found_on_search_page(client, "stap") == 0
    assert _in_wagtail_index("stap") == 0
    assert _found_on_search_page(client, "plan") == 2
    assert _in_wagtail_index("plan") == 2


@pytest.mark.django_db
def test_nested_blocks_queue_one_task(index_page, queued, django_capture_on_commit_callbacks):
    """Generating demo content imports several files: around them all, one task for every tip."""
    first, second = _collection(index_page, "een"), _collection(index_page, "twee")
    run_queued()
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True), indexing.bulk_changes():
        import_tips(first, _spreadsheet(4), "tips.csv")
        import_tips(second, _spreadsheet(4, start=4), "tips.csv")
        assert queued["index_changes"] == 0
    assert queued["index_changes"] == 1
    run_queued()
    assert SearchDocument.objects.filter(type_key="tips.tip").count() == 8


@pytest.mark.django_db
def test_the_bulk_block_sections_use_from_core_is_the_search_block(
    client, index_page, queued, django_capture_on_commit_callbacks
):
    """Sections never import search: core.indexing.bulk_changes() enters the block search registered at startup."""
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(6), "tips.csv")
    run_queued()
    queued.clear()
    with django_capture_on_commit_callbacks(execute=True), core_indexing.bulk_changes():
        for tip in Tip.objects.all():  # saved one by one, as a section's own bulk code would
            tip.body = f"<p>{tip.body} Bijgewerkt.</p>"
            tip.save()
        assert queued["index_changes"] == 0
    assert queued["index_changes"] == 1
    run_queued()
    assert _found_on_search_page(client, "bijgewerkt") == 6


@pytest.mark.django_db
def test_when_the_queue_fails_an_import_is_indexed_at_once(
    client, index_page, queued, monkeypatch, django_capture_on_commit_callbacks
):
    collection = _collection(index_page, "tips")
    monkeypatch.setattr(tasks, "_enqueue_quietly", lambda *args: False)
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(5), "tips.csv")
    assert _found_on_search_page(client, "stap") == 5


@pytest.mark.django_db
def test_a_burst_of_single_saves_queues_one_facet_index_build(index_page, queued, django_capture_on_commit_callbacks):
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(20), "tips.csv")
    run_queued()
    queued.clear()

    for tip in Tip.objects.all():  # an editor (or a script) saving tips one by one, outside a bulk block
        tip.body = f"<p>{tip.body} Herzien.</p>"
        with django_capture_on_commit_callbacks(execute=True):
            tip.save()
    assert queued["warm_facet_index"] == 1  # was one per tip


@pytest.mark.django_db
def test_a_change_after_the_build_started_queues_the_next_one(index_page, queued, django_capture_on_commit_callbacks):
    collection = _collection(index_page, "tips")
    with django_capture_on_commit_callbacks(execute=True):
        import_tips(collection, _spreadsheet(3), "tips.csv")
    run_queued()
    first, second = Tip.objects.all()[:2]
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first.save()
    assert queued["warm_facet_index"] == 1
    cache.clear()
    run_queued()  # the worker runs the queued build
    assert cache.get(facet_index.cache_key(IndexState.current())) is not None  # for the index as it is now

    with django_capture_on_commit_callbacks(execute=True):
        second.save()
    assert queued["warm_facet_index"] == 2


@pytest.mark.django_db
def test_a_failed_enqueue_does_not_block_later_builds(queued, monkeypatch):
    """When queueing fails, the pending flag is cleared again (meanwhile a search builds the index itself)."""
    monkeypatch.setattr(tasks, "_enqueue_quietly", lambda *args: False)
    tasks.warm_facet_index_quietly()
    monkeypatch.undo()
    tasks.warm_facet_index_quietly()
    assert queued["warm_facet_index"] == 1


@pytest.mark.django_db
def test_within_left_to_update_index_a_save_indexes_and_queues_nothing(
    client, index_page, queued, django_capture_on_commit_callbacks
):
    """seed_demo's block (core.indexing, entering search's): update_index afterwards indexes everything."""
    with django_capture_on_commit_callbacks(execute=True), core_indexing.left_to_update_index():
        collection = _collection(index_page, "stappen")
        collection.title = "Stappenplan voor buurthuizen"
        collection.save_revision().publish()
        import_tips(collection, _spreadsheet(3, word="koffietafel"), "tips.csv")
    # Wagtail's reference index (which pages link to which) is not search: it still updates.
    assert set(queued) <= {"update_reference_index_task"}, queued
    run_queued()
    assert _found_on_search_page(client, "koffietafel") == 0
    assert _found_on_search_page(client, "buurthuizen") == 0

    # After the block, Wagtail's handlers are connected again: a save is indexed as before.
    with django_capture_on_commit_callbacks(execute=True):
        collection.save_revision().publish()
    assert queued["insert_or_update_object_task"] >= 1
    run_queued()
    assert _found_on_search_page(client, "buurthuizen") == 1
