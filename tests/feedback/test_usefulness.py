""" "Was deze pagina nuttig?": on content pages, lessons, stories and tips' permalinks; anonymous, cookie-free,
working without JavaScript from the shared page cache (no CSRF token), rate-limited."""

import pytest
from django.test import Client

from core.factories import ContentPageFactory
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from feedback.models import PageVote
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory

QUESTION = "Was deze pagina nuttig?"


@pytest.fixture
def content_page(home_page):
    return ContentPageFactory(parent=home_page, title="Vrijwilligers werven", slug="werven")


@pytest.fixture
def csrf_client():
    """A client that checks CSRF tokens, as browsers posting from a cached page meet them."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def collection(home_page):
    return TipCollectionPageFactory(parent=TipCollectionIndexPageFactory(parent=home_page), title="Tips werven")


def vote(client, page, path, useful="ja", comment=""):
    return client.post(f"/nuttig/{page.pk}/", {"path": path, "useful": useful, "comment": comment})


def test_content_pages_lessons_and_stories_ask(home_page, client):
    expedition = ExpeditionPageFactory(parent=ExpeditionIndexPageFactory(parent=home_page))
    pages = [
        ContentPageFactory(parent=home_page, title="Over ons"),
        LessonPageFactory(parent=expedition),
        StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page)),
    ]
    for page in pages:
        content = client.get(page.url).content.decode()
        assert QUESTION in content, page.url
        assert f'action="/nuttig/{page.pk}/"' in content
        assert f'name="path" value="{page.url}"' in content
        assert "csrfmiddlewaretoken" not in content.split("usefulness__form")[1]


def test_other_pages_do_not_ask(home_page, collection, client):
    assert QUESTION not in client.get(home_page.url).content.decode()
    assert QUESTION not in client.get(collection.url).content.decode()  # the collection, not a tip


def test_a_tips_permalink_asks_about_that_tip(collection, client):
    tip = TipFactory(page=collection, title="Vraag het persoonlijk")
    path = f"{collection.url}{tip.slug}/"
    content = client.get(path).content.decode()
    assert QUESTION in content
    assert f'name="path" value="{path}"' in content
    response = vote(client, collection, path, "nee", "Te kort")
    assert response.status_code == 303
    assert PageVote.objects.get().path == path


def test_voting_without_a_csrf_token_thanks_and_stores_no_personal_data(content_page, csrf_client):
    response = vote(csrf_client, content_page, content_page.url, "nee", "  Ik miste een voorbeeld.  ")
    assert response.status_code == 303
    assert not response.cookies
    thanks = csrf_client.get(response["Location"])
    assert thanks.status_code == 200
    content = thanks.content.decode()
    assert "Bedankt voor je antwoord" in content
    assert f'href="{content_page.url}"' in content
    stored = PageVote.objects.get()
    assert (stored.page_id, stored.path, stored.useful, stored.comment) == (
        content_page.pk,
        content_page.url,
        False,
        "Ik miste een voorbeeld.",
    )
    assert {field.name for field in PageVote._meta.get_fields()} == {
        "id",
        "page",
        "path",
        "useful",
        "comment",
        "created_at",
    }


def test_yes_without_comment(content_page, client):
    assert vote(client, content_page, content_page.url).status_code == 303
    assert PageVote.objects.get().useful is True


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies ja of nee."),
        ({"useful": "misschien"}, "Kies ja of nee."),
        ({"useful": "ja\x00"}, "Kies ja of nee."),
        ({"useful": "nee", "comment": "a\x00b"}, "Verwijder de onzichtbare stuurtekens."),
        ({"useful": "nee", "comment": "x" * 1001}, "Houd het bij 1000 tekens (je schreef er 1001)."),
        ({"useful": "nee", "comment": "lang " * 100_000}, "Houd het bij 1000 tekens"),
    ],
)
def test_bad_input_shows_the_form_with_a_dutch_error(content_page, client, data, error):
    response = client.post(f"/nuttig/{content_page.pk}/", {"path": content_page.url, **data})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Er ging iets mis" in content and error in content
    assert content.count("<h1") == 1
    assert not PageVote.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["/elders/", "", "https://evil.example/", "/werven/extra/", "\x00", "/" + "a" * 300],
)
def test_votes_for_an_address_the_page_does_not_serve_are_refused(content_page, client, path):
    assert vote(client, content_page, path).status_code == 404
    assert not PageVote.objects.exists()


def test_votes_for_a_tip_that_does_not_exist_or_the_collection_are_refused(collection, client):
    assert vote(client, collection, f"{collection.url}bestaat-niet/").status_code == 404
    assert vote(client, collection, collection.url).status_code == 404
    assert not PageVote.objects.exists()


def test_pages_that_do_not_ask_take_no_votes(home_page, client):
    assert vote(client, home_page, home_page.url).status_code == 404
    assert client.post("/nuttig/999999/", {"path": "/", "useful": "ja"}).status_code == 404


def test_unpublished_pages_take_no_votes(content_page, client):
    content_page.unpublish()
    assert vote(client, content_page, "/werven/").status_code == 404


def test_only_post(content_page, client):
    assert client.get(f"/nuttig/{content_page.pk}/").status_code == 405


def test_votes_are_rate_limited(content_page, client, settings):
    settings.FEEDBACK_VOTE_RATE_LIMIT = 3
    for _ in range(3):
        assert vote(client, content_page, content_page.url).status_code == 303
    response = vote(client, content_page, content_page.url)
    assert response.status_code == 429
    assert "Te veel antwoorden" in response.content.decode()
    assert PageVote.objects.count() == 3


def test_the_thanks_page_only_links_back_within_the_site(content_page, client):
    response = client.get(f"/nuttig/{content_page.pk}/bedankt/?terug=https://evil.example/")
    assert 'href="https://evil.example/"' not in response.content.decode()
    assert f'href="{content_page.url}"' in response.content.decode()
    response = client.get(f"/nuttig/{content_page.pk}/bedankt/?terug=//evil.example/")
    assert 'href="//evil.example/"' not in response.content.decode()


def test_a_vote_does_not_empty_the_page_cache(content_page, client):
    from core import caching

    before = caching.current_generation()
    assert vote(client, content_page, content_page.url).status_code == 303
    assert caching.current_generation() == before


def test_control_characters_in_a_comment_are_cleaned(content_page, client):
    """Pasted from Word: a vertical tab for a line break and a stray control character; none reaches the database."""
    response = vote(client, content_page, content_page.url, "nee", "Te lang\x0bte veel\x01 jargon")
    assert response.status_code == 303
    assert PageVote.objects.get().comment == "Te lang\nte veel jargon"
