import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tips.factories import TipCollectionPageFactory, TipFactory


@pytest.mark.django_db
def test_collection_page_lists_every_tip_with_an_anchor_and_permalink(client, collection, tips):
    response = client.get("/tips/80-tips/")
    html = response.content.decode()
    assert response.status_code == 200
    for tip in tips:
        assert f'id="tip-{tip.slug}"' in html
        assert f'href="/tips/80-tips/{tip.slug}/"' in html
    assert "3 tips" in html
    assert 'media="print"' in html and "tips/css/tips-print.css" in html


@pytest.mark.django_db
def test_collection_page_is_dutch(client, collection, tips):
    html = client.get("/tips/80-tips/").content.decode()
    assert "Filter de tips" in html
    assert "Waarderen" in html
    assert "Delen" in html


@pytest.mark.django_db
def test_filter_by_theme_and_audience_announces_the_count(client, collection, tips):
    response = client.get("/tips/80-tips/", {"theme": "werving", "audience": "lokale-initiatieven"})
    html = response.content.decode()
    shown = {tip.title for tip in tips if f'id="tip-{tip.slug}"' in html}
    assert shown == {"Maak meedoen toegankelijk"}
    assert 'role="status"' in html
    assert "1 van 3 tips getoond" in html
    assert '<span class="tip__number">3.</span> Maak meedoen toegankelijk' in html  # its number in the collection


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client, collection, tips):
    response = client.get("/tips/80-tips/", {"theme": "bestaat-niet"})
    assert response.status_code == 200
    assert "Vraag mensen persoonlijk" in response.content.decode()


@pytest.mark.django_db
def test_no_matching_tips_offers_a_way_back(client, collection, tips):
    html = client.get("/tips/80-tips/", {"theme": "jongeren", "audience": "gemeenten"}).content.decode()
    assert "0 van 3 tips getoond" in html
    assert "Er zijn geen tips die bij deze filters passen." in html
    assert '<a href="/tips/80-tips/">Toon alle tips</a>' in html


@pytest.mark.django_db
def test_filter_only_offers_themes_used_in_the_collection(client, collection, tips):
    html = client.get("/tips/80-tips/").content.decode()
    assert '<option value="jongeren"' in html
    assert '<option value="samenwerking"' not in html


@pytest.mark.django_db
def test_tip_permalink_shows_the_tip_with_its_collection(client, collection, tips):
    tip = tips[1]
    response = client.get(f"/tips/80-tips/{tip.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="tip-title">Geef jongeren verantwoordelijkheid</h1>' in html
    assert f'<link rel="canonical" href="http://localhost/tips/80-tips/{tip.slug}/">' in html
    assert "Tip 2 van 3 uit" in html
    assert 'href="/tips/80-tips/"' in html
    assert f'href="/tips/80-tips/#tip-{tip.slug}"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


@pytest.mark.django_db
def test_tip_permalink_has_plain_share_links(client, collection, tips):
    tip = tips[0]
    html = client.get(f"/tips/80-tips/{tip.slug}/").content.decode()
    encoded = f"http%3A%2F%2Flocalhost%2Ftips%2F80-tips%2F{tip.slug}%2F"
    assert f'href="mailto:?subject=Vraag%20mensen%20persoonlijk&amp;body={encoded}"' in html
    assert f'href="https://www.linkedin.com/sharing/share-offsite/?url={encoded}"' in html
    assert f'href="https://wa.me/?text=Vraag%20mensen%20persoonlijk%20{encoded}"' in html
    assert "data-copy-link" in html and "Link kopiëren" in html
    assert "<iframe" not in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_unknown_tip_slug_is_404(client, collection, tips):
    assert client.get("/tips/80-tips/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_tips_of_a_draft_collection_are_not_reachable(client, tip_index):
    draft = TipCollectionPageFactory(parent=tip_index, slug="concept", live=False)
    tip = TipFactory(page=draft, title="Nog niet klaar")
    assert client.get(f"/tips/concept/{tip.slug}/").status_code == 404


@pytest.mark.django_db
def test_index_lists_collections_newest_first_with_filters(client, tip_index, vocabularies):
    import datetime

    themes, _ = vocabularies
    old = TipCollectionPageFactory(parent=tip_index, title="Oude tips", occasion_date=datetime.date(2015, 4, 28))
    new = TipCollectionPageFactory(parent=tip_index, title="Nieuwe tips", occasion_date=datetime.date(2021, 10, 7))
    TipFactory(page=old, themes=[themes["Jongeren"]])
    TipFactory(page=new)
    html = client.get("/tips/").content.decode()
    assert html.index("Nieuwe tips") < html.index("Oude tips")
    assert "1 tip" in html
    filtered = client.get("/tips/", {"theme": "jongeren"}).content.decode()
    assert "Oude tips" in filtered and "Nieuwe tips" not in filtered


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_collection_page_query_count_is_flat_with_10_and_100_tips(client, tip_index, vocabularies):
    themes, audiences = vocabularies
    small = TipCollectionPageFactory(parent=tip_index, slug="klein")
    large = TipCollectionPageFactory(parent=tip_index, slug="groot")
    for page, count in ((small, 10), (large, 100)):
        for number in range(count):
            TipFactory(page=page, title=f"Tip {number}", themes=[themes["Werving"]], audiences=[audiences["Gemeenten"]])
    for url in ("/tips/klein/", "/tips/groot/"):  # warm caches (site root paths, content types, breadcrumbs)
        _queries_for(client, url)
    assert _queries_for(client, "/tips/klein/") == _queries_for(client, "/tips/groot/")
    assert _queries_for(client, "/tips/klein/?theme=werving") == _queries_for(client, "/tips/groot/?theme=werving")


@pytest.mark.django_db
def test_index_query_count_is_flat(client, tip_index):
    for _ in range(3):
        TipCollectionPageFactory(parent=tip_index)
    _queries_for(client, "/tips/")
    few = _queries_for(client, "/tips/")
    for _ in range(9):
        TipCollectionPageFactory(parent=tip_index)
    _queries_for(client, "/tips/")  # new pages: the menu and settings are read again once (core/caching.py)
    assert _queries_for(client, "/tips/") == few


@pytest.mark.django_db
def test_sitemap_lists_every_tip_permalink(client, collection, tips):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/tips/80-tips/</loc>" in xml
    for tip in tips:
        assert f"<loc>http://localhost/tips/80-tips/{tip.slug}/</loc>" in xml


@pytest.mark.django_db
def test_permalink_shows_the_tips_themes_and_audiences(client, collection, tips):
    html = client.get(tips[0].url).content.decode()
    taxonomy = html.split('class="taxonomy"')[1].split("</aside>")[0]
    assert "Thema's" in taxonomy and "Werving" in taxonomy
    assert "Gemeenten" in taxonomy
    assert "Jongeren" not in taxonomy  # another tip's theme
