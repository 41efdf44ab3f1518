"""Forum benchmark: latency and queries of a topic page with 500 replies and of the topic lists of a forum with
10,000 topics, for an anonymous visitor and a logged-in member (unread markers, reply form).

    python bench/forum.py                         # SQLite, 10,000 topics, a topic with 500 replies
    python bench/forum.py --topics 10000 --replies 500 --postgres postgres://postgres@127.0.0.1:5432/kp_forum_bench

The database is a throw-away one: a temporary SQLite file, or the PostgreSQL database named in the URL, which
is dropped and created again. The topics (each with its opening post) are spread over four categories and written
with ``bulk_create`` by 50 members; one topic gets ``--replies`` replies, a few of them hidden or pending (which
the pages leave out). Every request goes through Django's test client (routing, ForumPage's routes, the
templates), uncached: the anonymous page cache is off in the test settings. Each URL is requested once to warm
up and then ``--rounds`` times; the script fails when a URL answers with something other than 200 or when the
queries of the first, middle and last page of the same list differ (the count must not grow with the page).

Figures of 30 November 2026, 10,000 topics (2,500 per category, 25 a page: 100 pages) and a topic with 500 replies
(20 a page: 25 pages), on the shared 2-CPU development container while other work ran on it (load average 11 to
13, so several times slower than idle; expect ±50 %). Queries: the same on SQLite and PostgreSQL unless noted.

| page | queries anonymous / member | SQLite p50 / p95, anonymous | PostgreSQL p50 / p95, anonymous |
|---|---|---|---|
| forum index | 5 / 10 | 356 / 404 ms | 498 / 572 ms |
| topic, page 1 | 6 / 17 (PostgreSQL 15) | 240 / 277 ms | 483 / 571 ms |
| topic, page 13 (middle) | 6 / 17 (15) | 247 / 282 ms | 474 / 546 ms |
| topic, page 25 (last) | 6 / 17 (15) | 213 / 243 ms | 586 / 661 ms |
| category, page 1 | 6 / 11 | 303 / 331 ms | 695 / 929 ms |
| category, page 100 (last) | 6 / 11 | 375 / 408 ms | 561 / 744 ms |

As a member (unread markers, reply form) the pages took 330 to 460 ms (SQLite) and 540 to 780 ms (PostgreSQL). The
query counts are the same at 200 topics and 50 replies: they depend neither on the page nor on the size.
"""

import argparse
import datetime
import statistics
import time

from _database import setup_django

CATEGORIES = ("Lokale Inclusie Agenda", "Ervaringsdeskundigheid", "Toegankelijkheid", "Vrijwilligerswerk")
MEMBERS = 50


