"""The places left on a session or meeting stay exact in cached copies of its page: a registration no longer
makes the next visitor's request render the page again (core.caching.live_fragment, events.places)."""

import json
import re
import time
import uuid

import pytest
from django.utils.http import http_date

from core import caching
from core.caching import HEADER
from events import places
from knowledgeboost.models import KnowledgeBoostIndexPage, Registration, SessionPage
from networks.models import NetworkMeetingPage, NetworkMeetingRegistration
from tests.core.page_cache_client import get


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def places_text(count):
    return "nog 1 plaats" if count == 1 else f"nog {count} plaatsen"


def remaining_in_json_ld(html):
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    return data["remainingAttendeeCapacity"]


def facts_places(html):
    """The text after "Plaatsen" in the page's facts."""
    return re.search(r"<dt>Plaatsen</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1).strip()


def submit_label(html):
    return re.search(r'<button type="submit" class="button button--large">(.*?)</button>', html, re.S).group(1)


@pytest.fixture
def session(demo):
    """An open session of the demo with room for a few more."""
    candidates = [s for s in SessionPage.objects.live().order_by("start", "pk") if s.registration_is_open]
    session = next(s for s in candidates if s.capacity and s.places_left >= 3)
    return SessionPage.objects.get(pk=session.pk)


def register(session, count, on_commit):
    with on_commit(execute=True):
        for number in range(count):
            Registration.objects.create(
                session=session,
                name=f"Deelnemer {number}",
                email=f"{uuid.uuid4().hex}@example.org",
                organisation="Buurt",
            )


def test_a_cached_session_page_shows_the_places_left_after_each_registration(
    session, client, django_capture_on_commit_callbacks
):
    left = session.places_left
    first = get(client, session.url)
    assert first[HEADER] == "miss"
    assert facts_places(first.html) == places_text(left)
    assert remaining_in_json_ld(first.html) == left

    for taken in (1, 2):
        register(session, 1, django_capture_on_commit_callbacks)
        again = get(client, session.url)
        assert again[HEADER] == "hit", "a registration must not cost the page its cached copy"
        assert facts_places(again.html) == places_text(left - taken)
        assert remaining_in_json_ld(again.html) == left - taken
        assert submit_label(again.html) == "Aanmelden"
        # One query: the places of the page's events, read together.
        assert again.queries == 1
        assert int(again["Content-Length"]) == len(again.content)
        assert again["ETag"] != first["ETag"]
        assert "kp-live" not in again.html


def test_the_last_place_turns_the_cached_form_into_the_waiting_list(
    session, client, django_capture_on_commit_callbacks
):
    client.get(session.url)
    html = get(client, session.url).html
    assert "Deze sessie is vol" not in html

    # Without a single signal (bulk_create): the page's places are read afresh each time, not invalidated.
    Registration.objects.bulk_create(
        Registration(session=session, name=f"P{n}", email=f"p{n}@example.org", organisation="Buurt")
        for n in range(session.places_left)
    )
    full = get(client, session.url)
    assert full[HEADER] == "hit"
    assert facts_places(full.html) == "Vol: je kunt op de wachtlijst"
    assert submit_label(full.html) == "Zet me op de wachtlijst"
    assert "Deze sessie is vol. Meld je hieronder aan voor de wachtlijst" in full.html
    assert remaining_in_json_ld(full.html) == 0

    Registration.objects.filter(session=session, name="P0").update(status="cancelled")
    freed = get(client, session.url)
    assert freed[HEADER] == "hit"
    assert facts_places(freed.html) == places_text(1)
    assert submit_label(freed.html) == "Aanmelden"
    assert "Deze sessie is vol" not in freed.html


def summary_places(html, session):
    """What a listing says of the session's places after its time and place."""
    card = re.search(rf'<a href="{re.escape(session.url)}">.*?</p>', html, re.S).group(0)
    return re.sub(r"<[^>]+>", "", card.split("·")[-1]).strip() if card.count("·") > 1 else ""


def test_listings_keep_their_cached_copy_and_show_a_session_filling_up(
    session, client, django_capture_on_commit_callbacks
):
    """The week's programme and the Kennisboostweken index show "1 place left" and "Full" as live fragments: a
    registration no longer makes them render again, and one query reads the places of all their sessions."""
    listings = [session.get_parent().specific.url, KnowledgeBoostIndexPage.objects.live().get().url]
    listings = [url for url in listings if session.url in get(client, url).html]
    assert listings, "the session is listed on its week or on the index"
    Registration.objects.bulk_create(
        Registration(session=session, name=f"P{n}", email=f"p{n}@example.org", organisation="Buurt")
        for n in range(session.places_left - 2)
    )
    for url in listings:
        before = get(client, url)
        assert before[HEADER] == "hit"
        assert before.queries == 1
        assert summary_places(before.html, session) == "nog 2 plaatsen"

    register(session, 1, django_capture_on_commit_callbacks)
    for url in listings:
        assert summary_places(get(client, url).html, session) == "nog 1 plaats"

    register(session, 1, django_capture_on_commit_callbacks)
    for url in listings:
        full = get(client, url)
        assert full[HEADER] == "hit"
        assert summary_places(full.html, session) == "Vol: wachtlijst"
        assert "kp-live" not in full.html


def test_no_marker_reaches_a_visitor_or_an_editor(session, client, admin_client):
    miss, hit, editor = get(client, session.url), get(client, session.url), get(admin_client, session.url)
    assert (miss[HEADER], hit[HEADER]) == ("miss", "hit")
    assert HEADER not in editor and "private" in editor["Cache-Control"]
    for response in (miss, hit, editor):
        assert "kp-live" not in response.html
        assert facts_places(response.html) == places_text(session.places_left)


def test_revalidation_gets_the_new_places(session, client, django_capture_on_commit_callbacks):
    left = session.places_left
    client.get(session.url)
    before = get(client, session.url)
    assert client.get(session.url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304

    register(session, 1, django_capture_on_commit_callbacks)
    changed = client.get(session.url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert changed.status_code == 200
    assert facts_places(changed.content.decode()) == places_text(left - 1)
    assert client.get(session.url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_pages_with_live_places_are_revalidated_by_etag_alone(session, client, django_capture_on_commit_callbacks):
    """No Last-Modified on a page with live places: a revalidation by date (whole seconds) could keep places that
    changed within the second. A client that sends If-Modified-Since anyway gets the page with the new places."""
    left = session.places_left
    client.get(session.url)
    before = get(client, session.url)
    assert before[HEADER] == "hit"
    assert "Last-Modified" not in before
    assert before["ETag"]

    register(session, 1, django_capture_on_commit_callbacks)
    by_date = client.get(session.url, HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 3600))
    assert by_date.status_code == 200
    assert "Last-Modified" not in by_date
    assert facts_places(by_date.content.decode()) == places_text(left - 1)


def test_if_the_places_cannot_be_read_the_copy_is_not_served(session, client, monkeypatch):
    client.get(session.url)
    assert client.get(session.url)[HEADER] == "hit"

    def broken(keys):
        raise RuntimeError("database away")

    monkeypatch.setitem(caching._live_loaders, places.KIND, broken)
    response = get(client, session.url)
    assert response.status_code == 200
    assert response[HEADER] == "miss"  # rendered again, with the places as they are
    assert facts_places(response.html) == places_text(session.places_left)
    assert "kp-live" not in response.html


def test_a_marker_cannot_be_posed_by_content(session, client, django_capture_on_commit_callbacks):
    """Each render marks its fragments with a value of its own: text in the page that looks like a marker is
    escaped, and a marker of an earlier render is not filled in."""
    nonce_before = "0" * 32
    session.title = f"<!--kp-live:{nonce_before}:0-->x<!--/kp-live:{nonce_before}:0-->"
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision().publish()
    client.get(session.url)
    html = get(client, session.url).html
    assert "&lt;!--kp-live" in html
    assert f"<!--kp-live:{nonce_before}" not in html


def test_a_cached_meeting_page_shows_its_places_after_a_registration(demo, client, django_capture_on_commit_callbacks):
    meeting = next(
        m for m in NetworkMeetingPage.objects.live().order_by("start", "pk") if m.registration_is_open and m.capacity
    )
    left = meeting.places_left
    client.get(meeting.url)
    assert get(client, meeting.url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        NetworkMeetingRegistration.objects.create(
            meeting=meeting, name="Ali", email="ali@example.org", organisation="Gemeente"
        )
    again = get(client, meeting.url)
    assert again[HEADER] == "hit"
    assert re.search(r"<dt>Plaatsen</dt><dd>(.*?)</dd>", again.html).group(1) == places_text(left - 1)
    assert "kp-live" not in again.html


def test_load_places_reads_every_event_type_once(demo, django_assert_num_queries):
    sessions = list(SessionPage.objects.live().filter(capacity__isnull=False)[:3])
    meetings = list(NetworkMeetingPage.objects.live().filter(capacity__isnull=False)[:2])
    keys = [places.live_key(event) for event in sessions + meetings]
    with django_assert_num_queries(2):
        loaded = places.load_places(keys)
    for event, key in zip(sessions + meetings, keys, strict=True):
        assert loaded[key].places_left == event.places_left


@pytest.mark.parametrize("annotated", [False, True], ids=["one session", "a listing's session"])
def test_places_read_outside_a_live_fragment_make_the_page_go_with_the_next_registration(
    session, rf, annotated, django_capture_on_commit_callbacks
):
    """Only live fragments may show places without a dependency: code that reads them any other way (with or
    without the listing's counts) makes the page being rendered depend on its event."""
    request = rf.get(session.url)
    request._kp_page_cache_candidate = True
    token = caching.set_current_request(request)
    try:
        if annotated:
            session = SessionPage.objects.filter(pk=session.pk).for_listing().get()
        assert session.live_places.registered >= 0  # the live fragments' way: no dependency
        assert not getattr(request, "_kp_dependencies", None)
        assert session.is_full is False
        dependencies = dict(request._kp_dependencies)
    finally:
        caching.reset_current_request(token)
    assert list(dependencies) == [f"event:{session.pk}"]

    assert caching.dependencies_unchanged(dependencies)
    register(session, 1, django_capture_on_commit_callbacks)
    assert not caching.dependencies_unchanged(dependencies)
