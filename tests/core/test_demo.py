import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.models import Audience, ContentPage, HomePage, SiteSettings, Theme, User


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def run_seed(*args):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    first = run_seed()
    counts = {model: model.objects.count() for model in (Page, Theme, Audience)}
    second = run_seed()
    assert "Created" in first
    assert "nothing changed" in second
    assert {model: model.objects.count() for model in counts} == counts


@pytest.mark.django_db
def test_seed_demo_builds_the_dutch_site(seeded, client):
    home = HomePage.objects.get()
    assert Theme.objects.filter(name="Ervaringsdeskundigheid").exists()
    assert Audience.objects.filter(name="Gemeenten").exists()
    titles = set(ContentPage.objects.values_list("title", flat=True))
    assert {"Privacyverklaring", "Toegankelijkheidsverklaring"} <= titles
    site_settings = SiteSettings.objects.get()
    assert site_settings.privacy_page.title == "Privacyverklaring"
    html = client.get(home.url).content.decode()
    assert "Toegankelijkheidsverklaring" in html  # footer link
    assert not User.objects.exists(), "seed_demo must not create users unless asked"


@pytest.mark.django_db
def test_every_page_seed_demo_creates_answers_200(seeded, client):
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert pages.count() >= 4
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"


@pytest.mark.django_db
def test_admin_flag_creates_one_superuser_and_prints_password_once(client):
    out = run_seed("--admin")
    password = out.split("password: ")[1].split()[0]
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="admin", password=password)
    again = run_seed("--admin")
    assert "password:" not in again
    assert User.objects.filter(is_superuser=True).count() == 1
