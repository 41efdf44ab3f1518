"""Anonymous pages come from the shared cache, and every content change shows at once (core/caching.py)."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Page

from core import caching
from core.caching import HEADER
from expeditions.factories import LessonPageFactory
from expeditions.models import ExpeditionIndexPage, ExpeditionPage
from stories.models import StoryIndexPage, StoryPage
from tests.core.page_cache_client import get
from tips.models import TipCollectionPage


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def publish(page, on_commit):
    """Publish as an editor does, with what runs after the commit."""
    with on_commit(execute=True):
        page.save_revision().publish()


@pytest.fixture
def collection(demo):
    return TipCollectionPage.objects.live().filter(tips__isnull=False).distinct().first()


def test_the_second_anonymous_view_comes_from_the_cache_without_a_query(demo, client, collection):
    first = get(client, collection.url)
    second = get(client, collection.url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.queries == 0
    assert second.content == first.content
    assert not second.cookies
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "stale-while-revalidate=60" in cache_control
    assert second["ETag"] and second["Last-Modified"]


def test_browsers_and_proxies_revalidate_with_the_etag_or_the_date(demo, client, collection):
    first = client.get(collection.url)
    not_modified = client.get(collection.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    since = client.get(collection.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(collection.url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_logged_in_users_are_never_served_or_stored(demo, client, admin_user, collection):
    editor = Client()
    editor.force_login(admin_user)
    for _ in range(2):
        response = editor.get(collection.url)
        assert HEADER not in response
        assert "private" in response["Cache-Control"]
    # What the editor saw (the user bar) was not stored for anonymous visitors.
    anonymous = client.get(collection.url)
    assert anonymous[HEADER] == "miss"
    assert b"wagtail-userbar" not in anonymous.content


def test_previews_are_never_cached(demo, admin_client, collection):
    preview = admin_client.post(
        f"/admin/pages/{collection.pk}/edit/preview/", {"title": collection.title, "slug": collection.slug}
    )
    assert preview.status_code == 200
    response = admin_client.get(f"/admin/pages/{collection.pk}/edit/preview/")
    assert HEADER not in response
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_visitor_with_messages_sees_them_and_nobody_else_does(demo, client, collection):
    tip = collection.tips.first()
    assert get(client, collection.url)[HEADER] == "miss"
    response = client.post(f"/waarderen/tips.tip/{tip.pk}/", {"next": collection.url}, follow=True)
    assert "Dank je wel voor je waardering!" in response.content.decode()
    assert HEADER not in response  # rendered for this visitor only
    assert "private" in response["Cache-Control"]
    other = get(Client(), collection.url)
    assert other[HEADER] == "hit"
    assert "Dank je wel voor je waardering!" not in other.content.decode()


def test_a_changed_tip_shows_on_its_collection_and_its_permalink(
    demo, client, collection, django_capture_on_commit_callbacks
):
    tip = collection.tips.first()
    permalink = f"{collection.url}{tip.slug}/"
    for url in (collection.url, permalink):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
    tip.title = "Een tip die net is gepubliceerd"
    with django_capture_on_commit_callbacks(execute=True):
        tip.save()
    for url in (collection.url, permalink):
        response = client.get(url)
        assert response[HEADER] == "miss"
        assert "Een tip die net is gepubliceerd" in response.content.decode()


def test_a_new_lesson_shows_on_its_expedition_the_overview_and_the_home_page(
    demo, client, django_capture_on_commit_callbacks
):
    expedition = ExpeditionPage.objects.live().first()
    overview = ExpeditionIndexPage.objects.get().url + "lessen/"
    urls = ["/", expedition.url, overview]
    for url in urls:
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
    lesson = LessonPageFactory.build(title="Een les die zojuist verscheen", date=datetime.date.today(), live=False)
    expedition.add_child(instance=lesson)
    publish(lesson, django_capture_on_commit_callbacks)
    for url in urls:
        response = client.get(url)
        assert response[HEADER] == "miss", url
        assert "Een les die zojuist verscheen" in response.content.decode(), url


def test_an_unpublished_or_moved_story_leaves_the_index(demo, client, django_capture_on_commit_callbacks):
    index = StoryIndexPage.objects.get()
    story, other = StoryPage.objects.live().child_of(index)[:2]
    old_url = story.url
    for url in (index.url, old_url, other.url):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert client.get(other.url).status_code == 404
    assert other.title not in client.get(index.url).content.decode()

    content_page = Page.objects.get(url_path__endswith="/over-het-programma/")
    with django_capture_on_commit_callbacks(execute=True):
        story.move(content_page, pos="last-child")
    new_url = Page.objects.get(pk=story.pk).url
    assert client.get(old_url)["Location"] == new_url  # Wagtail's redirect, not the cached page
    assert story.title not in client.get(index.url).content.decode()
    assert client.get(new_url).status_code == 200


def test_a_generation_bump_costs_one_cache_write_and_no_query(demo, django_assert_num_queries):
    before = caching.current_generation()
    with django_assert_num_queries(0):
        caching.bump_generation()
    assert caching.current_generation() != before


def test_a_registration_changes_the_places_on_its_session_and_leaves_the_rest_of_the_cache(
    demo, client, django_capture_on_commit_callbacks
):
    """A registration rush must not empty the page cache: the session and the listings keep their copies with
    the places filled in afresh (tests/core/test_live_fragments.py), and so do the generation, the story and the
    other session."""
    from knowledgeboost.models import KnowledgeBoostIndexPage, Registration, SessionPage

    sessions = [s for s in SessionPage.objects.live().order_by("start") if s.registration_is_open and s.capacity]
    session, other = sessions[0], sessions[1]
    index = KnowledgeBoostIndexPage.objects.live().get()
    story = StoryPage.objects.live().first()
    urls = [session.url, other.url, index.url, story.url]
    for url in urls:
        client.get(url)
    assert [client.get(url)[HEADER] for url in urls] == ["hit"] * 4
    places = SessionPage.objects.get(pk=session.pk).places_left
    generation = caching.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        Registration.objects.create(session=session, name="Anna", email="anna@example.org", organisation="Buurt")

    assert caching.current_generation() == generation
    again = client.get(session.url)
    assert again[HEADER] == "hit"
    assert SessionPage.objects.get(pk=session.pk).places_left == places - 1
    assert f"nog {places - 1} plaatsen" in again.content.decode()
    assert client.get(index.url)[HEADER] == "hit"
    assert client.get(other.url)[HEADER] == "hit"
    assert client.get(story.url)[HEADER] == "hit"
