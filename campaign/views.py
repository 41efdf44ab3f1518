"""The campaign's own views, reached through the routes of its pages (campaign.models.pages)."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from campaign import emails
from campaign.forms import LocalActionForm
from campaign.listing import actions_context
from campaign.models import LocalAction
from core import ratelimit

RATE_LIMIT_SCOPE = "campaign:local_action"


def rate_limit():
    """(registrations, seconds) one client may send; CAMPAIGN_ACTION_RATE_LIMIT overrides the default."""
    return getattr(settings, "CAMPAIGN_ACTION_RATE_LIMIT", (5, 3600))


def _render(page, request, template, extra, status=200):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context, status=status)


def register_action(week, request):
    """GET: the form. POST: store the action, queue the confirmation, then go to the thank-you page (PRG).

    Invalid input renders the form again with its errors (400); a week that has ended takes no registrations
    (410); too many registrations from one client in a short while get a Dutch refusal (429). A filled-in
    honeypot looks like success but stores nothing."""
    template = "campaign/register_action.html"
    if week.is_past:
        return _render(week, request, template, {"closed": True}, status=410 if request.method == "POST" else 200)
    if request.method != "POST":
        return _render(week, request, template, {"form": LocalActionForm(week=week)})
    form = LocalActionForm(request.POST, week=week)
    limit, window = rate_limit()
    if ratelimit.hit(request, RATE_LIMIT_SCOPE, limit, window):
        refusal = _("You have registered many actions in a short while. Please wait an hour and try again.")
        form = LocalActionForm(initial=form.data.dict(), week=week)
        return _render(week, request, template, {"form": form, "refusal": refusal}, status=429)
    thanks_url = week.url + week.reverse_subpage("registered")
    if form.is_spam:
        return redirect(thanks_url)
    if not form.is_valid():
        return _render(week, request, template, {"form": form}, status=400)
    with transaction.atomic():
        action = form.save()
        emails.queue_confirmation(action, request)
    return redirect(thanks_url)


def action_registered(week, request):
    return _render(week, request, "campaign/action_registered.html", {})


def action_detail(week, request, action_id):
    action = LocalAction.objects.approved().filter(week=week, pk=action_id).first()
    if action is None:
        raise Http404
    action.week = week
    return _render(week, request, "campaign/action_detail.html", {"action": action})


def actions_overview(index, request):
    return _render(index, request, "campaign/actions_overview.html", actions_context(index, request))
