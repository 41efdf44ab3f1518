"""Matches in the admin: setting a match to *introduced* emails both contacts exactly once (also when saved again
or introduced a second time), missing contact addresses are explained, and the report of suggested matches is
only for people who may see matches."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.models import User
from events.models import OutboxEmail
from networks.models import LifeDomain, Match, MatchRequest, MatchStatus
from tests.networks.test_matching_pages import add_member, build_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(home_page):
    network = build_network(home_page)
    zwolle = add_member(network, "Zwolle", domains=["housing"], contact_email="inclusie@zwolle.example")
    deventer = add_member(network, "Deventer", domains=["housing"], contact_email="inclusie@deventer.example")
    return zwolle.municipality, deventer.municipality


def new_match(pair, **fields):
    match = Match(municipality_a=pair[0], municipality_b=pair[1], **fields)
    match.save()
    return match


def introduction_mails():
    return [message for message in mail.outbox if message.subject.startswith("Kennismaking")]


def test_introducing_a_match_emails_both_contacts_once(pair, django_capture_on_commit_callbacks):
    match = new_match(pair)
    match.life_domains.set(LifeDomain.objects.filter(code__in=["housing", "mobility"]))
    assert mail.outbox == []  # requested: nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        match.status = MatchStatus.INTRODUCED
        match.save()
    messages = introduction_mails()
    assert sorted(message.to[0] for message in messages) == ["inclusie@deventer.example", "inclusie@zwolle.example"]
    to_zwolle = next(message for message in messages if message.to == ["inclusie@zwolle.example"])
    assert to_zwolle.subject == "Kennismaking: Zwolle en Deventer"
    assert "brengt je in contact met de gemeente Deventer" in to_zwolle.body
    assert "Je contactpersoon bij Deventer: inclusie@deventer.example" in to_zwolle.body
    with translation.override("nl"):
        housing = str(LifeDomain.objects.get(code="housing").label)
    assert housing.lower() in to_zwolle.body
    match.refresh_from_db()
    assert match.introduction_sent_at is not None and match.introduced_on is not None

    with django_capture_on_commit_callbacks(execute=True):
        match.notes = "Eerste gesprek gepland."
        match.save()  # saved twice
        Match.objects.get(pk=match.pk).save()  # and from a fresh copy
        match.status = MatchStatus.ACTIVE
        match.save()
        match.status = MatchStatus.INTRODUCED  # back to introduced: still no second introduction
        match.save()
    assert len(introduction_mails()) == 2
    assert OutboxEmail.objects.filter(kind="match_introduction").count() == 2


def test_an_address_on_the_match_wins_over_the_member_contact(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new_match(pair, status=MatchStatus.INTRODUCED, contact_email_b="wethouder@deventer.example")
    assert sorted(message.to[0] for message in introduction_mails()) == [
        "inclusie@zwolle.example",
        "wethouder@deventer.example",
    ]


def test_introducing_without_a_contact_address_is_explained(home_page):
    network = build_network(home_page)
    a = add_member(network, "Ommen", domains=["housing"]).municipality  # no contact email anywhere
    b = add_member(network, "Hardenberg", domains=["housing"], contact_email="info@hardenberg.example").municipality
    match = Match(municipality_a=a, municipality_b=b, status=MatchStatus.INTRODUCED)
    with translation.override("nl"), pytest.raises(Exception) as error:
        match.full_clean()
    assert error.value.message_dict == {
        "contact_email_a": [
            "Ommen heeft geen contactpersoon met een e-mailadres. Vul het adres in dat de kennismaking moet krijgen."
        ]
    }


def test_a_match_needs_two_different_municipalities(pair):
    match = Match(municipality_a=pair[0], municipality_b=pair[0])
    with translation.override("nl"), pytest.raises(Exception) as error:
        match.full_clean()
    assert error.value.message_dict["municipality_b"] == ["Kies twee verschillende gemeenten."]


# The admin ------------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("beheer", "beheer@example.org", "x")
    client.force_login(user)
    return client


def staff_client(client, *permissions):
    user = User.objects.create_user("team", "team@example.org", "x")
    group = Group.objects.create(name="Projectteam netwerken")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename, content_type__app_label="networks"))
    user.groups.add(group)
    client.force_login(user)
    return client


def test_the_report_lists_suggested_matches_with_reasons(admin_client, pair):
    response = admin_client.get(reverse("networks_match_report:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorgestelde koppelingen" in html
    assert "<strong>Deventer</strong>: werkt ook aan" in html


def test_the_report_is_refused_without_permission_to_see_matches(client, pair):
    response = staff_client(client).get(reverse("networks_match_report:index"))
    assert response.status_code in (302, 403)
    assert "Deventer" not in response.content.decode()


def test_the_report_is_open_to_the_project_team(client, pair):
    assert staff_client(client, "view_match").get(reverse("networks_match_report:index")).status_code == 200


def test_setting_introduced_in_the_admin_sends_the_introduction(admin_client, pair, django_capture_on_commit_callbacks):
    match = new_match(pair)
    url = reverse("wagtailsnippets_networks_match:edit", args=[match.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {
        "municipality_a": pair[0].pk,
        "municipality_b": pair[1].pk,
        "life_domains": [LifeDomain.objects.get(code="housing").pk],
        "status": MatchStatus.INTRODUCED,
        "requested_on": "2026-11-01",
        "introduced_on": "",
        "closed_on": "",
        "contact_email_a": "",
        "contact_email_b": "",
        "match_request": "",
        "notes": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
        assert response.status_code == 302
        admin_client.post(url, data)  # saved again in the admin
    assert len(introduction_mails()) == 2


def test_requests_are_read_only_in_the_admin(admin_client, pair):
    request = MatchRequest.objects.create(
        municipality=pair[0], name="Anna", email="anna@example.org", requester_municipality="Kampen", question="Wonen"
    )
    assert admin_client.get(reverse("wagtailsnippets_networks_matchrequest:list")).status_code == 200
    inspect = admin_client.get(reverse("wagtailsnippets_networks_matchrequest:inspect", args=[request.pk]))
    assert inspect.status_code == 200 and "Wonen" in inspect.content.decode()
    assert admin_client.get(reverse("wagtailsnippets_networks_matchrequest:edit", args=[request.pk])).status_code in (
        302,
        403,
    )
