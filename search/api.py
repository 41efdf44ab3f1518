"""JSON search API: /api/v1/search, described by OpenAPI at /api/v1/openapi.json."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Query, Schema

from search import service
from search.engines.base import PAGE_SIZE

api = NinjaAPI(
    title="Kennisplatform search API",
    version="1.0.0",
    description="Search all public content of the platform: the same parameters, results and facets as /zoeken/.",
    urls_namespace="search_api",
    docs_url=None,
)


class SearchQuery(Schema):
    q: str = Field("", description="Search words (Dutch). Longer than 200 characters: cut, with a notice.")
    type: list[str] = Field(default_factory=list, description="Content type keys, e.g. core.contentpage.")
    theme: list[str] = Field(default_factory=list, description="Theme ids.")
    audience: list[str] = Field(default_factory=list, description="Audience ids.")
    province: list[str] = Field(default_factory=list, description="Province names.")
    year: list[str] = Field(default_factory=list, description="Years, e.g. 2024.")
    sort: str = Field("relevance", description="relevance or newest.")
    page: str = Field("1", description="Page number, 1 to 100; out-of-range values are clamped.")


class ResultOut(Schema):
    id: str
    type: str
    type_label: str
    title: str
    title_html: str = Field(description="Title with matched words in <mark>; all content HTML-escaped.")
    url: str
    date: datetime | None
    section: str
    province: str
    summary: str
    snippet_html: str = Field(description="Excerpt with matched words in <mark>; all content HTML-escaped.")
    score: float


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
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
    promotions: list[PromotionOut]
    results: list[ResultOut]
    facets: list[FacetOut]


class SuggestionOut(Schema):
    title: str
    url: str
    type_label: str


@api.get("/search", response=SearchOut, summary=str(_("Search all public content")), tags=["search"])
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
        "promotions": outcome.promotions,
        "results": [
            {**r, "title_html": str(r["title_html"]), "snippet_html": str(r["snippet_html"])} for r in outcome.results
        ],
        "facets": [{**f, "title": str(f["title"])} for f in outcome.facets],
    }


@api.get("/search/suggestions", response=list[SuggestionOut], summary="Title suggestions while typing", tags=["search"])
def suggestions(request, q: str = ""):
    return service.suggest(q)
