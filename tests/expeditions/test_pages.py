"""What visitors see: the overview with filters and impact, the expedition and lesson pages, feeds and home."""

import datetime
import re

import pytest
import time_machine
from wagtail.test.utils import WagtailPageTestCase

from core.factories import ThemeFactory
from core.models import ContentPage, HomePage
from expeditions.factories import (
    ExpeditionLeaderFactory,
    ExpeditionLeadershipFactory,
    ExpeditionParticipationFactory,
    ExpeditionTargetGroupFactory,
    LessonPageFactory,
    OrganisationFactory,
)
from expeditions.models import ExpeditionIndexPage, ExpeditionPage, LessonPage

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 6, 15)


class TestPageTreeRules(WagtailPageTestCase):
    def test_where_pages_may_go(self):
        self.assertAllowedParentPageTypes(ExpeditionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ExpeditionIndexPage, {ExpeditionPage, ContentPage})
        self.assertAllowedParentPageTypes(ExpeditionPage, {ExpeditionIndexPage})
        self.assertAllowedSubpageTypes(ExpeditionPage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {ExpeditionPage})
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(ExpeditionIndexPage, LessonPage)

    def test_only_one_index(self):
        self.assertEqual(ExpeditionIndexPage.max_count, 1)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def catalogue(make_expedition):
    """Three expeditions in three provinces and statuses, with results and lessons."""
    youth = ThemeFactory(name="Jongeren", slug="jongeren")
    pilot = make_expedition(
        title="Voetbalclub verjongt",
        slug="voetbalclub",
        province="groningen",
        start_date=datetime.date(2020, 9, 1),
        end_date=datetime.date(2020, 12, 1),
    )
    pilot.themes.add(youth)
    pilot.save()
    ExpeditionTargetGroupFactory(expedition=pilot, target_group="young_people", new_volunteers=9)
    ExpeditionTargetGroupFactory(expedition=pilot, target_group="students", new_volunteers=4)
    care = make_expedition(
        title="Zorgcentrum zoekt gastvrouwen",
        slug="zorgcentrum",
        province="noord-brabant",
        start_date=datetime.date(2021, 2, 1),
        end_date=datetime.date(2021, 5, 30),
    )
    ExpeditionTargetGroupFactory(expedition=care, target_group="newcomers", new_volunteers=7)
    ExpeditionTargetGroupFactory(expedition=care, target_group="young_people", new_volunteers=2)
    garden = make_expedition(
        title="Moestuin voor iedereen",
        slug="moestuin",
        province="zuid-holland",
        start_date=datetime.date(2021, 4, 1),
        end_date=datetime.date(2021, 11, 1),
    )
    # Numbers of a running expedition do not count yet in the impact overview.
    ExpeditionTargetGroupFactory(expedition=garden, target_group="young_people", new_volunteers=100)
    LessonPageFactory(
        parent=pilot, title="Knip de klus in stukjes", lens="attractiveness", date=datetime.date(2020, 11, 2)
    )
    LessonPageFactory(
        parent=care,
        title="Eerst meelopen",
        lens="accessibility",
        target_group="newcomers",
        date=datetime.date(2021, 5, 20),
    )
    LessonPageFactory(
        parent=garden,
        title="Schouw met ervaringsdeskundigen",
        lens="accessibility",
        target_group="people_with_disability",
        date=datetime.date(2021, 6, 1),
    )
    draft = LessonPageFactory(parent=garden, title="Nog niet gepubliceerd", live=False)
    return {"pilot": pilot, "care": care, "garden": garden, "draft": draft}


# Expedition index -----------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_index_lists_expeditions_in_dutch_with_status_and_count(client, index_page, catalogue):
    response = client.get(index_page.url)
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    assert '<p id="result-count" class="result-count" role="status" tabindex="-1">3 expedities gevonden</p>' in body
    for title in ("Voetbalclub verjongt", "Zorgcentrum zoekt gastvrouwen", "Moestuin voor iedereen"):
        assert title in body
    assert '<span class="status status--running">Loopt</span>' in body
    assert '<span class="status status--completed">Afgerond</span>' in body
    assert "Noord-Brabant" in body


@time_machine.travel(TODAY)
def test_impact_overview_counts_completed_expeditions_only(client, index_page, catalogue, django_assert_num_queries):
    body = text(client.get(index_page.url))
    # Young people: 9 (pilot) + 2 (care); the running garden's 100 does not count yet.
    assert '<tr><th scope="row">Jongeren</th><td class="numeric">11</td></tr>' in body
    assert '<tr><th scope="row">Nieuwkomers</th><td class="numeric">7</td></tr>' in body
    assert '<tr><th scope="row">Studenten</th><td class="numeric">4</td></tr>' in body
    assert '<tr><th scope="row">Afgerond</th><td class="numeric">2</td></tr>' in body
    assert '<tr><th scope="row">Loopt</th><td class="numeric">1</td></tr>' in body
    # The chart is an accessible image with a title and a description that carries the same figures.
    assert 'role="img" aria-labelledby="chart-volunteers-title chart-volunteers-desc"' in body
    assert '<title id="chart-volunteers-title">Nieuwe vrijwilligers per doelgroep</title>' in body
    assert "Jongeren: 11; Nieuwkomers: 7" in body


