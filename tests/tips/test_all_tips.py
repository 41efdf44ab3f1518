"""The list of all tips (/tips/alle/): every public tip across collections, filtered on the tips' own themes and
audiences, naming its collection, paginated, with a constant number of queries."""

import re

import pytest
from django.core.cache import cache

from tips.factories import TipCollectionPageFactory, TipFactory

URL = "/tips/alle/"
QUERIES = 14


@pytest.fixture
def two_collections(tip_index, vocabularies):
    themes, audiences = vocabularies
    first = TipCollectionPageFactory(parent=tip_index, slug="bijeenkomst", title="Tips uit de bijeenkomst")
    second = TipCollectionPageFactory(parent=tip_index, slug="kennisboostweek", title="Tips uit de Kennisboostweek")
    TipFactory(
        page=first, title="Vraag mensen persoonlijk", themes=[themes["Werving"]], audiences=[audiences["Gemeenten"]]
    )
    TipFactory(page=first, title="Begin klein", themes=[themes["Samenwerking"]], audiences=[audiences["Vrijwilligers"]])
    TipFactory(page=second, title="Zoek jongeren op", themes=[themes["Jongeren"], themes["Werving"]])
    draft = TipCollectionPageFactory(parent=tip_index, slug="concept", title="Concept", live=False)
    TipFactory(page=draft, title="Nog geheim", themes=[themes["Werving"]])
    return first, second


def titles(html):
    return re.findall(r'class="tip__title" id="tip-\d+-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
def test_lists_every_public_tip_with_its_collection(client, two_collections):
    first, second = two_collections
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Alle tips</h1>" in html
    assert sorted(titles(html)) == ["Begin klein", "Vraag mensen persoonlijk", "Zoek jongeren op"]
    assert "Nog geheim" not in html
    assert 'Uit de verzameling <a href="/tips/bijeenkomst/">Tips uit de bijeenkomst</a>' in html
    assert 'Uit de verzameling <a href="/tips/kennisboostweek/">Tips uit de Kennisboostweek</a>' in html
    tip = first.tips.get(title="Begin klein")
    assert f'href="/tips/bijeenkomst/{tip.slug}/"' in html
    assert "3 tips" in html


@pytest.mark.django_db
def test_filters_on_the_tips_own_theme_and_audience(client, two_collections):
    html = client.get(URL, {"theme": "werving"}).content.decode()
    assert sorted(titles(html)) == ["Vraag mensen persoonlijk", "Zoek jongeren op"]
    html = client.get(URL, {"theme": "werving", "audience": "gemeenten"}).content.decode()
    assert titles(html) == ["Vraag mensen persoonlijk"]
    assert "1 tip<" in html
    assert "selected>Werving</option>" in html
    assert "Filters wissen" in html


@pytest.mark.django_db
def test_a_filter_without_tips_says_so_and_offers_the_way_back(client, two_collections):
    html = client.get(URL, {"theme": "inclusie"}).content.decode()
    assert titles(html) == []
    assert "Er zijn geen tips die bij deze filters passen." in html
    assert '<a href="/tips/alle/">Toon alle tips</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{"theme": "bestaat-niet"}, {"audience": "<script>"}, {"page": "abc"}, {"page": "999"}]
)
def test_hostile_or_unknown_input_gives_the_list_not_an_error(client, two_collections, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].replace('"&lt;script&gt;"', "")


@pytest.mark.django_db
def test_paginates_twenty_tips_a_page(client, tip_index):
    collection = TipCollectionPageFactory(parent=tip_index, slug="veel")
    for number in range(25):
        TipFactory(page=collection, title=f"Tip {number:02d}")
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert "25 tips" in first
    assert 'rel="next"' in first


def _fill(tip_index, vocabularies, count):
    themes, audiences = vocabularies
    per_collection = max(1, count // 5)
    for number in range(count):
        if number % per_collection == 0:
            collection = TipCollectionPageFactory(parent=tip_index, slug=f"verzameling-{number}")
        TipFactory(
            page=collection,
            title=f"Tip {number}",
            themes=[themes["Werving"], themes["Inclusie"]],
            audiences=[audiences["Gemeenten"]],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 100])
def test_query_count_does_not_grow_with_the_number_of_tips(
    client, tip_index, vocabularies, count, django_assert_num_queries
):
    _fill(tip_index, vocabularies, count)
    client.get(URL)  # warm the site root paths and the routing caches
    cache.clear()
    # The same budget for 10 and 100 tips (routing, site with its settings and specific home page, menu, count,
    # tips, themes, audiences, the filter's choices, the hubs page for the labels): nothing is fetched per tip or
    # per collection.
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"theme": "werving"})
    assert len(titles(response.content.decode())) == min(count, 20)


@pytest.mark.django_db
def test_the_index_links_to_the_list_of_all_tips(client, two_collections):
    html = client.get("/tips/").content.decode()
    assert 'href="/tips/alle/"' in html


@pytest.mark.django_db
def test_no_collection_can_take_the_address_of_the_list(tip_index):
    from django.core.exceptions import ValidationError

    collection = TipCollectionPageFactory.build(slug="alle", title="Alle")
    with pytest.raises(ValidationError) as error:
        tip_index.add_child(instance=collection)
    assert "lijst van alle tips" in str(error.value)
