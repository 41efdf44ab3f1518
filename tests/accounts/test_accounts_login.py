"""Logging in: refused for blocked and inactive members, rate limits, mails through the outbox."""

from unittest import mock

from django.core import mail
from django.utils import timezone

from events.models import OutboxEmail
from tests.accounts.conftest import PASSWORD


def test_blocked_member_cannot_log_in(client, member):
    member.profile.blocked_at = timezone.now()
    member.profile.save()
    response = client.post("/account/login/", {"login": "fatima", "password": PASSWORD})
    assert response.status_code == 403
    assert "Je account is geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_member_cannot_log_in(client, member):
    member.is_active = False
    member.save()
    response = client.post("/account/login/", {"login": "fatima", "password": PASSWORD}, follow=True)
    assert "Dit account is niet actief" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited_in_dutch(client, member):
    for _attempt in range(5):
        response = client.post("/account/login/", {"login": "fatima", "password": "wrong-password-1"})
        assert "Het e-mailadres en/of wachtwoord" in response.content.decode() or response.status_code == 200
    response = client.post("/account/login/", {"login": "fatima", "password": PASSWORD})
    html = response.content.decode()
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in html
    assert "data-error-summary" in html
    assert "_auth_user_id" not in client.session


def test_sign_ups_are_rate_limited_per_address(client, db, django_capture_on_commit_callbacks):
    from tests.accounts.conftest import sign_up

    for number in range(10):
        sign_up(client, django_capture_on_commit_callbacks, email=f"m{number}@example.org", username=f"m{number}lid")
        client.logout()
    response = sign_up(client, django_capture_on_commit_callbacks, email="late@example.org", username="laat")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


def test_password_reset_mail_in_dutch_and_rate_limited(client, member, django_capture_on_commit_callbacks):
    for _attempt in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/account/password/reset/", {"email": "fatima@example.org"})
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    assert "wachtwoord" in mail.outbox[0].body.lower()
    assert "/account/password/reset/key/" in mail.outbox[0].body
    response = client.post("/account/password/reset/", {"email": "fatima@example.org"})
    assert response.status_code == 429


def test_a_failing_mail_server_loses_no_account_mail(client, member, django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/account/password/reset/", {"email": "fatima@example.org"})
    assert response.status_code == 302
    stored = OutboxEmail.objects.get(kind="account", to="fatima@example.org")
    assert stored.status == "failed"
    assert stored.next_attempt_at is not None  # tried again later by send_outbox
    assert "/account/password/reset/key/" in stored.body_text


def test_account_pages_speak_dutch(client, member):
    html = client.get("/account/login/").content.decode()
    assert "<h1>Inloggen</h1>" in html and "Gebruikersnaam of e-mailadres" in html
    assert "Ingelogd blijven" in html
    html = client.get("/account/signup/").content.decode()
    assert "Account aanmaken" in html and "Weergavenaam" in html and "Wachtwoord (bevestigen)" in html
    html = client.get("/account/password/reset/").content.decode()
    assert "Wachtwoord vergeten?" in html or "Nieuw wachtwoord" in html
    client.force_login(member)
    for url, text in [
        ("/account/email/", "E-mailadres"),
        ("/account/password/change/", "Wachtwoord wijzigen"),
        ("/account/2fa/", "Twee-factor-authenticatie"),
        ("/account/profiel/", "Je profiel"),
        ("/account/verwijderen/", "Je account verwijderen"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
        assert 'aria-label="Mijn account"' in response.content.decode()


def test_header_shows_login_or_account_links(client, member, home_page):
    html = client.get("/").content.decode()
    assert ">Inloggen</a>" in html and "Uitloggen" not in html
    client.force_login(member)
    html = client.get("/").content.decode()
    assert ">Mijn account</a>" in html and "Uitloggen" in html and ">Inloggen</a>" not in html


def test_changing_the_email_address_needs_verification(client, member, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress

    from tests.accounts.conftest import last_link

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/email/", {"action_add": "", "email": "fatima@nieuw.example"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["fatima@nieuw.example"]
    assert "bevestig" in message.body.lower()
    member.refresh_from_db()
    assert member.email == "fatima@example.org"  # the old address stays until the new one is confirmed
    client.post(last_link(message))
    member.refresh_from_db()
    assert member.email == "fatima@nieuw.example"
    assert EmailAddress.objects.get(user=member).verified
