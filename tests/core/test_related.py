"""Related content on detail pages (core/related.py, components/related.html): pinned pages first, then items from
other sections that share themes and audiences, by overlap and then date, in a bounded number of queries."""

import re

import pytest

from core.factories import ContentPageFactory
from core.models import RelatedPin, TopicIndexPage
from tests.core.hubs_content import SectionContent

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    home_page.add_child(instance=TopicIndexPage(title="Thema's", slug="themas"))
    return SectionContent(home_page).grow(3)


def related_block(response):
    html = response if isinstance(response, str) else response.content.decode()
    match = re.search(r'<section class="related.*?</section>', html, re.S)
    return match.group(0) if match else ""


def titles(block):
    return re.findall(r"<h3 class=\"card__title\"><a[^>]*>([^<]+)</a>", block)


def test_a_story_shows_items_of_other_sections_sharing_its_theme(client, content):
    story = content.items["stories"][0]
    block = related_block(client.get(story.url))
    assert 'aria-labelledby="related-heading"' in block and "Meer over dit onderwerp" in block
    shown = titles(block)
    assert len(shown) == 4
    assert not any(title.startswith("Verhaal") for title in shown)  # other sections only
    assert len({title.split()[0] for title in shown}) >= 2  # at most two from one section


def test_more_shared_terms_rank_higher_then_newer(client, content):
    lesson = content.items["lessons"][0]
    # This story shares the theme and the audience and a second theme: it outranks every other item.
    best = content.items["stories"][2]
    best.themes.add(content.other_theme)
    best.save()
    lesson.themes.add(content.other_theme)
    lesson.save()
    shown = titles(related_block(client.get(lesson.url)))
    assert shown[0] == "Verhaal 2"


def test_a_tip_permalink_shows_related_pages_and_no_other_tips(client, content):
    tip = content.items["tips"][0]
    response = client.get(tip.url)
    assert response.status_code == 200
    shown = titles(related_block(response))
    assert shown and not any(title.startswith("Tip") for title in shown)


@pytest.mark.parametrize("section", ["lessons", "stories", "sessions", "meetings", "agendas", "expeditions"])
def test_every_detail_page_has_the_block(client, content, section):
    item = content.items[section][0]
    shown = titles(related_block(client.get(item.url)))
    assert shown, section


def test_pinned_pages_come_first_and_unpublished_ones_are_left_out(client, content):
    page = ContentPageFactory(parent=content.home, title="Over het programma", slug="over")
    pinned = content.items["expeditions"][2]
    hidden = content.items["lessons"][1]
    hidden.unpublish()
    RelatedPin.objects.create(source=page, page=pinned, sort_order=0)
    RelatedPin.objects.create(source=page, page=hidden, sort_order=1)
    page.themes.set([content.theme])
    page.save()
    shown = titles(related_block(client.get(page.url)))
    assert shown[0] == "Expeditie 2"
    assert "Les 1" not in shown
    assert len(shown) == 4 and shown.count("Expeditie 2") == 1


def test_a_page_without_themes_or_pins_has_no_block(client, content):
    page = ContentPageFactory(parent=content.home, title="Privacy", slug="privacy")
    assert related_block(client.get(page.url)) == ""


def test_index_pages_have_no_block(client, content):
    assert related_block(client.get(content.stories_index.url)) == ""
    assert related_block(client.get("/themas/werving/")) == ""


def test_a_storys_own_related_links_are_not_repeated(client, content):
    from stories.models import StoryRelatedPage

    story = content.items["stories"][0]
    lesson = content.items["lessons"][2]  # the newest lesson, which the block would otherwise show
    StoryRelatedPage.objects.create(story=story, page=lesson, sort_order=0)
    html = client.get(story.url).content.decode()
    assert "Les 2" in html  # in the story's own list
    assert "Les 2" not in titles(related_block(html))


def test_the_pins_panel_is_on_every_page_types_promote_tab():
    from django.apps import apps
    from wagtail.models import Page

    from core.models import BasePage

    for model in apps.get_models():
        if issubclass(model, Page) and issubclass(model, BasePage):
            names = [getattr(child, "relation_name", None) for child in _walk(model.get_edit_handler())]
            assert "related_pins" in names, model


def _walk(panel):
    yield panel
    for child in getattr(panel, "children", ()):
        yield from _walk(child)


def test_editors_see_the_pins_panel_on_every_page_type(client, content, django_user_model):
    from core.models import ContentPage

    admin = django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "geheim-wachtwoord")
    client.force_login(admin)
    pages = [content.items[key][0] for key in content.items if key != "tips"]
    pages += [content.collection, content.stories_index, ContentPageFactory(parent=content.home, slug="x")]
    assert any(isinstance(page, ContentPage) for page in pages)
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
        assert 'name="related_pins-TOTAL_FORMS"' in response.content.decode(), type(page)


# --- The term index: ranking without a query per page (core.related.TermIndex) ---------------------------------


def _ids(item):
    return [theme.pk for theme in item.themes.all()], [audience.pk for audience in item.audiences.all()]


def test_a_page_seen_first_ranks_its_block_without_reading_terms(client, content):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import related

    client.get(content.items["stories"][0].url)  # builds the index of this content generation
    related.term_index().cards.clear()  # as if no page had shown a card yet
    story = content.items["stories"][1]
    themes, audiences = _ids(story)
    with CaptureQueriesContext(connection) as queries:
        items = related.related_items(story, themes, audiences)
    assert len(items) == related.LIMIT
    sql = " ".join(query["sql"] for query in queries.captured_queries).lower()
    assert "theme" not in sql and "audience" not in sql and "relatedpin" not in sql
    # Only the cards: one query per kind shown, joining nothing a card does not show (a lesson's expedition, a
    # picture).
    assert len(queries) == len({item["kind"] for item in items})
    assert "core_customimage" not in sql and "expeditions_expeditionpage" not in sql


