"""Absolute links point where the site is served: HOST/PORT for `make run`, SITE_URL in production."""

import os
import subprocess
import sys
from io import StringIO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from icalendar import Calendar
from wagtail.models import Site

from expeditions.models import ExpeditionIndexPage
from knowledgeboost.models import OutboxEmail, SessionPage
from knowledgeboost.registrations import register
from stories.models import StoryPage
from tips.models import Tip


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seeding_with_host_and_port_points_every_absolute_link_there(demo, client, django_capture_on_commit_callbacks):
    seed("--host", "127.0.0.1", "--port", "8123")
    served_at = "http://127.0.0.1:8123/"

    story = StoryPage.objects.live().first()
    html = client.get(story.url).content.decode()
    assert f'<link rel="canonical" href="{served_at}{story.url.lstrip("/")}">' in html

    tip = Tip.objects.filter(page__live=True).select_related("page").first()
    html = client.get(tip.url).content.decode()
    assert f'href="{served_at}{tip.url.lstrip("/")}" data-copy-link' in html, "the copy-link share link"
    assert quote(served_at, safe="") in html, "the e-mail, LinkedIn and WhatsApp share links"

    lessons_index = ExpeditionIndexPage.objects.live().first()
    feed = client.get(lessons_index.url + "lessen/rss/").content.decode()
    assert f"<link>{served_at}" in feed

    session = SessionPage.objects.live().filter(capacity__isnull=True).upcoming().first()
    calendar = client.get(session.url + "agenda/").content
    (event,) = Calendar.from_ical(calendar).walk("VEVENT")
    assert str(event["url"]) == f"{served_at}{session.url.lstrip('/')}"

    with django_capture_on_commit_callbacks(execute=True):
        register([session.pk], {"name": "Nieuw Gezicht", "email": "nieuw@example.org", "organisation": "Buurthuis"})
    email = OutboxEmail.objects.get(to="nieuw@example.org")
    assert f"{served_at}{session.url.lstrip('/')}" in email.body_text, "the session link in the confirmation"
    assert f"{served_at}kennisboost/afmelden/" in email.body_text, "the cancel link in the confirmation"

    for text in (html, feed, calendar.decode(), email.body_text):
        assert "http://localhost" not in text


def test_a_later_run_with_another_port_moves_the_demo_site(demo, client):
    seed("--host", "127.0.0.1", "--port", "8123")
    output = seed("--host", "127.0.0.1", "--port", "8124")

    assert "Demo site now at http://127.0.0.1:8124 (was http://127.0.0.1:8123)" in output
    site = Site.objects.get(root_page=demo.home)
    assert (site.hostname, site.port, site.is_default_site) == ("127.0.0.1", 8124, True)
    assert Site.objects.count() == 1
    story = StoryPage.objects.live().first()
    assert f'<link rel="canonical" href="http://127.0.0.1:8124{story.url}">' in client.get(story.url).content.decode()


@pytest.mark.parametrize(
    ("site_url", "hostname", "port", "root_url"),
    [
        ("https://kennisplatform.nl", "kennisplatform.nl", 443, "https://kennisplatform.nl"),
        ("https://Kennisplatform.NL/", "kennisplatform.nl", 443, "https://kennisplatform.nl"),
        ("http://kennisplatform.example", "kennisplatform.example", 80, "http://kennisplatform.example"),
        ("http://intranet.example:8080", "intranet.example", 8080, "http://intranet.example:8080"),
    ],
)
def test_configure_site_takes_the_address_from_site_url(home_page, settings, site_url, hostname, port, root_url):
    settings.SITE_URL = site_url
    out = StringIO()
    call_command("configure_site", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    assert f"Default site now at {root_url} (was http://localhost)" in out.getvalue()
    assert home_page.get_full_url() == f"{root_url}/"

    again = StringIO()
    call_command("configure_site", stdout=again)
    assert f"already at {root_url}" in again.getvalue()


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("", "SITE_URL is not set"),
        ("kennisplatform.nl", "not an absolute http:// or https:// URL"),
        ("https://kennisplatform.nl/kennis/", "bare address of the site root"),
        ("https://kennisplatform.nl:8443", "https only on port 443"),
        ("http://kennisplatform.nl:99999", "not a valid URL"),
    ],
)
def test_configure_site_refuses_an_address_wagtail_cannot_link_to(home_page, settings, site_url, message):
    settings.SITE_URL = site_url
    with pytest.raises(CommandError, match=message):
        call_command("configure_site", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80), "the site is left as it was"


def test_production_settings_read_site_url_from_the_environment():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "kennisplatform.nl",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SITE_URL": "https://kennisplatform.nl",
    }
    env.pop("WAGTAILADMIN_BASE_URL", None)
    script = "import config.settings.production as s; print(s.SITE_URL); print(s.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["https://kennisplatform.nl", "https://kennisplatform.nl"], (
        "configure_site and the admin's notification e-mails use the configured address"
    )
