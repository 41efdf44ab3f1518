"""Views behind the routes of the knowledgeboost pages, and the signed cancel link."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knowledgeboost import ratelimit
from knowledgeboost.forms import RegistrationForm
from knowledgeboost.ical import build_calendar
from knowledgeboost.models import Registration, RegistrationStatus
from knowledgeboost.registrations import RegistrationClosed, cancel, register
from knowledgeboost.tokens import (
    confirmation_token,
    outcomes_from_confirmation_token,
    registration_id_from_cancel_token,
)


def state_message(session, state):
    """Why a session does not take registrations, in words a visitor understands."""
    if state == "cancelled":
        return _("“%(title)s” has been cancelled. You cannot register any more.") % {"title": session.title}
    if state == "past":
        return _("“%(title)s” has taken place. You cannot register any more.") % {"title": session.title}
    if state == "not_yet_open":
        opens = formats.date_format(timezone.localtime(session.registration_opens_at), "j F Y, H:i")
        return _("Registration for “%(title)s” opens on %(date)s.") % {"title": session.title, "date": opens}
    return _("Registration for “%(title)s” is closed.") % {"title": session.title}


def rate_limited_message():
    return _("You have tried to register many times in a short while. Please wait a minute and try again.")


def registration_page(request, page, sessions, multiple, extra_context=None):
    """GET shows the page with its form; POST registers. Used by session pages and week pages."""
    open_sessions = [session for session in sessions if session.registration_is_open]
    form = None
    refusal = ""
    status = 200
    if request.method == "POST":
        if not open_sessions:
            target = sessions[0] if len(sessions) == 1 else page
            refusal = state_message(target, sessions[0].registration_state() if len(sessions) == 1 else "closed")
            status = 400
        elif ratelimit.hit(request):
            form = RegistrationForm(request.POST, sessions=sessions, multiple=multiple)
            refusal = rate_limited_message()
            status = 429
        else:
            form = RegistrationForm(request.POST, sessions=sessions, multiple=multiple)
            if form.is_spam:
                return redirect(page.url + page.reverse_subpage("confirmation"))
            if form.is_valid():
                try:
                    results = register([session.pk for session in form.chosen_sessions()], form.person())
                except RegistrationClosed as closed:
                    refusal = state_message(closed.session, closed.state)
                    status = 400
                else:
                    query = urlencode({"t": confirmation_token(results)})
                    return redirect(f"{page.url}{page.reverse_subpage('confirmation')}?{query}")
            else:
                status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    if form is None and open_sessions:
        form = RegistrationForm(sessions=sessions, multiple=multiple)
    context = {
        "form": form,
        "refusal": refusal,
        "sessions": sessions,
        "open_sessions": open_sessions,
        "privacy_page": _privacy_page(request),
        **(extra_context or {}),
    }
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


def _privacy_page(request):
    from wagtail.models import Site

    from core.models import SiteSettings

    site = Site.find_for_request(request)
    return SiteSettings.for_site(site).privacy_page if site else None


@never_cache
def confirmation_page(request, page):
    outcomes = outcomes_from_confirmation_token(request.GET.get("t", ""))
    registrations = Registration.objects.filter(public_id__in=list(outcomes)).select_related("session")
    items = sorted(
        ({"registration": r, "session": r.session, "outcome": outcomes[str(r.public_id)]} for r in registrations),
        key=lambda item: item["session"].start,
    )
    context = {"page": page, "self": page, "items": items, "request": request}
    return TemplateResponse(request, "pages/registration_confirmation.html", context)


def calendar_feed(request, sessions, name, filename):
    response = HttpResponse(build_calendar(sessions, name=name, request=request), content_type="text/calendar")
    response["Content-Type"] = "text/calendar; charset=utf-8"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token):
    """The signed link in every email: GET asks for confirmation, POST cancels (no login needed)."""
    public_id = registration_id_from_cancel_token(token)
    registration = (
        Registration.objects.filter(public_id=public_id, anonymised_at__isnull=True).select_related("session").first()
        if public_id
        else None
    )
    context = {"registration": registration, "done": False, "promoted": []}
    if registration is None:
        return TemplateResponse(request, "knowledgeboost/cancel.html", context, status=404)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        registration, _promoted, changed = cancel(registration.public_id)
        context.update(registration=registration, done=changed)
    return TemplateResponse(request, "knowledgeboost/cancel.html", context)
