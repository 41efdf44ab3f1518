"""The themes, audiences and tags below a page or tip (``{% taxonomy_of %}``): one query, compiled once per model."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import compiled
from core.templatetags import core_tags
from tests.core.hubs_content import SECTIONS, SectionContent

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    content = SectionContent(home_page).grow(2)
    for items in content.items.values():
        first, second = items
        first.themes.add(content.other_theme)
        first.tags.add("buurthuis", "Taalcafé")
        second.tags.add("moestuin")
        first.save()
        second.save()
    return content


def orm_rows(obj):
    return sorted(core_tags._taxonomy_query(obj))


@pytest.mark.parametrize("key", SECTIONS)
def test_the_compiled_query_finds_what_the_orm_finds_for_every_section(content, key):
    first, second = (type(item).objects.get(pk=item.pk) for item in content.items[key])
    assert sorted(core_tags._taxonomy_rows(first)) == orm_rows(first)
    # compiled, not built per object
    assert compiled._compiled[("taxonomy", type(first)), "default", ("int",)] is not None
    with CaptureQueriesContext(connection) as queries:
        rows = core_tags._taxonomy_rows(second)
    assert len(queries) == 1
    assert sorted(rows) == orm_rows(second)
    assert {row[1] for row in rows} == {"Werving", "Gemeenten", "moestuin"}  # its own, not the first one's


def test_a_page_shows_its_own_terms_in_order(client, content):
    story = content.items["stories"][0]
    html = client.get(story.url).content.decode()
    taxonomy = html.split('class="taxonomy"')[1].split("</aside>")[0]
    order = [taxonomy.index(name) for name in ("Inclusie", "Werving", "Gemeenten", "buurthuis", "Taalcafé")]
    assert order[:2] == sorted(order[:2]) and order[3:] == sorted(order[3:])
    assert "moestuin" not in taxonomy
