"""Cached pages carry no per-visitor token or cookie, and their forms still work without JavaScript.

What CSRF protection still covers (all refused without a token, tested below): registering for a session, the
cancel link's confirmation, and everything in the admin (login included). What it no longer covers, on purpose:
the *Waarderen* button (tips/views.py says why: it adds one to a public counter, nothing of the visitor's).
"""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from core.caching import HEADER
from knowledgeboost.models import Registration, SessionPage
from networks.models import MatchRequest, MunicipalityPage, NetworkMeetingPage, NetworkMeetingRegistration
from tips.models import Appreciation, TipCollectionPage

TOKEN = "csrfmiddlewaretoken"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return [urlparse(url).path for url in re.findall(r"<loc>(.*?)</loc>", xml)]


def test_no_public_page_sets_a_cookie_or_carries_a_token_and_all_are_cached(demo):
    client = Client()
    paths = sitemap_paths(client)
    assert len(paths) > 50
    assert any(path.startswith("/netwerken/") and "/gemeenten/" in path for path in paths)
    for path in paths:
        client.cookies.clear()
        first = client.get(path)
        assert first.status_code == 200, path
        assert not first.cookies, (path, first.cookies)
        assert TOKEN not in first.content.decode(), path
        assert first[HEADER] == "miss", path
        assert "public" in first["Cache-Control"], path
        assert client.get(path)[HEADER] == "hit", path


def form_fields(html, form_class):
    form = re.search(rf'<form class="{form_class}"[^>]*action="([^"]*)".*?</form>', html, re.S)
    assert form, f"no {form_class} form"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    return form.group(1), fields


def test_appreciating_works_without_javascript_and_without_a_token(demo):
    visitor = Client(enforce_csrf_checks=True)
    collection = TipCollectionPage.objects.live().filter(tips__isnull=False).distinct().first()
    page = visitor.get(collection.url)
    action, fields = form_fields(page.content.decode(), "appreciate")
    assert TOKEN not in fields
    response = visitor.post(action, fields, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "Dank je wel voor je waardering!" in response.content.decode()
    assert Appreciation.objects.get().count == 1


def open_session():
    return next(session for session in SessionPage.objects.live().order_by("start") if session.registration_is_open)


def test_registering_works_without_javascript_through_the_uncached_form(demo):
    visitor = Client(enforce_csrf_checks=True)
    session = open_session()
    places = session.places_left

    cached = visitor.get(session.url)
    html = cached.content.decode()
    assert TOKEN not in html and 'class="kb-form"' not in html
    link = re.search(r'<a class="button button--large kb-open-form" href="([^"]+)"', html).group(1)

    form_page = visitor.get(link)
    assert HEADER not in form_page  # rendered for this visitor only, never stored
    assert "private" in form_page["Cache-Control"] and "no-store" in form_page["Cache-Control"]
    action, fields = form_fields(form_page.content.decode(), "kb-form")
    assert fields[TOKEN]
    data = {**fields, "name": "Anna de Boer", "email": "anna@example.org", "organisation": "Buurtkracht"}
    data["consent"] = "on"
    response = visitor.post(action, data)
    assert response.status_code == 302
    assert Registration.objects.filter(email="anna@example.org", session=session).exists()
    confirmation = visitor.get(response["Location"])
    assert "Bedankt voor je aanmelding" in confirmation.content.decode()

    # The registration changed the places left on the cached page.
    if places is not None:
        others = Client().get(session.url)
        assert others[HEADER] == "miss"
        session = SessionPage.objects.get(pk=session.pk)
        assert session.places_left == places - 1


def open_the_form(visitor, url, link_class, form_class):
    """The cached page shows a button and no token; the page it opens has the form with one and is not stored."""
    html = visitor.get(url).content.decode()
    assert TOKEN not in html and f'class="{form_class}"' not in html
    link = re.search(rf'<a class="[^"]*{link_class}" href="([^"]+)"', html).group(1)
    form_page = visitor.get(urljoin(url, link))
    assert HEADER not in form_page  # rendered for this visitor only, never stored
    assert "private" in form_page["Cache-Control"] and "no-store" in form_page["Cache-Control"]
    return form_page.content.decode()


def test_registering_for_a_network_meeting_works_through_the_uncached_form(demo):
    visitor = Client(enforce_csrf_checks=True)
    meeting = next(m for m in NetworkMeetingPage.objects.live().order_by("start") if m.registration_is_open)
    html = open_the_form(visitor, meeting.url, "event-open-form", "event-form")
    action, fields = form_fields(html, "event-form")
    assert fields[TOKEN]
    data = {**fields, "name": "Joost Mulder", "email": "joost@gemeente.example", "organisation": "Gemeente Ede"}
    data["consent"] = "on"
    response = visitor.post(action, data)
    assert response.status_code == 302
    assert NetworkMeetingRegistration.objects.filter(email="joost@gemeente.example", meeting=meeting).exists()
    assert "Bedankt voor je aanmelding" in visitor.get(response["Location"]).content.decode()


def test_a_match_request_works_through_the_uncached_form_and_errors_show_without_javascript(demo, settings):
    settings.NETWORKS_MATCH_EMAIL = "koppelingen@projectteam.example"
    visitor = Client(enforce_csrf_checks=True)
    page = MunicipalityPage.objects.live().order_by("path").first()
    html = open_the_form(visitor, page.url, "match-request__open", "match-request__form")
    form = re.search(r'<form class="match-request__form".*?</form>', html, re.S).group(0)
    token = re.search(rf'name="{TOKEN}" value="([^"]+)"', form).group(1)

    data = {TOKEN: token, "name": "Fatima El Amrani", "email": "not-an-address", "municipality": "Kampen"}
    invalid = visitor.post(page.url + "?koppeling=1", {**data, "question": "Hoe betrekken jullie inwoners?"})
    assert invalid.status_code == 400
    assert "Er ging iets mis" in invalid.content.decode()
    assert not MatchRequest.objects.filter(name="Fatima El Amrani").exists()

    data["email"] = "fatima@gemeente-kampen.example"
    response = visitor.post(page.url + "?koppeling=1", {**data, "question": "Hoe betrekken jullie inwoners?"})
    assert response.status_code == 302
    assert MatchRequest.objects.filter(email="fatima@gemeente-kampen.example", page=page).exists()
    sent = visitor.get(response["Location"]).content.decode()
    assert "Bedankt, we hebben je verzoek ontvangen." in sent
    assert TOKEN not in sent


def test_csrf_attacks_that_matter_are_still_refused(demo):
    attacker = Client(enforce_csrf_checks=True)
    session = open_session()
    forged = {"name": "Mallory", "email": "forged@example.org", "organisation": "X", "consent": "on"}
    assert attacker.post(session.url, forged).status_code == 403
    assert not Registration.objects.filter(email="forged@example.org").exists()
    assert attacker.post("/admin/login/", {"username": "admin", "password": "x"}).status_code == 403
    assert attacker.post("/kennisboost/afmelden/not-a-token/").status_code == 403
    meeting = NetworkMeetingPage.objects.live().first()
    assert attacker.post(meeting.url, forged).status_code == 403
    municipality = MunicipalityPage.objects.live().first()
    request = {"name": "Mallory", "email": "forged@example.org", "municipality": "X", "question": "Koppeling?"}
    assert attacker.post(municipality.url, request).status_code == 403
    assert not MatchRequest.objects.filter(email="forged@example.org").exists()
