from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Profile
from accounts.profiles import is_verified
from core.models import User
from events.models import OutboxEmail
from tests.accounts.conftest import PASSWORD, last_link, sign_up


def test_sign_up_verify_and_log_in(client, db, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    page = client.get(response["Location"]).content.decode()
    assert "Verifieer je e-mailadres" in page

    user = User.objects.get(username="noor_b")
    assert user.profile.display_name == "Noor Bakker"
    assert not is_verified(user)
    # The mail went through the shared outbox, in Dutch.
    assert OutboxEmail.objects.filter(kind="account", to="noor@example.org", status="sent").count() == 1
    [message] = mail.outbox
    assert message.to == ["noor@example.org"]
    assert message.subject.startswith("[Kennisplatform] ")
    assert "Hallo" in message.body and "bevestig" in message.body.lower()

    # Until then, logging in is refused with a new verification mail.
    client.logout()
    link = last_link(message)
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "Bevestig" in confirm.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert is_verified(User.objects.get(pk=user.pk))

    response = client.post("/account/login/", {"login": "noor_b", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/profiel/").status_code == 200


def test_unverified_member_cannot_log_in(client, unverified_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/login/", {"login": "joost", "password": PASSWORD})
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert not is_verified(unverified_member)
    assert mail.outbox[0].to == ["joost@example.org"]


def test_log_in_by_email_or_username(client, member):
    assert client.post("/account/login/", {"login": "Fatima@Example.org", "password": PASSWORD}).status_code == 302
    assert is_verified(client.get("/account/profiel/").wsgi_request.user)
    client.post("/account/logout/")
    assert client.post("/account/login/", {"login": "FATIMA", "password": PASSWORD}).status_code == 302


def test_usernames_are_checked(client, member, django_capture_on_commit_callbacks):
    for username, message in [
        ("no", "ten minste 3 tekens"),
        ("met spatie", "letters, cijfers, - en _"),
        ("x" * 31, "maximaal 30 tekens"),
        ("Fatima", "al in gebruik"),
        ("admin", "gereserveerd"),
    ]:
        response = sign_up(
            client, django_capture_on_commit_callbacks, username=username, email=f"{len(username)}@e.org"
        )
        html = response.content.decode()
        assert response.status_code == 200, username
        assert message in html, (username, html[html.find("error-summary") : html.find("error-summary") + 800])
        assert "data-error-summary" in html
    assert not Profile.objects.exclude(user=member).exists()
    assert mail.outbox == []


def test_sign_up_refuses_weak_passwords_and_control_characters(client, db, django_capture_on_commit_callbacks):
    html = sign_up(
        client, django_capture_on_commit_callbacks, password1="12345678", password2="12345678"
    ).content.decode()
    assert "Dit wachtwoord is te kort. Het moet minstens 10 tekens bevatten." in html
    assert "Dit wachtwoord bevat alleen cijfers." in html
    html = sign_up(client, django_capture_on_commit_callbacks, display_name="Noor\x00\x07").content.decode()
    assert "Deze tekst bevat tekens die niet zijn toegestaan." in html
    assert not User.objects.filter(username="noor_b").exists()


def test_logout_needs_a_post(client, member):
    client.force_login(member)
    client.get("/account/logout/")
    assert "_auth_user_id" in client.session
    client.post("/account/logout/")
    assert "_auth_user_id" not in client.session
