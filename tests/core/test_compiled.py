"""Queries compiled once and run again with other values (core/compiled.py), and the routing that uses them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core import compiled
from core.factories import ContentPageFactory
from core.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    over = ContentPageFactory(parent=home_page, title="Over ons", slug="over")
    team = ContentPageFactory(parent=over, title="Het team", slug="team")
    again = ContentPageFactory(parent=over, title="Nog eens over", slug="over")  # /over/over/
    return over, team, again


def by_slugs(slugs, depth):
    return Page.objects.filter(slug__in=slugs, depth__gte=depth).order_by("path")


def test_rows_and_objects_are_what_the_orm_finds_and_later_uses_run_one_compiled_query(pages):
    over, team, again = pages
    key = ("test", "by-slugs")
    first = compiled.objects(key, by_slugs, [["over", "team"], 3])
    assert [page.pk for page in first] == [page.pk for page in by_slugs(["over", "team"], 3)]
    assert compiled._compiled[key, "default", (("str", "str"), "int")] is not None
    with CaptureQueriesContext(connection) as queries:
        later = compiled.objects(key, by_slugs, [["team", "bestaat-niet"], 4])
    assert len(queries) == 1 and "kp-probe" not in queries[0]["sql"]
    assert [(type(page), page.pk, page.title) for page in later] == [(Page, team.pk, "Het team")]
    values = compiled.rows(("test", "titles"), lambda pk: Page.objects.filter(pk=pk).values_list("title"), [again.pk])
    assert values == [("Nog eens over",)]


def test_a_specific_model_comes_with_its_own_fields(pages):
    over, _team, _again = pages
    (page,) = compiled.objects(("test", "specific"), lambda pk: ContentPage.objects.filter(pk=pk), [over.pk])
    assert isinstance(page, ContentPage) and page.introduction == over.introduction and page.url_path == over.url_path


def test_a_value_the_compiler_changes_is_not_compiled_but_still_answered(pages):
    key = ("test", "startswith")
    build = lambda prefix: Page.objects.filter(slug__startswith=prefix).values_list("slug")  # noqa: E731
    assert sorted(compiled.rows(key, build, ["te"])) == [("team",)]
    assert compiled._compiled[key, "default", ("str",)] is None  # "te" became "te%": built every time instead
    assert sorted(compiled.rows(key, build, ["ov"])) == [("over",), ("over",)]


def test_lists_of_another_length_are_another_query(pages):
    key = ("test", "lengths")
    assert len(compiled.objects(key, by_slugs, [["over"], 2])) == 2
    assert len(compiled.objects(key, by_slugs, [["over", "team"], 2])) == 3
    assert {shape for (name, _db, shape) in compiled._compiled if name == key} == {
        (("str",), "int"),
        (("str", "str"), "int"),
    }


def test_pages_are_found_by_path_in_two_queries_also_with_a_repeated_slug(client, pages):
    over, team, again = pages
    client.get(team.url)  # what the site keeps per content generation
    for page in (over, team, again):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200 and page.title in response.content.decode()
        routing = [query for query in queries.captured_queries if "wagtailcore_page" in query["sql"]]
        assert len(routing) <= 2, [query["sql"][:120] for query in routing]
    used = [(key[0][0], value) for key, value in compiled._compiled.items() if key[0][0] in ("route", "specific")]
    assert {name for name, _value in used} == {"route", "specific"}
    assert all(value is not None for _name, value in used)  # compiled, not built on every request
    assert again.url == "/over/over/"
    assert client.get("/over/bestaat-niet/").status_code == 404
    assert client.get("/over/team/extra/").status_code == 404


def test_long_paths_are_answered_without_keeping_a_query_for_each_length(client, pages):
    before = len(compiled._compiled)
    for length in range(compiled.MAX_LIST + 1, compiled.MAX_LIST + 40):
        assert client.get("/over/" + "x/" * length).status_code == 404
    assert len(compiled._compiled) == before


def test_an_empty_list_is_answered_by_the_orm(pages):
    assert compiled.objects(("test", "empty"), by_slugs, [[], 2]) == []


def test_joined_rows_are_not_made_into_instances_by_name(pages):
    over, team, _again = pages
    key = ("test", "joined")
    build = lambda pk: Page.objects.filter(pk=pk).select_related("owner")  # noqa: E731
    assert [page.pk for page in compiled.objects(key, build, [team.pk])] == [team.pk]
    assert compiled._compiled[key, "default", ("int",)] is None  # built by the ORM every time instead
