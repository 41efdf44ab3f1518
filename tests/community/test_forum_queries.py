"""Topic lists and topic pages keep a flat number of queries as they grow (5 or 60 items)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import links
from community.factories import PostFactory, TopicFactory
from community.models import PostStatus
from tests.community.forum_helpers import refresh_thread


def queries(client, url, **params):
    client.get(url, params)  # fills what is kept per content generation (site, menu, breadcrumbs)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def topics(forum, count):
    for number in range(count):
        topic = TopicFactory(forum=forum, is_pinned=number % 7 == 0)
        PostFactory(thread=topic)
        refresh_thread(topic)


def replies(topic, count):
    for number in range(count):
        PostFactory(thread=topic, quoted_post=topic.posts.first() if number % 3 == 0 else None)
    PostFactory(thread=topic, status=PostStatus.PENDING)
    refresh_thread(topic)


@pytest.fixture(params=["visitor", "member", "moderator"])
def reader(request, client):
    if request.param != "visitor":
        client.force_login(request.getfixturevalue(request.param))
    return client


def test_the_category_page_and_the_index_are_flat(reader, forum, category):
    topics(forum, 5)
    small = (queries(reader, category.url), queries(reader, forum.url))
    topics(forum, 55)
    assert (queries(reader, category.url), queries(reader, forum.url)) == small
    assert queries(reader, category.url, pagina=3) == small[0]


def test_the_topic_page_is_flat(reader, forum):
    topic = TopicFactory(forum=forum)
    url = links.thread_url(topic)
    replies(topic, 4)
    small = queries(reader, url)
    replies(topic, 56)
    assert queries(reader, url) == small
    assert queries(reader, url, pagina=3) <= small + 1  # the bound of the extra posts on later pages


def test_the_network_page_block_is_flat(client, network, forum):
    topics(forum, 2)
    small = queries(client, network.url)
    topics(forum, 10)
    assert queries(client, network.url) == small
