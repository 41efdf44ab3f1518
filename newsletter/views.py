"""The newsletter's public pages: subscribe, check your mailbox, confirm, change choices, unsubscribe.

No login anywhere. The subscribe form may sit on cached pages (which carry no CSRF token), so its endpoint is
``csrf_exempt``: a forged post changes nothing of the visitor's session and only starts a double opt-in (the
address's owner must click the link in the mail), and it is rate-limited with a honeypot against bots. The other
pages are opened from signed links in mails; the signature is the authorisation (a forger cannot know it), so
they take posts without a CSRF token too, as RFC 8058's one-click unsubscribe requires (``events.mail_links.link_view``,
shared with the community's unsubscribe page).
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import ratelimit
from events.mail_links import link_view
from newsletter import subscriptions, tokens
from newsletter.forms import ChoicesForm, SubscribeForm

SUBSCRIBE_LIMIT = 10  # posts per client per hour
SUBSCRIBE_WINDOW = 60 * 60


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_bot:
            return redirect("newsletter:thanks")
        if ratelimit.hit(request, "newsletter-subscribe", SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW):
            form.is_valid()
            form.add_error(None, _("You tried this too often. Please wait an hour and try again."))
            status = 429
        elif form.is_valid():
            with translation.override("nl"):
                consent_text = str(subscriptions.CONSENT_TEXT)
            subscriptions.subscribe(
                form.cleaned_data["email"],
                form.cleaned_data["themes"],
                form.cleaned_data["audiences"],
                consent_text,
            )
            return redirect("newsletter:thanks")
        else:
            status = 400
    else:
        form = SubscribeForm()
    return TemplateResponse(request, "newsletter/subscribe.html", {"form": form}, status=status)


def thanks(request):
    return TemplateResponse(request, "newsletter/thanks.html", {})


@link_view
def confirm(request, token):
    try:
        public_id = tokens.read_confirm_token(token)
    except tokens.Expired:
        return TemplateResponse(request, "newsletter/confirm.html", {"state": "expired"}, status=400)
    subscriber = subscriptions.subscriber_for(public_id) if public_id else None
    if public_id is None:
        return TemplateResponse(request, "newsletter/confirm.html", {"state": "invalid"}, status=400)
    if subscriber is None:
        return TemplateResponse(request, "newsletter/confirm.html", {"state": "expired"}, status=400)
    state = "confirmed" if subscriber.is_confirmed else "ask"
    if request.method == "POST" and not subscriber.is_confirmed:
        subscriptions.confirm(subscriber)
        state = "done"
    context = {"state": state, "token": token, "manage_url": tokens.manage_path(subscriber)}
    return TemplateResponse(request, "newsletter/confirm.html", context)


def _subscriber_from(token, reader):
    public_id = reader(token)
    if public_id is None:
        return None, True
    return subscriptions.subscriber_for(public_id), False


@link_view
def manage(request, token):
    subscriber, invalid = _subscriber_from(token, tokens.read_manage_token)
    if invalid or subscriber is None:
        context = {"state": "invalid" if invalid else "gone"}
        return TemplateResponse(request, "newsletter/manage.html", context, status=400 if invalid else 404)
    status, saved = 200, False
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            subscriptions.update_choices(subscriber, form.cleaned_data["themes"], form.cleaned_data["audiences"])
            saved = True
        else:
            status = 400
    else:
        form = ChoicesForm(
            initial={"themes": list(subscriber.themes.all()), "audiences": list(subscriber.audiences.all())}
        )
    context = {
        "state": "form",
        "form": form,
        "saved": saved,
        "subscriber": subscriber,
        "unsubscribe_url": tokens.unsubscribe_path(subscriber),
    }
    return TemplateResponse(request, "newsletter/manage.html", context, status=status)


@link_view
def unsubscribe(request, token):
    """GET asks; POST unsubscribes, also RFC 8058's one-click POST (body ``List-Unsubscribe=One-Click``)."""
    subscriber, invalid = _subscriber_from(token, tokens.read_unsubscribe_token)
    if invalid:
        return TemplateResponse(request, "newsletter/unsubscribe.html", {"state": "invalid"}, status=400)
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        state = "done"
    else:
        state = "ask" if subscriber is not None else "done"
    return TemplateResponse(request, "newsletter/unsubscribe.html", {"state": state, "token": token})
