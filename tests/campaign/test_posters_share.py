"""The share image (og:image) of pages and the text card other sections use."""

import io

from django.urls import reverse
from PIL import Image
from wagtail.models import PageViewRestriction

from campaign.posters.engine import render_text_card
from campaign.posters.share import share_image_url
from core.factories import ContentPageFactory


def _image(content):
    return Image.open(io.BytesIO(content))


def test_text_card_is_a_link_preview_png_by_default():
    image = _image(render_text_card(title="Zo werf je nieuwe vrijwilligers", subtitle="Tips"))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_text_card_other_formats_and_a_very_long_title_do_not_fail():
    title = "Vrijwilligersorganisatieondersteuningsprogramma " * 30
    image = _image(render_text_card(title=title, subtitle="x" * 2000, format_key="square"))
    assert image.size == (1080, 1080)


def test_share_image_of_a_live_public_page(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Vrijwilligers werven in je gemeente")
    response = client.get(reverse("share_image", args=[page.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert _image(response.content).size == (1200, 630)


def test_share_image_with_the_current_version_is_kept_long(client, home_page):
    page = ContentPageFactory(parent=home_page)
    page.save_revision().publish()
    page.refresh_from_db()
    response = client.get(share_image_url(page))
    assert response.status_code == 200
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_share_image_is_cached_per_published_version(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Eerste titel")
    page.save_revision().publish()
    first = client.get(reverse("share_image", args=[page.pk])).content
    assert client.get(reverse("share_image", args=[page.pk])).content == first
    page.title = "Een heel andere titel voor deze pagina"
    page.save_revision().publish()
    assert client.get(reverse("share_image", args=[page.pk])).content != first


def test_share_image_refuses_drafts_restricted_unknown_and_root(client, home_page):
    draft = ContentPageFactory(parent=home_page, live=False)
    restricted = ContentPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    for page_id in (draft.pk, restricted.pk, 999999, 1):
        assert client.get(reverse("share_image", args=[page_id])).status_code == 404
    assert client.post(reverse("share_image", args=[home_page.pk])).status_code == 405
