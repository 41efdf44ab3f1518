import datetime
import json
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase

from core.models import ContentPage, HomePage
from knowledgeboost.factories import (
    KnowledgeBoostWeekPageFactory,
    RegistrationFactory,
    SessionPageFactory,
)
from knowledgeboost.models import EventFormat, KnowledgeBoostIndexPage, KnowledgeBoostWeekPage, SessionPage

from .conftest import SECRET_MEETING_URL


class TestPageTree(WagtailPageTestCase):
    def test_where_pages_may_be_created(self):
        self.assertCanCreateAt(HomePage, KnowledgeBoostIndexPage)
        self.assertCanCreateAt(KnowledgeBoostIndexPage, KnowledgeBoostWeekPage)
        self.assertCanCreateAt(KnowledgeBoostIndexPage, SessionPage)  # single information sessions
        self.assertCanCreateAt(KnowledgeBoostWeekPage, SessionPage)
        self.assertCanCreateAt(KnowledgeBoostIndexPage, ContentPage)
        self.assertCanNotCreateAt(HomePage, SessionPage)
        self.assertCanNotCreateAt(HomePage, KnowledgeBoostWeekPage)
        self.assertCanNotCreateAt(SessionPage, SessionPage)
        self.assertEqual(KnowledgeBoostIndexPage.max_count, 1)


pytestmark = pytest.mark.django_db