def build(topic_count, reply_count):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Site

    from accounts.models import Profile
    from community.models import ForumCategory, ForumPage, Post, PostStatus, Thread, ThreadKind
    from community.text import render_markdown
    from core.factories import HomePageFactory
    from networks.models import NetworkIndexPage, NetworkPage
    from tests.conftest import ensure_wagtail_base

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = NetworkIndexPage(title="Netwerken", slug="netwerken")
    home.add_child(instance=index)
    network = NetworkPage(title="Iedereen doet mee!", slug="iedereen-doet-mee")
    index.add_child(instance=network)
    forum = ForumPage(
        title="Forum",
        slug="forum",
        categories=[ForumCategory(name=name, slug=slugify(name), sort_order=n) for n, name in enumerate(CATEGORIES)],
    )
    network.add_child(instance=forum)
    categories = list(forum.categories.order_by("sort_order"))

    User = get_user_model()
    joined = timezone.now() - datetime.timedelta(days=365)
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"lid{n:03d}", email=f"lid{n:03d}@example.org", password=unusable, date_joined=joined)
        for n in range(MEMBERS)
    )
    users = list(User.objects.filter(username__startswith="lid").order_by("username"))
    Profile.objects.bulk_create(Profile(user=user, display_name=f"Lid {user.username[3:]}") for user in users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )

    body = "Hoe hebben jullie dit aangepakt? Wij zoeken **ervaringen** van andere gemeenten."
    html = render_markdown(body, members=[])
    start = timezone.now() - datetime.timedelta(days=topic_count // 20 + 30)
    batch = 2000
    for first in range(0, topic_count, batch):
        numbers = range(first, min(first + batch, topic_count))
        threads = Thread.objects.bulk_create(
            Thread(
                kind=ThreadKind.TOPIC,
                forum=forum,
                category=categories[n % len(categories)],
                title=f"Onderwerp {n}: ervaringen met de Lokale Inclusie Agenda",
                slug=f"onderwerp-{n}-ervaringen-met-de-lokale-inclusie-agenda",
                author=users[n % MEMBERS],
                status=PostStatus.VISIBLE,
                is_pinned=n < 2,
                last_post_at=start + datetime.timedelta(minutes=50 * n),
                reply_count=n % 7,
            )
            for n in numbers
        )
        Post.objects.bulk_create(
            Post(thread=thread, author=thread.author, is_opening=True, body=body, body_html=html) for thread in threads
        )
    big = Thread.objects.create(
        kind=ThreadKind.TOPIC,
        forum=forum,
        category=categories[0],
        title="Een lang gesprek over toegankelijke stembureaus",
        slug="een-lang-gesprek-over-toegankelijke-stembureaus",
        author=users[0],
        status=PostStatus.VISIBLE,
    )
    reply = "Bij ons werkte een checklist goed. Zie ook wat @lid001 schreef over de training."
    reply_html = render_markdown(reply, members=users[:2])
    posts = [Post(thread=big, author=users[0], is_opening=True, body=body, body_html=html)]
    for n in range(reply_count):
        status = PostStatus.VISIBLE
        if n % 97 == 50:
            status = PostStatus.HIDDEN
        elif n % 131 == 70:
            status = PostStatus.PENDING
        posts.append(
            Post(
                thread=big,
                author=users[(n + 1) % MEMBERS],
                body=reply,
                body_html=reply_html,
                status=status,
                quoted_post=None,
            )
        )
    posts = Post.objects.bulk_create(posts)
    for n, post in enumerate(posts):  # one post a minute, in order (created_at is set on insert)
        post.created_at = start + datetime.timedelta(minutes=n)
    Post.objects.bulk_update(posts, ["created_at"], batch_size=500)
    from community.posting import refresh_thread

    refresh_thread(big)
    return forum, categories, big, users[5]


def measure(client, urls, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings, counts = [], []
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            counts.append(len(queries))
        rows.append((label, url, max(counts), statistics.median(timings), percentile(timings, 0.95)))
    return rows


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def check_flat(rows, who):
    """The first, middle and last page of one list run the same number of queries."""
    groups = {}
    for label, _url, queries, _p50, _p95 in rows:
        groups.setdefault(label.split(",")[0], set()).add(queries)
    grown = {name: sorted(counts) for name, counts in groups.items() if len(counts) > 1}
    if grown:
        raise SystemExit(f"Queries differ between pages of the same list ({who}): {grown}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", type=int, default=10_000, help="topics in the forum (each with an opening post)")
    parser.add_argument("--replies", type=int, default=500, help="replies in the long topic")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", default="", help="PostgreSQL URL of a throw-away database")
    args = parser.parse_args()

    setup_django(args.postgres, "forum")
    started = time.perf_counter()
    forum, categories, big, member = build(args.topics, args.replies)
    print(
        f"Built {args.topics} topics and a topic with {args.replies} replies in {time.perf_counter() - started:.1f} s"
    )
    from django.db import connection
    from django.test import Client

    from community import links
    from community.views_forum import POSTS_PER_PAGE, TOPICS_PER_PAGE

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have them in production

    topic_url = big.get_absolute_url()
    topic_pages = max(1, -(-(big.reply_count + 1) // POSTS_PER_PAGE))
    category = categories[1]
    category_topics = -(-args.topics // len(categories))
    category_pages = max(1, -(-category_topics // TOPICS_PER_PAGE))
    page = links.PAGE_PARAMETER
    urls = [
        ("forum index", forum.url),
        ("topic, page 1", topic_url),
        (f"topic, page {topic_pages // 2 + 1}", f"{topic_url}?{page}={topic_pages // 2 + 1}"),
        (f"topic, page {topic_pages} (last)", f"{topic_url}?{page}={topic_pages}"),
        ("category, page 1", category.get_url()),
        (f"category, page {category_pages} (last)", f"{category.get_url()}?{page}={category_pages}"),
    ]
    print(f"{connection.vendor}: {args.topics} topics ({category_topics} per category), {args.replies} replies")
    for who in ("anonymous", "member"):
        client = Client()
        if who == "member":
            client.force_login(member)
        rows = measure(client, urls, args.rounds)
        print(f"\n{who}")
        print(f"{'page':32} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for label, _url, queries, p50, p95 in rows:
            print(f"{label:32} {queries:>7} {p50:>8.1f} {p95:>8.1f}")
        check_flat(rows, who)


if __name__ == "__main__":
    main()
