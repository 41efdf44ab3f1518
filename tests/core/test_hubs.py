"""Theme and audience hubs (core.models.hubs.TopicIndexPage): everything about a theme or audience, per section."""

import html as htmllib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import TopicIndexPage
from tests.core.hubs_content import SectionContent

pytestmark = pytest.mark.django_db


@pytest.fixture
def hubs_page(home_page):
    page = TopicIndexPage(title="Thema's en doelgroepen", slug="themas", introduction="<p>Alles op één plek.</p>")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def content(home_page, hubs_page):
    return SectionContent(home_page).grow(5)


def text_of(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", main)))


def test_a_theme_hub_shows_every_section_with_counts_newest_first(client, content):
    response = client.get("/themas/werving/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    text = text_of(response)
    assert "Werving" in text and "Nieuwe vrijwilligers vinden." in text
    assert "35 onderdelen over dit thema" in text
    for label in ("Tips (5)", "Lessen (5)", "Verhalen (5)", "Sessies (5)", "Netwerkbijeenkomsten (5)"):
        assert label in text
    assert "Lokale Inclusie Agenda's (5)" in text
    # Newest first; sessions and meetings soonest first.
    assert text.index("Verhaal 0") < text.index("Verhaal 1") < text.index("Verhaal 3")
    assert "Verhaal 4" not in text  # four per section on the hub
    assert text.index("Sessie 0") < text.index("Sessie 1")
    assert 'href="/themas/werving/verhalen/"' in html
    assert "Alle 5 bekijken" in text


def test_an_audience_hub_lists_what_is_for_that_audience(client, content):
    response = client.get("/themas/doelgroep/gemeenten/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Gemeenten" in text and "35 onderdelen voor deze doelgroep" in text
    assert 'href="/themas/doelgroep/gemeenten/lessen/"' in response.content.decode()


def test_a_theme_without_content_says_so(client, content):
    response = client.get("/themas/inclusie/")
    assert response.status_code == 200
    assert "Hier staat nog niets" in text_of(response)


def test_ended_sessions_are_not_on_the_hub(client, content):
    from django.utils import timezone

    session = content.items["sessions"][0]
    session.start = timezone.now() - timezone.timedelta(days=2)
    session.end = session.start + timezone.timedelta(hours=1)
    session.save()
    text = text_of(client.get("/themas/werving/"))
    assert "Sessies (4)" in text and "Sessie 0 " not in text


def test_unpublished_and_private_items_are_left_out(client, content):
    content.items["stories"][0].unpublish()
    content.collection.unpublish()
    text = text_of(client.get("/themas/werving/"))
    assert "Verhalen (4)" in text and "Verhaal 0" not in text
    assert "Tips (" not in text


def test_a_section_lists_everything_paginated(client, content):
    content.grow(25, sections=["stories"])
    response = client.get("/themas/werving/verhalen/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Verhalen: Werving" in text and "25 onderdelen" in text
    assert "Verhaal 0 " in text and "Verhaal 19 " in text and "Verhaal 20 " not in text
    page_two = text_of(client.get("/themas/werving/verhalen/?page=2"))
    assert "Verhaal 20 " in page_two and "Verhaal 0 " not in page_two
    # Hostile or stale page numbers: the nearest page, never an error.
    for value in ("abc", "999", "-1", "1%27"):
        assert client.get(f"/themas/werving/verhalen/?page={value}").status_code == 200


@pytest.mark.parametrize(
    "url", ["/themas/bestaat-niet/", "/themas/werving/bestaat-niet/", "/themas/doelgroep/niemand/", "/themas/a/b/c/"]
)
def test_unknown_themes_audiences_and_sections_are_not_found(client, content, url):
    assert client.get(url).status_code == 404


def test_the_overview_lists_themes_and_audiences_with_counts(client, content):
    response = client.get("/themas/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Werving 35 onderdelen" in text and "Inclusie 0 onderdelen" in text and "Gemeenten 35 onderdelen" in text
    html = response.content.decode()
    assert 'href="/themas/werving/"' in html and 'href="/themas/doelgroep/gemeenten/"' in html


def test_labels_link_to_their_hub(client, content):
    story = content.items["stories"][0]
    html = client.get(story.url).content.decode()
    assert '<a class="pill" href="/themas/werving/">Werving</a>' in html
    assert '<a class="pill" href="/themas/doelgroep/gemeenten/">Gemeenten</a>' in html


def test_labels_stay_plain_text_without_a_hubs_page(client, home_page):
    content = SectionContent(home_page).grow(1, sections=["stories"])
    html = client.get(content.items["stories"][0].url).content.decode()
    assert '<span class="pill">Werving</span>' in html


def test_anonymous_hubs_come_from_the_page_cache(client, content, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/themas/werving/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/themas/werving/")
    assert second.content == first.content
    assert len(queries) <= 2, [q["sql"] for q in queries]
