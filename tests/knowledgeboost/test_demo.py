import pytest
from django.core.management import call_command

from knowledgeboost.models import KnowledgeBoostWeekPage, SessionPage
from tests.conftest import ensure_wagtail_base

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_two_weeks_and_the_information_sessions_once(tmp_path):
    ensure_wagtail_base()
    call_command("seed_demo", stdout=open(tmp_path / "first.txt", "w"))  # noqa: SIM115
    weeks = KnowledgeBoostWeekPage.objects.live()
    assert weeks.count() == 2
    assert weeks.upcoming().count() == 1 and weeks.past().count() == 1
    week_sessions = SessionPage.objects.filter(depth=5)
    assert 8 <= week_sessions.count() <= 12
    assert any(s.is_nearly_full for s in week_sessions.upcoming().with_registration_counts())
    info = SessionPage.objects.filter(slug__startswith="voorlichtingssessie-gemeenten")
    assert info.count() == 2
    assert all(session.meeting_url for session in info)

    call_command("seed_demo", stdout=open(tmp_path / "second.txt", "w"))  # noqa: SIM115
    assert "nothing changed" in (tmp_path / "second.txt").read_text()
    assert SessionPage.objects.count() == week_sessions.count() + 2
