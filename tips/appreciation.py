"""'Waarderen': a counter per item, one appreciation per browser, rate-limited per IP.

Apps make their models appreciable with a Wagtail hook (no import of this app needed)::

    @hooks.register("register_appreciable_model")
    def appreciable_stories():
        return StoryPage

The model needs a classmethod ``public_search_queryset()`` (or, for pages, ``objects.live().public()`` is
used) so only public items can be appreciated. The browser remembers what it appreciated in a strictly
functional cookie that lists item keys only: no identifiers, no personal data, nothing to track.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from wagtail import hooks
from wagtail.models import Page

HOOK_NAME = "register_appreciable_model"
COOKIE_NAME = "waarderingen"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
COOKIE_MAX_KEYS = 200
KEY_PATTERN = re.compile(r"^[a-z_]+\.[a-z0-9_]+:\d+$")
RATE_LIMIT = getattr(settings, "APPRECIATION_RATE_LIMIT", 30)
RATE_WINDOW = getattr(settings, "APPRECIATION_RATE_WINDOW", 10 * 60)


def registry():
    """{'app_label.model_name': model} of every appreciable model."""
    models = {}
    for fn in hooks.get_hooks(HOOK_NAME):
        model = fn()
        models[model._meta.label_lower] = model
    return models


def get_model(label):
    return registry().get(label)


def public_queryset(model):
    if hasattr(model, "public_search_queryset"):
        return model.public_search_queryset()
    if issubclass(model, Page):
        return model.objects.live().public()
    return model.objects.none()


def key_for(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def appreciated_keys(request):
    raw = request.COOKIES.get(COOKIE_NAME, "")
    return [key for key in raw.split("|") if KEY_PATTERN.match(key)][-COOKIE_MAX_KEYS:]


def has_appreciated(request, obj):
    return request is not None and key_for(obj) in appreciated_keys(request)


def remember(response, request, obj):
    keys = [key for key in appreciated_keys(request) if key != key_for(obj)]
    keys.append(key_for(obj))
    response.set_cookie(
        COOKIE_NAME,
        "|".join(keys[-COOKIE_MAX_KEYS:]),
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def client_ip(request):
    """The client's address. X-Forwarded-For is only believed for the proxies we run ourselves.

    With APPRECIATION_TRUSTED_PROXIES = 1 (one reverse proxy in front of gunicorn) the last address that proxy
    appended is used; anything further left could be forged by the client.
    """
    trusted = getattr(settings, "APPRECIATION_TRUSTED_PROXIES", 0)
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def _client_fingerprint(request):
    # Only a hash of the address is used as a short-lived cache key; it is never stored in the database.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]


def rate_limited(request):
    """Count this request for the client's IP; True when it went over the limit in the current window."""
    key = f"tips:appreciate:{_client_fingerprint(request)}"
    cache.add(key, 0, timeout=RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT
