import hashlib
import hmac
import logging
import secrets

from django.core.cache import cache
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.ratelimit import client_ip
from search import service
from search.engines.base import MAX_QUERY_LENGTH

logger = logging.getLogger(__name__)


def _url(params):
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def active_filters(request, outcome):
    """Chosen facet values, each with a link that removes it (and the page number)."""
    items = []
    for facet in outcome.facets:
        for option in facet["options"]:
            if not option["selected"]:
                continue
            params = request.GET.copy()
            params.pop("page", None)
            params.setlist(facet["name"], [v for v in params.getlist(facet["name"]) if v != option["value"]])
            items.append({"facet": facet["title"], "label": option["label"], "remove_url": _url(params)})
    return items


def page_links(request, current, num_pages):
    def url(number):
        params = request.GET.copy()
        params["page"] = str(number)
        return _url(params)

    numbers = sorted({1, num_pages, *range(max(1, current - 2), min(num_pages, current + 2) + 1)})
    links = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append({"ellipsis": True})
        links.append({"number": number, "url": url(number), "current": number == current})
        previous = number
    return {
        "links": links if num_pages > 1 else [],
        "previous": url(current - 1) if current > 1 else "",
        "next": url(current + 1) if current < num_pages else "",
    }


def visitor_mark(request):
    """Tells today's visitors apart without knowing who they are: a keyed hash of address and browser.

    The key is random, made once a day and kept only in the cache (shared by all workers in production),
    never in the database; so a mark cannot be traced back to an address, and tomorrow the same visitor
    gets another mark. Only the first 64 bits of the hash are kept.
    """
    day = timezone.localdate().isoformat()
    try:
        key = cache.get_or_set(f"search:visitor-key:{day}", lambda: secrets.token_hex(32), timeout=2 * 24 * 60 * 60)
    except Exception:  # noqa: BLE001 - counting visitors is an extra; the search itself must work
        logger.warning("Search: no visitor key (cache unavailable)", exc_info=True)
        return ""
    message = f"{client_ip(request)}\n{request.META.get('HTTP_USER_AGENT', '')[:500]}"
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()[:16]


@require_GET
def search(request):
    """The search page: results merged by relevance, facets, promotions and a helpful zero-results page."""
    params = service.parse_params(request.GET)
    # Only a first page is logged as a search (paging is not a new one).
    outcome = service.search(params, visitor=visitor_mark(request) if params.page == 1 else "")
    context = {
        "query": params.query,
        "params": params,
        "outcome": outcome,
        "results": outcome.results,
        "facets": outcome.facets,
        "promotions": outcome.promotions,
        "notices": outcome.notices,
        "page_number": params.page,
        "num_pages": outcome.num_pages,
        "has_previous": params.page > 1,
        "has_next": params.page < outcome.num_pages,
        "previous_page": params.page - 1,
        "next_page": params.page + 1,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    context["active_filters"] = active_filters(request, outcome)
    # Without results the filters cannot narrow anything: the advice then takes the page's full width.
    context["show_filters"] = bool(outcome.results) and bool(outcome.facets or context["active_filters"])
    context["page_links"] = page_links(request, params.page, outcome.num_pages)
    if outcome.response.total == 0:
        context["popular_queries"] = service.popular_queries()
    return TemplateResponse(request, "pages/search_results.html", context)


@require_GET
def suggestions(request):
    """Titles for the suggestions popup (JSON). The page works without it."""
    response = JsonResponse({"suggestions": service.suggest(request.GET.get("q", ""))})
    response["Cache-Control"] = "max-age=60"
    return response
