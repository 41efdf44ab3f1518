"""Two-factor authentication for staff: required in production, asked at the (allauth) login of the admin."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from core.factories import UserFactory
from tests.accounts.conftest import PASSWORD


@pytest.fixture
def editor(db):
    return UserFactory(
        username="redacteur", email="redacteur@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )


def current_code(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def test_staff_without_authenticator_is_sent_to_setup_when_required(client, editor, settings):
    settings.STAFF_REQUIRE_2FA = True
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get("/account/2fa/", follow=True).content.decode()
    assert "tweestapsverificatie" in page.lower()


def test_staff_with_authenticator_pass_once_the_session_gave_the_code(client, editor, settings):
    settings.STAFF_REQUIRE_2FA = True
    secret = with_totp(editor)
    # A session that never gave the code (here: force_login; in life a login that skipped allauth) is asked for it.
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2Fpages%2F"
    response = client.post(response["Location"], {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/pages/").status_code == 200


def test_wagtail_front_end_login_cannot_bypass_allauth(client, editor, settings):
    """/_util/login/ (Wagtail's login for restricted pages) would log in with the password alone."""
    settings.STAFF_REQUIRE_2FA = True
    with_totp(editor)
    response = client.get("/_util/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=%2Fadmin%2F"
    response = client.post("/_util/login/", {"username": "redacteur", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_not_required_leaves_staff_alone(client, editor, settings):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_members_are_not_asked(client, member, settings):
    settings.STAFF_REQUIRE_2FA = True
    client.force_login(member)
    response = client.get("/admin/")
    assert response["Location"] != reverse("mfa_activate_totp")


def test_wagtail_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")


def test_full_totp_login(client, editor, settings):
    settings.STAFF_REQUIRE_2FA = True
    secret = with_totp(editor)
    response = client.post("/account/login/", {"login": "redacteur", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Twee-factor-authenticatie" in html
    wrong = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if current_code(secret) != "000000" else "111111"}
    )
    assert "data-error-summary" in wrong.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.filter(user=editor, type="totp").exists()
