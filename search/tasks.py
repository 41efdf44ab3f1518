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


@task()
def warm_facet_index():
    """Build the facet index for the search index as it is now, so that the next search need not."""
    from search.engines import facet_index
    from search.models import IndexState

    facet_index.get(IndexState.current())


def warm_facet_index_quietly():
    """Queue a facet index build (a search builds it itself when this fails)."""
    _enqueue_quietly(warm_facet_index, "the facet index build")
