"""Cached pages carry no per-visitor token or cookie, and their forms still work without JavaScript.

What CSRF protection still covers (all refused without a token, tested below): a post to an event's own page, the
cancel link's confirmation, the match request, and everything in the admin (login included). What posts without a
token, on purpose: the *Waarderen* button (tips/views.py says why: it adds one to a public counter, nothing of the
visitor's) and the registration forms of sessions, weeks and meetings (events/views.py: a registration belongs to
the address typed in, not to the visitor's session or account). A browser's post from another site to any of
them, and to the usefulness vote, the strength test and the poster maker (which post without a token too), is
still refused, by its Origin and Sec-Fetch-Site headers (core/crossorigin.py).
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


def test_registering_works_without_javascript_from_the_cached_page(demo):
    visitor = Client(enforce_csrf_checks=True)
    session = open_session()
    places = session.places_left

    visitor.get(session.url)  # fills the page cache
    cached = visitor.get(session.url)
    assert cached[HEADER] == "hit" and not cached.cookies
    action, fields = form_fields(cached.content.decode(), "event-form")
    assert action == f"/aanmelden/{session.pk}/" and TOKEN not in fields
    data = {**fields, "name": "Anna de Boer", "email": "anna@example.org", "organisation": "Buurtkracht"}
    data["consent"] = "on"
    response = visitor.post(action, data)
    assert response.status_code == 302
    assert Registration.objects.filter(email="anna@example.org", session=session).exists()
    confirmation = visitor.get(response["Location"])
    assert "Bedankt voor je aanmelding" in confirmation.content.decode()

    # The cached page shows the places the registration left (tests/core/test_live_fragments.py).
    if places is not None:
        others = Client().get(session.url)
        assert others[HEADER] == "hit"
        session = SessionPage.objects.get(pk=session.pk)
        assert session.places_left == places - 1
        assert (f"nog {places - 1} plaatsen" if places > 2 else "") in others.content.decode()


def test_a_registration_with_mistakes_shows_the_page_again_with_the_errors_and_stores_nothing(demo):
    visitor = Client(enforce_csrf_checks=True)
    session = open_session()
    action, _fields = form_fields(visitor.get(session.url).content.decode(), "event-form")
    response = visitor.post(action, {"name": "", "email": "geen-adres", "organisation": ""})
    html = response.content.decode()
    assert response.status_code == 400 and HEADER not in response
    assert "no-store" in response["Cache-Control"]
    assert f"<h1>{session.title}</h1>" in html
    assert "Er ging iets mis" in html and 'href="#id_name"' in html
    assert form_fields(html, "event-form")[0] == action  # sent again to the same place
    assert not Registration.objects.filter(session=session).filter(email="geen-adres").exists()


def test_the_registration_address_opened_directly_leads_to_the_page(demo, client):
    session = open_session()
    response = client.get(f"/aanmelden/{session.pk}/")  # a reload, or a login's "next"
    assert response.status_code == 302 and response["Location"] == session.url


@pytest.mark.parametrize("kind", ["content page", "unpublished session", "no page"])
def test_only_published_pages_that_take_registrations_have_a_registration_address(demo, client, kind):
    from core.models import ContentPage

    if kind == "content page":
        page_id = ContentPage.objects.live().first().pk
    elif kind == "unpublished session":
        session = open_session()
        session.unpublish()
        page_id = session.pk
    else:
        page_id = 999_999
    data = {"name": "Anna", "email": "anna@example.org", "organisation": "X", "consent": "on"}
    assert client.post(f"/aanmelden/{page_id}/", data).status_code == 404
    assert not Registration.objects.filter(email="anna@example.org").exists()


def test_a_private_session_keeps_its_privacy_for_registrations(demo, client, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    session = open_session()
    with django_capture_on_commit_callbacks(execute=True):  # as when an editor saves it: a new content generation
        PageViewRestriction.objects.create(page=session, restriction_type=PageViewRestriction.LOGIN)
    assert "/login/" in client.get(session.url)["Location"]
    data = {"name": "Anna", "email": "anna@example.org", "organisation": "X", "consent": "on"}
    response = client.post(f"/aanmelden/{session.pk}/", data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Registration.objects.filter(email="anna@example.org").exists()


def test_registering_for_a_network_meeting_works_from_the_cached_page(demo):
    visitor = Client(enforce_csrf_checks=True)
    meeting = next(m for m in NetworkMeetingPage.objects.live().order_by("start") if m.registration_is_open)
    page = visitor.get(meeting.url)
    assert not page.cookies
    action, fields = form_fields(page.content.decode(), "event-form")
    assert action == f"/aanmelden/{meeting.pk}/" and TOKEN not in fields
    data = {**fields, "name": "Joost Mulder", "email": "joost@gemeente.example", "organisation": "Gemeente Ede"}
    data["consent"] = "on"
    response = visitor.post(action, data)
    assert response.status_code == 302
    assert NetworkMeetingRegistration.objects.filter(email="joost@gemeente.example", meeting=meeting).exists()
    assert "Bedankt voor je aanmelding" in visitor.get(response["Location"]).content.decode()


def open_the_form(visitor, url, link_class, form_class):
    """The cached page shows a button and no token; the page it opens has the form with one and is not stored."""
    html = visitor.get(url).content.decode()
    assert TOKEN not in html and f'class="{form_class}"' not in html
    link = re.search(rf'<a class="[^"]*{link_class}" href="([^"]+)"', html).group(1)
    form_page = visitor.get(urljoin(url, link))
    assert HEADER not in form_page  # rendered for this visitor only, never stored
    assert "private" in form_page["Cache-Control"] and "no-store" in form_page["Cache-Control"]
    return form_page.content.decode()


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
    # The registration address needs no token, but a browser's post from another site is refused.
    for headers in (
        {"HTTP_ORIGIN": "https://aanval.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://aanval.example"},
    ):
        assert attacker.post(f"/aanmelden/{session.pk}/", forged, **headers).status_code == 403, headers
        assert attacker.post(f"/aanmelden/{meeting.pk}/", forged, **headers).status_code == 403, headers
    assert not Registration.objects.filter(email="forged@example.org").exists()
    assert not NetworkMeetingRegistration.objects.filter(email="forged@example.org").exists()
    municipality = MunicipalityPage.objects.live().first()
    request = {"name": "Mallory", "email": "forged@example.org", "municipality": "X", "question": "Koppeling?"}
    assert attacker.post(municipality.url, request).status_code == 403
    assert not MatchRequest.objects.filter(email="forged@example.org").exists()


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://aanval.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}],
    ids=["Origin", "Sec-Fetch-Site"],
)
def test_every_form_without_a_token_refuses_a_browsers_post_from_another_site(demo, headers):
    """Another site cannot make its visitors' browsers appreciate, vote, count quiz starts or render posters here
    (each visitor would bring their own address past the rate limits)."""
    from django.urls import reverse

    from campaign.quiz.models import QuizCounter
    from feedback.models import PageVote

    attacker = Client(enforce_csrf_checks=True)
    collection = TipCollectionPage.objects.live().filter(tips__isnull=False).distinct().first()
    tip = collection.tips.first()
    posts = {
        reverse("tips:appreciate", args=["tips.tip", tip.pk]): {},
        reverse("feedback:page_vote", args=[collection.pk]): {"path": collection.url, "useful": "no"},
        reverse("campaign_quiz:step", args=[collection.pk]): {"action": "start"},
        reverse("poster_make", args=[collection.pk]): {"template": "1"},
    }

    def stored():
        return [list(model.objects.values_list()) for model in (Appreciation, PageVote, QuizCounter)]

    before = stored()
    for url, data in posts.items():
        response = attacker.post(url, data, **headers)
        assert response.status_code == 403, url
        assert TOKEN not in response.content.decode()
    assert stored() == before
    # The same post from the site itself reaches its view.
    same_site = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}
    assert attacker.post(reverse("tips:appreciate", args=["tips.tip", tip.pk]), **same_site).status_code == 302
    assert stored() != before
