""" "Mijn meldingen": newest first, read and unread, marking as read, pagination, and nothing that was hidden."""

import pytest
from django.urls import reverse

from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Notification, NotificationKind, PostStatus


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vervoer naar de dagbesteding")


@pytest.fixture
def bram(db):
    return MemberFactory(username="bram", first_name="Bram")


def notify(user, post, kind=NotificationKind.REPLY, **fields):
    return Notification.objects.create(user=user, post=post, thread=post.thread, kind=kind, **fields)


def test_my_notifications_newest_first_with_unread_marked(client, topic, member, bram):
    first = notify(bram, PostFactory(thread=topic, author=member, body="Eerste antwoord"))
    second = notify(bram, PostFactory(thread=topic, author=member, body="Tweede antwoord met @bram"), "mention")
    notify(MemberFactory(username="cor"), PostFactory(thread=topic, author=member, body="Niet voor Bram"))
    first.read_at = first.created_at
    first.save()
    client.force_login(bram)
    response = client.get(reverse("community_notifications"))
    page = response.content.decode()
    assert "<title>Mijn meldingen (1 ongelezen) |" in page
    assert "Je hebt 1 ongelezen melding." in page
    assert page.index("Tweede antwoord") < page.index("Eerste antwoord")
    assert "Niet voor Bram" not in page
    assert page.count('class="notification__badge">Nieuw<') == 1
    assert "Noemde je" in page and "Vervoer naar de dagbesteding" in page
    assert f"#reactie-{second.post_id}" in page

    response = client.post(reverse("community_notifications_read"), {"notification": second.pk}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Als gelezen gemarkeerd."]
    assert "Je hebt geen ongelezen meldingen." in response.content.decode()
    second.refresh_from_db()
    assert second.read_at is not None


def test_mark_all_as_read_touches_only_my_own(client, topic, member, bram):
    mine = [notify(bram, PostFactory(thread=topic, author=member)) for _ in range(3)]
    theirs = notify(MemberFactory(username="cor"), PostFactory(thread=topic, author=member))
    client.force_login(bram)
    # someone else's notification id changes nothing
    client.post(reverse("community_notifications_read"), {"notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(reverse("community_notifications_read"), {"all": "1"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Alle meldingen zijn als gelezen gemarkeerd."]
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get(reverse("community_notifications_read")).status_code == 405


def test_hidden_pending_and_blocked_content_is_not_shown(client, topic, member, bram, forum):
    notify(bram, PostFactory(thread=topic, author=member, body="Blijft zichtbaar"))
    hidden = notify(bram, PostFactory(thread=topic, author=member, body="Verborgen bericht"))
    hidden.post.status = PostStatus.HIDDEN
    hidden.post.save()
    notify(bram, PostFactory(thread=topic, author=member, body="Wacht op goedkeuring", status="pending"))
    hidden_topic = TopicFactory(forum=forum, author=member, title="Verborgen onderwerp", status=PostStatus.HIDDEN)
    notify(bram, PostFactory(thread=hidden_topic, author=member, body="In een verborgen onderwerp"))
    client.force_login(bram)
    page = client.get(reverse("community_notifications")).content.decode()
    assert "Blijft zichtbaar" in page
    for text in ("Verborgen bericht", "Wacht op goedkeuring", "Verborgen onderwerp"):
        assert text not in page
    assert "(1 ongelezen)" in page


def test_pagination_and_flat_queries(client, topic, member, bram, django_assert_max_num_queries):
    def load(count):
        Notification.objects.filter(user=bram).delete()
        for index in range(count):
            notify(bram, PostFactory(thread=topic, author=member, body=f"Antwoord nummer {index}"))
        client.force_login(bram)
        client.get(reverse("community_notifications"))  # warm the session and the site's root paths
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("community_notifications"))
        assert response.status_code == 200
        return len(queries.captured_queries), response.content.decode()

    few, _ = load(3)
    many, page = load(45)
    assert many == few
    assert "Antwoord nummer 44" in page and "Antwoord nummer 24" not in page  # 20 a page, newest first
    assert 'aria-label="Paginering"' in page or "?page=2" in page
    second = client.get(reverse("community_notifications") + "?page=2").content.decode()
    assert "Antwoord nummer 24" in second


def test_the_unread_count_tag_for_the_navigation(topic, member, bram):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    notify(bram, PostFactory(thread=topic, author=member))
    notify(bram, PostFactory(thread=topic, author=member, status=PostStatus.HIDDEN))
    template = Template("{% load follow_tags %}{% unread_notification_count as unread %}[{{ unread }}]")
    request = RequestFactory().get("/")
    for user, expected in ((bram, "[1]"), (AnonymousUser(), "[0]")):
        request.user = user
        assert template.render(Context({"request": request})) == expected
