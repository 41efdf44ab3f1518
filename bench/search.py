"""Search benchmark: N synthetic Dutch documents, indexing rate, and p50/p95 of the search page with facets.

    python bench/search.py                                  # SQLite, N=10,000
    python bench/search.py --n 100000                       # SQLite, N=100,000
    python bench/search.py --n 100000 --postgres postgres://postgres@127.0.0.1:5432/kp_search_bench

The database is a throw-away one: a temporary SQLite file, or the PostgreSQL database named in the URL,
which is dropped and created again. Documents go through the real pipeline (Dutch analysis, compound
splitting, stemming, facet tokens, bulk insert into SearchDocument with its FTS5 triggers or generated
tsvector and GIN index); they are spread over the searchable content types that exist, with a Zipf-like
vocabulary and realistic lengths. Latency is measured on the real /zoeken/ view through Django's test
client (engine, facet counts, snippets, template), for 50 one-to-three-word queries, including the most
common words (vrijwilliger, gemeente), each run twice. Background tasks are queued in the database as in
production (nothing runs them during the benchmark).
"""

import argparse
import itertools
import random
import statistics
import time
from datetime import datetime, timedelta

from _database import setup_django

COMMON = ["vrijwilliger", "gemeente", "organisatie", "mensen", "inzet", "vrijwilligers", "gemeenten", "samen"]
_BASE_TEXT = """
    activiteit aanpak advies agenda bewoner bijeenkomst buurt campagne coordinator deelnemer diversiteit
    dorp eenzaamheid ervaring ervaringsdeskundige evenement expeditie gesprek groep hulp idee inclusie
    informatie initiatief jongere jongeren kennis kracht les maatschappij medewerker methode netwerk
    ondersteuning onderzoek ouderen overheid partner plan praktijk programma project regio school sessie
    sport stad student subsidie tip toegankelijkheid toegankelijk training vacature vereniging verhaal
    waardering welzijn werk werving wijk zorg mantelzorg statushouder nieuwkomer taal vergoeding bestuur
    beleid wethouder ambtenaar stichting club buurthuis bibliotheek zwembad voedselbank kerk moskee
    festival markt klus klusdag maatje buddy coach begeleiding intervisie scholing cursus opleiding
    """
BASE_WORDS = _BASE_TEXT.split()
_FILLER_TEXT = """
    goed nieuw groot klein eerste laatste lokaal landelijk jaarlijks samen vaak soms altijd graag snel
    helpen vragen zoeken vinden leren delen werken maken organiseren betrekken bereiken ondersteunen
    waarderen bedanken beginnen blijven kiezen proberen zien denken weten willen kunnen moeten mogen
    """
FILLER = _FILLER_TEXT.split()
PROVINCES = [
    "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
]  # fmt: skip
QUERIES = [
    "vrijwilliger", "gemeente", "vrijwilligers", "gemeenten", "organisatie", "inzet", "jongeren", "inclusie",
    "toegankelijk", "ervaringsdeskundige", "campagne", "werving", "buurt", "eenzaamheid ouderen", "mantelzorg",
    "statushouder", "vergoeding", "bestuur", "sport", "school", "vrijwilligerswerk", "inclusieagenda",
    "jongerenwerk", "buurthuis", "voedselbank", "klusdag", "taal maatje", "vrijwilliger gemeente",
    "jongeren sport", "inclusie beleid", "werving vrijwilligers", "gemeente subsidie", "ouderen welzijn",
    "training coordinator", "netwerk kennis", "festival", "bibliotheek", "cursus", "stichting",
    "wethouder", "expeditie", "onderzoek", "diversiteit bestuur", "buddy", "intervisie", "zwembad",
    "vrijwilliger gemeente inzet", "jongeren school sport", "mantelzorg ondersteuning", "kerk moskee",
]  # fmt: skip


def build_vocabulary(rng):
    """Base words, inflections and compounds, ranked for a Zipf-like frequency distribution."""
    from search.dutch import WORDS

    words = list(dict.fromkeys(COMMON + BASE_WORDS))
    parts = sorted(WORDS)
    compounds = [f"{rng.choice(parts)}{rng.choice(['', 's'])}{rng.choice(parts)}" for _ in range(1500)]
    inflected = [f"{word}{rng.choice(['en', 's', 'e'])}" for word in BASE_WORDS]
    rare = [f"{rng.choice(BASE_WORDS)}{rng.choice(FILLER)}" for _ in range(3000)]
    vocabulary = words + inflected + list(dict.fromkeys(compounds)) + rare
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(vocabulary))]
    return vocabulary, list(itertools.accumulate(weights))


class SyntheticDocument:
    def __init__(self, pk, title, summary, body, date, province, themes, audiences):
        self.pk = pk
        self.title = title
        self.summary = summary
        self.body = body
        self.search_result_date = date
        self.search_province = province
        self.themes = themes
        self.audiences = audiences
        self.url = f"/bench/{pk}/"

    def get_search_fields(self):
        from wagtail.search.index import SearchField

        class AttributeField(SearchField):
            def get_value(self, obj):
                return getattr(obj, self.field_name)

        return [AttributeField("body")]


