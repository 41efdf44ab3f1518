"""Wagtail admin report: popular queries and queries without results (anonymous counts only), and hiding
a search term from the public "popular searches"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from search.models import POPULAR_DAYS, POPULAR_MIN_VISITORS, BlockedSearchTerm, QueryLog

PERIODS = (7, 30, 90)


@permission_required("search.view_querylog", raise_exception=True)
def search_report(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    if days not in PERIODS:
        days = 30
    popular = list(QueryLog.objects.popular(days=days, limit=50))
    shown = set(QueryLog.objects.shown_on_site(limit=6))
    is_blocked = BlockedSearchTerm.objects.matcher()
    for row in popular:
        row["shown"] = row["query"] in shown
        row["blocked"] = is_blocked(row["query"])
    return TemplateResponse(
        request,
        "search/admin/report.html",
        {
            "title": _("Search terms"),
            "days": days,
            "periods": PERIODS,
            "popular": popular,
            "zero": QueryLog.objects.without_results(days=days, limit=50),
            "retention_days": settings.SEARCH_QUERY_LOG_RETENTION_DAYS,
            "popular_days": POPULAR_DAYS,
            "min_visitors": POPULAR_MIN_VISITORS,
            "can_hide": request.user.has_perm("search.add_blockedsearchterm"),
            "block_list_url": reverse("wagtailsnippets_search_blockedsearchterm:list"),
        },
    )


@require_POST
@permission_required("search.add_blockedsearchterm", raise_exception=True)
def hide_search_term(request):
    """Hide one search term from the public popular searches (an entry of kind "term" on the block list)."""
    term = " ".join(request.POST.get("term", "").split())[:200]
    if term:
        BlockedSearchTerm.objects.get_or_create(term=term, kind=BlockedSearchTerm.Kind.TERM)
        messages.success(request, _("“%(term)s” is no longer shown among the popular searches.") % {"term": term})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "search_report")
