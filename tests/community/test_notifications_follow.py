"""Following a topic, category, forum or theme: the button, the views, "Wat ik volg" and new content for themes."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from community import notifications
from community.factories import MemberFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, NotificationKind
from core.factories import ContentPageFactory, ThemeFactory


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vervoer naar de dagbesteding")


@pytest.fixture
def bram(db):
    return MemberFactory(username="bram", first_name="Bram")


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def render_button(obj, user):
    request = RequestFactory().get("/forum/onderwerp/1-vervoer/?pagina=2")
    request.user = user
    template = Template("{% load follow_tags %}{% follow_button obj %}")
    return template.render(Context({"request": request, "obj": obj, "csrf_token": "token123"}))


def test_the_button_for_visitors_members_and_followers(topic, bram, category, forum):
    from django.contrib.auth.models import AnonymousUser

    anonymous = render_button(topic, AnonymousUser())
    assert "Log in om dit te volgen" in anonymous and "<form" not in anonymous
    assert "next=%2Fforum%2Fonderwerp%2F1-vervoer%2F%3Fpagina%3D2" in anonymous

    html = render_button(topic, bram)
    assert 'name="target_type" value="thread"' in html and f'name="target_id" value="{topic.pk}"' in html
    assert ">Volgen</button>" in html and "Niet meer volgen" not in html
    assert '<label for="follow-thread-' in html and "Direct" in html and "Dagelijks overzicht" in html
    assert 'value="token123"' in html

    Follow.objects.create(user=bram, thread=topic, frequency=FollowFrequency.WEEKLY)
    html = render_button(topic, bram)
    assert "Je volgt dit." in html and "Niet meer volgen</button>" in html
    assert '<option value="weekly" selected>' in html
    assert 'value="category"' in render_button(category, bram)
    assert 'value="forum"' in render_button(forum, bram)
    assert 'value="theme"' in render_button(ThemeFactory(name="Wonen"), bram)

    unverified = MemberFactory(username="onbevestigd", verified=False)
    assert "Bevestig je e-mailadres om dit te volgen." in render_button(topic, unverified)


def test_follow_and_unfollow_a_topic(client, topic, bram):
    client.force_login(bram)
    back = "/forum/onderwerp/1-vervoer/"
    data = {"target_type": "thread", "target_id": topic.pk, "frequency": "daily", "action": "follow", "next": back}
    response = client.post(reverse("community_follow"), data, follow=True)
    assert response.redirect_chain[0] == (back, 302)
    follow = Follow.objects.get(user=bram)
    assert (follow.thread, follow.frequency) == (topic, FollowFrequency.DAILY)
    assert messages_of(response) == [
        "Je volgt nu het onderwerp ‘Vervoer naar de dagbesteding’. Je krijgt elke dag een overzicht per e-mail."
    ]
    # following again changes the frequency, never a second row
    client.post(reverse("community_follow"), {**data, "frequency": "instant"})
    assert Follow.objects.get(user=bram).frequency == FollowFrequency.INSTANT

    response = client.post(reverse("community_follow"), {**data, "action": "unfollow"}, follow=True)
    assert not Follow.objects.filter(user=bram).exists()
    assert messages_of(response)[-1] == "Je volgt het onderwerp ‘Vervoer naar de dagbesteding’ niet meer."

    # an outside "next" is not followed
    response = client.post(reverse("community_follow"), {**data, "next": "https://example.com/"})
    assert response["Location"] == topic.get_absolute_url() or response["Location"] == "/"


def test_follow_a_category_a_forum_and_a_theme(client, bram, category, forum):
    client.force_login(bram)
    theme = ThemeFactory(name="Wonen")
    for target_type, obj in (("category", category), ("forum", forum), ("theme", theme)):
        client.post(reverse("community_follow"), {"target_type": target_type, "target_id": obj.pk, "action": "follow"})
    follows = Follow.objects.filter(user=bram)
    assert {(f.category_id, f.forum_id, f.theme_id) for f in follows} == {
        (category.pk, None, None),
        (None, forum.pk, None),
        (None, None, theme.pk),
    }
    assert set(follows.values_list("frequency", flat=True)) == {FollowFrequency.INSTANT}


def test_following_needs_a_login_a_verified_address_csrf_and_something_that_exists(client, topic):
    data = {"target_type": "thread", "target_id": topic.pk, "action": "follow"}
    response = client.post(reverse("community_follow"), data)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert client.get(reverse("community_follow")).status_code == 405

    unverified = MemberFactory(username="onbevestigd", verified=False)
    client.force_login(unverified)
    response = client.post(reverse("community_follow"), data, follow=True)
    assert messages_of(response) == ["Bevestig eerst je e-mailadres; daarna kun je onderwerpen en thema's volgen."]
    assert not Follow.objects.exists()

    client.force_login(MemberFactory(username="bram"))
    for bad in ({**data, "target_id": 999999}, {**data, "target_type": "page"}, {**data, "frequency": "hourly"}):
        response = client.post(reverse("community_follow"), bad, follow=True)
        assert messages_of(response)[0] in (
            "Dit bestaat niet meer, of je kunt het niet volgen.",
            "Dat kon niet gevolgd worden. Probeer het opnieuw vanaf de pagina.",
        )
    assert not Follow.objects.exists()

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(MemberFactory(username="cor"))
    assert strict.post(reverse("community_follow"), data).status_code == 403


def test_what_i_follow_changes_frequency_stops_and_switches_mail(client, topic, bram, category):
    on_topic = Follow.objects.create(user=bram, thread=topic)
    Follow.objects.create(user=bram, category=category, frequency=FollowFrequency.WEEKLY)
    other = Follow.objects.create(user=MemberFactory(username="cor"), thread=topic)
    client.force_login(bram)
    page = client.get(reverse("community_follows")).content.decode()
    assert "<h1>Wat ik volg</h1>" in page
    assert "het onderwerp ‘Vervoer naar de dagbesteding’" in page and "de categorie ‘Algemeen’" in page

    response = client.post(
        reverse("community_follow_change", args=[on_topic.pk]), {"frequency": "weekly", "action": "save"}, follow=True
    )
    on_topic.refresh_from_db()
    assert on_topic.frequency == FollowFrequency.WEEKLY
    assert "Opgeslagen voor het onderwerp" in messages_of(response)[0]
    client.post(reverse("community_follow_change", args=[on_topic.pk]), {"action": "stop"})
    assert not Follow.objects.filter(pk=on_topic.pk).exists()
    # someone else's follow is not yours to change
    assert client.post(reverse("community_follow_change", args=[other.pk]), {"action": "stop"}).status_code == 404

    client.post(reverse("community_email_preference"), {})
    assert not notifications.email_enabled(bram)
    page = client.get(reverse("community_follows")).content.decode()
    assert 'id="email-enabled" name="email_enabled">' in page
    client.post(reverse("community_email_preference"), {"email_enabled": "on"})
    assert notifications.email_enabled(bram)


def test_what_i_follow_and_my_notifications_need_a_login(client, db):
    for name in ("community_follows", "community_notifications"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_theme_followers_hear_about_new_content_once(home_page, bram, django_capture_on_commit_callbacks):
    wonen, zorg = ThemeFactory(name="Wonen"), ThemeFactory(name="Zorg")
    Follow.objects.create(user=bram, theme=wonen)
    Follow.objects.create(user=bram, theme=zorg)
    daily = MemberFactory(username="cor")
    Follow.objects.create(user=daily, theme=zorg, frequency=FollowFrequency.DAILY)
    Follow.objects.create(user=MemberFactory(username="dirk"), theme=ThemeFactory(name="Werk"))
    page = ContentPageFactory(parent=home_page, title="Samen wonen in de wijk", live=False)
    page.themes.set([wonen, zorg])
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.save_revision().publish()  # published again: nobody hears twice
    rows = Notification.objects.filter(page=page)
    assert sorted(rows.values_list("user__username", "kind", "frequency")) == [
        ("bram", NotificationKind.CONTENT, FollowFrequency.INSTANT),
        ("cor", NotificationKind.CONTENT, FollowFrequency.DAILY),
    ]
    (message,) = mail.outbox
    assert message.to == [bram.email]
    assert message.subject == "Nieuw op het platform: Samen wonen in de wijk"
    assert "http://testserver/samen-wonen-in-de-wijk/" in message.body or "Samen wonen in de wijk" in message.body


def test_a_page_without_followed_themes_costs_one_query(home_page, django_assert_num_queries):
    Follow.objects.create(user=MemberFactory(username="bram"), theme=ThemeFactory(name="Wonen"))
    page = ContentPageFactory(parent=home_page, title="Zonder volgers", live=False)
    page.themes.set([ThemeFactory(name="Zorg")])
    page.save_revision().publish()
    page.refresh_from_db()
    with django_assert_num_queries(1):
        notifications.content_page_published(sender=type(page), instance=page)
