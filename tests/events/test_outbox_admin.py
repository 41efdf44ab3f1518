"""The outbox in the admin, for mails the worker has not written yet (queued with only who gets what).

They say so, and the detail shows a preview written on demand: nothing is stored, nothing sent.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from community import notifications
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, Post, PostStatus
from core.factories import UserFactory
from events.models import OutboxEmail, OutboxStatus
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory

INSPECT = "wagtailsnippets_events_outboxemail:inspect"
LIST = "wagtailsnippets_events_outboxemail:list"


def dutch(message):
    """The Dutch wording, whatever the catalogue says (it is translated at the end of the work)."""
    with translation.override("nl"):
        return gettext(message)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="redacteur", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def queued(home_page, django_capture_on_commit_callbacks):
    """A community mail as the forum queues it: stored without subject and text, not handed to the worker."""
    forum = ForumPageFactory(parent=NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page)))
    author = MemberFactory(username="anna", first_name="Anna")
    topic = TopicFactory(forum=forum, author=author, title="Vervoer naar de dagbesteding")
    Follow.objects.create(user=MemberFactory(username="bram"), thread=topic, frequency=FollowFrequency.INSTANT)
    reply = PostFactory(thread=topic, author=author, body="Wie rijdt er mee?")
    with django_capture_on_commit_callbacks(execute=False):
        notifications.post_published(reply)
    email = OutboxEmail.objects.get()
    assert not email.is_rendered and email.subject == ""
    return email


def details(response):
    html = response.content.decode()
    return {
        label.strip(): value.strip() for label, value in re.findall(r"<dt>([^<]+)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    }


def test_the_list_says_which_mails_are_not_written_yet(admin_client, queued):
    html = admin_client.get(reverse(LIST)).content.decode()
    link = reverse(INSPECT, args=[queued.pk])
    # the title cell's link (its text in a span) says it, where a written mail shows its subject
    assert re.search(
        rf'<a [^>]*href="{link}"[^>]*>\s*(<span[^>]*>)?\s*{dutch("Not written yet")}\s*(</span>)?\s*</a>', html
    )


def test_the_detail_previews_a_mail_without_storing_or_sending_it(admin_client, queued):
    shown = details(admin_client.get(reverse(INSPECT, args=[queued.pk])))
    assert dutch("Not written yet: the worker writes this email when it sends it.") in shown[dutch("Content")]
    assert shown[capfirst(dutch("subject"))] == "Nieuwe reactie in ‘Vervoer naar de dagbesteding’"
    text = shown[capfirst(dutch("plain text"))]
    assert "Wie rijdt er mee?" in text and "/meldingen/afmelden/" in text
    queued.refresh_from_db()
    assert queued.subject == "" and queued.body_text == "" and queued.status == OutboxStatus.PENDING
    assert queued.attempts == 0 and mail.outbox == []


def test_a_mail_with_nothing_left_to_say_shows_why_and_is_not_given_up(admin_client, queued):
    address = queued.to
    Post.objects.filter(pk__in=Notification.objects.filter(email=queued).values("post")).update(
        status=PostStatus.HIDDEN
    )
    shown = details(admin_client.get(reverse(INSPECT, args=[queued.pk])))
    assert dutch("No preview could be written:") in shown[dutch("Content")]
    assert "everything it was about was hidden meanwhile" in shown[dutch("Content")]
    assert shown[capfirst(dutch("subject"))] == "—"
    # the renderer gives such a mail up when it is sent; a look in the admin changes nothing
    queued.refresh_from_db()
    assert queued.to == address and queued.status == OutboxStatus.PENDING


def test_a_written_mail_is_shown_as_it_was_stored(admin_client, db):
    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Bevestiging", body_text="Hoi")
    shown = details(admin_client.get(reverse(INSPECT, args=[email.pk])))
    assert dutch("Content") not in shown
    assert shown[capfirst(dutch("subject"))] == "Bevestiging"
    assert shown[capfirst(dutch("plain text"))] == "Hoi"
