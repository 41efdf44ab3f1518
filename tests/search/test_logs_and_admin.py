"""Anonymous query logs, their pruning, the admin report, and the index commands."""

import os
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core.factories import UserFactory
from search.models import QueryLog, QueryLogVisitor, SearchDocument

pytestmark = pytest.mark.django_db


def test_searches_are_counted_without_personal_data(client, corpus):
    client.get("/zoeken/", {"q": "Vrijwilligers"}, REMOTE_ADDR="10.1.2.3")
    client.get("/zoeken/", {"q": "vrijwilligers "})
    client.get("/zoeken/", {"q": "qwertyuiop"})
    client.get("/zoeken/", {"q": "vrijwilligers", "page": "2"})  # paging is not a new search
    log = QueryLog.objects.get(query="vrijwilligers")
    assert (log.searches, log.zero_result_searches) == (2, 0)
    assert QueryLog.objects.get(query="qwertyuiop").zero_result_searches == 1
    field_names = {field.name for field in QueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "day", "searches", "zero_result_searches", "visitors", "visitor_marks"}
    # Who searched is only told apart by a daily keyed hash (see test_popular.py).
    assert {field.name for field in QueryLogVisitor._meta.get_fields()} == {"id", "log", "visitor"}


def test_prune_removes_logs_older_than_the_retention_period(settings):
    settings.SEARCH_QUERY_LOG_RETENTION_DAYS = 30
    today = timezone.localdate()
    QueryLog.objects.create(query="oud", day=today - timedelta(days=31), searches=3)
    QueryLog.objects.create(query="nieuw", day=today - timedelta(days=29), searches=3)
    call_command("prune_search_logs", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["nieuw"]


def test_popular_searches_show_on_the_empty_search_page(client, corpus):
    QueryLog.objects.create(query="werving", day=timezone.localdate(), searches=9, visitors=3)
    html = client.get("/zoeken/").content.decode()
    assert "?q=werving" in html


def test_admin_report_lists_popular_and_zero_result_queries(client):
    QueryLog.objects.create(query="vrijwilligers", day=timezone.localdate(), searches=12)
    QueryLog.objects.create(query="vrijwiligers", day=timezone.localdate(), searches=4, zero_result_searches=4)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        QueryLog.objects.create(query="later", day=timezone.localdate(), searches=1)
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    response = client.get("/admin/reports/search-terms/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "vrijwilligers" in html
    zero_table = html.split("search-report-zero")[1]
    assert "vrijwiligers" in zero_table and ">4<" in zero_table


def test_admin_report_needs_permission(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/reports/search-terms/").status_code in (302, 403)


def test_update_index_also_rebuilds_search_documents(corpus):
    SearchDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    assert SearchDocument.objects.filter(type_key="core.contentpage").count() == len(corpus)