@time_machine.travel(TODAY)
def test_impact_figures_come_from_one_aggregate_query_each(index_page, catalogue, django_assert_num_queries):
    from expeditions.impact import expeditions_per_status, volunteers_per_target_group

    expeditions = ExpeditionPage.objects.child_of(index_page).live()
    with django_assert_num_queries(1):
        assert volunteers_per_target_group(expeditions) == {"young_people": 11, "students": 4, "newcomers": 7}
    with django_assert_num_queries(1):
        assert expeditions_per_status(expeditions) == {"completed": 2, "running": 1}


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=completed", {"Voetbalclub verjongt", "Zorgcentrum zoekt gastvrouwen"}),
        ("status=running", {"Moestuin voor iedereen"}),
        ("provincie=noord-brabant", {"Zorgcentrum zoekt gastvrouwen"}),
        ("doelgroep=young_people", {"Voetbalclub verjongt", "Zorgcentrum zoekt gastvrouwen", "Moestuin voor iedereen"}),
        ("doelgroep=newcomers", {"Zorgcentrum zoekt gastvrouwen"}),
        ("thema=jongeren", {"Voetbalclub verjongt"}),
        ("status=completed&doelgroep=young_people&provincie=groningen", {"Voetbalclub verjongt"}),
        (
            "status=onzin&provincie=atlantis",
            {"Voetbalclub verjongt", "Zorgcentrum zoekt gastvrouwen", "Moestuin voor iedereen"},
        ),
    ],
)
def test_index_filters(client, index_page, catalogue, query, expected):
    response = client.get(f"{index_page.url}?{query}")
    assert response.status_code == 200
    shown = {page.title for page in response.context["page_obj"].object_list}
    assert shown == expected


@time_machine.travel(TODAY)
def test_no_results_message_and_selected_filters_stay_in_the_form(client, index_page, catalogue):
    body = text(client.get(f"{index_page.url}?provincie=zeeland"))
    assert "0 expedities gevonden" in body
    assert "Geen expedities gevonden met deze filters." in body
    assert '<option value="zeeland" selected>Zeeland</option>' in body
    assert "Wis alle filters" in body


def test_pagination_keeps_the_filters(client, index_page, make_expedition):
    for number in range(14):
        make_expedition(title=f"Expeditie {number:02}", province="utrecht")
    make_expedition(title="Elders", province="limburg")
    response = client.get(f"{index_page.url}?provincie=utrecht")
    body = text(response)
    assert "14 expedities gevonden" in body
    assert 'href="?provincie=utrecht&amp;page=2"' in body
    second = client.get(f"{index_page.url}?provincie=utrecht&page=2")
    assert len(second.context["page_obj"].object_list) == 2
    assert all(page.province == "utrecht" for page in second.context["page_obj"].object_list)


# Lesson overview and feeds -----------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_lesson_overview_newest_first_and_only_live(client, index_page, catalogue):
    response = client.get(f"{index_page.url}lessen/")
    assert response.status_code == 200
    titles = [lesson.title for lesson in response.context["page_obj"].object_list]
    assert titles == ["Schouw met ervaringsdeskundigen", "Eerst meelopen", "Knip de klus in stukjes"]
    body = text(response)
    assert "<h1>Lessen uit de expedities</h1>" in body
    assert "3 lessen gevonden" in body
    assert "Nog niet gepubliceerd" not in body


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lens=accessibility", {"Eerst meelopen", "Schouw met ervaringsdeskundigen"}),
        ("doelgroep=newcomers", {"Eerst meelopen"}),
        ("provincie=groningen", {"Knip de klus in stukjes"}),
        ("status=running", {"Schouw met ervaringsdeskundigen"}),
        ("lens=accessibility&status=completed", {"Eerst meelopen"}),
    ],
)
def test_lesson_filters(client, index_page, catalogue, query, expected):
    response = client.get(f"{index_page.url}lessen/?{query}")
    assert {lesson.title for lesson in response.context["page_obj"].object_list} == expected
    # The feed links carry the same filters.
    assert f"lessen/rss/?{query.replace('&', '&amp;')}" in response.content.decode()


