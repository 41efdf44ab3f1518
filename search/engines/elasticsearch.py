"""Elasticsearch engine: used when ELASTICSEARCH_URL is set, with the database engine as fallback.

The index holds one document per SearchDocument row (same id), analysed with the Dutch analyzer from
``search.dutch.elasticsearch_analysis``. ``SEARCH_ELASTICSEARCH_INDEX`` names an alias: searches and updates use it,
and a rebuild fills a new concrete index before it switches the alias (see ``_rebuild``).
Every call here is bounded by a short timeout; index updates log errors instead of raising, so saving content never
fails because Elasticsearch is down, and ``update_index`` (or ``rebuild_search_documents``) restores the index
afterwards.
"""

import contextlib
import logging
from collections import Counter

from django.conf import settings
from django.utils import timezone

from search import dutch, facets
from search.engines.base import PARTIAL_MATCH_BELOW, Hit, SearchResponse

logger = logging.getLogger(__name__)


def is_configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def index_name():
    return settings.SEARCH_ELASTICSEARCH_INDEX


def get_client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.SEARCH_ELASTICSEARCH_TIMEOUT,
        max_retries=0,
        retry_on_timeout=False,
    )


def index_body():
    text = {"type": "text", "analyzer": "dutch_text"}
    return {
        "settings": {**dutch.elasticsearch_analysis(), "index": {"number_of_shards": 1, "number_of_replicas": 0}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "title": {**text, "fields": {"raw": {"type": "keyword", "ignore_above": 255}}},
                "summary": text,
                "body": text,
                # One keyword field per facet of search/facets.py; a document may have several values.
                **{facet.es_field: {"type": "keyword"} for facet in facets.FACETS},
                "date": {"type": "date"},
                "section": {"type": "keyword"},
            },
        },
    }


def document_body(document):
    return {
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        **{facet.es_field: document.facet_values.get(facet.name) or None for facet in facets.FACETS},
        "date": document.date.isoformat() if document.date else None,
        "section": document.section,
    }


def _facet_filters(params, skip=None):
    filters = []
    for name, values in params.filters.items():
        if name != skip and values:
            filters.append({"terms": {facets.BY_NAME[name].es_field: [str(v) for v in values]}})
    return filters


TEXT_FIELDS = ["title^10", "summary^2", "body"]
# In a partial match every word a document has adds this much to its score: far more than relevance ever does,
# so documents with more of the words come first, ranked by relevance among themselves.
WORD_MATCH_BOOST = 1000


def _words_query(words, partial, by_date=False):
    if not partial:
        return {
            "multi_match": {
                "query": " ".join(words),
                "fields": TEXT_FIELDS,
                "type": "cross_fields",
                "operator": "and",
            }
        }
    per_word = [
        {
            "constant_score": {
                "filter": {"multi_match": {"query": word, "fields": TEXT_FIELDS, "type": "cross_fields"}},
                "boost": 1 if by_date else WORD_MATCH_BOOST,
            }
        }
        for word in words
    ]
    query = {"bool": {"should": per_word, "minimum_should_match": 1}}
    if not by_date:  # relevance within a group of documents with as many words: the ordinary match, any word
        query["bool"]["must"] = [
            {"multi_match": {"query": " ".join(words), "fields": TEXT_FIELDS, "type": "cross_fields"}}
        ]
    return query


