"""Arbitrary text in the public filter forms, the registration form and signed links never gives a 500.

Run on SQLite and PostgreSQL: PostgreSQL refuses a NUL character in any text value. The search page, API and
suggestions have their own test in tests/search/test_robustness.py.
"""

import datetime
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.factories import AudienceFactory, ThemeFactory
from core.text import clean_text, has_control_characters
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from knowledgeboost.factories import (
    KnowledgeBoostIndexPageFactory,
    KnowledgeBoostWeekPageFactory,
    SessionPageFactory,
    next_weekday,
)
from knowledgeboost.models import Registration
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory

pytestmark = pytest.mark.django_db

ANY_CHARACTER = st.characters(exclude_categories=()) | st.characters(categories=["Cc", "Cs"])
TEXT = st.text(alphabet=ANY_CHARACTER, max_size=40) | st.text(alphabet=ANY_CHARACTER, min_size=1000, max_size=3000)
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def encoded(value):
    """As a client would send it; lone surrogates become their (invalid) UTF-8 bytes."""
    return value.encode("utf-8", "surrogatepass")


def test_clean_text_removes_control_characters_and_lone_surrogates():
    assert clean_text("wer\x00ving\x07\x1b[31m\x7f\x85\x9f") == "werving[31m"
    assert clean_text("\ud800half\udfff") == "half"
    assert clean_text("regel 1\nregel 2\r\n\tingesprongen") == "regel 1\nregel 2\r\n\tingesprongen"
    assert clean_text("Één café, ĳs en 🙂") == "Één café, ĳs en 🙂"
    assert clean_text(None) == ""
    assert has_control_characters("a\x00") and has_control_characters("\udc80") and not has_control_characters("a\tb")


@pytest.fixture
def public_pages(home_page):
    """One listing with a filter form per section, with something to find in it."""
    theme, audience = ThemeFactory(name="Werving"), AudienceFactory(name="Gemeenten")
    tip_index = TipCollectionIndexPageFactory(parent=home_page)
    collection = TipCollectionPageFactory(parent=tip_index, slug="tips", title="Tips")
    TipFactory(page=collection, title="Vraag mensen persoonlijk", themes=[theme], audiences=[audience])
    story_index = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=story_index, title="Studenten houden het buurthuis open")
    expedition_index = ExpeditionIndexPageFactory(parent=home_page)
    expedition = ExpeditionPageFactory(
        parent=expedition_index, start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2021, 10, 31)
    )
    LessonPageFactory(parent=expedition, title="Knip de klus in stukjes")
    return {
        tip_index.url: ("theme", "audience", "page"),
        collection.url: ("theme", "audience"),
        story_index.url: ("theme", "audience", "page"),
        expedition_index.url: ("status", "provincie", "doelgroep", "thema", "page"),
        expedition_index.url + "lessen/": ("lens", "doelgroep", "provincie", "status", "thema", "page"),
        expedition_index.url + "lessen/rss/": ("lens", "thema"),
    }


@HYPOTHESIS
@given(value=TEXT)
@example(value="\x00")
@example(value="werving\x00")
@example(value="\ud800")
def test_filter_forms_never_give_a_server_error(client, public_pages, value):
    for url, names in public_pages.items():
        response = client.get(f"{url}?{urlencode({name: encoded(value) for name in names})}")
        assert response.status_code == 200, (url, value)


@pytest.fixture
def session_page(home_page):
    index = KnowledgeBoostIndexPageFactory(parent=home_page)
    monday = next_weekday(0).date()
    week = KnowledgeBoostWeekPageFactory(parent=index, start_date=monday, end_date=monday)
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(10)))
    return SessionPageFactory(parent=week, start=start, end=start + datetime.timedelta(hours=1), capacity=500)


@HYPOTHESIS
@given(value=TEXT, field=st.sampled_from(["name", "organisation", "municipality", "needs", "email"]))
@example(value="Anna\x00de Boer", field="name")
@example(value="Anna\x01\x1b de Boer", field="name")
@example(value="\ud800Zwolle", field="municipality")
def test_the_registration_form_never_gives_a_server_error_nor_stores_control_characters(
    client, session_page, value, field
):
    cache.clear()  # the per-client rate limit is not what this test is about
    data = {
        "name": "Anna de Boer",
        "email": "anna@example.org",
        "organisation": "Vrijwilligerscentrale Zwolle",
        "municipality": "Zwolle",
        "needs": "",
        "consent": "on",
        field: value,
    }
    body = urlencode({key: encoded(text) for key, text in data.items()})
    response = client.post(session_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400), value
    for registration in Registration.objects.all():
        for text in (registration.name, registration.organisation, registration.municipality, registration.needs):
            assert not has_control_characters(text), text


def test_a_nul_byte_in_the_name_is_refused_with_a_message(client, session_page):
    data = {"name": "Anna\x00", "email": "anna@example.org", "organisation": "NOV", "consent": "on"}
    response = client.post(session_page.url, data)
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()
    assert not Registration.objects.exists()


def test_other_control_characters_are_removed_before_a_registration_is_stored(client, session_page):
    data = {"name": "Anna\x1b[31m de\x07 Boer", "email": "anna@example.org", "organisation": "N\x7fOV", "consent": "on"}
    response = client.post(session_page.url, data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation) == ("Anna[31m de Boer", "NOV")


@HYPOTHESIS
@given(value=TEXT)
@example(value="\x00")
@example(value="abc\x00:def")
def test_signed_links_and_the_appreciation_endpoint_never_give_a_server_error(client, session_page, value):
    cache.clear()
    cancel = client.get(f"/kennisboost/afmelden/{quote(encoded(value.replace('/', '')) or b'x')}/")
    assert cancel.status_code == 404
    confirmation = client.get(f"{session_page.url}aangemeld/?{urlencode({'t': encoded(value)})}")
    assert confirmation.status_code == 200
    label = quote(encoded(value.replace("/", "")) or b"x")
    appreciate = client.post(f"/waarderen/{label}/1/", {"next": value.encode("utf-8", "replace")})
    assert appreciate.status_code == 404
