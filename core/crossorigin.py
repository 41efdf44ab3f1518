"""Refuse posts that a browser sends from another site, for views that take posts without a CSRF token.

A page from the shared page cache cannot carry a token per visitor, so some of its forms post without one
(``csrf_exempt``). Browsers still say where a post comes from: ``Sec-Fetch-Site`` (every current browser) and
``Origin`` (on every cross-origin post). ``cross_site_refused`` turns away a post from another origin that is not
in ``CSRF_TRUSTED_ORIGINS``, as Django's CSRF check does with the Origin header, without needing a cookie or a
token. A request without either header (an old browser, a script) is let through: it is no forgery by a browser.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import is_same_domain
from django.utils.module_loading import import_string

SAME = {"same-origin", "none"}  # "none": typed in the address bar or opened from a bookmark


def _trusted(origin, request):
    """The site's own origin, or one of CSRF_TRUSTED_ORIGINS (``https://*.example.org`` for its subdomains)."""
    if origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        scheme, _, host = trusted.partition("://")
        if host.startswith("*.") and scheme == parts.scheme and is_same_domain(parts.netloc, host[1:]):
            return True
    return False


def is_cross_site(request):
    """True when a browser says this request was made by a page of another origin."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    origin = request.headers.get("Origin")
    if fetch_site in SAME:
        return False
    if origin is not None:
        return not _trusted(origin, request)
    return fetch_site in ("same-site", "cross-site")


def cross_site_refused(view):
    """Decorate a ``csrf_exempt`` view: a cross-site POST gets Django's CSRF failure page (403)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            failure = import_string(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="Cross-site request refused (Origin / Sec-Fetch-Site)")
        return view(request, *args, **kwargs)

    return wrapper
