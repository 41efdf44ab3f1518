"""'Waarderen': a counter per item, one appreciation per browser, rate-limited per IP.

Apps make their models appreciable with a Wagtail hook (no import of this app needed)::

    @hooks.register("register_appreciable_model")
    def appreciable_stories():
        return StoryPage

The model needs a classmethod ``public_search_queryset()`` (or, for pages, ``objects.live().public()`` is
used) so only public items can be appreciated. The browser remembers what it appreciated in a strictly
functional cookie that lists item keys only: no identifiers, no personal data, nothing to track.
"""

import re

from django.conf import settings
from wagtail import hooks
from wagtail.models import Page

from core import ratelimit

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


def rate_limited(request):
    """Count this request for the client; True when it went over the limit in the current window."""
    return ratelimit.hit(request, "tips:appreciate", RATE_LIMIT, RATE_WINDOW)
