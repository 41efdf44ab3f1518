"""Cookie-free view counts: counted on page cache hits and misses, never for bots, flushed to the database once."""

import threading
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from community import reactions
from community.models import ViewCount
from community.reactions import VIEW_HEADER, content_type_of, flush_view_counts, record_view, write_view_counts
from core.caching import HEADER
from core.schedule import SCHEDULE
from tests.community.reactions_fixtures import (  # noqa: F401 (fixtures)
    lesson_fixture,
    story_fixture,
    tip_fixture,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
LATER = 3 * reactions.BUCKET_SECONDS  # the buckets of now are closed by then


def views_of(target):
    row = ViewCount.objects.filter(target_type=content_type_of(target), target_id=target.pk).first()
    return row.count if row else 0


def flush_later():
    return flush_view_counts(now=time.time() + LATER)


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.django_db
def test_counted_on_cache_miss_and_hit_without_cookies_and_the_header_stays_inside(story, page_cache_on):
    visitor = Client(headers={"user-agent": BROWSER})
    first = visitor.get(story.url)
    second = visitor.get(story.url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    for response in (first, second):
        assert VIEW_HEADER not in response
        assert not response.cookies
    assert views_of(story) == 0  # no database write per request
    assert flush_later() == 2
    assert views_of(story) == 2


@pytest.mark.django_db
def test_bots_head_requests_and_pages_without_a_count_are_not_counted(story, tip, page_cache_on):
    Client(headers={"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}).get(
        story.url
    )
    Client().get(story.url)  # no User-Agent at all: a script
    Client(headers={"user-agent": BROWSER}).head(story.url)
    Client(headers={"user-agent": BROWSER}).get(tip.get_url())  # tips show no view count
    Client(headers={"user-agent": BROWSER}).get(story.url + "bestaat-niet/")
    assert flush_later() == 0
    assert not ViewCount.objects.exists()


@pytest.mark.django_db
def test_logged_in_members_count_too_and_previews_not(story, client, member):
    client.force_login(member)
    client.get(story.url, headers={"user-agent": BROWSER})
    preview = story.make_preview_request()
    assert preview.status_code == 200 and VIEW_HEADER not in preview
    assert flush_later() == 1


@pytest.mark.django_db
def test_the_page_shows_the_flushed_count(story, client):
    for _number in range(3):
        client.get(story.url, headers={"user-agent": BROWSER})
    flush_later()
    assert "3 keer bekeken" in client.get(story.url).content.decode()


@pytest.mark.django_db
def test_flush_leaves_the_open_minutes_and_adds_to_existing_rows(story, lesson):
    target = reactions.target_key(story)
    now = time.time()
    ViewCount.objects.create(target_type=content_type_of(story), target_id=story.pk, count=10)
    record_view(target, now=now - 10 * 60)
    record_view(target, now=now - 5 * 60)
    record_view(reactions.target_key(lesson), now=now - 5 * 60)
    record_view(target, now=now)  # this minute may still get counts: left for the next flush
    assert flush_view_counts(now=now) == 3
    assert (views_of(story), views_of(lesson)) == (12, 1)
    assert flush_view_counts(now=now) == 0
    assert flush_view_counts(now=now + LATER) == 1
    assert views_of(story) == 13


@pytest.mark.django_db
def test_two_flushes_at_once_count_every_view_exactly_once(story):
    target = reactions.target_key(story)
    for _number in range(5):
        record_view(target, now=time.time() - 5 * 60)
    second_flush = []

    def write_while_another_flush_runs(totals):
        second_flush.append(flush_view_counts())  # starts after this one claimed the bucket, before it wrote
        write_view_counts(totals)

    with mock.patch("community.reactions.write_view_counts", side_effect=write_while_another_flush_runs):
        assert flush_view_counts() == 5
    assert second_flush == [0]
    assert flush_view_counts() == 0
    assert views_of(story) == 5


@pytest.mark.django_db
def test_a_failed_write_leaves_the_views_for_the_next_flush(story):
    record_view(reactions.target_key(story), now=time.time() - 5 * 60)
    failing = mock.patch("community.reactions.write_view_counts", side_effect=RuntimeError("database down"))
    with failing, pytest.raises(RuntimeError):
        flush_view_counts()
    assert flush_view_counts() == 1
    assert views_of(story) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
def test_concurrent_flushes_on_postgresql(home_page):
    from stories.factories import StoryIndexPageFactory, StoryPageFactory

    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    target = reactions.target_key(story)
    for minutes in range(2, 12):
        for _number in range(3):
            record_view(target, now=time.time() - minutes * 60)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def run(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(flush_view_counts,)) for _ in range(2)]
    # Two writes of other buckets for the same (new) row at the same moment: both add up.
    key = (content_type_of(story).pk, story.pk)
    threads += [threading.Thread(target=run, args=(lambda n=n: write_view_counts({key: n}),)) for n in (100, 1000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    # Each minute goes to one flush (which one depends on the scheduling): together they count every view once.
    flushes = [result for result in results if result is not None]  # write_view_counts returns None
    assert len(flushes) == 2 and sum(flushes) == 30
    assert views_of(story) == 30 + 100 + 1000


@pytest.mark.django_db
def test_the_scheduled_job_and_command(story, capsys):
    assert any(job.name == "flush_view_counts" and job.cron == "*/5 * * * *" for job in SCHEDULE)
    record_view(reactions.target_key(story), now=time.time() - 5 * 60)
    call_command("flush_view_counts")
    assert "1 views written." in capsys.readouterr().out
    assert views_of(story) == 1


@pytest.mark.django_db
def test_a_count_kept_for_repeated_views_is_read_again_after_a_flush(story, client):
    assert "0 keer bekeken" in client.get(story.url).content.decode()
    ViewCount.objects.create(target_type=content_type_of(story), target_id=story.pk, count=5)
    assert "0 keer bekeken" in client.get(story.url).content.decode()  # kept: a view starts no new generation
    record_view(f"{content_type_of(story).pk}:{story.pk}")
    flush_later()
    assert "6 keer bekeken" in client.get(story.url).content.decode()
