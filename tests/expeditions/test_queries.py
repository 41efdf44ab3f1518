"""Listings and the expedition page keep the same number of queries with 5 or 50 items; an expedition seen again
reads its lists from what the first view kept, until something is saved."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.factories import ImageFactory
from expeditions.factories import (
    ExpeditionLeaderFactory,
    ExpeditionLeadershipFactory,
    ExpeditionParticipationFactory,
    ExpeditionTargetGroupFactory,
    LessonPageFactory,
    OrganisationFactory,
)
from expeditions.models import ExpeditionParticipation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """Renditions cached by an earlier test (same image ids after its rollback) must not leak in."""
    cache.clear()


@pytest.fixture
def images():
    return [ImageFactory(title="Vrijwilligers"), ImageFactory(title="Moestuin")]


def count_queries(client, url):
    client.get(url)  # warm up: renditions are made once
    cache.clear()  # no help from cached renditions or site paths: prefetching must do the work
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_expeditions(make_expedition, images, count, start):
    for number in range(start, start + count):
        page = make_expedition(
            title=f"Expeditie {number}",
            listing_image=images[number % 2],
            start_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=number),
        )
        ExpeditionParticipationFactory(expedition=page, organisation=OrganisationFactory(name=f"Club {number}"))
        ExpeditionTargetGroupFactory(expedition=page, target_group="students", new_volunteers=number)
        ExpeditionLeadershipFactory(expedition=page, leader=ExpeditionLeaderFactory())
        LessonPageFactory(parent=page, listing_image=images[number % 2], author=ExpeditionLeaderFactory())


@pytest.fixture
def one_long_page(monkeypatch):
    """All items on one page, so the tests compare 5 cards with 50 (not with one page of 12)."""
    monkeypatch.setattr("expeditions.models.index.PER_PAGE", 100)


@pytest.mark.usefixtures("one_long_page")
def test_expedition_index_is_flat(client, index_page, make_expedition, images, django_assert_num_queries):
    add_expeditions(make_expedition, images, 5, 0)
    url = f"{index_page.url}?status=completed"
    few = count_queries(client, url)
    add_expeditions(make_expedition, images, 45, 5)
    client.get(url)
    cache.clear()
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 50


@pytest.mark.usefixtures("one_long_page")
def test_lesson_overview_is_flat(client, index_page, make_expedition, images, django_assert_num_queries):
    add_expeditions(make_expedition, images, 5, 0)
    url = f"{index_page.url}lessen/?lens=accessibility"
    few = count_queries(client, url)
    add_expeditions(make_expedition, images, 45, 5)
    client.get(url)
    cache.clear()
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 50


def fill_expedition(expedition, images, count, start):
    for number in range(start, start + count):
        LessonPageFactory(parent=expedition, listing_image=images[number % 2], author=ExpeditionLeaderFactory())
        ExpeditionLeadershipFactory(
            expedition=expedition, leader=ExpeditionLeaderFactory(photo=images[number % 2], photo_alt_text="Portret")
        )
        ExpeditionParticipationFactory(expedition=expedition, organisation=OrganisationFactory(name=f"Club {number}"))
        ExpeditionTargetGroupFactory(expedition=expedition, target_group="newcomers", new_volunteers=1)


def test_expedition_page_is_flat(client, expedition, images, django_assert_num_queries):
    fill_expedition(expedition, images, 5, 0)
    few = count_queries(client, expedition.url)
    fill_expedition(expedition, images, 45, 5)
    client.get(expedition.url)
    cache.clear()
    with django_assert_num_queries(few):
        response = client.get(expedition.url)
    assert len(response.context["lessons"]) == 50
    assert len(response.context["leaders"]) == 50


def test_home_section_is_flat(client, home_page, index_page, make_expedition, images, django_assert_num_queries):
    add_expeditions(make_expedition, images, 2, 0)
    few = count_queries(client, home_page.url)
    add_expeditions(make_expedition, images, 20, 2)
    client.get(home_page.url)
    cache.clear()
    with django_assert_num_queries(few):
        client.get(home_page.url)


def test_a_lesson_seen_first_reads_its_expedition_and_author_as_kept_by_a_sibling(client, expedition):
    author = ExpeditionLeaderFactory(name="Sanne Visser", bio="Begeleidt expedities in Drenthe.")
    first, second = (
        LessonPageFactory(parent=expedition, title=f"Les {number}", slug=f"les-{number}", author=author)
        for number in (1, 2)
    )
    assert "Sanne Visser" in client.get(first.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(second.url).content.decode()
    assert "Sanne Visser" in html and "Begeleidt expedities in Drenthe." in html and expedition.title in html
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "expeditions_expeditionleader" not in sql and "expeditions_expeditionpage" not in sql
    # A renamed author (a snippet saved) starts a new content generation: the next view shows the new name.
    author.name = "Sanne de Vries"
    author.save()
    assert "Sanne de Vries" in client.get(second.url).content.decode()


def test_a_preview_shows_the_author_chosen_in_the_editor(expedition):
    lesson = LessonPageFactory(parent=expedition, author=ExpeditionLeaderFactory(name="Sanne Visser"))
    lesson.author = ExpeditionLeaderFactory(name="Piet Bakker")
    html = lesson.make_preview_request().content.decode()
    assert "Piet Bakker" in html and "Sanne Visser" not in html


LISTED_TABLES = (
    "expeditions_lessonpage",
    "expeditions_expeditionleadership",
    "expeditions_expeditionparticipation",
    "expeditions_expeditiontargetgroup",
)


def test_an_expedition_seen_again_reads_its_lists_once(client, expedition, other_expedition, images):
    fill_expedition(expedition, images, 3, 0)
    LessonPageFactory(parent=other_expedition, title="Meelopen voor de papieren")
    first = client.get(expedition.url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(expedition.url)
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert not [table for table in LISTED_TABLES if table in sql]
    assert again.content == first.content
    assert len(again.context["lessons"]) == 3 and len(again.context["leaders"]) == 3
    assert [o.name for o in again.context["organisations"]] == ["Club 0", "Club 1", "Club 2"]
    # Kept per expedition: the other one lists its own lesson, not these.
    other = client.get(other_expedition.url)
    assert [lesson.title for lesson in other.context["lessons"]] == ["Meelopen voor de papieren"]
    assert "Club 0" not in other.content.decode()


def test_an_expedition_shows_a_published_unpublished_or_renamed_item_at_once(client, expedition):
    leader = ExpeditionLeaderFactory(name="Sanne Visser")
    ExpeditionLeadershipFactory(expedition=expedition, leader=leader)
    assert "Sanne Visser" in client.get(expedition.url).content.decode()

    lesson = LessonPageFactory(parent=expedition, title="Knip de klus in stukjes", live=False)
    assert "Knip de klus in stukjes" not in client.get(expedition.url).content.decode()
    lesson.save_revision().publish()
    assert "Knip de klus in stukjes" in client.get(expedition.url).content.decode()

    leader.name = "Sanne de Vries"
    leader.save()
    html = client.get(expedition.url).content.decode()
    assert "Sanne de Vries" in html and "Sanne Visser" not in html

    lesson.refresh_from_db()  # published through its revision
    lesson.unpublish()
    assert "Knip de klus in stukjes" not in client.get(expedition.url).content.decode()


def test_an_expedition_preview_shows_the_organisations_chosen_in_the_editor(client, expedition):
    ExpeditionParticipationFactory(expedition=expedition, organisation=OrganisationFactory(name="Sportclub Noord"))
    assert "Sportclub Noord" in client.get(expedition.url).content.decode()  # kept for the live page
    expedition.participations = [ExpeditionParticipation(organisation=OrganisationFactory(name="Harmonie Zuid"))]
    html = expedition.make_preview_request().content.decode()
    assert "Harmonie Zuid" in html and "Sportclub Noord" not in html
    assert "Sportclub Noord" in client.get(expedition.url).content.decode()  # the live page is unchanged
