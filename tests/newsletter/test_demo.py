"""The demo: confirmed subscribers with their choices, one sent issue and one draft full of the new content."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from core.factories import UserFactory
from newsletter.models import Issue, IssueItem, Subscriber


def newsletter_counts():
    return (Subscriber.objects.count(), Issue.objects.count(), IssueItem.objects.count())


def test_the_demo_has_subscribers_a_sent_issue_and_a_draft(demo, client):
    confirmed = Subscriber.objects.confirmed()
    assert confirmed.count() >= 4
    assert all(subscriber.consent_text.startswith("Ik wil de nieuwsbrief") for subscriber in confirmed)
    assert confirmed.filter(themes__isnull=False).exists() and confirmed.filter(audiences__isnull=False).exists()

    sent = Issue.objects.get(status=Issue.Status.SENT)
    draft = Issue.objects.get(status=Issue.Status.DRAFT)
    assert sent.items.exists() and sent.sent_at and sent.recipients == confirmed.count()
    assert draft.items.count() >= 3
    assert len({item.kind for item in draft.items.all()}) >= 3  # several sections

    client.force_login(UserFactory(username="beheer", is_staff=True, is_superuser=True))
    preview = client.get(reverse("newsletter_issues:preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert draft.items.first().title in preview.content.decode()


def test_seeding_again_changes_nothing_in_the_newsletter(demo):
    before = newsletter_counts()
    call_command("seed_demo", stdout=StringIO())
    assert newsletter_counts() == before