def test_cards_shown_on_one_page_are_not_fetched_again_for_another(content):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import related

    first, second = content.items["stories"][0], content.items["stories"][1]
    shown = {item["url"] for item in related.related_items(first, *_ids(first))}
    terms = _ids(second)
    with CaptureQueriesContext(connection) as queries:
        items = related.related_items(second, *terms)
    assert len(items) == related.LIMIT
    assert {item["url"] for item in items} & shown  # the two stories share most of their block
    assert len(queries) == len({item["kind"] for item in items if item["url"] not in shown})
    # The kept cards are copies: what one caller changes, no other sees.
    items[0]["title"] = "changed"
    assert related.related_items(content.items["stories"][2], *_ids(second))[0]["title"] != "changed"


def test_a_card_changed_by_an_editor_is_fetched_again(client, content):
    story, other = content.items["stories"][0], content.items["stories"][1]
    shown = titles(related_block(client.get(story.url)))
    page = next(item for items in content.items.values() for item in items if item.title == shown[0])
    page.title = "Een nieuwe titel"
    page.save_revision().publish()
    assert "Een nieuwe titel" in titles(related_block(client.get(other.url)))


def test_the_index_is_built_once_per_content_generation(content):
    from core import related
    from core.caching import bump_generation

    first = related.term_index()
    assert related.term_index() is first
    bump_generation()
    assert related.term_index() is not first


def test_a_page_published_after_the_index_was_built_joins_the_block(client, content):
    lesson = content.items["lessons"][0]
    client.get(lesson.url)  # the index, and the lesson's block, of this generation
    newest = content.make("stories", 9)  # tagged like the rest, and newer than every other story
    newest.themes.add(content.other_theme)
    newest.save()
    lesson.themes.add(content.other_theme)
    lesson.save()
    assert titles(related_block(client.get(lesson.url)))[0] == "Verhaal 9"


def test_what_has_ended_since_the_index_was_built_is_left_out(content):
    import datetime

    from django.utils import timezone

    from core import content_registry, related

    story = content.items["stories"][0]
    themes, audiences = _ids(story)
    sessions = {"sessions": content_registry.get("sessions")}
    index = related.term_index()
    now = timezone.now()
    assert [row[1] for row in index.candidates(sessions, themes, audiences, set(), 2, now=now)] == [
        content.items["sessions"][0].pk,
        content.items["sessions"][1].pk,
    ]
    # A day and a half on, the first session (tomorrow, for an hour) is over: the next two come instead.
    later = now + datetime.timedelta(days=1, hours=12)
    assert [row[1] for row in index.candidates(sessions, themes, audiences, set(), 2, now=later)] == [
        content.items["sessions"][1].pk,
        content.items["sessions"][2].pk,
    ]


def test_pins_come_from_the_index_in_their_editors_order(client, content):
    from core import related

    page = ContentPageFactory(parent=content.home, title="Over het programma", slug="over")
    first, second = content.items["expeditions"][1], content.items["stories"][2]
    RelatedPin.objects.create(source=page, page=second, sort_order=1)
    RelatedPin.objects.create(source=page, page=first, sort_order=0)
    assert related.term_index().pins[page.pk] == [first.pk, second.pk]
    shown = titles(related_block(client.get(page.url)))
    assert shown[:2] == ["Expeditie 1", "Verhaal 2"]


def test_the_index_ranks_by_overlap_then_each_kinds_own_order():
    import datetime
    from types import SimpleNamespace

    from core.related import ITEM_FIELD, TermIndex

    day = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    rows = []

    def item(kind, pk, days, terms, end_days=None):
        end = day + datetime.timedelta(days=end_days) if end_days is not None else None
        rows.append((kind, ITEM_FIELD, pk, None, 0, day + datetime.timedelta(days=days), end))
        rows.extend((kind, field, pk, term, 0, None, None) for field, term in terms)

    both = [("themes", 1), ("audiences", 7)]
    item("stories", 1, -9, both)  # two shared terms: first, however old
    item("stories", 2, -1, [("themes", 1)])  # newest with one
    item("stories", 3, -1, [("audiences", 7)])  # as new: the higher pk first
    item("stories", 4, -5, [("themes", 1)])
    item("stories", 5, 0, [("themes", 2)])  # shares nothing
    item("sessions", 10, 3, both, end_days=3)  # upcoming: soonest first
    item("sessions", 11, 1, [("themes", 1)], end_days=1)
    item("sessions", 12, -2, both, end_days=-2)  # over
    kinds = {
        "stories": SimpleNamespace(is_page=True, upcoming=False, end_field=None),
        "sessions": SimpleNamespace(is_page=True, upcoming=True, end_field="end"),
    }
    index = TermIndex(rows, upcoming={"sessions"})

    def best(per_kind, exclude=()):
        found = index.candidates(kinds, [1], [7], set(exclude), per_kind, now=day)
        return [(key, pk, overlap) for key, pk, overlap, _date in found]

    assert best(3) == [
        ("stories", 1, 2),
        ("stories", 3, 1),
        ("stories", 2, 1),
        ("sessions", 10, 2),
        ("sessions", 11, 1),
    ]
    assert best(1, exclude=[1, 10]) == [("stories", 3, 1), ("sessions", 11, 1)]
