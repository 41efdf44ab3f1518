"""Rebuilding the search page's Elasticsearch index behind an alias, without downtime.

No server runs here: the real Elasticsearch client talks to `FakeCluster`, a transport node that keeps indexes and
aliases in memory, answers the few APIs the engine uses the way Elasticsearch does, and records every request.
"""

import json
import re

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from search.engines import elasticsearch
from search.engines.base import SearchParams
from search.models import SearchDocument

pytestmark = pytest.mark.django_db
ALIAS = "kennisplatform_search"


class FakeCluster(BaseNode):
    indexes = {}  # concrete index name -> {document id: source}
    aliases = {}  # alias -> set of concrete index names
    requests = []  # "METHOD /path" of every request, in order
    during_bulk = None  # called once, at the first bulk request, as if a visitor or editor acted meanwhile
    fail_bulk = False

    @classmethod
    def reset(cls):
        cls.indexes, cls.aliases, cls.requests, cls.during_bulk, cls.fail_bulk = {}, {}, [], None, False

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path = target.split("?")[0]
        FakeCluster.requests.append(f"{method} {path}")
        status, payload = self.answer(method, path.strip("/").split("/"), body)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, b"" if method == "HEAD" else json.dumps(payload).encode())

    @staticmethod
    def resolve(name):
        return sorted(FakeCluster.aliases.get(name) or ([name] if name in FakeCluster.indexes else []))

    @staticmethod
    def error(status, kind):
        return status, {"error": {"type": kind, "reason": kind}, "status": status}

    def answer(self, method, parts, body):
        cluster = FakeCluster
        data = json.loads(body) if body and parts != ["_bulk"] else None
        if parts[0] == "_alias":
            targets = sorted(cluster.aliases.get(parts[1], ()))
            if not targets:
                return self.error(404, "aliases_not_found_exception")
            return 200, {index: {"aliases": {parts[1]: {}}} for index in targets}
        if parts == ["_aliases"]:
            return self.update_aliases(data["actions"])
        if parts == ["_bulk"]:
            return self.bulk(body)
        name, targets = parts[0], self.resolve(parts[0])
        if len(parts) == 1 and method == "HEAD":
            return (200, {}) if targets else self.error(404, "index_not_found_exception")
        if len(parts) == 1 and method == "PUT":
            if targets:
                return self.error(400, "resource_already_exists_exception")
            cluster.indexes[name] = {}
            return 200, {"acknowledged": True, "index": name}
        if len(parts) == 1 and method == "DELETE":
            if name not in cluster.indexes:
                return self.error(404, "index_not_found_exception")
            del cluster.indexes[name]
            for members in cluster.aliases.values():
                members.discard(name)
            return 200, {"acknowledged": True}
        if not targets:
            return self.error(404, "index_not_found_exception")
        if parts[1] == "_refresh":
            return 200, {"_shards": {"failed": 0}}
        if parts[1] == "_search":
            hits = [{"_id": pk, "_score": 1.0} for index in targets for pk in sorted(cluster.indexes[index])]
            aggregations = {key: {"values": {"buckets": []}} for key in data.get("aggs", {})}
            return 200, {"hits": {"total": {"value": len(hits)}, "hits": hits}, "aggregations": aggregations}
        if parts[1] == "_doc" and len(targets) == 1:
            cluster.indexes[targets[0]][parts[2]] = data
            return 200, {"_index": targets[0], "_id": parts[2], "result": "updated"}
        return self.error(400, "unsupported_by_fake_cluster")

    def update_aliases(self, actions):
        cluster = FakeCluster
        indexes, aliases = dict(cluster.indexes), {alias: set(m) for alias, m in cluster.aliases.items()}
        for action in actions:  # Elasticsearch runs every remove_index first
            if "remove_index" in action:
                indexes.pop(action["remove_index"]["index"])
        for action in actions:
            (kind, target), *_ = action.items()
            if kind == "add":
                if target["alias"] in indexes or target["index"] not in indexes:
                    return self.error(400, "invalid_alias_name_exception")
                aliases.setdefault(target["alias"], set()).add(target["index"])
            elif kind == "remove":
                aliases.get(target["alias"], set()).discard(target["index"])
        cluster.indexes, cluster.aliases = indexes, aliases  # all actions or none
        return 200, {"acknowledged": True}

    def bulk(self, body):
        cluster = FakeCluster
        if cluster.during_bulk:
            action, cluster.during_bulk = cluster.during_bulk, None
            action()
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items = []
        for meta, source in zip(lines[::2], lines[1::2], strict=True):
            target, pk = self.resolve(meta["index"]["_index"]), meta["index"]["_id"]
            if cluster.fail_bulk or len(target) != 1:
                items.append({"index": {"_id": pk, "status": 400, "error": {"type": "mapper_parsing_exception"}}})
            else:
                cluster.indexes[target[0]][pk] = source
                items.append({"index": {"_index": target[0], "_id": pk, "status": 201}})
        return 200, {"errors": any("error" in item["index"] for item in items), "items": items}


@pytest.fixture
def cluster(corpus, settings, monkeypatch):
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    FakeCluster.reset()
    monkeypatch.setattr(
        elasticsearch, "get_client", lambda: Elasticsearch(settings.ELASTICSEARCH_URL, node_class=FakeCluster)
    )
    yield FakeCluster
    FakeCluster.reset()


def found_ids(query="vrijwilligers"):
    response = elasticsearch.ElasticsearchEngine().search(SearchParams(query=query))
    return {hit.document.pk for hit in response.hits}


def new_index(cluster):
    (created,) = [r[len("PUT /") :] for r in cluster.requests if re.fullmatch(rf"PUT /{ALIAS}_\d{{20}}", r)]
    return created


