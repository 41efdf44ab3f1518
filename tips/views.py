from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.caching import memoize
from core.crossorigin import cross_site_refused
from core.forms import TaxonomyFilterForm
from core.models import Audience, Theme
from tips import appreciation
from tips.models import Appreciation, Tip

TIP_PREFETCH = ("themes", "audiences", "tags")


def collection_context(page, request):
    """Context of a tip collection: its tips, filtered by the GET parameters, with their appreciation counts.

    Tips keep their number in the collection when filtered, so "tip 12" means the same tip everywhere.
    """
    form = TaxonomyFilterForm(
        request.GET or None,
        themes=Theme.objects.filter(tips__page=page).distinct(),
        audiences=Audience.objects.filter(tips__page=page).distinct(),
    )
    theme, audience = form.filters()
    if getattr(request, "is_preview", False):
        # A preview shows the unsaved tips held in memory, not the published ones.
        page.assign_tip_slugs()
        all_tips = list(page.tips.all())
        for number, tip in enumerate(all_tips, start=1):
            tip.number = number
        tips = [
            tip
            for tip in all_tips
            if (theme is None or theme in tip.themes.all()) and (audience is None or audience in tip.audiences.all())
        ]
        total = len(all_tips)
    else:
        tips = list(Tip.objects.filter(page=page).with_taxonomy(theme, audience).prefetch_related(*TIP_PREFETCH))
        if form.is_filtered:  # the numbers of the whole collection, kept until its content changes
            order = memoize(request, f"tip-order:{page.pk}", lambda: list(page.tips.values_list("pk", flat=True)))
        else:
            order = [tip.pk for tip in tips]
        numbers = {pk: number for number, pk in enumerate(order, start=1)}
        counts = Appreciation.objects.counts_for(tips)
        for tip in tips:
            tip.number = numbers.get(tip.pk)
            tip.appreciation_count = counts.get(tip.pk, 0)
        total = len(order)
    for tip in tips:
        tip.page = page  # the permalink needs the page; avoid a query per tip
    return {"tips": tips, "tip_total": total, "filter_form": form, "is_filtered": form.is_filtered}


def tip_context(page, request, tip_slug):
    # The tip and its siblings (for the pager and "tip 3 of 12") in one query; its themes, audiences and tags
    # come in one more (core_tags.taxonomy_of, which the taxonomy and the related content share).
    siblings = list(Tip.objects.filter(page=page))
    position = next((i for i, sibling in enumerate(siblings) if sibling.slug == tip_slug), None)
    if position is None:
        raise Http404
    tip = siblings[position]
    tip.page = page
    previous_tip = siblings[position - 1] if position > 0 else None
    next_tip = siblings[position + 1] if position + 1 < len(siblings) else None
    for sibling in (previous_tip, next_tip):
        if sibling is not None:
            sibling.page = page
    return {
        "tip": tip,
        "tip_position": position + 1,
        "tip_total": len(siblings),
        "previous_tip": previous_tip,
        "next_tip": next_tip,
        "canonical_url": tip.get_full_url(request),
        # The meta tags (templates/components/meta.html) describe the tip, not its collection.
        "meta_object": tip,
        "meta_type": "article",
    }


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


# No CSRF token: the button sits on pages that every anonymous visitor gets from the shared page cache, so
# it cannot carry a token per visitor. A forged request could only add one to a public counter, which anyone
# can do anyway without a victim; it touches no account, session or personal data, is rate-limited per client
# (APPRECIATION_RATE_LIMIT) and counted at most once per browser (the `waarderingen` cookie).
@csrf_exempt
@cross_site_refused  # browsers' posts from other sites (core.crossorigin)
@require_POST
def appreciate(request, label, pk):
    """Add one appreciation to a public tip, story or lesson; at most once per browser."""
    model = appreciation.get_model(label)
    if model is None:
        raise Http404
    obj = get_object_or_404(appreciation.public_queryset(model), pk=pk)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = obj.url or "/"

    status = 200
    if appreciation.has_appreciated(request, obj):
        count = Appreciation.objects.counts_for([obj]).get(obj.pk, 0)
        message, level = _("You have already appreciated this. Thank you!"), messages.INFO
        appreciated = True
    elif appreciation.rate_limited(request):
        count = Appreciation.objects.counts_for([obj]).get(obj.pk, 0)
        message, level = _("Too many appreciations from your connection. Please try again later."), messages.ERROR
        appreciated, status = False, 429
    else:
        count = Appreciation.objects.increment(obj)
        message, level = _("Thank you for your appreciation!"), messages.SUCCESS
        appreciated = True

    if _wants_json(request):
        count_text = ngettext("%(counter)s appreciation", "%(counter)s appreciations", count) % {"counter": count}
        response = JsonResponse(
            {"count": count, "count_text": count_text, "appreciated": appreciated, "message": message}, status=status
        )
    else:
        messages.add_message(request, level, message)
        response = redirect(next_url)
    if appreciated and status == 200:
        appreciation.remember(response, request, obj)
    return response
