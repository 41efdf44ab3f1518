"""Profile editing, the public member page, deleting an account."""

import pytest
from django.core import mail

from accounts import deletion
from accounts.models import MemberRole, Profile
from accounts.profiles import display_name, profile_for
from core.models import Municipality, User
from tests.accounts.conftest import PASSWORD


@pytest.fixture
def zwolle(db):
    return Municipality.objects.create(name="Zwolle", slug="zwolle", cbs_code="GM0193", province="overijssel")


def profile_data(**overrides):
    return {
        "display_name": "Fatima el Amrani",
        "municipality": "",
        "role": MemberRole.MUNICIPAL_OFFICIAL,
        "bio": "Beleidsadviseur inclusie.",
        "is_public": "on",
        "show_municipality": "on",
        "show_role": "on",
        "show_bio": "on",
        **overrides,
    }


def test_edit_profile(client, member, zwolle):
    client.force_login(member)
    response = client.post("/account/profiel/", profile_data(municipality=zwolle.pk), follow=True)
    assert "Je profiel is opgeslagen." in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.municipality == zwolle and profile.role == MemberRole.MUNICIPAL_OFFICIAL


def test_profile_refuses_bad_input_in_dutch(client, member):
    client.force_login(member)
    html = client.post("/account/profiel/", profile_data(display_name="  ", bio="x" * 601)).content.decode()
    assert "data-error-summary" in html
    assert "Dit is een verplicht veld." in html
    assert "600" in html
    html = client.post("/account/profiel/", profile_data(display_name="Fa\x00tima")).content.decode()
    assert "data-error-summary" in html
    assert Profile.objects.get(user=member).display_name == "Fatima el Amrani"


def test_member_page_shows_only_what_was_chosen(client, member, zwolle):
    client.force_login(member)
    client.post("/account/profiel/", profile_data(municipality=zwolle.pk))
    client.logout()
    html = client.get("/leden/fatima/").content.decode()
    assert "Fatima el Amrani" in html and "Zwolle" in html and "Beleidsadviseur inclusie." in html
    assert "Ambtenaar van een gemeente" in html
    assert "fatima@example.org" not in html

    client.force_login(member)
    client.post("/account/profiel/", profile_data(municipality=zwolle.pk, show_municipality="", show_bio=""))
    client.logout()
    html = client.get("/leden/FATIMA/").content.decode()
    assert "Zwolle" not in html and "Beleidsadviseur" not in html and "Ambtenaar van een gemeente" in html

    client.force_login(member)
    client.post("/account/profiel/", profile_data(is_public=""))
    client.logout()
    assert client.get("/leden/fatima/").status_code == 404


def test_member_page_is_404_for_blocked_inactive_and_unknown(client, member):
    from django.utils import timezone

    Profile.objects.filter(user=member).update(blocked_at=timezone.now())
    assert client.get("/leden/fatima/").status_code == 404
    Profile.objects.filter(user=member).update(blocked_at=None)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert client.get("/leden/fatima/").status_code == 404
    assert client.get("/leden/niemand/").status_code == 404


def test_profile_for_makes_a_profile_on_first_use(db):
    from core.factories import UserFactory

    user = UserFactory(username="oud_lid")
    assert profile_for(user).display_name == "oud_lid"
    assert display_name(None) == "verwijderd account"


@pytest.fixture
def recorded_handler():
    calls = []

    def handler(user, keep_posts):
        calls.append((user.username, keep_posts, User.objects.filter(pk=user.pk).exists()))

    deletion.register_handler(handler)
    yield calls
    deletion.unregister_handler(handler)


@pytest.mark.parametrize(
    ("choice", "keep_posts", "message"),
    [
        ("keep", True, "Bij je berichten staat nu &#x27;verwijderd account&#x27;"),
        ("delete", False, "Je account en je berichten zijn verwijderd."),
    ],
)
def test_delete_account(client, member, home_page, recorded_handler, choice, keep_posts, message):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"posts": choice, "password": PASSWORD}, follow=True)
    assert message in response.content.decode()
    assert recorded_handler == [("fatima", keep_posts, True)]
    assert not User.objects.filter(username="fatima").exists()
    assert not Profile.objects.filter(display_name="Fatima el Amrani").exists()
    assert "_auth_user_id" not in client.session


def test_delete_account_needs_password_and_choice(client, member, recorded_handler):
    client.force_login(member)
    html = client.post("/account/verwijderen/", {"password": "fout"}).content.decode()
    assert "Dit wachtwoord klopt niet." in html and "Kies wat er met je berichten gebeurt." in html
    assert "Mijn berichten blijven staan als &#x27;verwijderd account&#x27;" in html
    assert recorded_handler == []
    assert User.objects.filter(username="fatima").exists()


def test_a_failing_handler_deletes_nothing(client, member):
    def broken(user, keep_posts):
        Profile.objects.filter(user=user).update(display_name="half weg")
        raise RuntimeError("boom")

    deletion.register_handler(broken)
    try:
        with pytest.raises(RuntimeError):
            deletion.delete_account(member, keep_posts=True)
    finally:
        deletion.unregister_handler(broken)
    assert Profile.objects.get(user=member).display_name == "Fatima el Amrani"
    assert User.objects.filter(pk=member.pk).exists()
    assert mail.outbox == []