def sentence(rng, vocabulary, cum_weights, length):
    words = rng.choices(vocabulary, cum_weights=cum_weights, k=length)
    fillers = rng.choices(FILLER + ["de", "het", "een", "en", "van", "voor", "met"], k=length // 2)
    mixed = [w for pair in zip(words, fillers, strict=False) for w in pair] + words[len(fillers) :]
    return " ".join(mixed).capitalize() + "."


def generate(n, rng, vocabulary, weights, themes, audiences):
    from django.utils import timezone

    start = timezone.make_aware(datetime(2019, 1, 1))
    for pk in range(1, n + 1):
        title = sentence(rng, vocabulary, weights, rng.randint(3, 7)).rstrip(".")
        summary = sentence(rng, vocabulary, weights, rng.randint(12, 20))
        body = " ".join(sentence(rng, vocabulary, weights, rng.randint(8, 16)) for _ in range(rng.randint(10, 30)))
        date = start + timedelta(days=rng.randint(0, 7 * 365))
        province = rng.choice(PROVINCES) if rng.random() < 0.4 else ""
        yield SyntheticDocument(
            pk,
            title,
            summary,
            body,
            date,
            province,
            rng.sample(themes, rng.randint(0, 3)),
            rng.sample(audiences, rng.randint(0, 2)),
        )


def queue_tasks_like_production(settings):
    """Background tasks (query log, spelling vocabulary) go to the database queue, as in production, instead of
    running inside the request as the test settings make them."""
    from django.test.utils import override_settings

    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()


def make_site():
    from wagtail.models import Site

    from core.factories import AudienceFactory, HomePageFactory, ThemeFactory
    from tests.conftest import ensure_wagtail_base

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="bench")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Bench")
    themes = [ThemeFactory(name=name) for name in ["Werving", "Inclusie", "Jongeren", "Samenwerking", "Zichtbaarheid"]]
    audiences = [AudienceFactory(name=name) for name in ["Gemeenten", "Professionals", "Vrijwilligers"]]
    return themes, audiences


def index_documents(documents, type_keys, batch_size=1000):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from search.indexing import document_values
    from search.models import SearchDocument

    content_types = {key: ContentType.objects.get_by_natural_key(*key.split(".")) for key in type_keys}
    vendor = connection.vendor
    count = 0
    batch = []
    started = time.perf_counter()
    with transaction.atomic():
        for document in documents:
            type_key = type_keys[document.pk % len(type_keys)]
            values = document_values(document, section="Bench", type_key=type_key)
            batch.append(SearchDocument(content_type=content_types[type_key], object_id=str(document.pk), **values))
            if len(batch) >= batch_size:
                SearchDocument.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum leaves a table at rest (and so that it does not start during the measurement).
            cursor.execute("VACUUM (ANALYZE) search_searchdocument")
    else:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    return count, time.perf_counter() - started


def build_facet_index():
    """Seconds to build the facet bitsets, which the first search after any change to the index does."""
    from search.engines import facet_index
    from search.models import IndexState

    started = time.perf_counter()
    facet_index.get(IndexState.current())
    return time.perf_counter() - started


def measure(queries, themes, rounds=2):
    """Latency per round: the first round is cold (nothing cached), the second repeats the same searches."""
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    cache.clear()
    client = Client()
    for warm in ("werk", "plan", "club"):
        client.get("/zoeken/", {"q": warm})
    samples = [[] for _ in range(rounds)]
    per_query = {}
    for round_number in range(rounds):
        for index, query in enumerate(queries):
            params = {"q": query}
            if index % 5 == 4:  # every fifth query also applies a theme facet
                params["theme"] = str(themes[index % len(themes)].pk)
            started = time.perf_counter()
            response = client.get("/zoeken/", params)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, query
            samples[round_number].append(elapsed)
            if round_number == 0:
                per_query[query] = (elapsed, response.context["outcome"].response.total)
    return samples, per_query


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="number of documents (default 10,000)")
    parser.add_argument("--postgres", default="", help="PostgreSQL URL of a throw-away database (dropped!)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    setup_django(args.postgres, "search", before_migrate=queue_tasks_like_production)
    from django.db import connection

    from search.indexing import searchable_other_models, searchable_page_models

    themes, audiences = make_site()
    models = [m for m in searchable_page_models() if m._meta.model_name != "homepage"] + searchable_other_models()
    type_keys = [f"{m._meta.app_label}.{m._meta.model_name}" for m in models] or ["core.contentpage"]
    rng = random.Random(args.seed)
    vocabulary, weights = build_vocabulary(rng)

    print(f"generating {args.n} documents…", flush=True)
    documents = list(generate(args.n, rng, vocabulary, weights, themes, audiences))
    print("indexing…", flush=True)
    count, seconds = index_documents(documents, type_keys)
    del documents
    facet_seconds = build_facet_index()
    samples, per_query = measure(QUERIES, themes)

    print(f"database: {connection.vendor}, documents: {count}, content types: {len(type_keys)}")
    print(f"indexing: {seconds:.1f} s, {count / seconds:.0f} documents/s")
    print(f"facet index (built once per index change): {facet_seconds * 1000:.0f} ms")
    print(f"search page with facets, {len(QUERIES)} queries:")
    for label, values in zip(("cold (first run)", "repeated (cached)"), samples, strict=True):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"  {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(values):.1f} ms")
    slowest = sorted(per_query.items(), key=lambda item: -item[1][0])[:5]
    print("  slowest (first run): " + ", ".join(f"{q!r} {ms:.0f} ms ({hits} hits)" for q, (ms, hits) in slowest))
    common = {q: per_query[q] for q in ("vrijwilliger", "gemeente")}
    print("  common words: " + ", ".join(f"{q!r} {ms:.0f} ms ({hits} hits)" for q, (ms, hits) in common.items()))


if __name__ == "__main__":
    main()
