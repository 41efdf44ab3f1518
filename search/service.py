"""One entry point for the page, the API and the suggestions: parse, search, present."""

import difflib
import logging
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.text import clean_text
from search import dutch, facets
from search.engines import elasticsearch
from search.engines.base import MAX_PAGE, MAX_QUERY_LENGTH, PAGE_SIZE, SORTS, SearchParams, SearchResponse
from search.engines.database import DatabaseEngine
from search.facets import type_label
from search.highlight import has_match, highlight, highlight_title
from search.models import QueryLog, SearchDocument

logger = logging.getLogger(__name__)

MAX_VALUES_PER_FACET = 20
VOCABULARY_DOCUMENTS = 20_000  # spelling hints come from the titles and summaries of the newest documents


def _int(value, default):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def parse_params(data):
    """SearchParams from a QueryDict (or a dict of lists). Never raises: bad values are dropped."""

    def getlist(name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(values, str):
            values = [values]
        values = (clean_text(v)[:100] for v in values)
        return [v for v in values if v.strip()][:MAX_VALUES_PER_FACET]

    raw = data.get("q", "") if hasattr(data, "get") else ""
    if isinstance(raw, list):
        raw = raw[0] if raw else ""
    query = " ".join(clean_text(raw).split())
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    sort = data.get("sort", "relevance") if hasattr(data, "get") else "relevance"
    params = SearchParams(
        query=query,
        sort=sort if sort in SORTS else "relevance",
        page=min(max(_int(data.get("page", 1) if hasattr(data, "get") else 1, 1), 1), MAX_PAGE),
        truncated=truncated,
    )
    for facet in facets.FACETS:
        params.filters[facet.name] = [value for value in getlist(facet.param) if facet.accepted(value)]
    return params


def get_engines():
    """Engines to try, in order: Elasticsearch when configured, then always the database."""
    engines = []
    if elasticsearch.is_configured():
        try:
            engines.append(elasticsearch.ElasticsearchEngine())
        except Exception:  # noqa: BLE001
            logger.warning("Search: Elasticsearch client could not be created", exc_info=True)
    engines.append(DatabaseEngine())
    return engines


def run_engines(method, *args, **kwargs):
    """(result, degraded): the first engine that answers; degraded when a preferred engine failed."""
    degraded = False
    engines = get_engines()
    for engine in engines[:-1]:
        try:
            return getattr(engine, method)(*args, **kwargs), False
        except Exception:  # noqa: BLE001 - fall back to the database, never a 500
            logger.warning("Search: %s failed, falling back to the database", engine.name, exc_info=True)
            degraded = True
    return getattr(engines[-1], method)(*args, **kwargs), degraded


@dataclass
class SearchOutcome:
    params: SearchParams
    response: SearchResponse
    results: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    spelling: str = ""
    took_ms: float = 0.0

    @property
    def partial_match(self):
        """The results have most, not all, of the words (fewer than PARTIAL_MATCH_BELOW had all of them)."""
        return self.response.partial_match

    @property
    def num_pages(self):
        return min(MAX_PAGE, max(1, -(-self.response.total // PAGE_SIZE)))


def snippet(document, stems):
    """Where the words match in the text beyond the summary (it never repeats the summary), else the summary."""
    if document.body and has_match(document.body, stems):
        return highlight(document.body, stems)
    return highlight(document.summary or document.body, stems)


def present_results(response, params):
    stems = params.stems
    results = []
    for hit in response.hits:
        document = hit.document
        results.append(
            {
                "id": f"{document.type_key}:{document.object_id}",
                "type": document.type_key,
                "type_label": type_label(document.type_key),
                "title": document.title,
                "title_html": highlight_title(document.title, stems),
                "url": document.url,
                "date": document.date,
                "section": document.section,
                "province": document.province,
                "summary": document.summary,
                "snippet_html": snippet(document, stems),
                "score": round(hit.score, 4),
            }
        )
    return results


def present_facets(response, params):
    """The facets with values to offer, in the order of search/facets.py: each as its parameter (``name``), title
    and options (value, label, count, selected). A chosen value stays visible (and can be unchecked) at zero."""
    presented = []
    for facet in facets.FACETS:
        counts = dict(response.facets.get(facet.name) or {})
        selected = {str(value) for value in params.filters[facet.name]}
        for value in selected:
            counts.setdefault(value, 0)
        labels = facet.labels(list(counts)) if counts else {}
        options = [
            {"value": value, "label": labels[value], "count": count, "selected": value in selected}
            for value, count in counts.items()
            if value in labels  # values without a label (a deleted theme, an unknown type) are not offered
        ]
        if options:
            presented.append({"name": facet.param, "title": facet.title, "options": facet.sort_options(options)})
    return presented


def promotions_for(query):
    """Editors' picks (Wagtail search promotions) for this query: live, public pages or external links."""
    if not query:
        return []
    picks = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if picks is None:
        return []
    items = []
    public_ids = set(
        Page.objects.live().public().filter(pk__in=picks.editors_picks.values("page_id")).values_list("pk", flat=True)
    )
    for pick in picks.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id and pick.page_id in public_ids:
            items.append({"title": pick.page.title, "url": pick.page.url, "description": pick.description})
        elif pick.external_link_url:
            items.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return items


VOCABULARY_KEY = "search:vocabulary"
VOCABULARY_SECONDS = 15 * 60


def build_vocabulary():
    """Folded words of the newest documents' titles and summaries, for spelling hints; stored in the cache."""
    words = set()
    recent = SearchDocument.objects.order_by("-id").values_list("title", "summary")[:VOCABULARY_DOCUMENTS]
    for title, summary in recent.iterator(chunk_size=2000):
        words.update(dutch.words(f"{title} {summary}"))
    words = sorted(w for w in words if len(w) > 3 and not w.isdigit())  # filtered once, after dedup
    cache.set(VOCABULARY_KEY, (time.time(), words), None)
    return words


def vocabulary():
    """The spelling vocabulary. Building it reads thousands of rows, so a request never waits for a rebuild:
    when it is missing or older than a quarter of an hour, a background task builds it (with immediate
    tasks, as in development, that happens right here) and the request uses what there is."""
    cached = cache.get(VOCABULARY_KEY)
    if cached is None or cached[0] < time.time() - VOCABULARY_SECONDS:
        from search.tasks import refresh_vocabulary_quietly

        refresh_vocabulary_quietly()
        cached = cache.get(VOCABULARY_KEY) or cached
    return cached[1] if cached else []


def spelling_suggestion(params):
    """A corrected query when a close known word exists for a word of the query, else ''."""
    known = vocabulary()
    known_set = set(known)
    changed = False
    corrected = []
    for word in dutch.words(params.query):
        if word in known_set or word in dutch.STOP_WORDS or len(word) <= 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        if close:
            corrected.append(close[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def popular_queries(limit=6):
    return QueryLog.objects.shown_on_site(limit=limit)


def search(params, *, log=True, visitor=""):
    """Run a search for the page or the API."""
    started = time.perf_counter()
    response, degraded = run_engines("search", params, offset=params.offset, limit=PAGE_SIZE)
    outcome = SearchOutcome(params=params, response=response)
    if degraded:
        outcome.notices.append(
            _("Search is running with limited features (beperkte zoekfunctie): results come from a simpler index.")
        )
    if params.truncated:
        outcome.notices.append(
            _("Your search was longer than %(max)s characters and has been shortened.") % {"max": MAX_QUERY_LENGTH}
        )
    outcome.results = present_results(response, params)
    outcome.facets = present_facets(response, params)
    outcome.promotions = promotions_for(params.query)
    if params.query and response.total == 0:
        outcome.spelling = spelling_suggestion(params)
    if log and params.stems and params.page == 1:
        from search.tasks import log_search_quietly

        log_search_quietly(normalise_query_string(params.query), response.total == 0, visitor)
    outcome.took_ms = (time.perf_counter() - started) * 1000
    return outcome


def suggest(text, limit=8):
    text = " ".join(clean_text(text).split())[:MAX_QUERY_LENGTH]
    if len(text) < 2:
        return []
    documents, _degraded = run_engines("suggest", text, limit=limit)
    return [{"title": d.title, "url": d.url, "type_label": type_label(d.type_key)} for d in documents]
