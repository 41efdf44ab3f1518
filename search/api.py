"""JSON search API: /api/v1/search, described by OpenAPI at /api/v1/openapi.json.

Every answer is JSON, errors too: ``{"error": "<code>", "message": "<Dutch text>"}`` with the HTTP status
(503 ``service_unavailable`` while the database or search is down, 500 ``server_error``, 404 ``not_found``,
405 ``method_not_allowed``), never the HTML error pages of the site.
"""

import logging
from datetime import datetime
from functools import wraps

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Query, Schema
from pydantic import create_model

from search import facets, service
from search.engines.base import MAX_QUERY_LENGTH, PAGE_SIZE

logger = logging.getLogger(__name__)

# Seconds a client should wait before trying again while the database or search is unavailable.
RETRY_AFTER_SECONDS = 30


class SearchAPI(NinjaAPI):
    @property
    def urls(self):
        """Ninja answers a wrong method with a plain-text 405; this API answers it in JSON like its other errors."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = _json_method_not_allowed(pattern.callback)
        return patterns, app_name, namespace


def _json_method_not_allowed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        error = error_response(request, 405, "method_not_allowed", gettext("This address only answers GET requests."))
        error["Allow"] = response.get("Allow", "GET")
        return error

    return wrapped


api = SearchAPI(
    title="Kennisplatform search API",
    version="1.0.0",
    description="Search all public content of the platform: the same parameters, results and facets as /zoeken/. "
    'Errors are JSON too: {"error": code, "message": text}; 503 while the database or search is unavailable.',
    urls_namespace="search_api",
    docs_url=None,
)


class ErrorOut(Schema):
    error: str = Field(description="Stable code: service_unavailable, server_error, not_found, method_not_allowed.")
    message: str = Field(description="What went wrong, for people (Dutch).")


def error_response(request, status, code, message):
    return api.create_response(request, {"error": code, "message": message}, status=status)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request, exc):
    """The database (and with it search) cannot be reached: 503, so clients and monitoring retry later."""
    logger.error("Search API: database unavailable for %s", request.path, exc_info=exc)
    response = error_response(
        request,
        503,
        "service_unavailable",
        gettext("Search is temporarily unavailable. Please try again in a few minutes."),
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(Exception)
def server_error(request, exc):
    logger.error("Search API: unhandled error for %s", request.path, exc_info=exc)
    return error_response(
        request, 500, "server_error", gettext("Something went wrong while searching. Please try again later.")
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(
        request, 404, "not_found", gettext("This API address does not exist; see /api/v1/openapi.json.")
    )


def _search_query_schema():
    """The query parameters: the words, one list parameter per facet of search/facets.py, sort and page."""
    fields = {
        "q": (
            str,
            Field(
                "", description=f"Search words (Dutch). Longer than {MAX_QUERY_LENGTH} characters: cut, with a notice."
            ),
        )
    }
    for facet in facets.FACETS:
        fields[facet.param] = (list[str], Field(default_factory=list, description=facet.description))
    fields["sort"] = (str, Field("relevance", description="relevance or newest."))
    fields["page"] = (str, Field("1", description="Page number, 1 to 100; out-of-range values are clamped."))
    return create_model("SearchQuery", __base__=Schema, **fields)


SearchQuery = _search_query_schema()


class ResultOut(Schema):
    id: str
    type: str
    type_label: str
    title: str
    title_html: str = Field(description="Title with matched words in <mark>; all content HTML-escaped.")
    url: str
    date: datetime | None
    section: str
    province: str = Field(description="The provinces of the result, comma-separated (may be empty).")
    summary: str
    snippet_html: str = Field(description="Excerpt with matched words in <mark>; all content HTML-escaped.")
    score: float


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str = Field(description="The facet's query parameter, e.g. theme or gemeente.")
    title: str
    options: list[FacetOptionOut]


class PromotionOut(Schema):
    title: str
    url: str
    description: str


class SearchOut(Schema):
    query: str
    total: int
    page: int
    page_size: int
    num_pages: int
    sort: str
    engine: str
    notices: list[str]
    spelling_suggestion: str
    partial_match: bool = Field(
        description="Too few results had all the words: these have most of them, those with the most words first."
    )
    all_words_total: int = Field(description="With partial_match: how many results have all the words.")
    unmatched_words: list[str] = Field(description="With partial_match: words that no result has.")
    promotions: list[PromotionOut]
    results: list[ResultOut]
    facets: list[FacetOut]


class SuggestionOut(Schema):
    title: str
    url: str
    type_label: str


@api.get(
    "/search",
    response={200: SearchOut, 500: ErrorOut, 503: ErrorOut},
    summary=str(_("Search all public content")),
    tags=["search"],
)
def search(request, filters: Query[SearchQuery]):
    params = service.parse_params(request.GET)
    outcome = service.search(params)
    return {
        "query": params.query,
        "total": outcome.response.total,
        "page": params.page,
        "page_size": PAGE_SIZE,
        "num_pages": outcome.num_pages,
        "sort": params.sort,
        "engine": outcome.response.engine,
        "notices": [str(n) for n in outcome.notices],
        "spelling_suggestion": outcome.spelling,
        "partial_match": outcome.partial_match,
        "all_words_total": outcome.response.all_words_total,
        "unmatched_words": outcome.response.unmatched_words,
        "promotions": outcome.promotions,
        "results": [
            {**r, "title_html": str(r["title_html"]), "snippet_html": str(r["snippet_html"])} for r in outcome.results
        ],
        "facets": [{**f, "title": str(f["title"])} for f in outcome.facets],
    }


@api.get(
    "/search/suggestions",
    response={200: list[SuggestionOut], 500: ErrorOut, 503: ErrorOut},
    summary="Title suggestions while typing",
    tags=["search"],
)
def suggestions(request, q: str = ""):
    return service.suggest(q)


@api.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], "/{path:rest}", include_in_schema=False
)
def unknown(request, rest: str):
    """Any other address under /api/v1/: a JSON 404 instead of the site's HTML page."""
    raise Http404(rest)
