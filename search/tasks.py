"""Background work of the search app, so a search request itself never writes to the database."""

import logging

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
