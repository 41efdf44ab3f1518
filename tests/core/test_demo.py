from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision

from core.models import Audience, ContentPage, CustomImage, HomePage, SiteSettings, Theme, User
from expeditions.models import ExpeditionLeader, ExpeditionPage, LessonPage, Organisation
from knowledgeboost.models import SessionPage
from search.models import SearchDocument
from tips.models import Tip, TipCollectionPage

DEMO_MODELS = (
    Page,
    Revision,
    Theme,
    Audience,
    CustomImage,
    Group,
    ExpeditionPage,
    LessonPage,
    ExpeditionLeader,
    Organisation,
    SessionPage,
    TipCollectionPage,
    Tip,
    SearchDocument,
)


def run_seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


@pytest.mark.django_db
def test_seed_demo_on_a_fresh_database_builds_everything_once():
    """The one test that seeds an empty database itself (the others share the session's demo)."""
    assert not HomePage.objects.exists(), "starts from the migrated, empty database"
    first = run_seed()
    after_first = counts()
    assert "Created" in first
    assert all(after_first.values()), f"every section adds demo content: {after_first}"
    second = run_seed()
    assert "nothing changed" in second
    assert counts() == after_first


def test_seed_demo_again_on_the_demo_changes_nothing(demo):
    before = counts()
    assert "nothing changed" in run_seed()
    assert counts() == before


def test_seed_demo_builds_the_dutch_site(demo, client):
    home = HomePage.objects.get()
    assert home == demo.home
    assert Theme.objects.filter(name="Ervaringsdeskundigheid").exists()
    assert Audience.objects.filter(name="Gemeenten").exists()
    titles = set(ContentPage.objects.values_list("title", flat=True))
    assert {"Privacyverklaring", "Toegankelijkheidsverklaring"} <= titles
    site_settings = SiteSettings.objects.get()
    assert site_settings.privacy_page.title == "Privacyverklaring"
    html = client.get(home.url).content.decode()
    assert "Toegankelijkheidsverklaring" in html  # footer link
    assert not User.objects.filter(is_staff=True).exists(), "seed_demo must not create editors unless asked"
    assert not User.objects.exclude(password__startswith="!").exists(), "demo members cannot log in with a password"


def test_every_page_seed_demo_creates_answers_200(demo, client):
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert pages.count() >= 4
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"


def test_admin_flag_creates_one_superuser_and_prints_password_once(demo, client):
    out = run_seed("--admin")
    password = out.split("password: ")[1].split()[0]
    assert User.objects.get(username="admin").is_superuser
    assert client.login(username="admin", password=password)
    again = run_seed("--admin")
    assert "password:" not in again
    assert User.objects.filter(is_superuser=True).count() == 1


def test_demo_fixture_changes_are_rolled_back_per_test_part_1(demo):
    """Two tests that would see each other's change if the demo were not rolled back per test."""
    assert ContentPage.objects.filter(title="Privacyverklaring").update(title="Gewijzigd") == 1


def test_demo_fixture_changes_are_rolled_back_per_test_part_2(demo):
    assert ContentPage.objects.filter(title="Privacyverklaring").exists()
    assert not ContentPage.objects.filter(title="Gewijzigd").exists()


@pytest.mark.django_db
def test_tests_without_the_demo_fixture_never_see_the_demo():
    assert not HomePage.objects.exists()
