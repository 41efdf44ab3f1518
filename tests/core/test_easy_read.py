"""Easy-read versions (core.models.easy_read): the switch, the functional cookie, the version every page shows,
and the page cache keeping the two versions apart (core.caching)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import caching
from core.caching import HEADER, READING_COOKIE
from core.models import ContentPage
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from expeditions.models import LessonPage
from networks.factories import (
    InclusionAgendaPageFactory,
    MunicipalityIndexPageFactory,
    MunicipalityPageFactory,
    NetworkIndexPageFactory,
    NetworkPageFactory,
)
from networks.models import InclusionAgendaPage
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from stories.models import StoryPage

STANDARD_TEXT = "Meer mensen, meer verschillende mensen"
EASY_TEXT = "Dit is de uitleg in makkelijke taal"
EASY_BODY = "<h2>Wat is dit?</h2><p>Dit is de tekst in makkelijke taal. Je leest hier wat er gebeurt.</p>"


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def about(home_page):
    page = ContentPage(
        title="Over het programma",
        slug="over-het-programma",
        introduction="<p>Waarom dit platform bestaat.</p>",
        body=[("heading", {"text": STANDARD_TEXT, "level": "h2"}), ("paragraph", "<p>Het doel is groot.</p>")],
        easy_read_introduction=EASY_TEXT + ".",
        easy_read_body=EASY_BODY,
    )
    home_page.add_child(instance=page)
    return publish(page)


@pytest.fixture
def privacy(home_page):
    page = ContentPage(title="Privacyverklaring", slug="privacy", body=[("paragraph", "<p>Wat we bewaren.</p>")])
    home_page.add_child(instance=page)
    return publish(page)


def story_page(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    return publish(StoryPageFactory(parent=index, slug="fatima"))


def lesson_page(home_page):
    expedition = ExpeditionPageFactory(parent=ExpeditionIndexPageFactory(parent=home_page))
    return publish(LessonPageFactory(parent=expedition, slug="jongeren"))


def agenda_page(home_page):
    network = NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page))
    municipality = MunicipalityPageFactory(parent=MunicipalityIndexPageFactory(parent=network))
    return publish(InclusionAgendaPageFactory(parent=municipality))


def easy_client():
    client = Client()
    client.cookies[READING_COOKIE] = "makkelijk"
    return client


def switch_links(html):
    start = html.index('id="leesversie"')
    return html[start : html.index("</nav>", start)]


def test_the_standard_version_by_default_with_a_labelled_switch(client, about):
    html = client.get(about.url).content.decode()
    assert STANDARD_TEXT in html and EASY_TEXT not in html
    switch = switch_links(html)
    assert "Lees deze pagina in" in switch
    assert 'href="?leesversie=standaard" rel="nofollow" aria-current="true">Standaard taal' in switch
    assert 'href="?leesversie=makkelijk" rel="nofollow">Makkelijk lezen (B1)' in switch


def test_choosing_easy_read_sets_a_functional_cookie_and_returns_to_the_switch(client, about):
    response = client.get(about.url, {"leesversie": "makkelijk"})
    assert response.status_code == 302
    assert response["Location"] == f"{about.url}#leesversie"
    cookie = response.cookies[READING_COOKIE]
    assert cookie.value == "makkelijk"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 364 * 24 * 3600
    assert "private" in response["Cache-Control"]

    html = client.get(about.url).content.decode()
    assert EASY_TEXT in html and STANDARD_TEXT not in html
    assert 'aria-current="true">Makkelijk lezen (B1)' in switch_links(html)

    client.get(about.url, {"leesversie": "standaard"})
    assert STANDARD_TEXT in client.get(about.url).content.decode()


@pytest.mark.parametrize("make", [story_page, lesson_page, agenda_page])
def test_whoever_chose_easy_read_gets_it_on_every_page_type_that_has_one(home_page, make):
    page = make(home_page)
    html = easy_client().get(page.url).content.decode()
    assert "leesversie" not in html  # no easy-read version yet: no switch
    page.easy_read_body = EASY_BODY
    publish(page)
    assert "Dit is de tekst in makkelijke taal" not in Client().get(page.url).content.decode()
    html = easy_client().get(page.url).content.decode()
    assert "Dit is de tekst in makkelijke taal" in html
    assert 'aria-current="true">Makkelijk lezen (B1)' in switch_links(html)


def test_the_demo_has_easy_read_versions_in_b1(demo):
    from core.readability import analyse

    pages = [
        model.objects.exclude(easy_read_body="").first()
        for model in (ContentPage, StoryPage, LessonPage, InclusionAgendaPage)
    ]
    assert all(pages)
    for page in pages:
        assert analyse(page.easy_read_text()).flesch_douma >= 60, page.title
        assert not analyse(page.easy_read_text()).long_sentences
        assert "Makkelijk lezen (B1)" in easy_client().get(page.url).content.decode()


def test_a_page_without_an_easy_read_version_shows_the_normal_one_without_a_switch(privacy):
    html = easy_client().get(privacy.url).content.decode()
    assert privacy.title in html
    assert "leesversie" not in html
    assert "Makkelijk lezen" not in html


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "MAKKELIJK", ""])
def test_a_strange_choice_or_cookie_gives_the_standard_version_and_no_error(client, about, value):
    response = client.get(about.url, {"leesversie": value})
    assert response.status_code == 302 and READING_COOKIE not in response.cookies
    strange = Client()
    strange.cookies[READING_COOKIE] = value
    response = strange.get(about.url)
    assert response.status_code == 200
    assert STANDARD_TEXT in response.content.decode()


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    response.queries = len(queries)
    return response


def test_the_page_cache_keeps_both_versions_apart(settings, about):
    settings.PAGE_CACHE_ENABLED = True
    standard, easy = Client(), easy_client()
    first_standard = get(standard, about.url)
    first_easy = get(easy, about.url)
    second_standard = get(standard, about.url)
    second_easy = get(easy, about.url)
    assert [first_standard[HEADER], first_easy[HEADER]] == ["miss", "miss"]
    assert [second_standard[HEADER], second_easy[HEADER]] == ["hit", "hit"]
    assert second_standard.queries == second_easy.queries == 0
    assert STANDARD_TEXT in second_standard.content.decode() and EASY_TEXT not in second_standard.content.decode()
    assert EASY_TEXT in second_easy.content.decode() and STANDARD_TEXT not in second_easy.content.decode()
    assert "public" in second_easy["Cache-Control"] and "Cookie" in second_easy["Vary"]


def test_the_cache_serves_pages_without_easy_read_to_both_and_never_stores_the_switch(settings, about, privacy):
    settings.PAGE_CACHE_ENABLED = True
    easy = easy_client()
    assert [get(easy, privacy.url)[HEADER], get(easy, privacy.url)[HEADER]] == ["miss", "hit"]
    client = Client()
    for _ in range(2):
        response = client.get(about.url, {"leesversie": "makkelijk"})
        assert response.status_code == 302 and HEADER not in response
    # The switch set the cookie: the next view is the easy-read copy.
    assert EASY_TEXT in client.get(about.url).content.decode()


def test_a_hostile_cookie_value_shares_the_standard_copy(settings, about):
    settings.PAGE_CACHE_ENABLED = True
    get(Client(), about.url)
    strange = Client()
    strange.cookies[READING_COOKIE] = "x" * 300
    response = get(strange, about.url)
    assert response[HEADER] == "hit"
    assert caching.reading_variant(response.wsgi_request) == "standaard"


def test_dates_and_reading_time(home_page, about):
    html = Client().get(about.url).content.decode()
    assert "Bijgewerkt op" in html and "min lezen" not in html
    story = story_page(home_page)
    html = Client().get(story.url).content.decode()
    assert "Bijgewerkt op" in html and "1 min lezen" in html
    story.body = [("paragraph", "<p>" + "woord " * 450 + "</p>")]
    publish(story)
    assert "3 min lezen" in Client().get(story.url).content.decode()
    lesson = lesson_page(home_page)
    html = Client().get(lesson.url).content.decode()
    assert "1 min lezen" in html and "Bijgewerkt op" not in html


def test_reading_time_grows_with_the_text(home_page):
    from core.models.easy_read import reading_minutes

    assert reading_minutes("") == 1
    assert reading_minutes("woord " * 200) == 1
    assert reading_minutes("woord " * 201) == 2
    assert reading_minutes("woord " * 1000) == 5


def test_editors_get_an_easy_read_tab_with_readability(client, about, django_user_model):
    editor = django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "geheim-wachtwoord")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert "Makkelijk lezen (B1)" in html
    assert html.count("data-readability-url") == 2
    assert "Flesch-Douma" in html and "core/js/readability.js" in html
    assert 'name="easy_read_body"' in html


def test_switching_keeps_the_other_query_parameters(client, about):
    response = client.get(f"{about.url}?thema=inclusie&leesversie=makkelijk&page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{about.url}?thema=inclusie&page=2#leesversie"
    assert response.cookies[READING_COOKIE].value == "makkelijk"
    # The switch's links carry the page's other query parameters, so the browser sends them along.
    switch = switch_links(client.get(f"{about.url}?thema=inclusie&page=2").content.decode())
    assert 'href="?thema=inclusie&amp;page=2&amp;leesversie=standaard"' in switch
    assert 'href="?thema=inclusie&amp;page=2&amp;leesversie=makkelijk"' in switch