def query_body(params, offset=0, limit=10, partial=False):
    """The search request: Dutch full text, facet filters as post_filter, multi-select aggregations.

    With `partial`, documents need only one of the words (``minimum_should_match``); those with more of the
    words score higher (``WORD_MATCH_BOOST``) and so come first."""
    by_date = params.sort == "newest"
    query = _words_query(params.words, partial, by_date) if params.words else {"match_all": {}}
    aggregations = {
        facet.name: {
            "filter": {"bool": {"filter": _facet_filters(params, skip=facet.name)}},
            "aggs": {"values": {"terms": {"field": facet.es_field, "size": facet.es_size}}},
        }
        for facet in facets.FACETS
    }
    if partial and by_date:  # the score is the number of words: most words first, then the newest
        sort = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    elif by_date or not params.words:
        sort = [{"date": {"order": "desc", "missing": "_last"}}]
    else:
        sort = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    return {
        "query": query,
        "post_filter": {"bool": {"filter": _facet_filters(params)}},
        "aggs": aggregations,
        "sort": sort,
        "from": offset,
        "size": limit,
        "_source": False,
        "track_total_hits": True,
    }


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or get_client()

    def search(self, params, offset=0, limit=10):
        from search.models import SearchDocument

        if params.is_empty:
            return SearchResponse(engine=self.name)
        response = self.client.search(index=index_name(), body=query_body(params, offset, limit))
        all_words_total, partial = response["hits"]["total"]["value"], False
        if all_words_total < PARTIAL_MATCH_BELOW and len(params.words) > 1:
            wider = self.client.search(index=index_name(), body=query_body(params, offset, limit, partial=True))
            if wider["hits"]["total"]["value"] > all_words_total:
                response, partial = wider, True
        ranked = [(int(hit["_id"]), float(hit.get("_score") or 0)) for hit in response["hits"]["hits"]]
        documents = SearchDocument.objects.defer("title_terms", "body_terms", "facet_terms").in_bulk(
            [pk for pk, _ in ranked]
        )
        counts = {facet.name: Counter() for facet in facets.FACETS}
        for name, aggregation in response["aggregations"].items():
            if name in counts:
                for bucket in aggregation["values"]["buckets"]:
                    counts[name][str(bucket["key"])] = bucket["doc_count"]
        return SearchResponse(
            total=response["hits"]["total"]["value"],
            hits=[Hit(documents[pk], score) for pk, score in ranked if pk in documents],
            facets=counts,
            engine=self.name,
            partial_match=partial,
            all_words_total=all_words_total if partial else 0,
        )

    def suggest(self, text, limit=8):
        from search.models import SearchDocument

        body = {
            "query": {"match_phrase_prefix": {"title": {"query": text}}},
            "size": limit,
            "_source": False,
        }
        response = self.client.search(index=index_name(), body=body)
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        documents = SearchDocument.objects.only("id", "title", "url", "type_key").in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]

    def ping(self):
        return bool(self.client.ping())


def _quietly(action, *args):
    if not is_configured():
        return None
    try:
        return action(*args)
    except Exception:  # noqa: BLE001 - the index being down must never break saving content
        logger.warning("Elasticsearch index update failed; run update_index once it is back", exc_info=True)
        return None


def _index(document):
    get_client().index(index=index_name(), id=str(document.pk), document=document_body(document))


def _delete(ids):
    from elasticsearch import NotFoundError

    client = get_client()
    for pk in ids:
        with contextlib.suppress(NotFoundError):
            client.delete(index=index_name(), id=str(pk))


def _documents():
    from search.models import SearchDocument

    return SearchDocument.objects.defer("title_terms", "body_terms", "facet_terms")


def _load(client, index, documents):
    from elasticsearch.helpers import bulk

    actions = (
        {"_index": index, "_id": str(document.pk), "_source": document_body(document)}
        for document in documents.iterator()
    )
    bulk(client, actions, chunk_size=500)


def _rebuild():
    """Build a new concrete index ``<name>_<timestamp>`` and switch the alias ``<name>`` to it in one request.

    Searches and single-document updates use the alias, so until the switch they keep going to the old index.
    A failed load deletes the half-built index and leaves the alias where it was. A concrete index still
    called ``<name>`` (from versions without the alias) is deleted in the same atomic request that adds the
    alias (``remove_index``), so there is no moment without an index of that name."""
    alias = index_name()
    client = get_client()
    started = timezone.now()
    new_index = f"{alias}_{started:%Y%m%d%H%M%S%f}"
    client.indices.create(index=new_index, **index_body())
    try:
        _load(client, new_index, _documents())
        client.indices.refresh(index=new_index)
    except Exception:
        try:
            client.options(ignore_status=[404]).indices.delete(index=new_index)
        except Exception:  # noqa: BLE001 - report the load error; name what is left behind
            logger.warning("Could not delete the half-built search index %s", new_index, exc_info=True)
        raise
    # Looked up just before the switch, so that a rebuild running meanwhile cannot leave a stale index behind.
    if client.indices.exists_alias(name=alias):
        old_indexes, unaliased = sorted(client.indices.get_alias(name=alias)), False
    else:
        old_indexes, unaliased = [], bool(client.indices.exists(index=alias))
    actions = [{"remove": {"index": old, "alias": alias}} for old in old_indexes]
    if unaliased:
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": new_index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for old in old_indexes:
        client.options(ignore_status=[404]).indices.delete(index=old)
    # Documents saved while the new index loaded went to the old one; write them again, now through the alias.
    changed = _documents().filter(indexed_at__gte=started)
    if changed.exists():
        _load(client, alias, changed)


def index_document_quietly(document):
    return _quietly(_index, document)


def delete_documents_quietly(ids):
    return _quietly(_delete, ids)


def rebuild_quietly():
    return _quietly(_rebuild)
