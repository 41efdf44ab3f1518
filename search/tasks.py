"""Background work of the search app, so a search request itself never writes to the database."""

import logging

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from search.models import QueryLog

logger = logging.getLogger(__name__)


@task()
def log_search(query, zero_results):
    """Count one search of `query` today. Nothing about who searched is stored."""
    log, _created = QueryLog.objects.get_or_create(query=query[:200], day=timezone.localdate())
    QueryLog.objects.filter(pk=log.pk).update(
        searches=F("searches") + 1, zero_result_searches=F("zero_result_searches") + (1 if zero_results else 0)
    )


def log_search_quietly(query, zero_results):
    try:
        log_search.enqueue(query, zero_results)
    except Exception:  # noqa: BLE001 - statistics must never break a search
        logger.warning("Search: could not log a query", exc_info=True)


REFRESHING_KEY = "search:vocabulary:refreshing"


@task()
def refresh_vocabulary():
    """Rebuild the spelling vocabulary of the zero-results page."""
    from search.service import build_vocabulary

    build_vocabulary()
    cache.delete(REFRESHING_KEY)


def refresh_vocabulary_quietly():
    """Ask for a vocabulary rebuild, at most once per five minutes however many searches ask."""
    if not cache.add(REFRESHING_KEY, True, 5 * 60):
        return
    try:
        refresh_vocabulary.enqueue()
    except Exception:  # noqa: BLE001 - spelling hints are a nicety; a search must not fail for them
        cache.delete(REFRESHING_KEY)
        logger.warning("Search: could not refresh the spelling vocabulary", exc_info=True)


@task()
def warm_facet_index():
    """Build the facet index for the search index as it is now, so that the next search need not."""
    from search.engines import facet_index
    from search.models import IndexState

    facet_index.get(IndexState.current())


def warm_facet_index_quietly():
    try:
        warm_facet_index.enqueue()
    except Exception:  # noqa: BLE001 - only a head start: a search builds it itself when needed
        logger.warning("Search: could not queue the facet index build", exc_info=True)
