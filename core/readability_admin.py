"""The admin-only JSON endpoint behind the live readability panel (core/static/core/js/readability.js).

Registered with Wagtail's ``register_admin_urls`` hook: Wagtail's admin URLs require admin access."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from core.ratelimit import hit
from core.readability import MAX_TEXT_LENGTH, analyse

# The panel posts at most once per pause in typing; this only stops a script hammering the endpoint.
RATE_LIMIT = 600
RATE_WINDOW = 600


@require_POST
def readability_view(request):
    """The readability of the posted ``text`` (plain text, one paragraph per line)."""
    from core.readability_panels import analysis_payload

    if hit(request, "readability", RATE_LIMIT, RATE_WINDOW):
        return JsonResponse({"error": _("Too many checks in a short time. Wait a few minutes.")}, status=429)
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT_LENGTH:
        return JsonResponse({"error": _("The text is too long to check at once.")}, status=400)
    return JsonResponse(analysis_payload(analyse(text)))


@hooks.register("register_admin_urls")
def readability_urls():
    return [path("leesbaarheid/", readability_view, name="core_readability")]
