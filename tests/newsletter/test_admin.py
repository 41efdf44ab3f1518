"""Editors compose an issue from the suggested new content, preview it, send a test and send it; the views check
permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from core.factories import UserFactory
from events.models import OutboxEmail
from newsletter import emails
from newsletter.models import Issue, IssueDelivery, Subscriber

pytestmark = pytest.mark.django_db


def staff(client, username, *codenames):
    user = UserFactory(username=username, email=f"{username}@example.nl")
    group = Group.objects.create(name=f"Groep {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename, content_type__app_label="newsletter"))
    user.groups.add(group)
    client.force_login(user)
    return user


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def stories(stories_kind, make_story, terms):
    return [
        make_story("Samen sterker", themes=[terms["inclusie"]]),
        make_story("Rond komen", themes=[terms["armoede"]]),
    ]


def test_editors_get_the_newsletter_permissions_after_migrate():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.filter(content_type__app_label="newsletter").values_list("codename", flat=True))
    assert {"add_issue", "change_issue", "view_issue", "send_issue"} <= codenames


def test_compose_preview_test_and_send(client, stories, terms, django_capture_on_commit_callbacks):
    editor = staff(client, "redacteur", "add_issue", "change_issue", "view_issue", "send_issue")
    now = timezone.now()
    reader = Subscriber.objects.create(email="lezer@example.nl", consent_text="Ja", consented_at=now, confirmed_at=now)
    reader.themes.set([terms["inclusie"]])

    form = client.get(reverse("newsletter_issues:add"))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Samen sterker" in html and "Rond komen" in html  # suggested, ticked
    assert html.count('name="selection"') == 2 and html.count("checked") >= 2

    response = client.post(
        reverse("newsletter_issues:add"),
        {"subject": "Nieuwsbrief december", "intro": "Hallo allemaal.", "selection": [f"stories:{stories[0].pk}"]},
    )
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter_issues:preview", args=[issue.pk])
    assert list(issue.items.values_list("title", flat=True)) == ["Samen sterker"]

    preview = client.get(response["Location"]).content.decode()
    assert "Samen sterker" in preview and "Hallo allemaal." in preview
    assert "1 van de 1 bevestigde abonnees" in preview

    client.post(reverse("newsletter_issues:test", args=[issue.pk]))
    test_mail = OutboxEmail.objects.get(kind=emails.KIND_TEST)
    assert test_mail.to == editor.email

    assert "Ja, verzenden" in client.get(reverse("newsletter_issues:send", args=[issue.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_issues:send", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert IssueDelivery.objects.get(issue=issue).subscriber == reader

    edit = client.get(reverse("newsletter_issues:edit", args=[issue.pk]))
    assert edit.status_code == 302  # a sent issue is not edited any more


def test_without_the_send_permission_nothing_is_sent(client, stories):
    staff(client, "schrijver", "add_issue", "change_issue", "view_issue")
    issue = Issue.objects.create(subject="Concept")
    assert refused(client.get(reverse("newsletter_issues:send", args=[issue.pk])))
    assert refused(client.post(reverse("newsletter_issues:send", args=[issue.pk])))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_without_permissions_the_admin_views_are_refused(client, stories):
    staff(client, "buitenstaander")
    issue = Issue.objects.create(subject="Concept")
    for name in ("preview", "send"):
        assert refused(client.get(reverse(f"newsletter_issues:{name}", args=[issue.pk])))
    assert refused(client.post(reverse("newsletter_issues:test", args=[issue.pk])))
    assert not OutboxEmail.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    issue = Issue.objects.create(subject="Concept")
    response = client.get(reverse("newsletter_issues:preview", args=[issue.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_issue_whose_items_all_went_private_stays_a_draft_with_a_dutch_error(
    client, stories, terms, django_capture_on_commit_callbacks
):
    from newsletter import content

    staff(client, "verzender", "view_issue", "change_issue", "send_issue")
    now = timezone.now()
    Subscriber.objects.create(email="lezer@example.nl", consent_text="Ja", consented_at=now, confirmed_at=now)
    issue = Issue.objects.create(subject="Nieuwsbrief januari")
    content.set_items(issue, [content.item_key("stories", stories[0].pk)])
    stories[0].unpublish()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter_issues:send", args=[issue.pk]), follow=True)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not IssueDelivery.objects.exists()
    assert not OutboxEmail.objects.filter(kind=emails.KIND_ISSUE).exists()
    assert "Geen van de onderdelen van deze editie is nog openbaar" in response.content.decode()
