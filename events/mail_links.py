"""Links in mails that work without a login, for every app that sends mail through the outbox.

- ``sign`` / ``read`` (a string) and ``sign_object`` / ``read_object`` (a small JSON value): ``Signer`` tokens
  without expiry, each kind of link under its own salt, so a link of one kind never opens another. The signature is
  the authorisation. The format is Django's own, so links in mails that were sent before stay valid.
- ``absolute_url``: a path as an address for mails (the site's public address).
- ``unsubscribe_headers``: ``List-Unsubscribe`` (RFC 2369) with one-click ``List-Unsubscribe-Post`` (RFC 8058).
- ``link_view``: for the views behind those links (unsubscribe, manage, confirm): GET, HEAD and POST, without a CSRF
  token (a mail client's RFC 8058 one-click POST has none; a forger cannot know the token), never indexed, and the
  token never leaves in a Referer.
"""

import functools

from django.conf import settings
from django.core import signing
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

ONE_CLICK = "List-Unsubscribe=One-Click"


def sign(salt, value):
    return signing.Signer(salt=salt).sign(value)


def read(salt, token):
    """The signed string, or None when the token was tampered with."""
    try:
        return signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        return None


def sign_object(salt, value):
    return signing.Signer(salt=salt).sign_object(value)


def read_object(salt, token):
    """The signed value, or None when the token was tampered with (or is no JSON)."""
    try:
        return signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def absolute_url(path):
    """An address for mails: WAGTAILADMIN_BASE_URL (the site's public address), else the default site's root."""
    if not path or path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if not base:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else ""
    return base.rstrip("/") + path


def unsubscribe_headers(url):
    """The headers that let a mail client unsubscribe in one click (none without an address)."""
    if not url:
        return {}
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": ONE_CLICK}


def private(response):
    """A page opened from a link with a token: never indexed, and the token never leaves in a Referer."""
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def link_view(view):
    """A view behind a signed link in a mail (see the module's docstring): GET asks, POST acts."""

    @csrf_exempt
    @require_http_methods(["GET", "HEAD", "POST"])
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapped
