"""seed_demo adds realistic expeditions, idempotently, without usable leader accounts or printed passwords."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Revision

from core.models import User
from expeditions.models import ExpeditionLeader, ExpeditionPage, LessonPage, Organisation


def test_demo_has_varied_expeditions_each_with_lessons(demo):
    expeditions = list(ExpeditionPage.objects.live().with_status())
    assert len(expeditions) >= 6
    assert len({page.province for page in expeditions}) >= 6
    assert {page.current_status for page in expeditions} == {"planned", "running", "completed"}
    for page in expeditions:
        lessons = LessonPage.objects.child_of(page).live().count()
        assert 2 <= lessons <= 4, page.title
        assert page.participations.exists() and page.leaderships.exists() and page.target_groups.exists()
    assert min(page.start_date.year for page in expeditions) == 2020, "the pilots ran in 2020"
    assert "Created" in demo.output
    assert "wachtwoord" not in demo.output.lower() and "password" not in demo.output.lower()


def test_demo_creates_no_user_accounts(demo):
    assert ExpeditionLeader.objects.count() >= 4
    assert not ExpeditionLeader.objects.filter(user__isnull=False).exists()
    # The demo's forum members (community) are users, but none is staff and none can log in until given a
    # password; the admin exists only when asked for (seed_demo --admin).
    assert not User.objects.filter(is_staff=True).exists(), "seed_demo creates no staff unless asked"
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert ExpeditionLeader.objects.exclude(email="").filter(contact_preference="email").exists()


def test_demo_is_idempotent(demo):
    def counts():
        return (
            ExpeditionPage.objects.count(),
            LessonPage.objects.count(),
            ExpeditionLeader.objects.count(),
            Organisation.objects.count(),
            Group.objects.count(),
            Revision.objects.count(),
        )

    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
