import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Profile
from core.factories import UserFactory

PASSWORD = "Zomerse-kennis-2026"  # noqa: S105


@pytest.fixture
def member(db):
    """A verified member with a profile (made like the demo makes them: outside sign-up, so verified)."""
    user = UserFactory(username="fatima", email="fatima@example.org", password=PASSWORD)
    Profile.objects.create(user=user, display_name="Fatima el Amrani")
    return user


@pytest.fixture
def unverified_member(db):
    user = UserFactory(username="joost", email="joost@example.org", password=PASSWORD)
    EmailAddress.objects.filter(user=user).update(verified=False)
    Profile.objects.create(user=user, display_name="Joost")
    return user


def sign_up(client, capture, **overrides):
    data = {
        "email": "noor@example.org",
        "username": "noor_b",
        "display_name": "Noor Bakker",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    with capture(execute=True):
        return client.post("/account/signup/", data)


def last_link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def outbox_subjects():
    return [message.subject for message in mail.outbox]
