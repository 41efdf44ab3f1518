"""seed_demo's community: the network's forum with Dutch topics, members who cannot log in with a password, a
moderation queue with one hidden and one pending post, reactions on lessons and stories, and follows; built once,
and every new page renders."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import Profile
from community import demo_data
from community.models import Follow, ForumPage, HiddenReason, Post, PostStatus, Report, Thread, ThreadKind
from core.models import User
from search.models import SearchDocument

COMMUNITY_MODELS = (User, Profile, EmailAddress, Thread, Post, Report, Follow, ForumPage)


def counts():
    return {model.__name__: model.objects.count() for model in COMMUNITY_MODELS}


@pytest.fixture
def forum(demo):
    return ForumPage.objects.live().get(slug="forum")


def test_the_forum_sits_in_the_demo_network_with_four_categories(forum):
    assert forum.get_parent().title == "Iedereen doet mee!"
    assert [category.name for category in forum.categories.all()] == [name for name, *_ in demo_data.CATEGORIES]


def test_topics_have_replies_one_pinned_one_locked(forum):
    topics = Thread.objects.topics().filter(forum=forum)
    assert topics.count() == len(demo_data.TOPICS) == 8
    assert all(2 <= topic.reply_count <= 6 for topic in topics), [t.reply_count for t in topics]
    assert topics.filter(is_pinned=True).count() == 1
    assert topics.filter(is_locked=True).count() == 1
    assert all(topic.status == PostStatus.VISIBLE and topic.last_post_at for topic in topics)


def test_members_have_dutch_profiles_verified_addresses_and_no_password(demo):
    members = User.objects.filter(username__in=[*demo_data.MEMBERS, demo_data.NEW_MEMBER[0]])
    assert members.count() == len(demo_data.MEMBERS) + 1
    for member in members:
        assert not member.has_usable_password()
        assert not member.is_staff
        assert member.profile.display_name
        assert EmailAddress.objects.filter(user=member, verified=True, primary=True).exists()
    assert Profile.objects.get(user__username="fatima_elamrani").municipality.name == "Zwolle"
    assert "password" not in demo.output.lower()
    assert "wachtwoord" not in demo.output.lower()


def test_the_moderation_queue_has_a_reported_and_a_pending_post(forum):
    hidden = Post.objects.get(status=PostStatus.HIDDEN)
    assert hidden.hidden_reason == HiddenReason.REPORTS
    assert hidden.report_count == 3
    assert Report.objects.filter(post=hidden, resolved_at__isnull=True).count() == 3
    pending = Post.objects.get(status=PostStatus.PENDING)
    assert pending.author.username == demo_data.NEW_MEMBER[0]
    assert pending.thread.forum == forum


def test_lessons_and_stories_have_reactions(demo):
    reactions = Thread.objects.filter(kind=ThreadKind.REACTIONS)
    labels = {thread.target_type.model for thread in reactions}
    assert {"lessonpage", "storypage"} <= labels, labels
    assert all(thread.reply_count == 2 for thread in reactions)


def test_members_follow_the_forum_categories_and_topics(demo):
    follows = Follow.objects.all()
    assert follows.filter(forum__isnull=False).exists()
    assert follows.filter(category__isnull=False).exists()
    assert follows.filter(thread__isnull=False).exists()


def test_every_forum_page_renders_without_hidden_or_pending_text(client, forum):
    hidden = Post.objects.get(status=PostStatus.HIDDEN).body[:40]
    pending = Post.objects.get(status=PostStatus.PENDING).body[:40]
    urls = [forum.url, *(category.get_url() for category in forum.categories.all())]
    urls += [topic.get_absolute_url() for topic in Thread.objects.topics().filter(forum=forum)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert hidden not in html, url
        assert pending not in html, url
    html = client.get(forum.url).content.decode()
    assert "Toegankelijke stembureaus: onze checklist" in html


def test_the_demo_topics_are_in_the_search_and_the_feed(client, forum):
    assert SearchDocument.objects.filter(type_key="community.thread").count() == 8
    data = client.get("/api/v1/search", {"q": "stembureaus"}).json()
    assert "Toegankelijke stembureaus: onze checklist" in [result["title"] for result in data["results"]]
    feed = client.get(f"/feeds/forum/{forum.pk}/")
    assert feed.status_code == 200
    assert feed.content.decode().count("<item>") == 8


def test_the_admin_edits_the_forum_page(admin_client, forum):
    response = admin_client.get(f"/admin/pages/{forum.pk}/edit/")
    assert response.status_code == 200
    assert "Lokale Inclusie Agenda" in response.content.decode()


def test_seeding_again_adds_no_members_topics_or_posts(demo):
    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert counts() == before
