"""The shared links in mails (``events.mail_links``): the newsletter's and the community's unsubscribe links.

Links in mails that were sent before the two shared one module must keep working: the tokens below were made by
the code as it was before (same salts, same format), under a fixed SECRET_KEY.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import notifications
from community.factories import ForumPageFactory, MemberFactory, TopicFactory
from community.models import Follow, NotificationSettings
from events import mail_links
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory
from newsletter import tokens
from newsletter.models import Subscriber

OLD_SECRET_KEY = "old-links-must-keep-working-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PUBLIC_ID = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")
OLD_NEWSLETTER_UNSUBSCRIBE = f"{PUBLIC_ID}:ZcwF0IHjiNdpHBt-Fqu9vLvYTDOpJofPgk-F3O91OQQ"
OLD_NEWSLETTER_MANAGE = f"{PUBLIC_ID}:dnAL1kykyeaEsC4FtLMnFY_zwcEDKysTD9Wbgh9XxUo"
OLD_COMMUNITY_ALL = "eyJ1Ijo0MX0:bTfEojl5rErs7arrviYB2bHqqJ2mFvbv3LN_pGXUimw"  # user 41, all mail
OLD_COMMUNITY_FOLLOW = "eyJ1Ijo0MSwiZiI6N30:JxjwjX7KinpNO568fvd1kMmlph6yruTGr3YcWxDISYM"  # user 41, follow 7
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def old_key(settings):
    settings.SECRET_KEY = OLD_SECRET_KEY


@pytest.fixture
def mail_client():
    """A mail client's one-click POST: no cookies, no CSRF token."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def subscriber(db):
    return Subscriber.objects.create(
        public_id=PUBLIC_ID,
        email="sam@example.nl",
        consent_text="Ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


def one_click(client, url):
    return client.post(url, ONE_CLICK, content_type="application/x-www-form-urlencoded")


def test_the_newsletter_makes_the_same_tokens_as_before(old_key, subscriber):
    assert tokens.unsubscribe_token(subscriber) == OLD_NEWSLETTER_UNSUBSCRIBE
    assert tokens.manage_token(subscriber) == OLD_NEWSLETTER_MANAGE
    assert tokens.read_unsubscribe_token(OLD_NEWSLETTER_UNSUBSCRIBE) == str(PUBLIC_ID)
    # each kind of link has its own salt: a manage token does not unsubscribe
    assert tokens.read_unsubscribe_token(OLD_NEWSLETTER_MANAGE) is None


def test_an_old_newsletter_link_still_unsubscribes_in_one_click(old_key, subscriber, mail_client, home_page):
    url = reverse("newsletter:unsubscribe", args=[OLD_NEWSLETTER_UNSUBSCRIBE])
    asked = mail_client.get(url)
    assert asked.status_code == 200 and "Afmelden voor de nieuwsbrief" in asked.content.decode()
    assert asked["X-Robots-Tag"] == "noindex" and asked["Referrer-Policy"] == "no-referrer"
    response = one_click(mail_client, url)
    assert response.status_code == 200 and "Je bent afgemeld" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_community_makes_the_same_tokens_as_before(old_key):
    assert notifications.unsubscribe_token(41) == OLD_COMMUNITY_ALL
    assert notifications.unsubscribe_token(41, 7) == OLD_COMMUNITY_FOLLOW
    assert notifications.read_unsubscribe_token(OLD_COMMUNITY_FOLLOW) == (41, 7)
    assert notifications.read_unsubscribe_token(OLD_NEWSLETTER_UNSUBSCRIBE) is None


def test_an_old_community_link_still_stops_the_follow_in_one_click(old_key, mail_client, home_page):
    member = MemberFactory(id=41, username="bram")
    forum = ForumPageFactory(parent=NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page)))
    followed = Follow.objects.create(id=7, user=member, thread=TopicFactory(forum=forum, author=member))
    url = reverse("community_unsubscribe", args=[OLD_COMMUNITY_FOLLOW])
    asked = mail_client.get(url)
    assert asked.status_code == 200 and asked["Referrer-Policy"] == "no-referrer"
    assert one_click(mail_client, url).status_code == 200
    assert not Follow.objects.filter(pk=followed.pk).exists()
    # the other old link switches all notification mail off
    assert one_click(mail_client, reverse("community_unsubscribe", args=[OLD_COMMUNITY_ALL])).status_code == 200
    assert NotificationSettings.objects.get(user=member).email_enabled is False


@pytest.mark.parametrize(
    "url",
    [
        reverse("newsletter:unsubscribe", args=[f"{PUBLIC_ID}:nietgetekend"]),
        reverse("community_unsubscribe", args=["eyJ1Ijo0MX0:nietgetekend"]),
    ],
)
def test_a_tampered_link_is_refused_and_other_methods_are_not_allowed(db, home_page, mail_client, url):
    refused = one_click(mail_client, url)
    assert refused.status_code == 400 and refused["X-Robots-Tag"] == "noindex"
    assert mail_client.put(url).status_code == 405


def test_the_headers_offer_one_click_only_with_an_address():
    assert mail_links.unsubscribe_headers("https://example.nl/afmelden/x/") == {
        "List-Unsubscribe": "<https://example.nl/afmelden/x/>",
        "List-Unsubscribe-Post": ONE_CLICK,
    }
    assert mail_links.unsubscribe_headers("") == {}


def test_absolute_url_takes_the_public_address_else_the_default_site(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = "https://kennisplatform.example/"
    assert mail_links.absolute_url("/nieuwsbrief/") == "https://kennisplatform.example/nieuwsbrief/"
    assert mail_links.absolute_url("https://elders.example/x") == "https://elders.example/x"
    settings.WAGTAILADMIN_BASE_URL = ""
    assert mail_links.absolute_url("/nieuwsbrief/") == "http://localhost/nieuwsbrief/"
