"""Generic views of the registration flow; a section calls them from its page routes and URLconf.

* ``registration_page(request, page, events, multiple, extra_context)``: GET shows ``page`` with the form,
  POST registers for ``events`` (pages of one registered type) and redirects to the page's
  ``confirmation`` route (a ``RoutablePageMixin`` route named "confirmation").
* ``register_for_page(request, page_id)`` (``events:register``): where the forms post. A page that takes
  registrations has ``registration_response(request)``, which calls ``registration_page``; its own route calls it
  too. This view needs no CSRF token, so the page with the form can come from the shared page cache.
* ``confirmation_page(request, page, event_type)``: the outcomes after the redirect (signed, one hour).
* ``calendar_feed(request, events, name, filename)``: an iCalendar response.
* ``cancel_registration(request, token, event_type)``: the signed cancel link of every email; mount it as
  ``path("…/afmelden/<str:token>/", cancel_registration, {"event_type": "app.pagemodel"}, name="cancel")``.

Templates: the section's ``<app>/cancel.html`` and ``<app>/registration_confirmation.html`` when present,
else ``events/…``; the page's own template renders the form (``components/events/registration_form.html``).
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.models import Page

from core import ratelimit
from core.crossorigin import cross_site_refused
from events import conf, registry
from events.ical import build_calendar
from events.models import RegistrationStatus
from events.registrations import RegistrationClosed, cancel, register
from events.tokens import confirmation_token, outcomes_from_confirmation_token, registration_id_from_cancel_token


def state_message(event, state):
    """Why an event does not take registrations, in words a visitor understands."""
    if state == "cancelled":
        return _("“%(title)s” has been cancelled. You cannot register any more.") % {"title": event.title}
    if state == "past":
        return _("“%(title)s” has taken place. You cannot register any more.") % {"title": event.title}
    if state == "not_yet_open":
        opens = formats.date_format(timezone.localtime(event.registration_opens_at), "j F Y, H:i")
        return _("Registration for “%(title)s” opens on %(date)s.") % {"title": event.title, "date": opens}
    return _("Registration for “%(title)s” is closed.") % {"title": event.title}


def rate_limited_message():
    return _("You have tried to register many times in a short while. Please wait a minute and try again.")


def rate_limit_hit(request, event_type):
    """Count one registration attempt per client IP; True when the client is over the limit."""
    limit, window = conf.rate_limit()
    return ratelimit.hit(request, f"{event_type.salt_prefix}:registration", limit, window)


def _event_type(value):
    if isinstance(value, str):
        return registry.for_label(value)
    return value


def registration_page(request, page, events, multiple, extra_context=None):
    """GET shows the page with its form; POST registers. Used by event pages and by pages listing events.

    ``extra_context``: a dict, or a function returning one, called only when the page is shown (not for a
    registration that succeeds and redirects)."""
    event_type = registry.for_page(events[0]) if events else None
    form_class = event_type.form_class if event_type else None
    open_events = [event for event in events if event.registration_is_open]
    form = None
    refusal = ""
    status = 200
    if request.method == "POST":
        if not open_events:
            target = events[0] if len(events) == 1 else page
            refusal = state_message(target, events[0].registration_state() if len(events) == 1 else "closed")
            status = 400
        elif rate_limit_hit(request, event_type):
            form = form_class(request.POST, sessions=events, multiple=multiple)
            refusal = rate_limited_message()
            status = 429
        else:
            form = form_class(request.POST, sessions=events, multiple=multiple)
            if form.is_spam:
                return redirect(page.url + page.reverse_subpage("confirmation"))
            if form.is_valid():
                try:
                    chosen = [event.pk for event in form.chosen_sessions()]
                    results = register(event_type.page_model, chosen, form.person())
                except RegistrationClosed as closed:
                    refusal = state_message(closed.event, closed.state)
                    status = 400
                else:
                    query = urlencode({"t": confirmation_token(results, event_type)})
                    return redirect(f"{page.url}{page.reverse_subpage('confirmation')}?{query}")
            else:
                status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    if form is None and open_events:
        form = form_class(sessions=events, multiple=multiple)
    context = {
        "form": form,
        "refusal": refusal,
        "sessions": events,
        "open_sessions": open_events,
        "events": events,
        "open_events": open_events,
        "privacy_page": _privacy_page(request),
        **((extra_context() if callable(extra_context) else extra_context) or {}),
    }
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


# No CSRF token: the form sits on the event's page, which every anonymous visitor gets from the shared page cache,
# so it cannot carry a token per visitor. A registration belongs to the address typed in the form, not to the
# visitor's session or account (neither is read), so a forged post could do no more than anyone can do by posting
# the form themselves: the address gets a confirmation with a link to cancel. Browsers' posts from other sites are
# still refused (core.crossorigin: Origin and Sec-Fetch-Site), posts are rate-limited per client and the honeypot
# field turns bots away.
@csrf_exempt
@cross_site_refused
@never_cache
def register_for_page(request, page_id):
    """POST: register for the event(s) of the page ``page_id``; GET (a reload, a login's ``next``): the page."""
    page = get_object_or_404(Page.objects.live().specific(), pk=page_id)
    if not hasattr(page, "registration_response"):
        raise Http404
    if request.method != "POST":
        return redirect(page.url)

    # Wagtail's own serve hooks run as when the page itself is shown, so its privacy settings (login, password,
    # groups) hold: the same steps as wagtail.views.serve, with the page's registration as the last link.
    def registration_chain(page, request, args, kwargs):
        return page.registration_response(request)

    chain = registration_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})


def _privacy_page(request):
    from wagtail.models import Site

    from core.models import SiteSettings

    # for_request: the page cache middleware has put the site's settings on the request (no query); for_site would
    # read them again on every form shown or sent.
    site = Site.find_for_request(request)
    return SiteSettings.for_request(request).privacy_page if site else None


@never_cache
def confirmation_page(request, page, event_type):
    event_type = _event_type(event_type)
    outcomes = outcomes_from_confirmation_token(request.GET.get("t", ""), event_type)
    registrations = (
        event_type.registrations().filter(public_id__in=list(outcomes)).select_related(event_type.event_field)
    )
    items = sorted(
        ({"registration": r, "event": r.event, "outcome": outcomes[str(r.public_id)]} for r in registrations),
        key=lambda item: item["event"].start,
    )
    context = {"page": page, "self": page, "items": items, "request": request}
    return TemplateResponse(request, event_type.template_names("registration_confirmation.html"), context)


def calendar_feed(request, events, name, filename):
    response = HttpResponse(build_calendar(events, name=name, request=request), content_type="text/calendar")
    response["Content-Type"] = "text/calendar; charset=utf-8"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token, event_type):
    """The signed link in every email: GET asks for confirmation, POST cancels (no login needed)."""
    event_type = _event_type(event_type)
    public_id = registration_id_from_cancel_token(token, event_type)
    registration = (
        event_type.registrations()
        .filter(public_id=public_id, anonymised_at__isnull=True)
        .select_related(event_type.event_field)
        .first()
        if public_id
        else None
    )
    context = {"registration": registration, "event": registration.event if registration else None}
    context.update(done=False, promoted=[])
    templates = event_type.template_names("cancel.html")
    if registration is None:
        return TemplateResponse(request, templates, context, status=404)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        registration, _promoted, changed = cancel(event_type.registration_model, registration.public_id)
        context.update(registration=registration, event=registration.event, done=changed)
    return TemplateResponse(request, templates, context)