@time_machine.travel(TODAY)
def test_rss_feed_lists_new_lessons(client, index_page, catalogue):
    response = client.get(f"{index_page.url}lessen/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Lessen uit de Expedities Nieuwe Gezichten</title>" in body
    assert "<title>Eerst meelopen</title>" in body
    assert "http://localhost/expedities/zorgcentrum/" in body
    assert "Nog niet gepubliceerd" not in body
    assert "<category>Toegankelijkheid</category>" in body


@time_machine.travel(TODAY)
def test_atom_feed_with_a_filter(client, index_page, catalogue):
    response = client.get(f"{index_page.url}lessen/atom/?provincie=groningen")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Knip de klus in stukjes</title>" in body
    assert "Eerst meelopen" not in body


# Expedition and lesson pages ---------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_expedition_page_shows_everything_an_editor_entered(client, catalogue):
    care = catalogue["care"]
    ExpeditionParticipationFactory(
        expedition=care, organisation=OrganisationFactory(name="De Lindehof", kind="care", municipality="Tilburg")
    )
    quiet = ExpeditionLeaderFactory(
        name="Mohamed El Amrani", email="mohamed@example.org", contact_preference="programme_team"
    )
    open_leader = ExpeditionLeaderFactory(name="Fatma Yilmaz", email="fatma@example.org", contact_preference="email")
    ExpeditionLeadershipFactory(expedition=care, leader=quiet)
    ExpeditionLeadershipFactory(expedition=care, leader=open_leader)
    care.lens_sections = [
        (
            "lens",
            {
                "lens": "accessibility",
                "starting_situation": "<p>Een VOG vooraf.</p>",
                "actions": "<p>Eerst meelopen.</p>",
            },
        ),
        ("lens", {"lens": "attractiveness", "starting_situation": "<p>Saaie functienaam.</p>", "actions": ""}),
    ]
    care.timeline = [("phase", {"title": "Meeloopdagen", "start_date": "2021-04-12", "end_date": "2021-05-30"})]
    care.save()

    body = text(client.get(care.url))
    assert "<h1>Zorgcentrum zoekt gastvrouwen</h1>" in body
    assert "De Lindehof" in body and "(zorginstelling, Tilburg)" in body
    assert "1 februari 2021</time> tot en met <time" in body
    # Lenses in the fixed order of the programme, whatever order the editor used.
    assert body.index("Aantrekkelijkheid</h3>") < body.index("Toegankelijkheid</h3>")
    assert "Meeloopdagen" in body
    assert '<tr><th scope="row">Nieuwkomers</th><td class="numeric">7</td></tr>' in body
    assert '<tfoot><tr><th scope="row">Totaal</th><td class="numeric">9</td></tr></tfoot>' in body
    assert "Mohamed El Amrani" in body and "Fatma Yilmaz" in body
    assert "mailto:fatma@example.org" in body
    assert "mohamed@example.org" not in body, "no email address unless the leader opted in"
    assert "Eerst meelopen" in body


@time_machine.travel(TODAY)
def test_lesson_page(client, catalogue):
    author = ExpeditionLeaderFactory(name="Sanne Visser", bio="Ervaringsdeskundige en adviseur inclusie.")
    lesson = LessonPageFactory(
        parent=catalogue["garden"],
        title="Een teamdag als kennismaking",
        author=author,
        what_worked="<p>Elf medewerkers kwamen terug.</p>",
        what_did_not_work="<p>Grote teams pasten niet.</p>",
        advice=[("paragraph", "<p>Geef een tweede datum mee.</p>")],
    )
    body = text(client.get(lesson.url))
    assert "<h1>Een teamdag als kennismaking</h1>" in body
    assert 'Les uit <a href="/expedities/moestuin/">Moestuin voor iedereen</a>' in body
    for heading in ("Wat we probeerden", "Wat werkte", "Wat niet werkte", "Advies voor anderen", "Over de auteur"):
        assert f">{heading}</h2>" in body
    assert "Zuid-Holland" in body
    assert "Ervaringsdeskundige en adviseur inclusie." in body


# Home page ---------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_home_shows_the_latest_lessons(client, home_page, index_page, catalogue):
    body = text(client.get(home_page.url))
    assert "Nieuwste lessen uit de expedities" in body
    section = body[body.index("Nieuwste lessen uit de expedities") :]
    assert section.index("Schouw met ervaringsdeskundigen") < section.index("Eerst meelopen")
    assert 'href="/expedities/lessen/">Alle lessen</a>' in body
    assert "Nog niet gepubliceerd" not in body


def test_home_without_lessons_shows_no_empty_section(client, home_page, index_page):
    assert "Nieuwste lessen" not in text(client.get(home_page.url))


# Search ------------------------------------------------------------------------------------------------


def test_lessons_and_expeditions_are_searchable_with_filters(catalogue):
    results = LessonPage.objects.live().filter(lens="accessibility").search("meelopen")
    assert [page.title for page in results] == ["Eerst meelopen"]
    assert [page.title for page in ExpeditionPage.objects.filter(province="groningen").search("voetbalclub")] == [
        "Voetbalclub verjongt"
    ]


@time_machine.travel(TODAY)
def test_status_filter_works_together_with_search(catalogue):
    running = ExpeditionPage.objects.live().search_status_in(["running"]).search("moestuin")
    assert [page.title for page in running] == ["Moestuin voor iedereen"]
    assert list(ExpeditionPage.objects.live().search_status_in(["planned"]).search("moestuin")) == []
    lessons = LessonPage.objects.live().search_status_in(["completed"]).search("meelopen")
    assert [page.title for page in lessons] == ["Eerst meelopen"]


def test_sitemap_lists_the_pages_and_the_lesson_overview(client, index_page, catalogue):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/expedities/</loc>" in body
    assert "<loc>http://localhost/expedities/lessen/</loc>" in body
    assert "<loc>http://localhost/expedities/zorgcentrum/</loc>" in body
