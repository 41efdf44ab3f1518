"""The search part of the readiness check (``/readyz``), registered with core at startup."""

from core.health import CheckFailed


def check_search():
    """The search page's backend: Elasticsearch answers and has its index, or the database documents table reads."""
    from search.engines import elasticsearch
    from search.models import SearchDocument

    if elasticsearch.is_configured():
        client = elasticsearch.get_client()
        if not client.indices.exists(index=elasticsearch.index_name()):
            raise CheckFailed("index missing (run manage.py update_index)", {"backend": "elasticsearch"})
        return {"backend": "elasticsearch"}
    SearchDocument.objects.only("pk").first()
    return {"backend": "database"}
