import pytest
from django.test import RequestFactory

from core.demo import DemoBuilder
from core.demo_content import seed_core
from tips.demo import seed_tips
from tips.factories import TipCollectionPageFactory, TipFactory
from tips.models import Tip, TipCollectionPage
from tips.wagtail_hooks import newest_tips


@pytest.mark.django_db
def test_home_section_shows_newest_public_tips(home_page, tip_index, django_assert_max_num_queries):
    collection = TipCollectionPageFactory(parent=tip_index, slug="nieuw")
    collection.save_revision().publish()
    for number in range(6):
        TipFactory(page=collection, title=f"Tip {number}")
    draft = TipCollectionPageFactory(parent=tip_index, live=False)
    TipFactory(page=draft, title="Geheim")
    request = RequestFactory().get("/")
    with django_assert_max_num_queries(6):
        section = newest_tips(home_page, request)
        items = [(tip.title, tip.url) for tip in section.items]
    assert section.order == 30
    assert str(section.title) == "Nieuwste tips"
    assert items[0] == ("Tip 0", f"/tips/nieuw/{Tip.objects.get(title='Tip 0').slug}/")
    assert len(items) == 4
    assert section.more_url == "/tips/alle/"


def test_demo_imports_the_80_tips_collection_once(demo):
    collection = TipCollectionPage.objects.get(slug="tips-van-lokale-initiatieven-voor-gemeenten")
    assert collection.live
    assert collection.tips.count() >= 20
    assert {tip.themes.first().name for tip in collection.tips.all() if tip.themes.exists()} >= {"Werving", "Inclusie"}
    assert TipCollectionPage.objects.count() == 2
    assert collection.occasion_date.year == 2015
    assert "Stimuland" in collection.organisers

    tips_before = Tip.objects.count()
    again = DemoBuilder()
    seed_core(again)
    seed_tips(again)
    assert again.created == 0
    assert Tip.objects.count() == tips_before
    assert Tip.objects.count() == sum(page.tips.count() for page in TipCollectionPage.objects.all())


def test_a_demo_seeded_with_the_old_slug_moves_to_the_new_one_and_the_old_address_redirects(
    demo, client, django_capture_on_commit_callbacks
):
    """Demos seeded when the collection was called "80 tips" keep their page and tips under the slug that matches
    the title; links to the old address still arrive."""
    collection = TipCollectionPage.objects.get(slug="tips-van-lokale-initiatieven-voor-gemeenten")
    collection.slug = "80-tips-voor-gemeenten-en-lokale-initiatieven"
    collection.save_revision().publish()
    tips_before = collection.tips.count()

    again = DemoBuilder()
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records the redirect after the commit
        seed_core(again)
        seed_tips(again)

    collection.refresh_from_db()
    assert collection.slug == "tips-van-lokale-initiatieven-voor-gemeenten"
    assert collection.tips.count() == tips_before
    assert TipCollectionPage.objects.count() == 2
    response = client.get("/tips/80-tips-voor-gemeenten-en-lokale-initiatieven/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/tips/tips-van-lokale-initiatieven-voor-gemeenten/")
