"""What visitors see on the network, municipality and agenda pages, and the page tree rules."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from core.models import Province
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from networks.models import AgendaStatus, InclusionAgendaPage, MemberRole, MunicipalityPage
from networks.pdfgen import make_pdf
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(tree):
    zwolle = tree.add("Zwolle", "GM0193", role=MemberRole.FRONT_RUNNER, inhabitants=132_000)
    deventer = tree.add("Deventer", "GM0150", role=MemberRole.SIGNATORY)
    utrecht = tree.add("Utrecht", "GM0344", province=Province.UTRECHT, role=MemberRole.PARTICIPANT)
    tree.agenda(
        zwolle,
        domains=["housing", "mobility"],
        status=AgendaStatus.PRESENTED,
        presented_on=datetime.date(2026, 10, 1),
        period_start=2026,
        period_end=2030,
    )
    tree.agenda(deventer, status=AgendaStatus.IN_PREPARATION)
    return {"zwolle": zwolle, "deventer": deventer, "utrecht": utrecht}


def html(client, page, suffix=""):
    response = client.get(page.url + suffix)
    assert response.status_code == 200
    return response.content.decode()


def test_network_page_shows_members_by_province_and_newest_agendas(client, tree, members):
    content = html(client, tree.network)
    assert "<h1>Iedereen doet mee!</h1>" in content
    assert "3 gemeenten doen mee aan dit netwerk." in content
    assert '<th scope="row">Overijssel</th><td>2</td>' in content
    assert '<th scope="row">Utrecht</th><td>1</td>' in content
    assert '<a href="/netwerken/iedereen-doet-mee/gemeenten/zwolle/">Zwolle</a>' in content
    assert "koploper" in content.lower() and "ondertekenaar" in content.lower()
    assert "Lokale Inclusie Agenda Zwolle" in content
    assert content.index("Lokale Inclusie Agenda Zwolle") < content.index("Lokale Inclusie Agenda Deventer")
    assert "Er zijn op dit moment geen bijeenkomsten gepland." in content or "Komende bijeenkomsten" in content


def test_municipalities_index_lists_every_member(client, tree, members):
    content = html(client, tree.municipalities)
    for name in ("Zwolle", "Deventer", "Utrecht"):
        assert f">{name}</a>" in content


def test_municipality_page_brings_together_its_agenda_and_membership(client, members):
    content = html(client, members["zwolle"])
    assert "<h1>Gemeente Zwolle</h1>" in content
    assert "Koploper" in content
    assert "ongeveer 132.000" in content
    assert "gepresenteerd" in content
    assert "periode 2026–2030" in content
    assert "wonen" in content and "vervoer" in content
    assert 'href="/netwerken/iedereen-doet-mee/gemeenten/zwolle/inclusie-agenda/"' in content


def test_municipality_without_agenda_says_so(client, members):
    assert "Utrecht heeft nog geen Lokale Inclusie Agenda op dit platform gepubliceerd." in html(
        client, members["utrecht"]
    )


def test_lessons_tips_and_stories_linked_to_the_municipality_appear_on_its_page(client, home_page, members):
    zwolle = members["zwolle"].municipality
    expedition = ExpeditionPageFactory(parent=ExpeditionIndexPageFactory(parent=home_page))
    lesson = LessonPageFactory(parent=expedition, title="Werven met de voedselbank")
    lesson.municipalities.add(zwolle)
    lesson.save()
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page), title="De dorpsbus rijdt weer")
    story.municipalities.add(zwolle)
    story.save()
    tip = TipFactory(page=TipCollectionPageFactory(parent=TipCollectionIndexPageFactory(parent=home_page)))
    tip.municipalities.add(zwolle)
    tip.save()
    other = StoryPageFactory(parent=story.get_parent(), title="Een verhaal uit Deventer")
    other.municipalities.add(members["deventer"].municipality)
    other.save()

    content = html(client, members["zwolle"])
    assert "Meer over Zwolle op het platform" in content
    assert "Werven met de voedselbank" in content
    assert "De dorpsbus rijdt weer" in content
    assert tip.title in content
    assert "Een verhaal uit Deventer" not in content
    assert lesson.search_municipalities == [zwolle]


def test_agenda_page_shows_status_dates_domains_and_the_pdf(client, tree, members):
    agenda = InclusionAgendaPage.objects.get(municipality__name="Zwolle")
    agenda.agenda_pdf.save("agenda-zwolle.pdf", ContentFile(make_pdf(["Agenda Zwolle"], title="Agenda")), save=True)
    content = html(client, agenda)
    assert "<h1>Lokale Inclusie Agenda Zwolle</h1>" in content
    assert "Gepresenteerd" in content and "1 oktober 2026" in content
    assert "<li>Wonen</li>" in content and "<li>Vervoer</li>" in content
    assert 'href="/netwerken/iedereen-doet-mee/gemeenten/zwolle/inclusie-agenda/pdf/"' in content
    assert "Zo waren ervaringsdeskundige inwoners betrokken" not in content  # nothing filled in: no heading

    response = client.get(agenda.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(agenda.url + "makkelijk-lezen/").status_code == 404


def test_the_pdf_of_an_unpublished_or_restricted_agenda_is_not_served(client, members):
    agenda = InclusionAgendaPage.objects.get(municipality__name="Zwolle")
    agenda.agenda_pdf.save("agenda-zwolle.pdf", ContentFile(make_pdf(["Agenda Zwolle"])), save=True)
    PageViewRestriction.objects.create(page=agenda, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(agenda.url + "pdf/").status_code == 302  # to the login
    agenda.unpublish()
    assert client.get("/netwerken/iedereen-doet-mee/gemeenten/zwolle/inclusie-agenda/pdf/").status_code == 404


def test_agenda_knows_its_municipality_and_network_for_listings(tree, members):
    agenda = InclusionAgendaPage.objects.get(municipality__name="Zwolle")
    assert agenda.network_id == tree.network.pk
    assert agenda.municipality_page_id == members["zwolle"].pk
    assert agenda.search_province == "Overijssel"
    assert agenda.search_municipalities == [members["zwolle"].municipality]
    assert members["zwolle"].network_id == tree.network.pk


def test_one_agenda_per_municipality_page(members):
    assert not InclusionAgendaPage.can_create_at(members["zwolle"])
    assert InclusionAgendaPage.can_create_at(members["utrecht"])
    assert not InclusionAgendaPage.can_create_at(members["utrecht"].get_parent())


def test_one_page_per_municipality_in_a_network(tree, members):
    from django.core.exceptions import ValidationError

    duplicate = MunicipalityPage(title="Zwolle 2", slug="zwolle-2", municipality=members["zwolle"].municipality)
    duplicate.path = tree.municipalities.path + "0099"
    duplicate.depth = tree.municipalities.depth + 1
    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert "Deze gemeente heeft al een pagina in dit netwerk." in str(error.value)


def test_network_page_links_to_the_agenda_overview(client, tree, members):
    from networks.models import InclusionAgendaOverviewPage

    assert "Alle agenda's per status" not in html(client, tree.network)
    tree.network.add_child(instance=InclusionAgendaOverviewPage(title="Overzicht van de agenda's", slug="overzicht"))
    content = html(client, tree.network)
    assert '<a class="more-link" href="/netwerken/iedereen-doet-mee/overzicht/">' in content
