"""Wagtail admin report: popular queries and queries without results (anonymous counts only)."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from search.models import QueryLog

PERIODS = (7, 30, 90)


@permission_required("search.view_querylog", raise_exception=True)
def search_report(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    if days not in PERIODS:
        days = 30
    return TemplateResponse(
        request,
        "search/admin/report.html",
        {
            "title": _("Search terms"),
            "days": days,
            "periods": PERIODS,
            "popular": QueryLog.objects.popular(days=days, limit=50),
            "zero": QueryLog.objects.without_results(days=days, limit=50),
            "retention_days": settings.SEARCH_QUERY_LOG_RETENTION_DAYS,
        },
    )
