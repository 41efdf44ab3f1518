from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import service
from search.engines.base import MAX_QUERY_LENGTH


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


@require_GET
def search(request):
    """The search page: results merged by relevance, facets, promotions and a helpful zero-results page."""
    params = service.parse_params(request.GET)
    outcome = service.search(params)
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
