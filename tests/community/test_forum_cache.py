"""Forum pages for anonymous visitors come from the page cache; members' pages (with a form) are never stored."""

import pytest
from django.test import Client

from community import links
from community.factories import TopicFactory
from core.caching import HEADER

TOKEN = "csrfmiddlewaretoken"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_anonymous_forum_pages_are_cached_without_a_token_or_a_form(forum, category):
    topic = TopicFactory(forum=forum, title="Een gedeelde pagina")
    visitor = Client()
    for url in (forum.url, category.url, links.thread_url(topic), f"{links.thread_url(topic)}?pagina=1"):
        first, second = visitor.get(url), visitor.get(url)
        assert (first[HEADER], second[HEADER]) == ("miss", "hit"), url
        content = first.content.decode()
        assert TOKEN not in content and "<textarea" not in content, url
        assert not first.cookies
        assert "public" in second["Cache-Control"]


def test_a_members_page_with_the_reply_form_is_not_stored_for_visitors(forum, member):
    topic = TopicFactory(forum=forum)
    url = links.thread_url(topic)
    reader = Client()
    reader.force_login(member)
    own = reader.get(url)
    assert TOKEN in own.content.decode() and "<textarea" in own.content.decode()
    assert HEADER not in own and "private" in own["Cache-Control"]
    visitor = Client()
    anonymous = visitor.get(url)
    assert anonymous[HEADER] == "miss"
    assert TOKEN not in anonymous.content.decode()
    assert "Log in om te reageren" in anonymous.content.decode()


def test_a_new_reply_shows_to_visitors_at_once(forum, member, no_posting_limits, django_capture_on_commit_callbacks):
    topic = TopicFactory(forum=forum)
    url = links.thread_url(topic)
    visitor = Client()
    visitor.get(url)
    assert visitor.get(url)[HEADER] == "hit"
    writer = Client()
    writer.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        writer.post(url, {"body": "Een verse reactie voor iedereen"})
    fresh = visitor.get(url)
    assert fresh[HEADER] == "miss"
    assert "Een verse reactie voor iedereen" in fresh.content.decode()
