"""The demo holds the agenda overview and example matches; its pages render with their matches."""

import pytest
from django.core import mail

from networks.models import InclusionAgendaOverviewPage, Match, MatchStatus, MunicipalityPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_overview_and_matches_in_every_status(demo, client):
    overview = InclusionAgendaOverviewPage.objects.live().get()
    html = client.get(overview.url).content.decode()
    assert "Onlangs gevierd" in html and "Agenda&#x27;s per levensdomein" in html
    assert set(Match.objects.values_list("status", flat=True)) == set(MatchStatus.values)
    assert mail.outbox == []  # seeding introduced matches sends nothing


def test_a_demo_municipality_page_shows_its_matches(demo, client):
    zwolle = MunicipalityPage.objects.live().get(slug="zwolle")
    html = client.get(zwolle.url).content.decode()
    assert "Gemeenten om van te leren" in html
    assert "werkt ook aan" in html
    assert "Vraag een koppeling aan</a>" in html and 'name="question"' not in html  # the cached page: a button
    assert 'name="question"' in client.get(zwolle.url + "?koppeling=1").content.decode()
