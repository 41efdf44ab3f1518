"""The public "popular searches": only what several different visitors searched, with results, never a
blocked word or a term an editor hid; and the admin pages that manage the block list."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone

from core.factories import UserFactory
from search.models import BlockedSearchTerm, QueryLog, QueryLogVisitor

pytestmark = pytest.mark.django_db

BLOCK_LIST_URL = "/admin/snippets/search/blockedsearchterm/"


def popular_on_site(client, url="/zoeken/"):
    """The search terms a visitor sees under "Veelgezocht"."""
    page = client.get(url).content.decode()
    if "search-popular__list" not in page:
        return []
    listing = page.split("search-popular__list", 1)[1].split("</ul>", 1)[0]
    return [html.unescape(text) for text in re.findall(r">([^<>]+)</a>", listing)]


def search_as(client, query, address, browser="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"):
    return client.get("/zoeken/", {"q": query}, REMOTE_ADDR=address, HTTP_USER_AGENT=browser)


def logged(query, visitors=5, searches=9, zero=0, days_ago=0):
    return QueryLog.objects.create(
        query=query,
        day=timezone.localdate() - timedelta(days=days_ago),
        searches=searches,
        zero_result_searches=zero,
        visitors=visitors,
    )


def test_a_term_appears_only_once_three_different_visitors_searched_it(client, corpus):
    for _ in range(4):  # one visitor searching again and again is still one visitor
        assert search_as(client, "werving", "192.0.2.1").context["outcome"].response.total > 0
    assert "werving" not in popular_on_site(client)

    search_as(client, "Werving", "192.0.2.2")
    assert "werving" not in popular_on_site(client)

    search_as(client, "werving", "192.0.2.3")
    assert "werving" in popular_on_site(client)
    log = QueryLog.objects.get(query="werving")
    assert (log.searches, log.visitors) == (6, 3)


def test_the_same_address_with_another_browser_is_another_visitor(client, corpus):
    for browser in ("Firefox/128.0", "Chrome/126.0", "Safari/17.5"):
        search_as(client, "inclusie", "192.0.2.9", browser=browser)
    assert QueryLog.objects.get(query="inclusie").visitors == 3


def test_terms_without_results_never_appear(client, corpus):
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"):
        assert search_as(client, "jansens reclame", address).context["outcome"].response.total == 0
    logged("gratis loterij", visitors=40, searches=40, zero=1)  # found nothing once, on some day
    logged("gratis loterij", visitors=40, searches=40, zero=0, days_ago=1)
    logged("vrijwilligers", visitors=4)
    assert popular_on_site(client) == ["vrijwilligers"]
    # Also on the zero-results page, which shows the popular searches as well.
    assert popular_on_site(client, "/zoeken/?q=qwertyuiop") == ["vrijwilligers"]


def test_blocked_words_never_appear(client, db):
    for query in (
        "klote subsidie",
        "Subsidie KLÖTE regels",
        "klotesubsidie",
        "subsidieklote",
        "kloten",
        "gratis geld nu",
        "vrijwilligers",
        "gratis training",
    ):
        logged(query.lower())
    assert len(popular_on_site(client)) == 6
    BlockedSearchTerm.objects.create(term="Klote", kind=BlockedSearchTerm.Kind.WORD)
    BlockedSearchTerm.objects.create(term="gratis  GELD", kind=BlockedSearchTerm.Kind.WORD)
    assert sorted(popular_on_site(client)) == ["gratis training", "vrijwilligers"]


def test_old_searches_and_single_visitor_terms_stay_off_the_list(client, db):
    logged("oud nieuws", visitors=10, days_ago=31)
    logged("mijn naam is jan", visitors=1, searches=50)
    logged("vrijwilligers", visitors=2)
    logged("vrijwilligers", visitors=1, days_ago=3)  # three visitors over two days
    assert popular_on_site(client) == ["vrijwilligers"]


def test_an_editor_hides_a_term_from_the_search_report(client, db):
    logged("vrijwilligers", visitors=4)
    logged("jan jansen 0612345678", visitors=3)
    assert sorted(popular_on_site(client)) == ["jan jansen 0612345678", "vrijwilligers"]

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    report = client.get("/admin/reports/search-terms/")
    assert report.status_code == 200
    assert report.content.decode().count("search-report-hide") == 2

    response = client.post(
        "/admin/reports/search-terms/hide/", {"term": "jan jansen 0612345678", "next": "/admin/reports/search-terms/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/reports/search-terms/"
    assert BlockedSearchTerm.objects.filter(term="jan jansen 0612345678", kind="term").exists()
    client.logout()
    assert popular_on_site(client) == ["vrijwilligers"]


def test_the_block_list_is_edited_in_the_admin(client, db):
    logged("spam spam", visitors=3)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(BLOCK_LIST_URL).status_code == 200
    assert client.get(BLOCK_LIST_URL + "add/").status_code == 200
    response = client.post(BLOCK_LIST_URL + "add/", {"term": "Spam", "kind": "word"})
    assert response.status_code == 302
    client.logout()
    assert popular_on_site(client) == []


def test_block_list_and_hiding_need_permission(client, db):
    logged("vrijwilligers", visitors=3)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    user = UserFactory(is_staff=True)
    user.user_permissions.add(admin_access)
    client.force_login(user)
    assert client.get(BLOCK_LIST_URL).status_code in (302, 403)
    assert client.post(BLOCK_LIST_URL + "add/", {"term": "vrijwilligers", "kind": "word"}).status_code in (302, 403)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert client.post("/admin/reports/search-terms/hide/", {"term": "vrijwilligers"}).status_code in (302, 403)
    assert client.get("/admin/reports/search-terms/").status_code in (302, 403)
    assert not BlockedSearchTerm.objects.exists()
    client.logout()
    assert popular_on_site(client) == ["vrijwilligers"]


def test_visitor_marks_hold_no_address_and_change_every_day(client, db):
    address, browser = "203.0.113.77", "Mozilla/5.0 Testbrowser/1.0"
    search_as(client, "mantelzorg", address, browser)
    mark = QueryLogVisitor.objects.get()
    assert re.fullmatch(r"[0-9a-f]{16}", mark.visitor)
    stored = [str(value) for row in QueryLogVisitor.objects.values_list() for value in row]
    stored += [str(value) for row in QueryLog.objects.values_list() for value in row]
    assert not any(address in value or "Testbrowser" in value for value in stored)

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        search_as(client, "mantelzorg", address, browser)
        # Yesterday's marks are gone (their count stays); today the same visitor has another mark.
        assert list(QueryLog.objects.order_by("day").values_list("visitors", flat=True)) == [1, 1]
        assert QueryLogVisitor.objects.get().visitor != mark.visitor


def test_search_works_and_is_counted_when_the_cache_is_down(client, db, monkeypatch):
    from search import views

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(views.cache, "get_or_set", down)
    assert search_as(client, "mantelzorg", "192.0.2.1").status_code == 200
    log = QueryLog.objects.get(query="mantelzorg")
    assert (log.searches, log.visitors) == (1, 0)  # counted, but no visitor mark without the day's key
