"""Sending an issue: each subscriber gets only the items matching their choices (none: no mail), nobody gets an
issue twice (run twice, or twice at once on PostgreSQL), every mail carries the one-click unsubscribe headers,
and an unsubscription stops mail that was already queued."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from events.models import OutboxEmail, OutboxStatus
from events.outbox import deliver
from newsletter import content, emails, sending, subscriptions
from newsletter.models import Issue, IssueDelivery, Subscriber


def make_subscriber(email, themes=(), audiences=(), confirmed=True):
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email, consent_text="Ik wil de nieuwsbrief.", consented_at=now, confirmed_at=now if confirmed else None
    )
    subscriber.themes.set(themes)
    subscriber.audiences.set(audiences)
    return subscriber


@pytest.fixture
def issue(stories_kind, make_story, terms):
    inclusion = make_story("Samen sterker", themes=[terms["inclusie"]], audiences=[terms["gemeenten"]])
    poverty = make_story("Rond komen", themes=[terms["armoede"]], audiences=[terms["gemeenten"]])
    issue = Issue.objects.create(
        subject="Nieuwsbrief november", intro="Welkom bij de nieuwsbrief.\n\nVeel leesplezier."
    )
    content.set_items(issue, [content.item_key("stories", inclusion.pk), content.item_key("stories", poverty.pk)])
    return issue


def delivered_titles(subscriber, issue):
    delivery = IssueDelivery.objects.get(issue=issue, subscriber=subscriber)
    return sorted(issue.items.filter(pk__in=delivery.item_ids).values_list("title", flat=True))


@pytest.mark.django_db
def test_each_subscriber_gets_only_the_matching_items(issue, terms):
    inclusion = make_subscriber("inclusie@example.nl", themes=[terms["inclusie"]])
    everything = make_subscriber("alles@example.nl")
    municipalities = make_subscriber("gemeente@example.nl", audiences=[terms["gemeenten"]])
    nothing = make_subscriber("vrijwilliger@example.nl", audiences=[terms["vrijwilligers"]])
    make_subscriber("onbevestigd@example.nl", confirmed=False)

    assert sending.start(issue.pk)
    sending.send_issue(issue.pk)

    assert delivered_titles(inclusion, issue) == ["Samen sterker"]
    assert delivered_titles(everything, issue) == ["Rond komen", "Samen sterker"]
    assert delivered_titles(municipalities, issue) == ["Rond komen", "Samen sterker"]
    assert delivered_titles(nothing, issue) == []
    assert IssueDelivery.objects.get(subscriber=nothing).email is None  # no matching item: no mail
    assert sorted(OutboxEmail.objects.filter(kind=emails.KIND_ISSUE).values_list("to", flat=True)) == [
        "alles@example.nl",
        "gemeente@example.nl",
        "inclusie@example.nl",
    ]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.recipients == 3


@pytest.mark.django_db
def test_sending_in_batches_and_twice_mails_everyone_once(issue):
    for number in range(7):
        make_subscriber(f"lezer{number}@example.nl")
    sending.start(issue.pk)
    assert not sending.start(issue.pk)  # a second click does not start it again
    assert sending.send_batch(issue.pk, batch_size=3) == 3
    assert sending.send_issue(issue.pk, batch_size=3) == 4
    assert sending.send_issue(issue.pk, batch_size=3) == 0
    sending.send_pending()
    assert OutboxEmail.objects.filter(kind=emails.KIND_ISSUE).count() == 7
    assert IssueDelivery.objects.filter(issue=issue).count() == 7


@pytest.mark.django_db
def test_the_mail_has_its_items_and_one_click_unsubscribe_headers(issue, terms, django_capture_on_commit_callbacks):
    make_subscriber("inclusie@example.nl", themes=[terms["inclusie"]])
    with django_capture_on_commit_callbacks(execute=True):
        sending.start(issue.pk)
    with django_capture_on_commit_callbacks(execute=True):
        sending.send_issue(issue.pk)
    email = OutboxEmail.objects.get(kind=emails.KIND_ISSUE)
    if email.status != OutboxStatus.SENT:
        deliver(email.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["inclusie@example.nl"]
    assert message.subject == "Nieuwsbrief november"
    assert "Samen sterker" in message.body and "Rond komen" not in message.body
    assert "Welkom bij de nieuwsbrief." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/nieuwsbrief/afmelden/") and unsubscribe.endswith("/>")
    html = message.alternatives[0][0]
    assert "Wijzig je thema’s en doelgroepen" in html and "Afmelden" in html


@pytest.mark.django_db
def test_unsubscribing_stops_a_queued_issue(issue):
    subscriber = make_subscriber("lezer@example.nl")
    sending.start(issue.pk)
    sending.send_issue(issue.pk)
    email = OutboxEmail.objects.get(kind=emails.KIND_ISSUE)
    subscriptions.unsubscribe(subscriber)
    deliver(email.pk)
    email.refresh_from_db()
    assert email.to == ""
    assert email.status == OutboxStatus.FAILED
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_test_mail_goes_to_the_editor_with_every_item(issue):
    email = emails.queue_test(issue, "redactie@example.nl")
    assert email.subject == "[Test] Nieuwsbrief november"
    assert "Samen sterker" in email.body_text and "Rond komen" in email.body_text
    assert "Dit is een test" in email.body_text
    assert not IssueDelivery.objects.exists()


@pytest.mark.django_db
def test_suggestions_are_what_was_published_since_the_last_sent_issue(issue, make_story, stories_kind):
    sending.start(issue.pk)
    sending.send_issue(issue.pk)
    Issue.objects.filter(pk=issue.pk).update(send_started_at=timezone.now() - timezone.timedelta(minutes=30))
    new = make_story("Nieuw verhaal", published=timezone.now() - timezone.timedelta(minutes=5))
    suggested = [item.pk for _kind, items in content.suggestions() for item in items]
    assert suggested == [new.pk]


@pytest.mark.django_db(transaction=True)
def test_two_sending_runs_at_once_mail_everyone_once(home_page, stories_kind, make_story, terms):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (SQLite serialises every write)")
    story = make_story("Samen sterker", themes=[terms["inclusie"]])
    issue = Issue.objects.create(subject="Tegelijk")
    content.set_items(issue, [content.item_key("stories", story.pk)])
    for number in range(30):
        make_subscriber(f"lezer{number}@example.nl")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, send_started_at=timezone.now())
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            sending.send_issue(issue.pk, batch_size=4)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert OutboxEmail.objects.filter(kind=emails.KIND_ISSUE).count() == 30
    assert OutboxEmail.objects.filter(kind=emails.KIND_ISSUE).values("to").distinct().count() == 30
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


@pytest.mark.django_db
def test_start_refuses_an_issue_without_public_items(issue):
    from stories.models import StoryPage

    for story in StoryPage.objects.all():
        story.unpublish()
    with pytest.raises(sending.NothingToSend):
        sending.start(issue.pk)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert issue.send_started_at is None
