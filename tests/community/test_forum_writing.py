"""Writing in the forum: new topics, replies, quotes, edits, and who sees pending and hidden posts."""

import datetime
import re

import pytest
from django.utils import timezone

from community import links
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Post, PostStatus, Thread
from tests.community.forum_helpers import html, topic_with_replies

pytestmark = pytest.mark.usefixtures("no_posting_limits")


def new_topic_url(forum):
    return f"{forum.url}nieuw/"


# --- Login required -----------------------------------------------------------------------------------------


def test_starting_a_topic_asks_visitors_to_log_in(client, forum):
    response = client.get(new_topic_url(forum))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_editing_asks_visitors_to_log_in(client, forum):
    topic = TopicFactory(forum=forum)
    response = client.get(f"{forum.url}bericht/{topic.posts.get().pk}/bewerken/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_visitors_cannot_post_a_reply(client, forum):
    topic = TopicFactory(forum=forum)
    response = client.post(links.thread_url(topic), {"body": "Hallo"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert topic.posts.count() == 1


def test_members_who_did_not_confirm_their_address_are_asked_to(client, forum):
    member = MemberFactory(username="onbevestigd", verified=False)
    client.force_login(member)
    topic = TopicFactory(forum=forum)
    assert "Bevestig je e-mailadres om te reageren" in html(client.get(links.thread_url(topic)))
    assert "Bevestig je e-mailadres om een onderwerp te starten" in html(client.get(new_topic_url(forum)))
    client.post(links.thread_url(topic), {"body": "Toch proberen"})
    assert topic.posts.count() == 1


# --- New topics ---------------------------------------------------------------------------------------------


def test_the_category_is_preselected(client, forum, member):
    client.force_login(member)
    page = html(client.get(new_topic_url(forum), {"categorie": "vragen"}))
    vragen = forum.categories.get(slug="vragen")
    assert re.search(rf'<option value="{vragen.pk}" selected>Vragen</option>', page)
    assert page.count("<h1") == 1


def test_a_member_starts_a_topic_and_lands_on_it(client, forum, member):
    client.force_login(member)
    category = forum.categories.get(slug="vragen")
    response = client.post(
        new_topic_url(forum),
        {"category": category.pk, "title": "Hoe organiseer je een inclusieve raadsvergadering?", "body": "Tips?"},
    )
    thread = Thread.objects.get(title__startswith="Hoe organiseer")
    opening = thread.posts.get()
    assert response.status_code == 302
    assert response["Location"] == f"{links.thread_url(thread)}#reactie-{opening.pk}"
    page = client.get(response["Location"], follow=True)
    assert "Je onderwerp is geplaatst." in html(page)
    assert "Hoe organiseer je een inclusieve raadsvergadering?" in html(client.get(category.url))


def test_a_topic_with_errors_comes_back_with_an_error_summary(client, forum, member):
    client.force_login(member)
    response = client.post(new_topic_url(forum), {"category": "", "title": "", "body": ""})
    page = html(response)
    assert response.status_code == 200
    assert "Er ging iets mis" in page and "data-error-summary" in page
    assert not Thread.objects.exists()


def test_a_new_members_first_topic_waits_for_approval_and_only_they_see_it(client, forum, new_member, member):
    client.force_login(new_member)
    category = forum.categories.get(slug="algemeen")
    response = client.post(new_topic_url(forum), {"category": category.pk, "title": "Mijn eerste vraag", "body": "Hoi"})
    thread = Thread.objects.get()
    assert thread.status == PostStatus.PENDING
    page = html(client.get(response["Location"], follow=True))
    assert "Wacht op goedkeuring" in page and "zodra een moderator" in page
    assert "Mijn eerste vraag" in html(client.get(category.url))
    client.force_login(member)
    assert "Mijn eerste vraag" not in html(client.get(category.url))
    assert client.get(links.thread_url(thread)).status_code == 404
    client.logout()
    assert client.get(links.thread_url(thread)).status_code == 404


# --- Replies and quotes -------------------------------------------------------------------------------------


def test_a_reply_lands_on_its_own_page_and_anchor(client, forum, member):
    topic = topic_with_replies(forum, 20)
    client.force_login(member)
    response = client.post(links.thread_url(topic), {"body": "Mijn reactie op pagina twee"})
    reply = Post.objects.get(body="Mijn reactie op pagina twee")
    assert response["Location"] == f"{links.thread_url(topic)}?pagina=2#reactie-{reply.pk}"
    page = html(client.get(response["Location"]))
    assert f'id="reactie-{reply.pk}"' in page and "Je reactie is geplaatst." in page


def test_quoting_prefills_the_reply_and_shows_the_quote(client, forum, member):
    topic = TopicFactory(forum=forum, opening__body="Wij werken met een **ervaringsdeskundige** in elke commissie.")
    opening = topic.posts.get()
    opening.author.profile.display_name = "Karin"
    opening.author.profile.save()
    client.force_login(member)
    page = html(client.get(links.thread_url(topic), {"citeer": opening.pk}))
    assert "Je citeert Karin." in page
    assert re.search(rf'name="quoted_post" value="{opening.pk}"', page)
    response = client.post(links.thread_url(topic), {"body": "Goed idee!", "quoted_post": opening.pk})
    reply = Post.objects.get(body="Goed idee!")
    assert reply.quoted_post == opening
    page = html(client.get(response["Location"]))
    quote = page.split(f'id="reactie-{reply.pk}"')[1]
    assert "Karin schreef:" in quote and "<strong>ervaringsdeskundige</strong>" in quote


def test_a_hidden_post_cannot_be_quoted(client, forum, member):
    topic = TopicFactory(forum=forum)
    hidden = PostFactory(thread=topic, status=PostStatus.HIDDEN)
    client.force_login(member)
    page = html(client.get(links.thread_url(topic), {"citeer": hidden.pk}))
    assert "Je citeert" not in page


def test_locked_topics_refuse_replies(client, forum, member):
    topic = TopicFactory(forum=forum, is_locked=True)
    client.force_login(member)
    response = client.post(links.thread_url(topic), {"body": "Nog één ding"}, follow=True)
    assert "Dit onderwerp is gesloten" in html(response)
    assert topic.posts.count() == 1


# --- Editing ------------------------------------------------------------------------------------------------


def test_the_author_edits_within_30_minutes_and_the_post_is_marked_edited(client, forum, member):
    topic = TopicFactory(forum=forum, author=member, opening__body="Eerste versie")
    post = topic.posts.get()
    client.force_login(member)
    page = html(client.get(links.thread_url(topic)))
    edit_url = f"{forum.url}bericht/{post.pk}/bewerken/"
    assert edit_url in page
    form = html(client.get(edit_url))
    assert "Eerste versie" in form and form.count("<h1") == 1
    response = client.post(edit_url, {"body": "Tweede versie"})
    assert response["Location"] == links.post_url(post)
    page = html(client.get(links.thread_url(topic)))
    assert "Tweede versie" in page and "bewerkt" in page


def test_after_30_minutes_the_author_can_no_longer_edit(client, forum, member):
    topic = TopicFactory(forum=forum, author=member, opening__body="Oude tekst")
    post = topic.posts.get()
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=31))
    client.force_login(member)
    edit_url = f"{forum.url}bericht/{post.pk}/bewerken/"
    assert edit_url not in html(client.get(links.thread_url(topic)))
    response = client.post(edit_url, {"body": "Te laat"}, follow=True)
    assert "in de eerste 30 minuten" in html(response)
    post.refresh_from_db()
    assert post.body == "Oude tekst"


def test_others_cannot_edit_a_post(client, forum, member):
    topic = TopicFactory(forum=forum)
    client.force_login(member)
    post = topic.posts.get()
    assert client.get(f"{forum.url}bericht/{post.pk}/bewerken/").status_code == 404
    assert client.post(f"{forum.url}bericht/{post.pk}/bewerken/", {"body": "Van mij"}).status_code == 404


# --- Who sees pending and hidden posts ----------------------------------------------------------------------


@pytest.fixture
def mixed_topic(forum, member):
    topic = TopicFactory(forum=forum, title="Gemengd", opening__body="Openingsbericht")
    PostFactory(thread=topic, author=member, body="Wachtende reactie van Anna", status=PostStatus.PENDING)
    PostFactory(thread=topic, body="Verborgen reactie", status=PostStatus.HIDDEN)
    PostFactory(thread=topic, body="Zichtbare reactie")
    return topic


def test_visitors_see_only_visible_posts(client, mixed_topic):
    page = html(client.get(links.thread_url(mixed_topic)))
    assert "Zichtbare reactie" in page
    assert "Wachtende reactie" not in page and "Verborgen reactie" not in page
    assert "Dit bericht is verborgen" not in page


def test_the_author_sees_their_pending_post_marked(client, mixed_topic, member):
    client.force_login(member)
    page = html(client.get(links.thread_url(mixed_topic)))
    assert "Wachtende reactie van Anna" in page and "Wacht op goedkeuring" in page
    assert "Verborgen reactie" not in page and "Dit bericht is verborgen" not in page
    assert page.index("Wachtende reactie") < page.index("Zichtbare reactie")


def test_other_members_do_not_see_pending_or_hidden_posts(client, mixed_topic):
    client.force_login(MemberFactory(username="bert"))
    page = html(client.get(links.thread_url(mixed_topic)))
    assert "Wachtende reactie" not in page and "Verborgen reactie" not in page


def test_moderators_see_pending_posts_and_a_placeholder_for_hidden_ones(client, mixed_topic, moderator):
    client.force_login(moderator)
    page = html(client.get(links.thread_url(mixed_topic)))
    assert "Wachtende reactie van Anna" in page and "Wacht op goedkeuring" in page
    assert "Dit bericht is verborgen." in page and "Verborgen reactie" not in page


def test_pending_posts_sit_on_the_page_of_the_visible_post_before_them(client, forum, member):
    topic = topic_with_replies(forum, 25)
    visible = list(topic.posts.order_by("created_at", "pk"))
    url = links.thread_url(topic)

    def pending_after(index, body):
        post = PostFactory(thread=topic, author=member, body=body, status=PostStatus.PENDING)
        Post.objects.filter(pk=post.pk).update(created_at=visible[index].created_at + datetime.timedelta(seconds=1))
        post.refresh_from_db()
        return post

    last_of_first = pending_after(19, "Na de twintigste")
    first_of_second = pending_after(20, "Na de eenentwintigste")
    client.force_login(member)
    first, second = html(client.get(url)), html(client.get(url, {"pagina": 2}))
    assert "Na de twintigste" in first and "Na de twintigste" not in second
    assert "Na de eenentwintigste" in second and "Na de eenentwintigste" not in first
    assert (first.count('<article class="post'), second.count('<article class="post')) == (21, 7)
    assert links.post_url(last_of_first) == f"{url}#{last_of_first.anchor}"
    assert links.post_url(first_of_second) == f"{url}?pagina=2#{first_of_second.anchor}"
