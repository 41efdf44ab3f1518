"""The demo network Iedereen doet mee! as seed_demo builds it."""

import pytest

from core.demo import DemoBuilder
from core.models import Municipality, Province
from networks.demo import seed_networks
from networks.models import (
    AgendaStatus,
    InclusionAgendaPage,
    MemberRole,
    MunicipalityPage,
    NetworkMeetingPage,
    NetworkPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(demo):
    return NetworkPage.objects.get(slug="iedereen-doet-mee")


def test_the_network_has_its_25_front_runners_and_58_signed_municipalities(network):
    roles = list(network.members.values_list("role", flat=True))
    assert roles.count(MemberRole.FRONT_RUNNER) == 25
    assert roles.count(MemberRole.FRONT_RUNNER) + roles.count(MemberRole.SIGNATORY) == 58
    assert len(roles) >= 58
    provinces = set(network.members.values_list("municipality__province", flat=True))
    assert provinces == set(Province.values)
    assert MunicipalityPage.objects.filter(network=network).live().count() == len(roles)
    assert Municipality.objects.count() >= 58


def test_twenty_agendas_in_every_status_some_with_a_pdf(network):
    agendas = InclusionAgendaPage.objects.filter(network=network).live()
    assert agendas.count() == 20
    assert set(agendas.values_list("status", flat=True)) == set(AgendaStatus.values)
    assert all(agenda.life_domains.exists() for agenda in agendas)
    with_pdf = [agenda for agenda in agendas if agenda.agenda_pdf]
    assert len(with_pdf) >= 5
    assert all(agenda.pdf_text for agenda in with_pdf)
    assert any(agenda.pdf_warnings for agenda in with_pdf), "one demo PDF shows the accessibility warning"


def test_meetings_past_and_upcoming_with_municipalities(network):
    meetings = NetworkMeetingPage.objects.child_of(network).live()
    assert meetings.upcoming().count() >= 2
    assert meetings.past().count() >= 2
    assert all(meeting.municipalities.exists() for meeting in meetings)


def test_some_lessons_tips_and_stories_are_linked_to_municipalities(demo):
    zwolle_like = Municipality.objects.filter(network_memberships__role=MemberRole.FRONT_RUNNER)
    assert zwolle_like.filter(lessons__isnull=False).exists()
    assert zwolle_like.filter(tips__isnull=False).exists()
    assert zwolle_like.filter(stories__isnull=False).exists()


def test_every_municipality_page_has_an_editor_group(network):
    assert not MunicipalityPage.objects.filter(network=network, editor_group__isnull=True).exists()


def test_seeding_again_changes_nothing(network, client):
    builder = DemoBuilder()
    builder.home = network.get_parent().get_parent().specific
    seed_networks(builder)
    assert builder.created == 0
    assert client.get(network.url).status_code == 200