def test_session_page_in_dutch_without_the_meeting_link(session_page, client):
    session_page.speakers = [("speaker", {"name": "Fatima El Amrani", "role": "Gespreksleider", "organisation": ""})]
    session_page.accessibility = "Tolk Nederlandse Gebarentaal\nLive ondertiteling"
    session_page.save_revision().publish()
    response = client.get(session_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Webinar: wie mis je nog?" in html
    assert "Gespreksleiders en sprekers" in html and "Fatima El Amrani" in html
    assert "Tolk Nederlandse Gebarentaal" in html
    assert "Nederlandse tijd" in html
    assert "nog 2 plaatsen" in html
    assert "Onderdeel van" in html and "Kennisboostweek Nieuwe gezichten" in html
    assert SECRET_MEETING_URL not in html
    assert "teams.example.org" not in html


def test_session_json_ld_is_a_valid_escaped_event(session_page, client):
    session_page.title = "Samen </script><script>alert(1)</script> & meer"
    session_page.save_revision().publish()
    html = client.get(session_page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<script>alert" not in html
    assert "\\u003C/script\\u003E" in blocks[0]
    data = json.loads(blocks[0])
    assert data["@type"] == "Event"
    assert data["name"] == "Samen </script><script>alert(1)</script> & meer"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": "http://localhost" + session_page.url}
    assert datetime.datetime.fromisoformat(data["startDate"]) == session_page.start
    assert SECRET_MEETING_URL not in blocks[0]


def test_hybrid_session_shows_its_venue(week_page, client):
    session = SessionPageFactory(parent=week_page, format=EventFormat.HYBRID, location="Stadhuis Zwolle")
    html = client.get(session.url).content.decode()
    assert "Stadhuis Zwolle en online" in html


def test_past_session_shows_recording_and_no_form(week_page, client):
    start = timezone.now() - datetime.timedelta(days=2)
    past = SessionPageFactory(
        parent=week_page, start=start, end=start + datetime.timedelta(hours=1), recording_url="https://example.org/v"
    )
    html = client.get(past.url).content.decode()
    assert "Bekijk de opname" in html
    assert 'class="event-form"' not in html


def test_week_page_shows_a_day_by_day_programme_with_places(week_page, session_page, client):
    RegistrationFactory(session=session_page)
    html = client.get(week_page.url).content.decode()
    assert html.count("<h1") == 1
    assert "Programma" in html
    assert timezone.localdate(session_page.start).strftime("%d").lstrip("0") in html
    assert "nog 1 plaats" in html
    assert f'id="session-{session_page.pk}"' in html
    assert "Welke sessies wil je bijwonen?" in html
    assert "om deze sessie te organiseren" in html  # the shared form (events) in the words of sessions
    assert SECRET_MEETING_URL not in html


def test_index_lists_upcoming_and_past_weeks(index_page, week_page, client):
    KnowledgeBoostWeekPageFactory(
        parent=index_page,
        title="Week van vorig jaar",
        start_date=timezone.localdate() - datetime.timedelta(days=300),
        end_date=timezone.localdate() - datetime.timedelta(days=296),
    )
    html = client.get(index_page.url).content.decode()
    upcoming, past = html.split('id="kb-past"')
    assert "Kennisboostweek Nieuwe gezichten" in upcoming
    assert "Week van vorig jaar" in past


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_feeds_are_valid_icalendar_without_meeting_links(index_page, week_page, session_page, client):
    start = timezone.now() - datetime.timedelta(days=30)
    SessionPageFactory(parent=week_page, title="Oude sessie", start=start, end=start + datetime.timedelta(hours=1))
    SessionPageFactory(parent=index_page, title="Voorlichtingssessie gemeenten", capacity=None)

    calendar = parse_feed(client.get(index_page.url + "agenda/"))
    titles = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert titles == {"Webinar: wie mis je nog?", "Voorlichtingssessie gemeenten"}  # upcoming only
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Webinar: wie mis je nog?")
    assert event.decoded("DTSTART") == session_page.start
    assert event.decoded("DTEND") == session_page.end
    assert str(event["LOCATION"]) == "Online"
    assert str(event["UID"]) == f"kennisplatform-session-{session_page.pk}@kennisplatform"
    assert str(event["URL"]).endswith(session_page.url)

    week = parse_feed(client.get(week_page.url + "agenda/"))
    assert {str(e["SUMMARY"]) for e in week.walk("VEVENT")} == {"Webinar: wie mis je nog?", "Oude sessie"}
    single = parse_feed(client.get(session_page.url + "agenda/"))
    assert len(single.walk("VEVENT")) == 1

    for url in (index_page.url, week_page.url, session_page.url):
        assert SECRET_MEETING_URL.encode() not in client.get(url + "agenda/").content


def test_cancelled_session_is_marked_cancelled_in_the_feed(index_page, session_page, client):
    session_page.is_cancelled = True
    session_page.save_revision().publish()
    calendar = parse_feed(client.get(index_page.url + "agenda/"))
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_week_page_query_count_stays_flat(week_page, client):
    start = timezone.make_aware(datetime.datetime.combine(week_page.start_date, datetime.time(9)))

    def add_sessions(count):
        for _ in range(count):
            session = SessionPageFactory(parent=week_page, start=start, end=start + datetime.timedelta(hours=1))
            RegistrationFactory(session=session)

    add_sessions(5)
    few, html = count_queries(client, week_page.url)
    assert html.count('class="kb-session"') == 5
    add_sessions(45)
    many, html = count_queries(client, week_page.url)
    assert html.count('class="kb-session"') == 50
    assert few == many


def test_index_page_query_count_stays_flat(index_page, client):
    def add(count, offset):
        for number in range(offset, offset + count):
            KnowledgeBoostWeekPageFactory(parent=index_page, title=f"Week {number}")
            SessionPageFactory(parent=index_page, title=f"Info {number}")

    add(5, 0)
    few, _html = count_queries(client, index_page.url)
    add(45, 5)
    many, html = count_queries(client, index_page.url)
    assert "Info 49" in html and "Week 49" in html
    assert few == many


def test_home_shows_upcoming_sessions_with_few_queries(home_page, index_page, session_page, client):
    from knowledgeboost.wagtail_hooks import upcoming_sessions

    for day in range(1, 7):  # after session_page whatever the weekday today (the factory's default may be before it)
        start = session_page.start + datetime.timedelta(days=day)
        SessionPageFactory(parent=index_page, start=start, end=start + datetime.timedelta(hours=1))
    html = client.get("/").content.decode()
    assert "Komende sessies" in html
    assert "Alle Kennisboostweken en sessies" in html

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        section = upcoming_sessions(home_page, None)
    assert section.order == 20
    assert [item.title for item in section.items][0] == session_page.title
    assert len(section.items) == 3
    assert len(queries) <= 4  # sessions, their images and renditions, the index page


def test_search_attributes(week_page, session_page):
    assert week_page.search_result_date.date() == week_page.start_date
    assert timezone.is_aware(week_page.search_result_date)
    assert session_page.search_result_date == session_page.start
    assert session_page.search_province == ""
    assert session_page.summary == "Hoe bereik je mensen die nog nooit vrijwilligerswerk deden?"


def past_session(parent, title, days_ago=2, **kwargs):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return SessionPageFactory(
        parent=parent, title=title, start=start, end=start + datetime.timedelta(hours=1), **kwargs
    )


def with_places_taken(session, count):
    RegistrationFactory.create_batch(count, session=session)
    return session


# What a session that has not yet taken place shows, and a past one must not.
UPCOMING_ONLY = [
    "nog 2 plaatsen",
    "nog 1 plaats",
    "Vol: wachtlijst",
    "Vol: je kunt op de wachtlijst",
    "Zet in je agenda",
    "Zet het programma in je agenda",
    "Meld je aan",
    'class="event-form"',
]

MATERIALS = [("link", {"title": "Presentatie (PDF)", "url": "https://example.org/presentatie.pdf"})]
AFTERWARDS = {"recording_url": "https://example.org/opname", "materials": MATERIALS}


def test_past_session_page_shows_only_that_it_took_place_with_recording_and_materials(week_page, client):
    session = with_places_taken(
        past_session(
            week_page, "Terugblik", capacity=3, recording_url="https://example.org/opname", materials=MATERIALS
        ),
        1,
    )
    full = with_places_taken(past_session(week_page, "Volle terugblik", capacity=1), 1)

    html = client.get(session.url).content.decode()
    assert "Deze sessie is al geweest." in html
    assert 'href="https://example.org/opname"' in html and "Bekijk de opname" in html
    assert 'href="https://example.org/presentatie.pdf"' in html
    assert "<dt>Plaatsen</dt>" not in html
    assert f'href="{session.url}agenda/"' not in html
    assert 'id="kb-register-title"' not in html
    for text in UPCOMING_ONLY:
        assert text not in html, text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert "remainingAttendeeCapacity" not in data

    html = client.get(full.url).content.decode()
    assert "Deze sessie is al geweest." in html
    for text in UPCOMING_ONLY:
        assert text not in html, text


def test_week_programme_marks_past_sessions_as_taken_place(week_page, session_page, client):
    """A week under way: the past session shows that it took place and its recording, the next one its places."""
    past = with_places_taken(
        past_session(
            week_page, "Al geweest", capacity=3, recording_url="https://example.org/opname", materials=MATERIALS
        ),
        1,
    )
    html = client.get(week_page.url).content.decode()
    past_item = html.split(f'href="{past.url}"', 1)[1].split("</article>", 1)[0]
    assert "Geweest" in past_item
    assert 'href="https://example.org/opname"' in past_item
    assert f'href="{past.url}#kb-materials"' in past_item and "Materialen" in past_item
    for text in ("nog 2 plaatsen", "Vol: wachtlijst"):
        assert text not in past_item
    upcoming_item = html.split(f'href="{session_page.url}"', 1)[1].split("</article>", 1)[0]
    assert "nog 2 plaatsen" in upcoming_item and "Geweest" not in upcoming_item
    # The form offers the upcoming session only.
    assert f'id="session-{session_page.pk}"' in html and f'id="session-{past.pk}"' not in html


def test_past_week_shows_recordings_not_registration(index_page, client):
    week = KnowledgeBoostWeekPageFactory(
        parent=index_page,
        title="Week van vorige maand",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() - datetime.timedelta(days=26),
    )
    full = with_places_taken(past_session(week, "Volle sessie", days_ago=28, capacity=1), 1)
    nearly_full = with_places_taken(
        past_session(week, "Bijna volle sessie", days_ago=27, capacity=3, recording_url="https://example.org/opname"), 1
    )
    html = client.get(week.url).content.decode()
    assert "Deze week is al geweest." in html
    assert html.count("<strong>Geweest</strong>") == 2
    assert full.title in html and nearly_full.title in html
    assert 'href="https://example.org/opname"' in html
    assert 'id="kb-register-title"' not in html
    for text in UPCOMING_ONLY:
        assert text not in html, text


def test_index_lists_past_information_sessions_as_taken_place(index_page, client):
    upcoming = with_places_taken(SessionPageFactory(parent=index_page, title="Komende voorlichting", capacity=3), 1)
    past = with_places_taken(
        past_session(index_page, "Eerdere voorlichting", capacity=3, recording_url="https://example.org/opname"), 1
    )
    html = client.get(index_page.url).content.decode()
    coming, earlier = html.split('id="kb-past-single"', 1)
    assert upcoming.title in coming and "nog 2 plaatsen" in coming
    assert past.title in earlier and past.title not in coming
    assert "<strong>Geweest</strong>" in earlier
    assert 'href="https://example.org/opname"' in earlier
    for text in UPCOMING_ONLY:
        assert text not in earlier, text
