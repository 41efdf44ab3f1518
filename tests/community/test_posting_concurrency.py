"""Two posts of one member at the same moment cannot both slip under a limit; one reactions thread per page.

The threads use their own database connections, so these tests commit (transactional_db). On PostgreSQL the
second post waits for the first one's lock on the member's profile and is then refused by the rule. On SQLite the
test database is a shared in-memory database whose lock conflicts are reported at once instead of waited for; the
second post then fails with a database error: what matters, that at most one post passes, holds on both.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

from community import posting, text
from community.factories import ForumPageFactory, MemberFactory
from community.models import Post, Thread
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forum(home_page):
    return ForumPageFactory(parent=NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page)))


@pytest.fixture
def slow_rendering(monkeypatch):
    """Widen the gap between checking the rules and storing the post (the text is rendered in between)."""
    render = text.render_markdown

    def slow(*args, **kwargs):
        time.sleep(0.4)
        return render(*args, **kwargs)

    monkeypatch.setattr(posting, "render_markdown", slow)


def at_once(*calls):
    """Run the calls in threads started together; each result is the return value or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (collected for the assertions)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def assert_one_passed(results, code):
    posts = [result for result in results if isinstance(result, Post)]
    refused = [result for result in results if not isinstance(result, Post)]
    assert len(posts) == 1, results
    (error,) = refused
    if connection.vendor == "postgresql":
        assert isinstance(error, posting.PostingError) and error.code == code, error
    else:
        assert isinstance(error, posting.PostingError | OperationalError), error


def test_two_replies_at_once_respect_the_interval(forum, slow_rendering):
    member = MemberFactory(username="snel")
    thread = posting.create_topic(
        user=member, forum=forum, category=forum.categories.first(), title="Start", body="Begin"
    ).thread
    Post.objects.update(created_at=Post.objects.get().created_at.replace(year=2000))  # the topic is old news

    results = at_once(
        lambda: posting.create_reply(user=member, thread=thread, body="Eerste antwoord"),
        lambda: posting.create_reply(user=member, thread=thread, body="Tweede antwoord"),
    )
    assert_one_passed(results, "too_fast")
    assert Post.objects.filter(is_opening=False).count() == 1
    assert Thread.objects.get(pk=thread.pk).reply_count == 1


def test_new_member_cannot_open_two_topics_at_once_past_the_limit(forum, settings, slow_rendering):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_NEW_MEMBER_MAX_TOPICS = 1
    member = MemberFactory(username="nieuw", new=True)
    category = forum.categories.first()

    results = at_once(
        lambda: posting.create_topic(user=member, forum=forum, category=category, title="Een", body="Eerste"),
        lambda: posting.create_topic(user=member, forum=forum, category=category, title="Twee", body="Tweede"),
    )
    assert_one_passed(results, "new_member_topics")
    assert Thread.objects.count() == 1


def test_same_text_sent_twice_at_once_is_stored_once(forum, slow_rendering):
    member = MemberFactory(username="dubbel")
    category = forum.categories.first()
    results = at_once(
        lambda: posting.create_topic(user=member, forum=forum, category=category, title="Vraag", body="Wie weet?"),
        lambda: posting.create_topic(user=member, forum=forum, category=category, title="Vraag", body="Wie weet?"),
    )
    assert_one_passed(results, "duplicate")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite runs one writing transaction at a time")
def test_first_reactions_on_a_page_at_once_share_one_thread(home_page):
    made = threading.Event()

    def first():
        with transaction.atomic():
            thread = posting.reactions_thread(home_page)
            made.set()
            time.sleep(0.5)  # the other one tries to make the thread now, and waits for this commit
        return thread

    def second():
        made.wait(timeout=10)
        return posting.reactions_thread(home_page)

    one, two = at_once(first, second)
    assert isinstance(one, Thread) and isinstance(two, Thread), (one, two)
    assert one.pk == two.pk
    assert Thread.objects.for_target(home_page).count() == 1
