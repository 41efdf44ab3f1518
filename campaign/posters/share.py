"""The share image (og:image) of every live, public page: its title and summary (or section) on a text card."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from .engine import render_text_card

CACHE_TIMEOUT = 60 * 60 * 24 * 30


def page_version(page):
    stamp = page.last_published_at or page.latest_revision_created_at or page.first_published_at
    return str(round(stamp.timestamp() * 1_000_000)) if stamp else "0"


def share_image_url(page):
    """The share image's URL with the page's version: it changes whenever the page is published again."""
    return f"{reverse('share_image', args=[page.pk])}?v={page_version(page)}"


def share_subtitle(page):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    for name in ("listing_summary", "search_description", "introduction"):
        value = getattr(specific, name, "") or ""
        text = " ".join(strip_tags(str(value)).split())
        if text:
            return Truncator(text).chars(160)
    if page.depth > 3:
        section = page.get_ancestors().filter(depth=3).first()
        if section is not None:
            return section.title
    return ""


def live_public_page(page_id):
    return Page.objects.live().public().filter(pk=page_id, depth__gt=1).first()


def share_image_png(page):
    """The PNG for `page`, from the cache when this version was drawn before."""
    key = f"posters:share-image:{page.pk}:{page_version(page)}"
    png = cache.get(key)
    if png is None:
        specific = page.specific
        title = getattr(specific, "seo_title", "") or page.title
        png = render_text_card(title=title, subtitle=share_subtitle(page), format_key="link")
        cache.set(key, png, CACHE_TIMEOUT)
    return png
