"""The network and municipality pages cost the same few queries with 10 or 100 members and agendas.

Counted: the queries of the page's own view and template (``page.serve``), after Wagtail has found the page by
its URL, on a view after the first (as tests/core/test_query_budget.py counts: site, settings, menus and the view
restrictions are kept per content generation).
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from core.models import Province
from networks.models import LifeDomain, MemberRole, NetworkMeetingPage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
PROVINCES = list(Province.values)
DOMAINS = ["housing", "mobility", "work_income", "education", "care_support"]


def grow(tree, start, count):
    """Members with a page and an agenda each, spread over provinces, statuses and life domains."""
    pages = []
    for number in range(start, start + count):
        page = tree.add(
            f"Gemeente {number}",
            f"GM{number:04d}",
            province=PROVINCES[number % 12],
            role=[MemberRole.FRONT_RUNNER, MemberRole.SIGNATORY, MemberRole.PARTICIPANT][number % 3],
            inhabitants=20_000 + number * 1000,
        )
        tree.agenda(page, domains=DOMAINS[number % 3 : number % 3 + 3], presented_on=datetime.date(2026, 1, 1))
        pages.append(page)
    return pages


def add_meeting(tree, municipalities, days):
    start = timezone.now() + datetime.timedelta(days=days)
    meeting = NetworkMeetingPage(
        title=f"Bijeenkomst over {days} dagen",
        slug=f"bijeenkomst-{days}",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=50,
    )
    tree.network.add_child(instance=meeting)
    meeting.municipalities.set([page.municipality for page in municipalities])
    meeting.save()


def page_queries(page, rf):
    page = Page.objects.get(pk=page.pk).specific
    request = rf.get(page.url)
    request.user = AnonymousUser()
    page.serve(request).render()  # warm up: content types, and what is kept per content generation (core/caching)
    request = rf.get(page.url)
    request.user = AnonymousUser()
    page = Page.objects.get(pk=page.pk).specific
    with CaptureQueriesContext(connection) as queries:
        response = page.serve(request)
        response.render()
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def rf():
    return RequestFactory(HTTP_HOST="localhost")


def test_network_page_is_flat_from_10_to_100_members(tree, rf):
    assert LifeDomain.objects.count() == 9
    pages = grow(tree, 1, 10)
    add_meeting(tree, pages[:2], 10)
    few, content = page_queries(tree.network, rf)
    assert "10 gemeenten doen mee aan dit netwerk." in content
    grow(tree, 11, 90)
    add_meeting(tree, pages[2:4], 20)
    many, content = page_queries(tree.network, rf)
    assert "100 gemeenten doen mee aan dit netwerk." in content
    assert "Bijeenkomst over 20 dagen" in content
    assert many == few
    assert many <= MAX_QUERIES


def matching_queries(page, rf):
    """What the matches block (networks.matching, built separately) costs on its own."""
    from networks.models.municipality import matching_context

    page = Page.objects.get(pk=page.pk).specific
    page.get_membership()
    request = rf.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        context = matching_context(page, request)
        list(context.get("matches") or [])
    return len(queries)


def test_municipality_page_is_flat_from_10_to_100_members(tree, rf):
    pages = grow(tree, 1, 10)
    add_meeting(tree, pages[:3], 10)
    subject = pages[0]
    few, content = page_queries(subject, rf)
    assert "Bijeenkomst over 10 dagen" in content
    grow(tree, 11, 90)
    add_meeting(tree, pages[:3], 30)
    many, content = page_queries(subject, rf)
    assert "Bijeenkomst over 30 dagen" in content
    assert many == few
    assert many <= MAX_QUERIES  # the matches block (networks.matching) included
    assert matching_queries(subject, rf) < many
