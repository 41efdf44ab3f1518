"""Metadata on every public page (templates/components/meta.html, core/templatetags/meta_tags.py): a plain-text
description of at most 160 characters, a canonical link, Open Graph and Twitter card tags with the share image."""

import re
from html import unescape

import pytest
from django.test import Client
from wagtail.models import Page

from core.models import ContentPage
from core.templatetags.meta_tags import plain


def meta(html, attribute, name):
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return [unescape(value) for value in found]


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]*)"', html)


@pytest.fixture
def public_pages(demo):
    """One live, public page of every page type in the demo."""
    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def test_every_page_type_has_a_description_canonical_and_share_tags(public_pages):
    client = Client()
    assert len(public_pages) > 15
    for page in public_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        (description,) = meta(html, "name", "description")
        assert 20 <= len(description) <= 160, (page.url, description)
        assert "<" not in description and "&lt;" not in description
        assert set(canonical(html)) == {f"http://localhost{page.url}"}, page.url
        assert meta(html, "property", "og:url") == [f"http://localhost{page.url}"]
        assert meta(html, "property", "og:title") == [page.seo_title or page.title]
        assert meta(html, "property", "og:description") == [description]
        assert meta(html, "property", "og:type") == ["website" if page.depth == 2 else "article"]
        assert meta(html, "name", "twitter:card") == ["summary_large_image"]
        (image,) = meta(html, "property", "og:image")
        assert image.startswith(f"http://localhost/deelafbeelding/{page.pk}.png?v="), image


def test_the_share_image_in_the_tags_is_served(public_pages):
    client = Client()
    page = next(page for page in public_pages if isinstance(page, ContentPage))
    (image,) = meta(client.get(page.url).content.decode(), "property", "og:image")
    response = client.get(image.removeprefix("http://localhost"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_the_description_comes_from_the_search_description_then_the_summary(home_page):
    page = ContentPage(
        title="Over ons",
        slug="over-ons",
        introduction="<p>Wij helpen <b>organisaties</b> &amp; gemeenten om meer mensen te laten meedoen.</p>",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = Client().get(page.url).content.decode()
    assert meta(html, "name", "description") == ["Wij helpen organisaties & gemeenten om meer mensen te laten meedoen."]
    page.search_description = "Zoekmachines lezen dit."
    page.save_revision().publish()
    html = Client().get(page.url).content.decode()
    assert meta(html, "name", "description") == ["Zoekmachines lezen dit."]


def test_long_text_is_cut_at_a_word_within_160_characters():
    text = "<p>" + " ".join(["vrijwilligerswerk"] * 30) + "</p>"
    cut = plain(text)
    assert len(cut) <= 160 and cut.endswith("vrijwilligerswerk…")
    assert plain("<p>Kort.</p><p>Twee zinnen.</p>") == "Kort. Twee zinnen."


def test_views_that_are_not_pages_get_a_description_and_a_canonical_link_without_the_query(demo):
    html = Client().get("/zoeken/", {"q": "vrijwilligers", "page": "1"}).content.decode()
    (description,) = meta(html, "name", "description")
    assert "tips" in description and len(description) <= 160
    assert canonical(html) == ["http://localhost/zoeken/"]
    assert meta(html, "property", "og:type") == ["website"]
    assert not meta(html, "property", "og:image")
    assert meta(html, "name", "twitter:card") == ["summary"]


def test_a_later_page_of_a_list_is_its_own_canonical_page(demo):
    index = Page.objects.get(slug="verhalen").specific
    html = Client().get(index.url, {"page": "2", "utm_source": "nieuwsbrief"}).content.decode()
    assert canonical(html) in (["http://localhost/verhalen/?page=2"], ["http://localhost/verhalen/"])
    assert "utm_source" not in canonical(html)[0]


@pytest.mark.parametrize("number", ["¹", "²³", "٣", "9" * 40])
def test_a_page_number_int_cannot_read_leaves_the_canonical_link_without_it(demo, number):
    """str.isdigit() accepts superscripts and other digits that int() refuses: ?page=¹ was a 500 on every page."""
    for url in ("/", Page.objects.get(slug="verhalen").url):
        response = Client().get(url, {"page": number})
        assert response.status_code in (200, 404), url  # a list may answer 404 for a page it does not have
        if response.status_code == 200:
            assert canonical(response.content.decode()) == [f"http://localhost{url}"]


def test_a_route_with_its_own_subject_describes_that_subject(rf):
    from django.template import Context, Template

    class Tip:
        title = "Vraag mensen persoonlijk"
        summary = "<p>Een persoonlijke vraag werkt beter dan een oproep.</p>"

    request = rf.get("/tips/verzameling/vraag-mensen-persoonlijk/")
    html = Template("{% include 'components/meta.html' %}").render(
        Context({"request": request, "meta_object": Tip(), "canonical_url": "https://example.org/tip/"})
    )
    assert meta(html, "name", "description") == ["Een persoonlijke vraag werkt beter dan een oproep."]
    assert meta(html, "property", "og:title") == ["Vraag mensen persoonlijk"]
    assert canonical(html) == ["https://example.org/tip/"]
    assert meta(html, "property", "og:type") == ["website"]
