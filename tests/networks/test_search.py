"""Network content in search: municipalities, agendas (with the text of their PDF) and meetings, with the
gemeente and provincie facets; a small Dutch relevance set of network queries."""

import datetime

import pytest
from django.utils import timezone

from core.models import Province
from networks.factories import NetworkMeetingPageFactory
from search import indexing, service
from search.engines.base import SearchParams

pytestmark = pytest.mark.django_db

NETWORK_RELEVANCE = [
    ("inclusie agenda zwolle", "/gemeenten/zwolle/inclusie-agenda/"),
    ("lokale inclusie agenda deventer", "/gemeenten/deventer/inclusie-agenda/"),
    ("levensloopbestendige woningen", "/gemeenten/zwolle/inclusie-agenda/"),  # only in Zwolle's PDF
    ("gemeente maastricht", "/gemeenten/maastricht/"),
    ("bijeenkomst wonen en vervoer", "/wonen-en-vervoer/"),
    ("ervaringsdeskundigen schouwden de binnenstad", "/gemeenten/deventer/inclusie-agenda/"),
]


@pytest.fixture
def network_index(tree):
    zwolle = tree.add("Zwolle", "GM0193", province=Province.OVERIJSSEL)
    deventer = tree.add("Deventer", "GM0150", province=Province.OVERIJSSEL)
    maastricht = tree.add("Maastricht", "GM0935", province=Province.LIMBURG)
    tree.agenda(
        zwolle,
        domains=["housing", "mobility"],
        agenda_summary="<p>Zwolle wil dat wonen en reizen voor iedereen vanzelf gaan.</p>",
        pdf_text="De gemeente bouwt meer levensloopbestendige woningen en maakt haltes toegankelijk.",
    )
    tree.agenda(
        deventer,
        domains=["accessibility"],
        agenda_summary="<p>Ervaringsdeskundigen schouwden de binnenstad: toegankelijk voor iedereen.</p>",
    )
    tree.agenda(maastricht, agenda_summary="<p>Toegankelijke cultuur en informatie in eenvoudige taal.</p>")
    meeting = NetworkMeetingPageFactory(
        parent=tree.network,
        title="Netwerkbijeenkomst wonen en vervoer",
        slug="wonen-en-vervoer",
        start=timezone.now() + datetime.timedelta(days=10),
    )
    meeting.municipalities.set([zwolle.municipality, deventer.municipality])
    meeting.save()
    indexing.rebuild()
    return {"zwolle": zwolle, "deventer": deventer, "maastricht": maastricht, "meeting": meeting}


def urls(query, **facets):
    return [result["url"] for result in service.search(SearchParams(query=query, **facets), log=False).results]


def test_network_relevance_set(network_index):
    failures = []
    for query, expected in NETWORK_RELEVANCE:
        found = urls(query)
        if not found or not found[0].endswith(expected):
            failures.append(f"{query!r}: expected {expected} first, got {found[:3]}")
    assert not failures, "\n".join(failures)


def test_the_pdf_text_is_found_and_the_result_links_to_the_agenda_page(network_index):
    (url,) = urls("levensloopbestendige")
    assert url.endswith("/netwerken/iedereen-doet-mee/gemeenten/zwolle/inclusie-agenda/")


def test_the_gemeente_facet_narrows_to_one_municipality(network_index):
    zwolle = network_index["zwolle"].municipality
    found = urls("inclusie agenda", municipalities=[str(zwolle.pk)])
    assert found and all("/zwolle/" in url or url.endswith("/wonen-en-vervoer/") for url in found)
    assert any(url.endswith("/zwolle/inclusie-agenda/") for url in found)


def test_the_provincie_facet_follows_the_municipality(network_index):
    found = urls("inclusie agenda", provinces=["Limburg"])
    assert found and all("/maastricht/" in url for url in found)
