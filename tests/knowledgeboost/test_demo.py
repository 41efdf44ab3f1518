import io

from django.core.management import call_command

from knowledgeboost.models import KnowledgeBoostWeekPage, SessionPage


def test_seed_demo_adds_two_weeks_and_the_information_sessions_once(demo):
    weeks = KnowledgeBoostWeekPage.objects.live()
    assert weeks.count() == 2
    assert weeks.upcoming().count() == 1 and weeks.past().count() == 1
    week_sessions = SessionPage.objects.filter(depth=5)
    assert 8 <= week_sessions.count() <= 12
    assert any(s.is_nearly_full for s in week_sessions.upcoming().with_registration_counts())
    info = SessionPage.objects.filter(slug__startswith="voorlichtingssessie-gemeenten")
    assert info.count() == 2
    assert all(session.meeting_url for session in info)

    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert SessionPage.objects.count() == week_sessions.count() + 2
