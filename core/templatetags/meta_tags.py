"""What templates/components/meta.html puts in every page's head: description, canonical link, Open Graph and
Twitter card tags with a share image.

Views that are not Wagtail pages (or routes of a page with their own subject, such as a tip's permalink) set any
of these in their context to override what the page would give: ``meta_title``, ``meta_description``,
``canonical_url``, ``meta_type`` (``website`` or ``article``); or ``meta_object``, any object with a ``title`` and
a ``summary`` (or ``search_description``/``introduction``), for a route that shows one object of its own.
"""

import contextlib
import html
import re

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.text import is_plain_number

register = template.Library()

DESCRIPTION_LENGTH = 160


def plain(value, length=DESCRIPTION_LENGTH):
    """Plain text of (rich) text on one line, at most ``length`` characters (cut at a word, with …)."""
    text = html.unescape(strip_tags(re.sub(r"<(?:/p|br\s*/?|/li|/h\d)>", " ", str(value or ""))))
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return f"{cut}…"


def page_description(page):
    if page is None:
        return ""
    for name in ("search_description", "summary", "listing_summary", "introduction", "hero_text"):
        value = getattr(page, name, "")
        text = plain(value)
        if text:
            return text
    return ""


def _version(page):
    stamp = page.last_published_at or page.latest_revision_created_at or page.first_published_at
    return str(round(stamp.timestamp() * 1_000_000)) if stamp else "0"


def share_image_path(page):
    """The share image of a page (campaign.posters' ``share_image`` view), with the page's version so it may be
    cached for long; empty when that view is not installed."""
    try:
        path = reverse("share_image", args=[page.pk])
    except NoReverseMatch:
        return ""
    return f"{path}?v={_version(page)}"


def absolute(request, path):
    """``path`` on the site's own address (as page URLs are made), not on whatever host the request named."""
    from wagtail.models import Site

    site = Site.find_for_request(request)  # kept on the request by the page cache middleware: no query
    if site is not None:
        return site.root_url.rstrip("/") + path
    return request.build_absolute_uri(path)


def _canonical(context, request, page):
    if context.get("canonical_url"):
        return context["canonical_url"]
    if request is None:
        return page.full_url if page is not None else ""
    path = request.path
    if page is not None:
        page_url = page.get_url(request)
        if page_url and (page_url == path or page_url.endswith(path)):
            full = page.get_full_url(request)
            if full:
                path = None
                url = full
    if path is not None:
        url = absolute(request, path)
    number = request.GET.get("page", "")
    if is_plain_number(number) and int(number) > 1:
        url = f"{url}?page={int(number)}"
    return url


@register.simple_tag(takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    if page is not None and not hasattr(page, "pk"):
        page = None
    site_name = ""
    site_settings = context.get("settings")
    with contextlib.suppress(Exception):  # no site for this request: the default name
        site_name = site_settings.core.SiteSettings.organisation_name if site_settings else ""
    site_name = site_name or "Kennisplatform"
    subject = context.get("meta_object")
    title = (
        context.get("meta_title")
        or getattr(subject, "title", "")
        or (page and (page.seo_title or page.title))
        or site_name
    )
    description = plain(context.get("meta_description", "")) or page_description(subject) or page_description(page)
    if not description:
        description = _(
            "%(site)s: tips, lessons, stories and sessions for inclusive volunteering in the Netherlands."
        ) % {"site": site_name}
    canonical = _canonical(context, request, page)
    image = ""
    if page is not None and getattr(page, "live", False):
        path = share_image_path(page)
        if path:
            image = absolute(request, path) if request is not None else path
    is_home = page is not None and page.depth is not None and page.depth <= 2
    meta_type = context.get("meta_type") or ("article" if page is not None and not is_home else "website")
    return {
        "title": title,
        "site_name": site_name,
        "description": description,
        "canonical": canonical,
        "image": image,
        "type": meta_type,
        "modified": getattr(page, "last_published_at", None) if meta_type == "article" else None,
    }
