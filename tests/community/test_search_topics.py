"""Forum topics in the site search: findable by title and by what the visible posts say, labelled
"Forumonderwerp", and gone as soon as they may not be read (hidden, pending, blocked author, forum unpublished)."""

import pytest
from django.utils import timezone, translation

from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import HiddenReason, ModerationAction, PostStatus
from search import indexing
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the search app does after the commit (index updates) at the end of the block."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def topic(forum, member, committed):
    with committed():
        topic = TopicFactory(
            forum=forum, author=member, title="Rolstoeltoegankelijke stembureaus", opening__body="Wie heeft ervaring?"
        )
        PostFactory(thread=topic, body="Bij ons zijn alle stembureaus drempelvrij gemaakt met een hellingbaan.")
    return topic


def api_titles(client, query):
    data = client.get("/api/v1/search", {"q": query}).json()
    return [result["title"] for result in data["results"]]


def page_titles(client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.context["results"]]


def test_a_topic_is_found_by_its_title_and_by_its_replies(client, topic):
    assert api_titles(client, "stembureaus") == ["Rolstoeltoegankelijke stembureaus"]
    assert page_titles(client, "hellingbaan") == ["Rolstoeltoegankelijke stembureaus"]
    with translation.override("nl"):
        data = client.get("/api/v1/search", {"q": "hellingbaan"}, HTTP_ACCEPT_LANGUAGE="nl").json()
    result = data["results"][0]
    assert result["type"] == "community.thread"
    assert result["url"] == topic.get_absolute_url()
    assert result["summary"] == "Wie heeft ervaring?"
    type_facet = next(facet for facet in data["facets"] if facet["name"] == "type")
    assert [option["label"] for option in type_facet["options"]] == ["Forumonderwerp"]


def test_the_search_page_labels_topics_in_dutch(client, topic):
    html = client.get("/zoeken/", {"q": "stembureaus"}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Forumonderwerp" in html


def test_a_hidden_opening_post_takes_the_topic_out_of_search_at_once(client, topic, committed):
    opening = topic.posts.get(is_opening=True)
    with committed():
        opening.status = PostStatus.HIDDEN
        opening.hidden_reason = HiddenReason.MODERATOR
        opening.save()
    assert api_titles(client, "stembureaus") == []
    assert page_titles(client, "hellingbaan") == []


def test_a_hidden_topic_leaves_search_when_the_moderator_logs_it(client, topic, moderator, committed):
    """Moderation may change rows without saving them one by one: the logged action refreshes the entry."""
    with committed():
        type(topic).objects.filter(pk=topic.pk).update(status=PostStatus.HIDDEN)
        ModerationAction.objects.create(moderator=moderator, action=ModerationAction.Action.HIDE, thread=topic)
    assert api_titles(client, "stembureaus") == []


def test_a_hidden_reply_is_not_searchable_but_its_topic_still_is(client, topic, committed):
    reply = topic.posts.get(is_opening=False)
    with committed():
        reply.status = PostStatus.HIDDEN
        reply.hidden_reason = HiddenReason.REPORTS
        reply.save()
    assert api_titles(client, "hellingbaan") == []
    assert api_titles(client, "stembureaus") == ["Rolstoeltoegankelijke stembureaus"]


def test_a_pending_topic_is_not_searchable_until_approved(client, forum, new_member, committed):
    with committed():
        topic = TopicFactory(forum=forum, author=new_member, status=PostStatus.PENDING, title="Voorleesservice gezocht")
    assert api_titles(client, "voorleesservice") == []
    assert topic.posts.get().status == PostStatus.PENDING
    with committed():
        opening = topic.posts.get()
        opening.status = PostStatus.VISIBLE
        opening.save()
        topic.status = PostStatus.VISIBLE
        topic.save()
    assert api_titles(client, "voorleesservice") == ["Voorleesservice gezocht"]


def test_a_pending_reply_is_not_searchable(client, topic, committed):
    with committed():
        PostFactory(thread=topic, body="Gebarentolk via beeldbellen", status=PostStatus.PENDING)
    assert api_titles(client, "gebarentolk") == []


def test_blocking_a_member_takes_their_topics_and_replies_out_of_search(client, topic, forum, moderator, committed):
    other = MemberFactory(username="bram")
    with committed():
        replied = TopicFactory(forum=forum, author=other, title="Prikkelarme ruimte", opening__body="Tips?")
        PostFactory(thread=replied, author=topic.author, body="Wij gebruiken koptelefoons met ruisonderdrukking.")
    assert api_titles(client, "ruisonderdrukking") == ["Prikkelarme ruimte"]
    profile = topic.author.profile
    with committed():
        profile.blocked_at = timezone.now()
        profile.save()
    assert api_titles(client, "stembureaus") == []
    assert api_titles(client, "ruisonderdrukking") == []
    assert api_titles(client, "prikkelarme") == ["Prikkelarme ruimte"]


def test_blocking_through_the_moderation_log_takes_the_posts_out(client, topic, moderator, committed):
    """Moderation hides a blocked member's posts in one UPDATE and logs the block: search follows the log."""
    with committed():
        topic.posts.update(status=PostStatus.HIDDEN, hidden_reason=HiddenReason.BLOCKED)
        ModerationAction.objects.create(moderator=moderator, action=ModerationAction.Action.BLOCK, member=topic.author)
    assert api_titles(client, "hellingbaan") == []
    assert api_titles(client, "stembureaus") == []


def test_an_unpublished_forum_takes_its_topics_out_of_search(client, topic, forum, committed):
    with committed():
        forum.unpublish()
    assert api_titles(client, "stembureaus") == []


def test_reactions_threads_and_hidden_topics_are_left_out_of_a_rebuild(client, topic, forum, new_member):
    TopicFactory(forum=forum, author=new_member, status=PostStatus.PENDING, title="Stembureaus in de wachtrij")
    TopicFactory(forum=forum, status=PostStatus.HIDDEN, title="Stembureaus verborgen")
    indexing.rebuild()
    assert api_titles(client, "stembureaus") == ["Rolstoeltoegankelijke stembureaus"]
    assert SearchDocument.objects.filter(type_key="community.thread").count() == 1


def test_elasticsearch_gets_the_topic_through_the_same_document_and_facets(topic):
    """No server needed: the body Elasticsearch indexes for a topic carries its type, text and date."""
    from search.engines import elasticsearch

    document = SearchDocument.objects.get(type_key="community.thread")
    body = elasticsearch.document_body(document)
    assert body["type"] == ["community.thread"]
    assert body["title"] == "Rolstoeltoegankelijke stembureaus"
    assert "hellingbaan" in body["body"]
    assert body["year"]
