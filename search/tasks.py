"""Background work of the search app, so a search request itself never writes to the database."""

import logging

from django.core.cache import cache
from django_tasks import task

from search.models import QueryLog

logger = logging.getLogger(__name__)


@task()
def log_search(query, zero_results, visitor=""):
    """Count one search of `query` today. Only a daily keyed hash of who searched is kept, for that day."""
    QueryLog.objects.record(query, zero_results, visitor)


def _enqueue_quietly(task_, what, *args):
    """Queue a task; when the queue fails, log it and return False. None of these may break a search or a
    publish: statistics, spelling hints and the facet index's head start are all extras."""
    try:
        task_.enqueue(*args)
    except Exception:  # noqa: BLE001
        logger.warning("Search: could not queue %s", what, exc_info=True)
        return False
    return True


def log_search_quietly(query, zero_results, visitor=""):
    _enqueue_quietly(log_search, "a query log", query, zero_results, visitor)


REFRESHING_KEY = "search:vocabulary:refreshing"


@task()
def refresh_vocabulary():
    """Rebuild the spelling vocabulary of the zero-results page."""
    from search.service import build_vocabulary

    build_vocabulary()
    cache.delete(REFRESHING_KEY)


def refresh_vocabulary_quietly():
    """Ask for a vocabulary rebuild, at most once per five minutes however many searches ask."""
    if cache.add(REFRESHING_KEY, True, 5 * 60) and not _enqueue_quietly(refresh_vocabulary, "a vocabulary refresh"):
        cache.delete(REFRESHING_KEY)


WARM_PENDING_KEY = "search:facet-index:build-pending"
# A build that has not started within this time is taken as lost (a worker that was down), so another is queued.
WARM_PENDING_SECONDS = 10 * 60


@task()
def warm_facet_index():
    """Build the facet index for the search index as it is now, so that the next search need not."""
    from search.engines import facet_index
    from search.models import IndexState

    # Cleared before reading the index state: a change committed from here on queues the next build.
    cache.delete(WARM_PENDING_KEY)
    facet_index.get(IndexState.current())


def warm_facet_index_quietly():
    """Queue a facet index build, unless one is queued and not started yet: that one will see this change too.

    A burst of changes (an import of a hundred tips, generating pages) so queues one build, not one per
    object. ``cache.add`` sets the pending flag atomically in a shared cache; the task clears it when it
    starts. When queueing fails a search builds the index itself."""
    if not cache.add(WARM_PENDING_KEY, True, WARM_PENDING_SECONDS):
        return
    if not _enqueue_quietly(warm_facet_index, "the facet index build"):
        cache.delete(WARM_PENDING_KEY)


@task()
def index_changes(wagtail, documents, reconcile=False):
    """Index what a bulk block (``search.indexing.bulk_changes()``) changed, in batches, then build the facet
    index for the result: this task is the worker already, so the build is not queued separately."""
    from search import indexing
    from search.engines import facet_index
    from search.models import IndexState

    indexing.apply_changes(wagtail, documents, reconcile)
    facet_index.get(IndexState.current())


def index_changes_quietly(wagtail, documents, reconcile=False):
    """Queue the index work of a bulk block as one task; when the queue fails, do it now rather than lose it."""
    if not _enqueue_quietly(index_changes, "the index update of a bulk change", wagtail, documents, reconcile):
        from search import indexing

        indexing.safely(index_changes.call, wagtail, documents, reconcile)