def test_rebuild_loads_a_new_index_and_switches_the_alias_while_searches_use_the_old_one(cluster):
    everything = set(SearchDocument.objects.values_list("pk", flat=True))
    old_content = sorted(everything)[:2]
    cluster.indexes = {f"{ALIAS}_old": {str(pk): {} for pk in old_content}}
    cluster.aliases = {ALIAS: {f"{ALIAS}_old"}}
    seen_during_rebuild = []
    cluster.during_bulk = lambda: seen_during_rebuild.append(found_ids())

    elasticsearch.rebuild_quietly()

    created = new_index(cluster)
    assert seen_during_rebuild == [set(old_content)]  # the old index answered in full while the new one loaded
    assert cluster.requests == [
        f"PUT /{created}",
        "PUT /_bulk",
        f"POST /{ALIAS}/_search",  # a search while the bulk load is under way
        f"POST /{created}/_refresh",
        f"HEAD /_alias/{ALIAS}",
        f"GET /_alias/{ALIAS}",
        "POST /_aliases",
        f"DELETE /{ALIAS}_old",
    ]
    assert cluster.aliases == {ALIAS: {created}} and set(cluster.indexes) == {created}
    assert {int(pk) for pk in cluster.indexes[created]} == everything
    assert found_ids() == everything


def test_the_alias_moves_in_one_request_with_remove_and_add(cluster, monkeypatch):
    cluster.indexes = {f"{ALIAS}_old": {}}
    cluster.aliases = {ALIAS: {f"{ALIAS}_old"}}
    calls = []
    real_client = elasticsearch.get_client

    def recording_client():
        client = real_client()
        update = client.indices.update_aliases
        client.indices.update_aliases = lambda **kwargs: calls.append(kwargs) or update(**kwargs)
        return client

    monkeypatch.setattr(elasticsearch, "get_client", recording_client)
    elasticsearch.rebuild_quietly()
    assert calls == [
        {
            "actions": [
                {"remove": {"index": f"{ALIAS}_old", "alias": ALIAS}},
                {"add": {"index": new_index(cluster), "alias": ALIAS}},
            ]
        }
    ]


def test_first_rebuild_on_an_empty_server_creates_the_index_and_the_alias(cluster):
    elasticsearch.rebuild_quietly()
    created = new_index(cluster)
    assert cluster.requests == [
        f"PUT /{created}",
        "PUT /_bulk",
        f"POST /{created}/_refresh",
        f"HEAD /_alias/{ALIAS}",
        f"HEAD /{ALIAS}",
        "POST /_aliases",
    ]
    assert cluster.aliases == {ALIAS: {created}}
    assert found_ids() == set(SearchDocument.objects.values_list("pk", flat=True))


def test_an_index_from_before_the_alias_is_replaced_by_the_alias_in_one_request(cluster):
    """Older versions made a concrete index named like the alias. It answers searches until the switch, which
    deletes it (remove_index) and adds the alias in the same atomic request: the name never goes missing."""
    legacy = sorted(SearchDocument.objects.values_list("pk", flat=True))[:1]
    cluster.indexes = {ALIAS: {str(pk): {} for pk in legacy}}
    seen_during_rebuild = []
    cluster.during_bulk = lambda: seen_during_rebuild.append(found_ids())

    elasticsearch.rebuild_quietly()

    created = new_index(cluster)
    assert seen_during_rebuild == [set(legacy)]
    assert cluster.requests == [
        f"PUT /{created}",
        "PUT /_bulk",
        f"POST /{ALIAS}/_search",
        f"POST /{created}/_refresh",
        f"HEAD /_alias/{ALIAS}",
        f"HEAD /{ALIAS}",
        "POST /_aliases",  # remove_index of the old index and add of the alias, in one request
    ]
    assert cluster.aliases == {ALIAS: {created}} and set(cluster.indexes) == {created}
    assert found_ids() == set(SearchDocument.objects.values_list("pk", flat=True))


def test_a_failed_load_keeps_the_old_index_and_deletes_the_half_built_one(cluster, caplog):
    old_content = sorted(SearchDocument.objects.values_list("pk", flat=True))[:2]
    cluster.indexes = {f"{ALIAS}_old": {str(pk): {} for pk in old_content}}
    cluster.aliases = {ALIAS: {f"{ALIAS}_old"}}
    cluster.fail_bulk = True

    elasticsearch.rebuild_quietly()  # logs, never raises: saving content must not fail

    created = new_index(cluster)
    assert "Elasticsearch index update failed" in caplog.text
    assert cluster.requests[-2:] == ["PUT /_bulk", f"DELETE /{created}"]
    assert "POST /_aliases" not in cluster.requests
    assert cluster.aliases == {ALIAS: {f"{ALIAS}_old"}} and set(cluster.indexes) == {f"{ALIAS}_old"}
    assert found_ids() == set(old_content)


def test_a_change_saved_during_the_rebuild_reaches_the_new_index(cluster):
    cluster.indexes = {f"{ALIAS}_old": {}}
    cluster.aliases = {ALIAS: {f"{ALIAS}_old"}}
    document = SearchDocument.objects.order_by("pk").first()

    def editor_publishes():
        document.title = "Vrijwilligers in de wijk, bijgewerkt"
        document.save()
        elasticsearch.index_document_quietly(document)  # through the alias: lands in the old index

    cluster.during_bulk = editor_publishes
    elasticsearch.rebuild_quietly()

    created = new_index(cluster)
    assert f"PUT /{ALIAS}/_doc/{document.pk}" in cluster.requests
    assert cluster.requests[-1] == "PUT /_bulk"  # after the switch, the changed document is written again
    assert cluster.indexes[created][str(document.pk)]["title"] == "Vrijwilligers in de wijk, bijgewerkt"
