"""The programme team reviews local actions in the Wagtail admin: filters, approve (mail, on the site) and
reject, refused without permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from campaign.factories import LocalActionFactory
from campaign.models import LocalAction
from core.models import User
from events.models import OutboxEmail
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_campaign_localaction:list"
REVIEW = "wagtailsnippets_campaign_localaction:review"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("beheer", "beheer@example.org", "x"))
    return client


def staff_client(client, *codenames):
    user = User.objects.create_user("team", "team@example.org", "x")
    group = Group.objects.create(name="Campagneteam")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename, content_type__app_label="campaign"))
    user.groups.add(group)
    client.force_login(user)
    return client


@pytest.fixture
def pending(week):
    return LocalActionFactory(week=week, title="Open dag bij de voedselbank", status=LocalAction.Status.PENDING)


def test_the_list_filters_by_status_and_offers_a_review(admin_client, week, pending):
    LocalActionFactory(week=week, title="Al goedgekeurde actie")
    html = admin_client.get(reverse(LIST), {"status": "pending"}).content.decode()
    assert "Open dag bij de voedselbank" in html and "Al goedgekeurde actie" not in html
    assert reverse(REVIEW, args=[pending.pk]) in html
    html = admin_client.get(reverse(LIST), {"province": "overijssel", "week": week.pk}).content.decode()
    assert "Al goedgekeurde actie" in html


def test_approving_publishes_the_action_and_mails_the_organiser(admin_client, client, week, pending):
    review_url = reverse(REVIEW, args=[pending.pk])
    assert "Open dag bij de voedselbank" in admin_client.get(review_url).content.decode()
    response = admin_client.post(review_url, {"decision": "approve"})
    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    pending.refresh_from_db()
    assert pending.status == LocalAction.Status.APPROVED
    assert pending.reviewed_by.username == "beheer" and pending.reviewed_at is not None
    mail = OutboxEmail.objects.get(kind="campaign_action_approved")
    assert mail.to == "actie@example.org"
    assert mail.subject == "Je lokale actie staat op de site: Open dag bij de voedselbank"
    assert pending.get_url() in mail.body_text
    admin_client.logout()
    assert "Open dag bij de voedselbank" in client.get(week.url).content.decode()


def test_rejecting_keeps_it_off_the_site_without_a_mail(admin_client, client, week, pending):
    admin_client.post(reverse(REVIEW, args=[pending.pk]), {"decision": "reject"})
    pending.refresh_from_db()
    assert pending.status == LocalAction.Status.REJECTED
    assert not OutboxEmail.objects.filter(kind="campaign_action_approved").exists()
    admin_client.logout()
    assert "Open dag bij de voedselbank" not in client.get(week.url).content.decode()


def test_an_unknown_decision_changes_nothing(admin_client, pending):
    admin_client.post(reverse(REVIEW, args=[pending.pk]), {"decision": "publish-everything"})
    pending.refresh_from_db()
    assert pending.status == LocalAction.Status.PENDING


def test_review_is_refused_without_permission_to_change(client, pending):
    viewer = staff_client(client, "view_localaction")
    assert viewer.get(reverse(LIST)).status_code == 200
    assert viewer.get(reverse(REVIEW, args=[pending.pk])).status_code in (302, 403)
    viewer.post(reverse(REVIEW, args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.status == LocalAction.Status.PENDING


def test_the_programme_team_with_change_permission_may_review(client, pending):
    team = staff_client(client, "view_localaction", "change_localaction")
    team.post(reverse(REVIEW, args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.status == LocalAction.Status.APPROVED


def test_an_action_added_in_the_admin_still_waits_for_review(admin_client, week):
    """The team may enter an action it received by phone or mail; approving it is still a separate step."""
    response = admin_client.post(
        reverse("wagtailsnippets_campaign_localaction:add"),
        {
            "week": week.pk,
            "title": "Telefonisch aangemelde actie",
            "organisation": "Dorpsraad",
            "place": "Ruinerwold",
            "province": "drenthe",
            "date": week.start_date.isoformat(),
            "description": "Een wandeling langs de vrijwilligersplekken van het dorp.",
            "link": "",
            "email": "dorpsraad@example.org",
        },
    )
    assert response.status_code == 302
    assert LocalAction.objects.get(title="Telefonisch aangemelde actie").status == LocalAction.Status.PENDING
