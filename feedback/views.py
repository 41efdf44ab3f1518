"""The evaluation form behind the signed link, and the answer to "Was deze pagina nuttig?"."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from core import ratelimit
from core.crossorigin import cross_site_refused
from feedback import conf, evaluations, usefulness
from feedback.forms import EvaluationForm, PageVoteForm
from feedback.models import PageVote

EVALUATION_RATE_LIMIT = (20, 600)


def _private(response):
    """The signed link is in the address: no referrer to other sites, not indexed."""
    response["Referrer-Policy"] = "same-origin"  # no-referrer would send "Origin: null" and fail the CSRF check
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def evaluation(request, token):
    try:
        item = evaluations.evaluation_from_token(token)
    except evaluations.LinkExpired:
        return _private(render(request, "feedback/evaluation_link.html", {"expired": True}, status=410))
    if item is None:
        return _private(render(request, "feedback/evaluation_link.html", {"expired": False}, status=404))

    context = {"evaluation": item, "event": item.event.specific}
    if item.is_answered:
        context["thanks"] = request.GET.get("bedankt") == "1"
        return _private(render(request, "feedback/evaluation_answered.html", context))

    form = EvaluationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if ratelimit.hit(request, "feedback-evaluation", *EVALUATION_RATE_LIMIT):
            context["refusal"] = _("Too many attempts from your connection. Please try again in a few minutes.")
            status = 429
        elif form.is_valid():
            stored = evaluations.answer(
                item,
                mark=form.cleaned_data["mark"],
                useful=form.cleaned_data["useful"].strip(),
                better=form.cleaned_data["better"].strip(),
            )
            url = request.path + ("?bedankt=1" if stored else "")
            return _private(redirect(url))
        else:
            status = 400
    context["form"] = form
    return _private(render(request, "feedback/evaluation_form.html", context, status=status))


def _vote_page(page_id):
    return get_object_or_404(Page.objects.live().public().specific(), pk=page_id)


# No CSRF token: the form sits on pages that every anonymous visitor gets from the shared page cache, so it cannot
# carry a token per visitor. A forged request could only add one anonymous vote, which anyone can do without a
# victim: it touches no account, session or personal data (no cookie is set, no address stored), the page and
# path are checked by routing them again, and votes are rate-limited per client (FEEDBACK_VOTE_RATE_LIMIT).
@csrf_exempt
@cross_site_refused  # browsers' posts from other sites (core.crossorigin)
@require_POST
def page_vote(request, page_id):
    page = _vote_page(page_id)
    path = request.POST.get("path", "")
    if not usefulness.is_valid_target(page, path, request):
        raise Http404
    form = PageVoteForm(request.POST)
    context = {"page_title": page.title, "path": path, "page_id": page.pk, "form": form}
    if ratelimit.hit(request, "feedback-vote", *conf.vote_rate_limit()):
        context["refusal"] = _("Too many answers from your connection. Please try again later.")
        return render(request, "feedback/vote_form.html", context, status=429)
    if not form.is_valid():
        return render(request, "feedback/vote_form.html", context, status=400)
    PageVote.objects.create(
        page=page, path=path, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"].strip()
    )
    response = HttpResponseRedirect(f"{reverse('feedback:vote_thanks', args=[page.pk])}?{urlencode({'terug': path})}")
    response.status_code = 303  # See Other: the thanks page is fetched with GET
    return response


def vote_thanks(request, page_id):
    page = _vote_page(page_id)
    back = request.GET.get("terug", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = page.url or "/"
    return render(request, "feedback/vote_thanks.html", {"page_title": page.title, "back": back})
